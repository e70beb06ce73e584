"""Offline synthesis: eSpeak NG 1.52 from the wheel, in a child process; WAV files; the cache."""

from __future__ import annotations

import array
import logging
import os
import wave
from pathlib import Path

import espeakng_loader
import pytest

from kiosk.speech.synth import (
    SynthError,
    Synthesizer,
    engine_version,
    library,
    parse_version,
    speech_input,
    voice_for,
)


def test_the_engine_is_eSpeak_NG_1_52_or_later_from_the_wheel(synth):
    info = synth.info()
    assert parse_version(info["version"]) >= (1, 52)
    lib, data = library()
    assert Path(lib).parent == Path(espeakng_loader.__file__).parent  # never the system's 1.51
    assert Path(data).is_dir()
    assert "libespeak-ng" in engine_version()


def test_the_kiosk_languages_have_their_voices():
    assert voice_for("en") == "en"
    assert voice_for("ru") == "ru"
    assert voice_for("zh-Hans") == "cmn"
    assert voice_for("de-AT") == "de"


@pytest.mark.parametrize(
    "language, text",
    [("en", "The Treaty of Aigun."), ("ru", "Айгунский договор."), ("zh-Hans", "瑷珲条约。")],
)
def test_a_wav_in_each_language(synth, language, text):
    path = synth.render(text, language)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        assert 0.3 < w.getnframes() / w.getframerate() < 5
        samples = array.array("h", w.readframes(w.getnframes()))
    assert max(abs(s) for s in samples) > 2000  # speech, not silence


def _bare(phonemes: str) -> str:
    return "".join(c for c in phonemes if c not in "ˈˌ |")


def test_mandarin_reads_tone_digits_as_tones_not_english_numbers(synth):
    # eSpeak NG 1.51 (Debian 12) read "ni3 hao3" as "ni three hao three"
    english_three = synth.phonemes("three", "en")
    assert "θ" in english_three
    pinyin = synth.phonemes("ni3 hao3", "zh-Hans")
    assert "θ" not in pinyin
    assert _bare(pinyin) == _bare(synth.phonemes("你好", "zh-Hans"))  # the same two syllables


def test_a_cache_hit_does_not_synthesize_again(tmp_path):
    s = Synthesizer(tmp_path)
    try:
        first = s.render("Welcome.", "en")
        assert s.syntheses == 1
        assert s.render("Welcome.", "en") == first
        assert s.syntheses == 1
        assert Synthesizer(tmp_path).cached("Welcome.", "en") == first  # a new kiosk too
        # the language, voice, rate and words are all in the key
        assert s.path("Welcome.", "ru") != first
        assert Synthesizer(tmp_path, rate=200).path("Welcome.", "en") != first
        assert s.path("Welcome!", "en") != first
        assert s.path("  Welcome.\n", "en") == first  # the same words for eSpeak
    finally:
        s.close()


def test_files_unused_for_90_days_leave_the_cache_and_a_used_one_stays(tmp_path, caplog):
    """Years of content edits do not fill the disk: a cache hit marks its file as used; what
    no text asked for in 90 days is removed (only the cache's own files)."""
    caplog.set_level(logging.INFO, logger="kiosk.speech.synth")
    s = Synthesizer(tmp_path)
    try:
        said = s.render("Welcome.", "en")
        old = s.render("An old text.", "en")
        other = tmp_path / "notes.txt"  # not the cache's: never touched
        other.write_text("mine")
        day = 86400
        now = old.stat().st_mtime
        for path in (said, old, other):
            os.utime(path, (now - 100 * day, now - 100 * day))
        assert s.render("Welcome.", "en") == said  # asked for again: used now
        assert s.syntheses == 2  # (a hit, not a synthesis)
        size = old.stat().st_size
        assert s.prune(now=now + day) == (1, size)
        assert said.is_file() and not old.exists() and other.is_file()
        assert "removed 1 file not used for 90 days" in caplog.text
        assert s.prune(now=now + day) == (0, 0)
        assert Synthesizer(tmp_path / "no such folder").prune() == (0, 0)  # never raises
    finally:
        s.close()


def test_the_worker_is_started_again_when_it_died(tmp_path):
    s = Synthesizer(tmp_path)
    try:
        s.render("One.", "en")
        assert s._process is not None
        s._process.kill()
        s._process.wait()
        assert s.render("Two.", "en").is_file()
    finally:
        s.close()


def test_an_unknown_voice_is_an_error_not_a_crash(synth):
    with pytest.raises(SynthError, match="no voice"):
        synth.render("Hello.", "xx-Nope")
    assert synth.render("Hello.", "en").is_file()  # the worker goes on


def test_what_espeak_reads():
    assert speech_input("A title\n\n- an item\n- another one.", "en") == (
        "A title.\nan item.\nanother one."
    )
    assert speech_input("1858 · How the Amur", "en") == "1858, How the Amur."
    assert speech_input("瑷珲条约", "zh-Hans") == "瑷珲条约。"
    assert speech_input("«Договор»", "ru") == "«Договор»."
    assert speech_input("Is it?", "en") == "Is it?"
