"""Playback for audio mode: one sound at a time through ``miniaudio``, stoppable at once.

The :class:`Player` opens one output (16-bit mono, 44.1 kHz; miniaudio converts to what the
card wants) and keeps it running while audio mode is on, feeding it silence between
utterances, so starting a sound is only handing over a decoder and stopping one only
taking it back: the next period (:data:`PERIOD_MS`) is silent.  Files are decoded while
they play (WAV, MP3, Ogg Vorbis, FLAC, resampled by miniaudio), so a long recording
starts as fast as a short one.

Outputs: PulseAudio when a sound server runs, else ALSA directly (no server needed).
``KIOSK_AUDIO=null`` - and any machine where no output opens (no sound card), said once
in the log - uses miniaudio's null output: it consumes samples in real time and plays
them nowhere, so audio mode and its timing behave the same without a speaker (tests and
benchmarks use it).  ``KIOSK_AUDIO=alsa`` or ``pulse`` chooses one.

The volume is applied in software, in :data:`VOLUME_STEPS` steps of 6 dB (the speaker's
own amplifier sets how loud the loudest step is).  No Qt here: the audio thread reports
an utterance's end through the ``on_end`` callback given to :meth:`Player.play`.
"""

from __future__ import annotations

import array
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from . import DEFAULT_VOLUME, PERIOD_MS, VOLUME_STEPS

log = logging.getLogger(__name__)
SAMPLE_RATE = 44100
STEP_DB = 6.0

_said_no_output = False
_alsa_quiet: list[Any] = []  # ALSA's error handler, kept alive


def gain(step: int) -> int:
    """The volume step's gain as a fraction of 32768 (step 5: 0 dB, each step below 6 dB less)."""
    step = max(1, min(VOLUME_STEPS, step))
    return round(32768 * 10 ** (-STEP_DB * (VOLUME_STEPS - step) / 20))


def apply_gain(samples: array.array[int], g: int) -> array.array[int]:
    if g >= 32768:
        return samples
    return array.array("h", [(s * g) >> 15 for s in samples])


def output_choice() -> str:
    """``KIOSK_AUDIO``: null, alsa, pulse, or auto (the default)."""
    choice = os.environ.get("KIOSK_AUDIO", "auto").strip().lower()
    return choice if choice in ("null", "alsa", "pulse", "auto") else "auto"


def _quiet_alsa() -> None:
    """ALSA prints a screenful to stderr when there is no card; the log says it in one line."""
    if _alsa_quiet:
        return
    import ctypes

    try:
        asound = ctypes.CDLL("libasound.so.2")
        handler_type = ctypes.CFUNCTYPE(
            None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
        )
        handler = handler_type(lambda *_args: None)
        asound.snd_lib_error_set_handler(handler)
        _alsa_quiet.append(handler)
    except (OSError, AttributeError):
        _alsa_quiet.append(None)  # no ALSA here: nothing to quiet


class _Source:
    """One sound being played: its decoder and when its samples reached the output."""

    def __init__(self, stream: Generator[array.array[int], int, None], token: int, on_end: Any):
        self.stream = stream
        self.token = token
        self.on_end = on_end
        self.first_sample_at: float | None = None
        self.last_sample_at: float | None = None
        self.frames = 0


