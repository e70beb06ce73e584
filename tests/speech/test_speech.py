"""The ``Speech`` singleton on the null sound output: say, interrupt, stop, repeat, volume,
reset, recordings first.  No sleeps: the tests wait for what the audio thread reports."""

from __future__ import annotations

import array
import logging
import time

import pytest
from PySide6.QtCore import QObject
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.backend.speech import Speech
from kiosk.content import SnapshotCache, open_content
from kiosk.speech import DEFAULT_VOLUME, VOLUME_STEPS
from kiosk.speech import player as player_module
from kiosk.speech.player import Player, apply_gain, gain

LONG = "This sentence is long enough to be interrupted while it is being spoken aloud."


def heard(speech: Speech, since: float):
    """True once a sound played after ``since`` has reached the output."""
    return lambda: (speech.player.first_sample_at or 0) > since


def test_say_sets_what_was_said_at_once_and_plays_it_to_the_end(qtbot, speech):
    t0 = time.perf_counter()
    with qtbot.waitSignal(speech.lastSpokenChanged, timeout=100):
        speech.say("Hello.", "en")
    assert (speech.lastSpoken, speech.lastSpokenLanguage) == ("Hello.", "en")
    assert speech.speaking
    with qtbot.waitSignal(speech.finished, timeout=5000):
        pass
    assert speech.player.first_sample_at > t0
    assert not speech.speaking
    assert speech.player.backend == "Null"
    assert speech.player.path.parent == speech.synth.folder


def test_nothing_is_said_when_audio_mode_is_off(qtbot, speech):
    speech.setActive(False)
    speech.say("Hello.", "en")
    assert speech.lastSpoken == "" and not speech.speaking
    with qtbot.waitSignal(speech.activeChanged, timeout=100):
        speech.toggle()
    assert speech.active


def test_a_cached_utterance_is_not_synthesized_again(qtbot, speech):
    for _ in range(2):
        with qtbot.waitSignal(speech.finished, timeout=5000):
            speech.say("Welcome.", "en")
    assert speech.synth.syntheses == 1
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.repeat()
    assert speech.synth.syntheses == 1


def test_stop_silences_within_250_ms(qtbot, speech):
    t0 = time.perf_counter()
    speech.say(LONG, "en")
    qtbot.waitUntil(heard(speech, t0), timeout=5000)
    qtbot.waitUntil(lambda: speech.player.last_sample_at > speech.player.first_sample_at)
    stopped = time.perf_counter()
    speech.stop()
    assert not speech.speaking
    qtbot.waitUntil(lambda: (speech.player.silent_since or 0) >= stopped, timeout=1000)
    # the first silent period after stop(), plus what the output's buffer still holds
    assert speech.player.silent_since - stopped + speech.player.latency() <= 0.25
    assert speech.player.last_sample_at <= speech.player.silent_since
    assert not speech.player.playing


def test_a_new_say_interrupts_and_the_old_one_never_finishes(qtbot, speech):
    speech.say(LONG, "en")
    qtbot.waitUntil(heard(speech, 0), timeout=5000)
    finished = []
    speech.finished.connect(lambda: finished.append(speech.lastSpoken))
    t1 = time.perf_counter()
    speech.say("Next.", "en")
    qtbot.waitUntil(heard(speech, t1), timeout=5000)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert finished == ["Next."]


def test_a_recording_wins_over_synthesis(qtbot, speech, tone, write_content, minimal):
    from kiosk.content.recordings import text_sha256

    path = write_content(
        minimal + "recordings:\n  - {of: pages.two.title, language: en, file: two.wav, "
        f"text_sha256: {text_sha256('Page two')[:12]}}}\n"
    )
    tone(path.parent / "two.wav")
    snapshot, issues = open_content(path, SnapshotCache(path.parent / "cache"))
    assert issues == []
    speech.set_snapshot(snapshot)
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("Page two", "en")
    assert speech.player.path == path.parent / "two.wav"
    assert speech.synth.syntheses == 0
    # the same words in another language, or other words: synthesized
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("Page two", "ru")
    assert speech.synth.syntheses == 1


def test_a_recording_that_cannot_be_played_falls_back_to_the_voice(
    qtbot, speech, tone, write_content, minimal, caplog
):
    path = write_content(
        minimal + "recordings:\n  - {of: pages.two.title, language: en, file: two.wav}\n"
    )
    tone(path.parent / "two.wav")
    snapshot, _ = open_content(path, None)
    speech.set_snapshot(snapshot)
    (path.parent / "two.wav").write_bytes(b"RIFF broken since it was checked")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("Page two", "en")
    assert speech.synth.syntheses == 1
    assert "cannot play the recording" in caplog.text


def test_volume_in_steps_and_reset(qtbot, speech):
    assert VOLUME_STEPS >= 3
    assert speech.volume == DEFAULT_VOLUME and speech.volumeSteps == VOLUME_STEPS
    for _ in range(VOLUME_STEPS + 2):
        speech.volumeUp()
    assert speech.volume == VOLUME_STEPS == speech.player.volume
    for _ in range(VOLUME_STEPS + 2):
        speech.volumeDown()
    assert speech.volume == 1 == speech.player.volume
    gains = [gain(step) for step in range(1, VOLUME_STEPS + 1)]
    assert gains == sorted(set(gains)) and gains[-1] == 32768  # louder each step, 0 dB at the top
    assert apply_gain(array.array("h", [1000, -1000]), gain(4)).tolist() == [501, -502]  # -6 dB
    speech.say("Hello.", "en")
    with qtbot.waitSignal(speech.activeChanged, timeout=100):
        speech.reset()
    assert not speech.active and not speech.speaking
    assert speech.volume == DEFAULT_VOLUME
    assert (speech.lastSpoken, speech.lastSpokenLanguage) == ("", "")


def test_no_sound_card_falls_back_to_the_null_output_and_says_so_once(monkeypatch, caplog):
    real = Player._device_for

    def only_null(self, backends):
        if any(b.name != "NULL" for b in backends):
            raise OSError("no card")
        return real(self, backends)

    monkeypatch.setattr(Player, "_device_for", only_null)
    monkeypatch.setattr(player_module, "_said_no_output", False)
    with caplog.at_level(logging.WARNING):
        players = [Player("auto"), Player("alsa")]
        for p in players:
            p.open()
    try:
        assert [p.backend for p in players] == ["Null", "Null"]
        assert caplog.text.count("no sound output") == 1
    finally:
        for p in players:
            p.close()


def test_qml_reaches_the_singleton(qtbot):
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(
        b"import QtQuick\nimport Kiosk.Backend\nQtObject {\n"
        b"  property bool on: Speech.active\n  property int volume: Speech.volume\n"
        b"  property string last: Speech.lastSpoken\n"
        b"  Component.onCompleted: { Speech.toggle(); Speech.say('Hello.', 'en'); Speech.stop() }\n"
        b"}\n",
        "inline.qml",
    )
    item = component.create()
    assert item is not None, component.errorString()
    speech = engine.singletonInstance("Kiosk.Backend", "Speech")
    assert isinstance(speech, Speech)
    assert item.property("on") is True and item.property("last") == "Hello."
    assert item.property("volume") == DEFAULT_VOLUME
    speech.configure(output="null")
    speech.close()
    del item
    engine.deleteLater()


@pytest.mark.parametrize("text", ["", "   \n"])
def test_nothing_to_say_is_nothing(speech, text):
    speech.say(text, "en")
    assert not speech.speaking and speech.lastSpoken == ""


def test_qobject_parent_is_optional():
    assert isinstance(Speech(QObject()), QObject)
