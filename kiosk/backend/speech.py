"""Audio mode: the kiosk speaks what it shows (issue #13).

``Speech`` is the QML singleton the screens call: ``Speech.say(text, language)`` when
something should be heard - a recording when content.yaml has one for exactly these words
in this language (:mod:`kiosk.content.recordings`), else eSpeak NG's voice from the cache,
synthesized first if need be (:mod:`kiosk.speech.synth`).  A new ``say`` interrupts what
is playing; ``stop`` silences at once (the next audio period, :data:`PERIOD_MS`).

Nothing slow runs on the GUI thread: finding or synthesizing the sound and opening the
sound output happen on one worker thread, whose result comes back by a queued signal; the
sound plays on miniaudio's own thread, which reports the end the same way.  A ``say``
that a later one overtook is dropped wherever it is.  No network is needed.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.speech import DEFAULT_VOLUME, PERIOD_MS, VOLUME_STEPS

from .qttyping import Property

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from kiosk.content.snapshot import Snapshot
    from kiosk.speech.player import Player
    from kiosk.speech.synth import Synthesizer

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

__all__ = ["PERIOD_MS", "Speech"]


def default_cache() -> Path:
    from kiosk.paths import cache_dir

    return cache_dir() / "speech"


class _Parts:
    """What a :class:`Speech` owns that needs closing (made when first needed: the
    kiosk's start-up imports none of it)."""

    def __init__(self) -> None:
        self.executor: ThreadPoolExecutor | None = None
        self.player: Player | None = None
        self.synth: Synthesizer | None = None
        self.cache: Path | None = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None  # (a later say makes a new one)
        if self.player is not None:
            self.player.close()
        if self.synth is not None:
            self.synth.close()


@QmlElement
@QmlSingleton
class Speech(QObject):
    """Audio mode's state and voice.

    Properties: ``active`` (audio mode on), ``speaking``, ``lastSpoken`` and
    ``lastSpokenLanguage`` (set when an utterance starts, before its sound is ready),
    ``volume`` (1 ... ``volumeSteps``).  ``finished`` fires when an utterance has played to
    its end (not when it was interrupted).
    """

    activeChanged = Signal()
    speakingChanged = Signal()
    lastSpokenChanged = Signal()
    volumeChanged = Signal()
    finished = Signal()
    # (internal) from the worker thread: the sound file of utterance N is ready ("" failed)
    _ready = Signal(int, str, bool)
    # (internal) from the audio thread: utterance N played to its end
    _ended = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._active = False
        self._speaking = False
        self._last = ""
        self._last_language = ""
        self._volume = DEFAULT_VOLUME
        self._generation = 0
        self._recordings: dict[tuple[str, str], Path] = {}
        self._parts = _Parts()
        self._ready.connect(self._play)
        self._ended.connect(self._end)
        weakref.finalize(self, self._parts.close)

    @property
    def player(self) -> Player:
        """The sound output (made at first use; opened by audio mode)."""
        if self._parts.player is None:
            from kiosk.speech.player import Player

            self._parts.player = Player()
            self._parts.player.set_volume(self._volume)
        return self._parts.player

    @property
    def synth(self) -> Synthesizer:
        """The synthesizer (made at first use, in the worker thread)."""
        if self._parts.synth is None:
            from kiosk.speech.synth import Synthesizer

            self._parts.synth = Synthesizer(self._parts.cache or default_cache())
            self._parts.synth.prune()  # once a run, in the worker thread: old texts go
        return self._parts.synth

    def _submit(self, fn: Callable[..., Any], *args: Any) -> None:
        if self._parts.executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._parts.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech")
        self._parts.executor.submit(fn, *args)

    # --- set-up (Python) ---------------------------------------------------------------

    def configure(self, *, cache: Path | None = None, output: str | None = None) -> None:
        """Where synthesized speech is cached, and the sound output (``null``, ``alsa``,
        ``pulse``, ``auto``; default: ``KIOSK_AUDIO``). Tests and benchmarks use it."""
        if cache is not None:
            self._parts.cache = Path(cache)
            if self._parts.synth is not None:
                self._parts.synth.folder = Path(cache)
        if output is not None:
            from kiosk.speech.player import Player

            if self._parts.player is not None:
                self._parts.player.close()
            self._parts.player = Player(output)
            self.player.set_volume(self._volume)
            if self._active:
                self._submit(self.player.open)

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """New content: its recordings (the ones whose text is unchanged)."""
        from kiosk.content.recordings import recording_index

        self._recordings = recording_index(snapshot.data, Path(snapshot.source).parent)

    def recording_for(self, text: str, language: str) -> Path | None:
        if not self._recordings:
            return None
        from kiosk.content.recordings import spoken_key

        path = self._recordings.get((language, spoken_key(text)))
        return path if path is not None and path.is_file() else None

    def close(self) -> None:
        """Stops the worker thread, the sound output and the synthesis process."""
        self._generation += 1
        self._parts.close()
        self._set_speaking(False)

    # --- QML ---------------------------------------------------------------------------

    @Property(bool, notify=activeChanged)
    def active(self) -> bool:
        return self._active

    @Property(bool, notify=speakingChanged)
    def speaking(self) -> bool:
        return self._speaking

    @Property(str, notify=lastSpokenChanged)
    def lastSpoken(self) -> str:
        return self._last

    @Property(str, notify=lastSpokenChanged)
    def lastSpokenLanguage(self) -> str:
        return self._last_language

    @Property(int, notify=volumeChanged)
    def volume(self) -> int:
        return self._volume

    @Property(int, constant=True)
    def volumeSteps(self) -> int:
        return VOLUME_STEPS

    @Slot(bool)
    def setActive(self, on: bool) -> None:
        """Audio mode on (the sound output opens in the background) or off (silence)."""
        if on == self._active:
            return
        self._active = on
        if on:
            self._submit(self.player.open)
        else:
            self.stop()
            if self._parts.player is not None:
                self._submit(self._parts.player.close)
        log.info("audio mode %s", "on" if on else "off")
        self.activeChanged.emit()

    @Slot()
    def toggle(self) -> None:
        self.setActive(not self._active)

    @Slot(str, str)
    def say(self, text: str, language: str) -> None:
        """Say ``text`` (plain text as shown, a paragraph a line: for a body, its blocks'
        ``plain`` joined by newlines) in ``language`` (the language the text is written in),
        interrupting whatever plays.  Nothing when audio mode is off."""
        if not self._active or not text.strip():
            return
        self._generation += 1
        self.player.stop()
        if (text, language) != (self._last, self._last_language):
            self._last, self._last_language = text, language
            self.lastSpokenChanged.emit()
        self._set_speaking(True)
        self._submit(self._prepare, self._generation, text, language, True)

    @Slot()
    def stop(self) -> None:
        """Silence now; a sound still being prepared is dropped."""
        self._generation += 1
        if self._parts.player is not None:
            self._parts.player.stop()
        self._set_speaking(False)

    @Slot()
    def repeat(self) -> None:
        """The last utterance again."""
        if self._last:
            self.say(self._last, self._last_language)

    @Slot()
    def volumeUp(self) -> None:
        self._set_volume(self._volume + 1)

    @Slot()
    def volumeDown(self) -> None:
        self._set_volume(self._volume - 1)

    @Slot()
    def reset(self) -> None:
        """For the next visitor: audio mode off, the default volume, nothing to repeat."""
        self.setActive(False)
        self.stop()
        self._set_volume(DEFAULT_VOLUME)
        if self._last or self._last_language:
            self._last = self._last_language = ""
            self.lastSpokenChanged.emit()

    # --- inside ------------------------------------------------------------------------

    def _set_volume(self, step: int) -> None:
        step = max(1, min(VOLUME_STEPS, step))
        if step != self._volume:
            self._volume = step
            if self._parts.player is not None:
                self._parts.player.set_volume(step)
            self.volumeChanged.emit()

    def _set_speaking(self, on: bool) -> None:
        if on != self._speaking:
            self._speaking = on
            self.speakingChanged.emit()

    def _prepare(self, generation: int, text: str, language: str, recorded: bool) -> None:
        """(worker thread) The sound of an utterance: its recording, or speech from the
        cache or the synthesizer; then the output opened."""
        if generation != self._generation:
            return  # overtaken before it began
        path = self.recording_for(text, language) if recorded else None
        try:
            if path is None:
                recorded = False
                try:
                    path = self.synth.render(text, language)
                except OSError as e:  # the data folder cannot be written: a folder of our own
                    import tempfile

                    folder = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
                    log.warning(
                        "cannot cache speech in %s (%s); using %s", self.synth.folder, e, folder
                    )
                    self.synth.folder = folder
                    path = self.synth.render(text, language)
            self.player.open()
        except Exception:
            log.exception("cannot say %r in %s", text[:60], language)
            path = None
        try:
            self._ready.emit(generation, str(path or ""), recorded)
        except RuntimeError:
            pass  # the kiosk is closing

    def _play(self, generation: int, path: str, recorded: bool) -> None:
        """(GUI thread) The sound is ready: play it unless something else was said since."""
        if generation != self._generation or not self._active:
            return
        if not path:
            self._set_speaking(False)
            return
        try:
            self.player.play(Path(path), generation, self._ended_in_audio_thread)
        except Exception as e:
            if recorded:  # a recording that cannot be decoded: the synthetic voice instead
                log.error("cannot play the recording %s (%s); speaking the text instead", path, e)
                self._submit(self._prepare, generation, self._last, self._last_language, False)
            else:
                log.error("cannot play %s (%s)", path, e)
                self._set_speaking(False)

    def _ended_in_audio_thread(self, generation: int) -> None:
        try:
            self._ended.emit(generation)
        except RuntimeError:
            pass  # the kiosk is closing

    def _end(self, generation: int) -> None:
        if generation == self._generation:
            self._set_speaking(False)
            self.finished.emit()
