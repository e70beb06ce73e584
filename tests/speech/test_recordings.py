"""Curators' recordings in content.yaml: which text each says, and kiosk check's warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import ContentError, load_content
from kiosk.content.loader import _model_at
from kiosk.content.model import Content, Markdown, TextMark, texts
from kiosk.content.recordings import (
    find_place,
    is_markdown,
    place_name,
    recording_index,
    spoken,
    spoken_key,
    text_sha256,
)

TWO = text_sha256("Page two")[:12]


def with_recordings(minimal: str, *entries: str) -> str:
    return minimal + "recordings:\n" + "".join(entries)


def entry(of="pages.two.title", language="en", file="two.wav", sha: str | None = TWO) -> str:
    out = f"  - of: {of}\n    language: {language}\n    file: {file}\n"
    return out + (f"    text_sha256: {sha}\n" if sha is not None else "")


def issues(path) -> list[str]:
    try:
        return [str(w) for w in load_content(path, display_name="content.yaml").warnings]
    except ContentError as e:
        return [str(i) for i in e.issues]


def test_the_words_count_not_the_markup_nor_the_line_breaks():
    body = "The **treaty** was\nsigned in *1858*.\n\n- Russia\n- China"
    assert spoken(body, True) == "The treaty was signed in 1858.\nRussia\nChina"
    assert spoken_key(spoken(body, True)) == "The treaty was signed in 1858. Russia China"
    assert text_sha256(spoken(body, True)) == text_sha256(
        "The treaty was signed in 1858.\nRussia\nChina"
    )
    assert (
        spoken_key("根据1689年的\n《尼布楚条约》") == "根据1689年的《尼布楚条约》"
    )  # no space in Chinese
    assert text_sha256("Page two") != text_sha256("Page 2")


def test_every_text_of_the_shipped_exhibit_has_a_place_name_that_finds_it(shipped_content):
    data = load_content(shipped_content).model.model_dump(mode="json")
    names = set()
    for loc, _ in texts(Content, data):
        name = place_name(data, loc)
        assert find_place(data, name) == loc, name
        names.add(name)
    assert {"pages.background.body", "map.hotspots.aigun.text", "ui.home", "attract.title"} <= names
    assert "pages.negotiations.image.caption" in names
    assert find_place(data, "pages.nothing.body") is None


def test_is_markdown_names_exactly_the_models_markdown_texts(shipped_content):
    mark = next(m for m in Markdown.__metadata__ if isinstance(m, TextMark))
    data = load_content(shipped_content).model.model_dump(mode="json")
    seen = set()
    for loc, _ in texts(Content, data):
        model = _model_at(loc[:-1])
        field = model.model_fields.get(loc[-1]) if model and isinstance(loc[-1], str) else None
        markdown = field is not None and any(m is mark for m in field.metadata)
        assert is_markdown(loc) == markdown, loc
        seen.add(markdown)
    assert seen == {True, False}


def test_a_current_recording_is_found_by_its_words(tone, write_content, minimal):
    path = write_content(with_recordings(minimal, entry()))
    tone(path.parent / "two.wav")
    loaded = load_content(path)
    assert loaded.warnings == ()
    index = recording_index(loaded.model.model_dump(mode="json"), path.parent)
    assert index == {("en", "Page two"): path.parent / "two.wav"}


def test_a_changed_text_warns_with_the_new_hash_and_is_no_longer_played(
    tone, write_content, minimal
):
    path = write_content(
        with_recordings(minimal.replace("title: Page two", "title: Page 2"), entry())
    )
    tone(path.parent / "two.wav")
    new = text_sha256("Page 2")[:12]
    assert issues(path) == [
        f"content.yaml:23:18: warning: the 1st recording, text_sha256: the text changed since it was "
        f"recorded: record it again, or update text_sha256 to {new}; until then audio mode "
        "speaks it with the kiosk's own voice"
    ]
    loaded = load_content(path)
    assert recording_index(loaded.model.model_dump(mode="json"), path.parent) == {}
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert cli.main(["check", "--strict", str(path)]) == cli.EXIT_CONTENT


def test_a_recording_without_its_hash_is_told_the_hash(tone, write_content, minimal):
    path = write_content(with_recordings(minimal, entry(sha=None)))
    tone(path.parent / "two.wav")
    assert issues(path) == [
        f"content.yaml:20:5: warning: the 1st recording: add 'text_sha256: {TWO}' so that kiosk "
        "check can tell you when the text changes after it was recorded"
    ]


def test_missing_and_unplayable_recordings_are_located_errors(write_content, minimal):
    path = write_content(
        with_recordings(
            minimal,
            entry(file="missing.mp3"),
            entry(of="pages.one.title", file="notes.txt", sha=text_sha256("Page one")),
            entry(of="attract.title", file="voice.opus", sha=text_sha256("Test exhibit")),
        )
    )
    (path.parent / "notes.txt").write_text("not a sound")
    (path.parent / "voice.opus").write_bytes(b"OggS" + b"\0" * 24 + b"OpusHead" + b"\0" * 40)
    assert issues(path) == [
        "content.yaml:22:11: the 1st recording, file: the recording 'missing.mp3' does not exist; "
        "check the name (capitals count) and the folder",
        "content.yaml:26:11: the 2nd recording, file: the recording 'notes.txt' is not a recording "
        "the kiosk can play (use WAV, MP3, Ogg Vorbis or FLAC)",
        "content.yaml:30:11: the 3rd recording, file: the recording 'voice.opus' is Ogg Opus, which "
        "the kiosk cannot play: use Ogg Vorbis, MP3 or WAV",
    ]


def test_a_damaged_wav_is_an_error(write_content, minimal):
    path = write_content(with_recordings(minimal, entry()))
    (path.parent / "two.wav").write_bytes(b"RIFF\x10\0\0\0WAVEfmt \xff\xff\xff\xff")
    assert issues(path) == [
        "content.yaml:22:11: the 1st recording, file: the recording 'two.wav' is a damaged WAV file; "
        "export it again"
    ]


@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"of": "pages.two.titel"},
            "content.yaml:20:9: the 1st recording, of: there is no text 'pages.two.titel' to record - "
            "did you mean 'pages.two.title'? If not, name a text by its place in this file, such as "
            "ui.home (pages, layers and hotspots by their id)",
        ),
        (
            {"language": "ru"},
            "content.yaml:21:15: the 1st recording, language: 'ru' is not one of the languages (en)",
        ),
        (
            {"sha": "xyz"},
            "content.yaml:23:18: the 1st recording, text_sha256: 'xyz' is not a text_sha256: copy the "
            "one kiosk check prints (8 to 64 of the characters 0-9 and a-f)",
        ),
    ],
)
def test_a_recording_of_nothing_is_a_located_error(tone, write_content, minimal, fields, message):
    path = write_content(with_recordings(minimal, entry(**fields)))
    tone(path.parent / "two.wav")
    assert issues(path) == [message]


def test_the_same_text_recorded_twice_is_an_error(tone, write_content, minimal):
    path = write_content(with_recordings(minimal, entry(), entry()))
    tone(path.parent / "two.wav")
    assert issues(path) == [
        "content.yaml:24:5: the 2nd recording: pages.two.title in en is recorded twice (first at "
        "line 20); keep one of them"
    ]


def test_the_kiosks_own_words_can_be_recorded_without_being_in_the_file(
    tone, write_content, minimal
):
    path = write_content(
        with_recordings(minimal, entry(of="ui.home", sha=text_sha256("Home")[:12]))
    )
    tone(path.parent / "two.wav")
    loaded = load_content(path)
    assert loaded.warnings == ()
    index = recording_index(loaded.model.model_dump(mode="json"), Path(path.parent))
    assert ("en", "Home") in index


def test_the_example_in_content_yaml_and_the_readme_is_right(
    shipped_content, shipped_variant, tone
):
    text = shipped_content.read_text(encoding="utf-8")
    start = text.index("# recordings:\n")
    commented = text[start : text.index("\n#\n", start) + 1]
    example = "".join(line[2:].split("  #")[0] + "\n" for line in commented.splitlines())
    path = shipped_variant((commented, example.replace(".mp3", ".wav")))
    (path.parent / "audio").mkdir()
    tone(path.parent / "audio" / "background-en.wav")
    assert load_content(path).warnings == ()  # the file is there, the hash is the text's
    readme = (shipped_content.parent / "README.md").read_text(encoding="utf-8")
    assert "text_sha256: c8c6ea4c376f" in readme and "text_sha256: c8c6ea4c376f" in example
