"""Every class of content mistake gets one located, curator-readable message."""

from __future__ import annotations

import time

import pytest

from kiosk.content import ContentError, load_content


def errors_of(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def test_minimal_content_is_valid(write_content, minimal):
    loaded = load_content(write_content(minimal))
    assert [p.id for p in loaded.model.pages] == ["one", "two"]
    info = loaded.image("pic.png")
    assert (info.format, info.width, info.height) == ("png", 64, 48)


def test_yaml_syntax_error_has_line_and_column(write_content, minimal):
    path = write_content(minimal.replace("  prompt: Touch", "  prompt: Touch: here"))
    assert errors_of(path) == [
        "content.yaml:3:16: the text on line 3 contains ': ' - put the whole text in double quotes: "
        'prompt: "Touch: here"'
    ]


def test_tab_indentation_is_explained(write_content, minimal):
    path = write_content(minimal.replace("  prompt: Touch", "\tprompt: Touch"))
    assert errors_of(path) == ["content.yaml:3:1: line 3 uses a tab to indent: use spaces instead"]


def test_unknown_key_suggests_the_right_one(write_content, minimal):
    path = write_content(minimal.replace("    title: Page one", "    titel: Page one"))
    assert errors_of(path) == [
        "content.yaml:7:5: the 1st page (one), titel: unknown key 'titel' - did you mean 'title'?"
    ]


def test_missing_key(write_content, minimal):
    path = write_content(minimal.replace("    title: Page one\n", ""))
    assert errors_of(path) == [
        "content.yaml:5:5: the 1st page (one), title: is missing; add a line 'title: ...' here"
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(write_content, minimal):
    path = write_content(minimal.replace("  prompt: Touch", "  prompt: Touch\n  colour: red"))
    assert errors_of(path) == [
        "content.yaml:4:3: attract.colour: unknown key 'colour' (allowed here: title, subtitle, prompt, image)"
    ]


def test_duplicate_key_names_both_lines(write_content, minimal):
    path = write_content(
        minimal.replace("    body: First page.", "    body: First page.\n    title: Again")
    )
    assert errors_of(path) == [
        "content.yaml:9:5: the 1st page (one), title: duplicate key 'title' (first at line 7); keep only one of them"
    ]


def test_number_where_text_is_expected(write_content, minimal):
    path = write_content(minimal.replace("title: Page two", "title: 1858"))
    assert errors_of(path) == [
        'content.yaml:11:12: the 2nd page (two), title: expected text, got the number 1858; put it in quotes: "1858"'
    ]


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "true"])
def test_yes_no_words_are_caught(write_content, minimal, word):
    path = write_content(minimal.replace("label: Two", f"label: {word}"))
    assert errors_of(path) == [
        "content.yaml:10:12: the 2nd page (two), label: expected text, but YAML reads yes/no/on/off/true/false "
        "as a yes-or-no value; put the text in quotes"
    ]


def test_empty_value(write_content, minimal):
    path = write_content(minimal.replace("label: Two", "label:"))
    assert errors_of(path) == [
        "content.yaml:10:11: the 2nd page (two), label: is empty; write some text after the colon or remove the key"
    ]


def test_missing_section(write_content, minimal):
    path = write_content(minimal.split("credits:")[0])
    assert errors_of(path) == [
        "content.yaml:1:1: credits: is missing; add a line 'credits: ...' here"
    ]


def test_list_expected(write_content, minimal):
    head = minimal.split("pages:")[0]
    path = write_content(head + "pages: none\ncredits:\n  title: C\n  body: B\n")
    assert errors_of(path) == [
        "content.yaml:4:8: pages: expected a list (one item per line starting with '- '), got text"
    ]


def test_bad_and_duplicate_page_ids(write_content, minimal):
    path = write_content(
        minimal.replace("id: two", "id: one").replace(
            "id: one\n    label: One", "id: One\n    label: One"
        )
    )
    assert errors_of(path) == [
        "content.yaml:5:9: the 1st page (One), id: 'One' is not a usable page id: use lowercase letters, digits "
        "and '-', starting with a letter, at most 32 characters (for example: terms)",
    ]
    path = write_content(minimal.replace("id: two", "id: one"))
    assert errors_of(path) == [
        "content.yaml:9:9: the 2nd page (one), id: the page id 'one' is used twice (first at line 5); "
        "each page needs its own id"
    ]


