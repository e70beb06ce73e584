"""Texts in several languages: located mistakes, missing translations, characters no font has."""

from __future__ import annotations

import pytest

from kiosk import cli
from kiosk.content import ContentError, load_content
from kiosk.content.fonts import coverage, missing_glyphs
from kiosk.content.i18n import pick, resolve

LANGS = """settings:
  languages:
    - {code: en, name: English}
    - {code: ru, name: Русский}
"""


def issues_of(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def two_languages(minimal: str, title: str) -> str:
    return LANGS + minimal.replace("  title: Test exhibit", f"  title:\n{title}")


def test_a_missing_translation_is_a_warning_with_its_line(write_content, minimal):
    path = write_content(two_languages(minimal, "    en: Test exhibit"))
    loaded = load_content(path, display_name="content.yaml")
    assert [str(w) for w in loaded.warnings] == [
        "content.yaml:7:5: warning: attract.title: no text in ru (Русский); visitors who choose it read the "
        "en text. Add a line such as 'ru: ...'"
    ]


def test_check_lists_missing_translations_and_strict_makes_them_errors(
    write_content, minimal, capsys
):
    path = write_content(two_languages(minimal, "    en: Test exhibit"))
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"{path}:7:5: warning: attract.title: no text in ru (Русский)" in out
    assert cli.main(["check", "--strict", str(path)]) == cli.EXIT_CONTENT
    assert "1 warning, and --strict makes it an error" in capsys.readouterr().out


def test_an_unknown_language_code_suggests_the_right_one(write_content, minimal):
    path = write_content(two_languages(minimal, "    en: Test exhibit\n    rus: Выставка"))
    assert issues_of(path) == [
        "content.yaml:7:5: warning: attract.title: no text in ru (Русский); visitors who choose it read the "
        "en text. Add a line such as 'ru: ...'",
        "content.yaml:8:5: attract.title.rus: 'rus' is not one of the languages (en, ru) - did you mean 'ru'? "
        "If not, add it to settings.languages",
    ]


def test_the_default_language_must_be_offered(write_content, minimal):
    path = write_content(LANGS + "  default_language: rus\n" + minimal)
    assert issues_of(path)[0] == (
        "content.yaml:5:21: settings.default_language: 'rus' is not one of the languages (en, ru) - did you "
        "mean 'ru'? If not, add it to settings.languages"
    )


def test_a_wrong_value_in_one_language_points_at_its_line(write_content, minimal):
    path = write_content(two_languages(minimal, "    en: Test exhibit\n    ru: yes"))
    assert issues_of(path) == [
        "content.yaml:8:9: attract.title (ru): expected text, but YAML reads yes/no/on/off/true/false as a "
        "yes-or-no value; put the text in quotes"
    ]


def test_a_character_no_shipped_font_has_is_an_error(write_content, minimal):
    path = write_content(minimal.replace("  prompt: Touch", "  prompt: Touch ☃ here"))
    assert issues_of(path) == [
        "content.yaml:3:11: attract.prompt: no font of the kiosk can show '☃' (U+2603): visitors would see "
        "empty boxes; use other characters, or add them to the fonts with tools/subset_fonts.py"
    ]


def test_the_shipped_fonts_cover_latin_cyrillic_and_chinese():
    have = coverage()
    for ch in "Aé€Жё—«»瑷珲条约尼布楚屯，。《》":
        assert ord(ch) in have, ch
    assert missing_glyphs("Айгунский договор 瑷珲条约 Treaty of Aigun") == []
    assert missing_glyphs("☃ 𓀀 ☃") == ["☃", "𓀀"]


def test_the_shipped_content_is_complete_in_every_language(shipped_content, capsys):
    assert cli.main(["check", "--strict", str(shipped_content)]) == cli.EXIT_OK
    assert "warning" not in capsys.readouterr().out
    loaded = load_content(shipped_content)
    assert [la.code for la in loaded.model.settings.languages] == ["en", "ru", "zh-Hans"]


def test_fallback_fills_every_language():
    assert resolve({"en": "Home", "ru": "В начало"}, ["en", "ru", "zh-Hans"], "en") == {
        "en": "Home",
        "ru": "В начало",
        "zh-Hans": "Home",
    }
    assert resolve("1858", ["en", "ru"], "en") == {"en": "1858", "ru": "1858"}
    assert resolve(None, ["en"], "en") == {"en": ""}
    assert pick({"ru": "Карта"}, "en", "en") == "Карта"  # no default text: the one there is
