"""``kiosk voice``: every text in every language rendered ahead of time; recordings counted;
``--missing`` writes entries a curator can paste under ``recordings:``."""

from __future__ import annotations

import re
import wave

from kiosk import cli
from kiosk.speech.synth import Synthesizer
from kiosk.speech.utterances import utterances

LANGS = """settings:
  languages:
    - {code: en, name: English}
    - {code: ru, name: Русский}
"""


def test_voice_renders_every_text_of_every_language(write_content, minimal, tmp_path, capsys):
    content = LANGS + minimal.replace(
        "    title: Page one", "    title: {en: Page one, ru: Один}"
    ).replace("  title: Test exhibit", "  title: {en: Test exhibit}")
    path = write_content(content)
    out = tmp_path / "voice"
    assert cli.main(["voice", "--content", str(path), "--out", str(out)]) == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"{re.escape(str(path))}: \d+ texts to speak in 2 languages", lines[0])
    assert re.match(r"  en: (\d+) texts - 0 recorded, \1 synthesized \(\1 new\), ", lines[1])
    assert lines[2].startswith("  ru: ")
    assert lines[-1].startswith("texts without a recording: en ")
    # what the screens say, in each language, is in the folder: a kiosk finds it there
    from kiosk.content import load_content

    data = load_content(path).model.model_dump(mode="json")
    said = utterances(data)
    texts = {(u.language, u.text_language, u.text) for u in said}
    assert ("ru", "ru", "Один") in texts
    assert ("ru", "en", "Test exhibit") in texts  # no translation: the English text and voice
    assert ("ru", "ru", "Page two") in texts  # a text for every language: the visitor's voice
    assert ("en", "en", "First page.") in texts
    assert ("ru", "ru", "Русский") in texts and ("en", "ru", "Русский") in texts
    assert not any("{" in u.text for u in said)  # the kiosk's words with {placeholders}: when said
    synth = Synthesizer(out)
    assert all(synth.cached(u.text, u.text_language) for u in said)
    with wave.open(str(synth.cached("Один", "ru")), "rb") as w:
        assert w.getnframes() > 0
    # again: nothing new
    assert cli.main(["voice", "--content", str(path), "--out", str(out)]) == cli.EXIT_OK
    assert "(0 new)" in capsys.readouterr().out


def test_missing_lists_entries_that_kiosk_check_accepts(
    write_content, minimal, tmp_path, tone, capsys
):
    path = write_content(minimal)
    assert (
        cli.main(["voice", "--content", str(path), "--out", str(tmp_path / "v"), "--missing"]) == 0
    )
    out = capsys.readouterr().out
    listed = out[out.index("recordings:") :]
    entries = re.findall(r"  - of: (\S+)\n    language: (\S+)\n    file: (\S+)\n", listed)
    assert ("pages.two.image.caption", "en", "audio/pages-two-image-caption-en.mp3") in entries
    # record two of them (a WAV instead of the MP3 named) and paste them in
    chosen = [e for e in re.split(r"(?=  - of: )", listed) if "pages.two." in e]
    chosen = [e.replace(".mp3", ".wav") for e in chosen[:2]]
    for e in chosen:
        (path.parent / "audio").mkdir(exist_ok=True)
        tone(path.parent / re.search(r"file: (\S+)", e).group(1))
    path.write_text(minimal + "recordings:\n" + "".join(chosen), encoding="utf-8")
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert "warning" not in capsys.readouterr().out
    assert cli.main(["voice", "--content", str(path), "--out", str(tmp_path / "v")]) == 0
    assert re.search(r"  en: \d+ texts - 2 recorded", capsys.readouterr().out)


def test_voice_on_broken_content_exits_1(write_content, minimal, tmp_path, capsys):
    path = write_content(minimal.replace("  prompt: Touch", "  promt: Touch"))
    assert cli.main(["voice", "--content", str(path), "--out", str(tmp_path / "v")]) == 1
    out = capsys.readouterr().out
    assert "unknown key 'promt'" in out and "fix these first" in out