def test_reserved_page_id(write_content, minimal):
    path = write_content(minimal.replace("id: two", "id: attract"))
    assert errors_of(path) == [
        "content.yaml:9:9: the 2nd page (attract), id: 'attract' is reserved by the kiosk; choose another id"
    ]


def test_all_errors_are_reported_at_once(write_content, minimal):
    text = (
        minimal.replace("title: Page two", "title: 1858")
        .replace("  prompt: Touch", "  promt: Touch")
        .replace("file: pic.png", "file: nothere.png")
    )
    assert errors_of(write_content(text)) == [
        "content.yaml:3:3: attract.promt: unknown key 'promt' - did you mean 'prompt'?",
        'content.yaml:11:12: the 2nd page (two), title: expected text, got the number 1858; put it in quotes: "1858"',
        "content.yaml:14:13: the 2nd page (two), image.file: the picture 'nothere.png' does not exist; "
        "check the name (capitals count) and the folder",
    ]


# --- pictures --------------------------------------------------------------------------


def test_missing_image(write_content, minimal):
    path = write_content(minimal.replace("file: pic.png", "file: Pic.png"))
    assert errors_of(path) == [
        "content.yaml:14:13: the 2nd page (two), image.file: the picture 'Pic.png' does not exist; "
        "check the name (capitals count) and the folder"
    ]


def test_truncated_png(write_content, minimal):
    path = write_content(minimal)
    data = (path.parent / "pic.png").read_bytes()
    (path.parent / "pic.png").write_bytes(data[: len(data) // 2])
    assert errors_of(path) == [
        "content.yaml:14:13: the 2nd page (two), image.file: the picture 'pic.png' is a PNG file that was cut short "
        "(copy it again)"
    ]


def test_file_that_is_not_a_picture(write_content, minimal):
    path = write_content(minimal.replace("file: pic.png", "file: notes.txt"))
    (path.parent / "notes.txt").write_text("this is not a picture, just some words\n")
    assert errors_of(path) == [
        "content.yaml:14:13: the 2nd page (two), image.file: the picture 'notes.txt' is not a picture the kiosk "
        "can show (use PNG, JPEG, GIF or WebP)"
    ]


# --- whole-file problems ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(write_content, text):
    assert errors_of(write_content(text)) == [
        "content.yaml:1:1: the file is empty; start from the content.yaml shipped with the kiosk"
    ]


def test_file_that_is_a_list(write_content):
    assert errors_of(write_content("- one\n- two\n")) == [
        "content.yaml:1:1: the file is a list; it must be made of sections such as 'attract:', "
        "'pages:' and 'credits:' at the start of a line"
    ]


def test_invalid_utf8(write_content, minimal):
    raw = minimal.replace("Page two", "Caf\udce9").encode("utf-8", "surrogateescape")
    assert errors_of(write_content(raw)) == [
        "content.yaml:11:15: the file is not UTF-8 text (byte 0xE9); save it as UTF-8 in your text editor"
    ]


def test_alias_bomb_is_refused_quickly(write_content):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    path = write_content("\n".join(lines) + "\n")
    start = time.perf_counter()
    (msg,) = errors_of(path)
    assert time.perf_counter() - start < 1.0
    assert msg == (
        "content.yaml:7:35: the file uses more than 50 YAML aliases (*name); write the text out in full instead"
    )


def test_expansion_budget_catches_few_aliases_with_big_targets(write_content):
    inner = "[" + ", ".join(["x"] * 900) + "]"
    big = "[" + ", ".join([inner] * 10) + "]"  # 9,000 values (no list over 1,000 items)
    text = f"a: &a {big}\nb: [{', '.join(['*a'] * 12)}]\n"
    (msg,) = errors_of(write_content(text))
    assert msg.startswith("content.yaml:1:") and "more than 50,000 values" in msg


def test_oversized_file_is_refused_quickly(write_content, minimal):
    path = write_content(minimal + "# " + "x" * (6 * 1024 * 1024) + "\n")
    start = time.perf_counter()
    assert errors_of(path) == [
        "content.yaml:1:1: the file is 6.3 MB; a content file may be at most 5 MB - is this the right file?"
    ]
    assert time.perf_counter() - start < 1.0


def test_deep_nesting_is_refused(write_content):
    (msg,) = errors_of(write_content("a: " + "[" * 500 + "]" * 500 + "\n"))
    assert msg.startswith("content.yaml:1:") and "nested more than 40 levels" in msg


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "a: !!python/object:os.system x\n",
            "content.yaml:1:4: YAML tags such as 'tag:yaml.org,2002:python/object:os.system' are not allowed "
            "in a content file",
        ),
        (
            "base: &b {x: 1}\nother:\n  <<: *b\n",
            "content.yaml:3:3: YAML merge keys ('<<') are not allowed in a content file",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "content.yaml:2:1: remove line 2 ('---'): it starts a second document, and a content "
            "file holds one",
        ),
    ],
)
def test_yaml_features_a_content_file_does_not_use(write_content, text, expected):
    assert errors_of(write_content(text)) == [expected]


