"""Audio mode's tests: the null sound output (no sound card needed), a fresh speech cache."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import pytest

from kiosk.speech.synth import Synthesizer


@pytest.fixture(autouse=True)
def _null_output(monkeypatch):
    monkeypatch.setenv("KIOSK_AUDIO", "null")


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    """One synthesizer (one worker process) for a test module."""
    s = Synthesizer(tmp_path_factory.mktemp("speech-cache"))
    yield s
    s.close()


@pytest.fixture
def speech(qtbot, tmp_path):
    """A ``Speech`` in audio mode on the null output, with its own cache."""
    from kiosk.backend.speech import Speech

    s = Speech()
    s.configure(cache=tmp_path / "speech", output="null")
    s.setActive(True)
    yield s
    s.close()


@pytest.fixture
def tone():
    """``tone(path)`` writes a short 440 Hz WAV: a stand-in for a curator's recording."""
    return write_tone


def write_tone(path: Path, seconds: float = 0.3, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for n in range(int(seconds * rate)):
            frames += int(8000 * math.sin(2 * math.pi * 440 * n / rate)).to_bytes(
                2, "little", signed=True
            )
        w.writeframes(bytes(frames))
    return path
