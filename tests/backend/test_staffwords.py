"""The staff panel's wording: complete in every language, plural forms right."""

import pytest

from kiosk.backend.staffwords import WORDS, say, words


@pytest.mark.parametrize("code", sorted(WORDS))
def test_every_language_has_every_word(code):
    assert set(WORDS[code]) == set(WORDS["en"])
    for key, text in WORDS[code].items():
        forms = text if isinstance(text, tuple) else (text,)
        for form in forms:
            assert form.strip()
            # the same placeholders as the English
            english = WORDS["en"][key]
            english = english[0] if isinstance(english, tuple) else english
            assert sorted(p.split("}")[0] for p in form.split("{")[1:]) == sorted(
                p.split("}")[0] for p in english.split("{")[1:]
            ), (code, key)


@pytest.mark.parametrize(
    "n, form",
    [
        (1, "попытка"),
        (2, "попытки"),
        (4, "попытки"),
        (5, "попыток"),
        (11, "попыток"),
        (12, "попыток"),
        (21, "попытка"),
        (22, "попытки"),
    ],
)
def test_russian_counts_take_three_forms(n, form):
    assert say("ru", "wrong", count=n, left=n).endswith(f"{n} {form}")


def test_english_one_and_many():
    assert say("en", "wrong", count=1, left=1) == "Wrong PIN: 1 try left"
    assert say("en", "wrong", count=3, left=3) == "Wrong PIN: 3 tries left"


def test_other_languages_get_english():
    assert words("de") == words("en")
    assert say("de", "locked", seconds=60) == "Locked: try again in 60 s"
    assert say("ru", "") == ""


@pytest.mark.parametrize("code", sorted(WORDS))
def test_the_shipped_fonts_draw_every_word(code):
    from kiosk.content.fonts import missing_glyphs

    text = "".join("".join(v) if isinstance(v, tuple) else v for v in WORDS[code].values())
    assert not missing_glyphs(text)


@pytest.mark.parametrize("code", sorted(WORDS))
def test_the_preview_banner_has_its_words(code):
    """StaffBanner reads them from Staff.words (plain strings only: no plural forms)."""
    assert words(code)["banner"]
    assert "{count}" in words(code)["banner_more"]