def test_unreadable_file_is_reported(tmp_path):
    assert errors_of(tmp_path / "missing.yaml") == [
        "content.yaml:1:1: cannot read the file: No such file or directory"
    ]


# --- idle settings ---------------------------------------------------------------------


def _with_idle(minimal, timeout, warning="15"):
    return f"settings:\n  idle:\n    timeout_s: {timeout}\n    warning_s: {warning}\n" + minimal


def test_idle_settings_are_read(write_content, minimal):
    loaded = load_content(write_content(_with_idle(minimal, "60", "10.5")))
    assert (loaded.model.settings.idle.timeout_s, loaded.model.settings.idle.warning_s) == (
        60,
        10.5,
    )
    assert loaded.warnings == ()
    default = load_content(write_content(minimal)).model.settings.idle
    assert (default.timeout_s, default.warning_s) == (90, 15)


@pytest.mark.parametrize(
    "timeout, message",
    [
        ("0", "0 turns idle reset off: the next visitor finds what the last one left"),
        ("2", "2 s is unusual for a kiosk: museums use 60-120 s (at least 5, at most 3600)"),
    ],
)
def test_unusual_idle_timeouts_are_warnings(write_content, minimal, timeout, message):
    loaded = load_content(write_content(_with_idle(minimal, timeout)), display_name="content.yaml")
    assert [str(w) for w in loaded.warnings] == [
        f"content.yaml:3:16: warning: settings.idle.timeout_s: {message}"
    ]


def test_idle_timeouts_over_an_hour_are_errors(write_content, minimal):
    assert errors_of(write_content(_with_idle(minimal, "7200"))) == [
        "content.yaml:3:16: settings.idle.timeout_s: 7200 s is more than an hour: the idle reset would wait "
        "for ever in practice. Museums use 60-120 s (at most 3600; 0 turns the reset off)"
    ]


def test_negative_or_textual_idle_timeouts_are_errors(write_content, minimal):
    assert errors_of(write_content(_with_idle(minimal, "-5"))) == [
        "content.yaml:3:16: settings.idle.timeout_s: must be greater than or equal to 0"
    ]
    assert errors_of(write_content(_with_idle(minimal, "soon"))) == [
        "content.yaml:3:16: settings.idle.timeout_s: expected a number, got text"
    ]


@pytest.mark.parametrize(
    "hours, message",
    [
        (
            "9-17",
            "'9-17' is not opening hours: write them as 09:30-18:00 (24-hour clock), or closed",
        ),
        (
            "18:00-09:00",
            "'18:00-09:00' closes before it opens: write the opening time first, e.g. 09:30-18:00",
        ),
    ],
)
def test_opening_hours_are_explained(write_content, minimal, hours, message):
    path = write_content(f"settings:\n  schedule:\n    mon: {hours}\n" + minimal)
    assert errors_of(path) == [f"content.yaml:3:10: settings.schedule.mon: {message}"]