class Player:
    """Plays one sound at a time; thread-safe.  ``open()`` may block (a device opens): call
    it from a worker thread; ``play``, ``stop``, ``set_volume`` return at once."""

    def __init__(self, output: str | None = None):
        self.output = output or output_choice()
        self.backend = ""  # the output in use: "PulseAudio", "ALSA", "Null"
        self.volume = DEFAULT_VOLUME
        self._gain = gain(self.volume)
        self._lock = threading.Lock()  # the source: held by the audio thread while it reads
        self._open_lock = threading.Lock()
        self._device: Any = None
        self._source: _Source | None = None
        # what tests and benchmarks read (perf_counter times)
        self.token: int | None = None  # of the last sound played
        self.path: Path | None = None  # its file
        self.first_sample_at: float | None = None  # its first samples handed to the output
        self.last_sample_at: float | None = None
        self.silent_since: float | None = None  # the first silent period after a sound
        self.frames_played = 0
        self.periods = 0

    # --- the device --------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._device is not None

    def latency(self) -> float:
        """Seconds of sound the output may hold beyond the period being filled (its buffer)."""
        return 3 * PERIOD_MS / 1000

    def open(self) -> None:
        """Open the output (at once if it is open): the chosen one, else the null output."""
        global _said_no_output
        import miniaudio

        with self._open_lock:
            if self._device is not None:
                return
            linux = sys.platform.startswith("linux")
            wanted = {
                "null": [miniaudio.Backend.NULL],
                "alsa": [miniaudio.Backend.ALSA],
                "pulse": [miniaudio.Backend.PULSEAUDIO],
                # elsewhere (Windows: WASAPI ...) miniaudio's own order
                "auto": [miniaudio.Backend.PULSEAUDIO, miniaudio.Backend.ALSA] if linux else [],
            }[self.output]
            if self.output != "null" and linux:
                _quiet_alsa()
            problem = ""
            try:
                device = self._device_for(wanted)
                if self.output != "null" and str(device.backend) == "Null":
                    problem = "no sound card"
            except Exception as e:
                problem = f"{', '.join(b.name.lower() for b in wanted)}: {e}"
                device = self._device_for([miniaudio.Backend.NULL])
            if problem and not _said_no_output:
                log.warning("no sound output (%s): audio mode runs silent", problem)
                _said_no_output = True
            feed = self._feed()
            next(feed)
            device.start(feed)
            self._device = device
            self.backend = str(device.backend)
            log.info("sound output: %s", self.backend)

    def _device_for(self, backends: list[Any]) -> Any:
        import miniaudio

        return miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=SAMPLE_RATE,
            buffersize_msec=PERIOD_MS,
            backends=backends,
            app_name="aigun-kiosk",
        )

    def close(self) -> None:
        """Stop and close the output (audio mode off); ``open`` opens it again."""
        self.stop()
        with self._open_lock:
            device, self._device = self._device, None
            if device is not None:
                device.close()

    # --- sounds ------------------------------------------------------------------------

    def play(self, path: Path, token: int, on_end: Callable[[int], None] | None = None) -> None:
        """Play a sound file instead of whatever plays (``open`` first).  ``on_end(token)``
        is called from the audio thread when it has played to its end (not when stopped).
        Raises ``miniaudio.DecodeError`` for a file it cannot decode."""
        import miniaudio

        stream = miniaudio.stream_file(
            str(path),
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=SAMPLE_RATE,
        )
        source = _Source(stream, token, on_end)
        with self._lock:
            old, self._source = self._source, source
            self.token, self.path = token, path
            self.first_sample_at = self.last_sample_at = None
            self.silent_since = None
        del old  # (its decoder is closed here, never while the audio thread reads it)

    def stop(self) -> None:
        """Silence from the next period on."""
        with self._lock:
            old, self._source = self._source, None
        del old

    @property
    def playing(self) -> bool:
        return self._source is not None

    def set_volume(self, step: int) -> None:
        self.volume = max(1, min(VOLUME_STEPS, step))
        self._gain = gain(self.volume)

    # --- the audio thread --------------------------------------------------------------

    def _feed(self) -> Generator[bytes | array.array[int], int, None]:
        frames = yield b""
        while True:
            frames = yield self._period(frames)

    def _period(self, frames: int) -> bytes | array.array[int]:
        ended: _Source | None = None
        now = time.perf_counter()
        with self._lock:
            self.periods += 1
            source = self._source
            if source is None:
                if self.silent_since is None:
                    self.silent_since = now
                return b""  # miniaudio hands the output silence
            try:
                chunk = source.stream.send(frames)
            except StopIteration:
                chunk = array.array("h")
            except Exception:
                log.exception("a sound could not be decoded to its end")
                chunk = array.array("h")
            if len(chunk):
                if source.first_sample_at is None:
                    source.first_sample_at = self.first_sample_at = now
                source.last_sample_at = self.last_sample_at = now
                source.frames += len(chunk)
                self.frames_played += len(chunk)
                chunk = apply_gain(chunk, self._gain)
            if len(chunk) < frames:  # the end of the sound
                self._source, ended = None, source
        if ended is not None and ended.on_end is not None:
            try:
                ended.on_end(ended.token)
            except Exception:
                log.exception("the end of a sound was not reported")
        return chunk
