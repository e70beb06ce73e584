"""Text to speech, offline: eSpeak NG 1.52 in a child process, results cached as WAV files.

:class:`Synthesizer` keeps one :mod:`~kiosk.speech.synth_worker` process (started at the
first synthesis, restarted if it dies) and a cache folder (by default
``kiosk.paths.cache_dir()/speech``) of 16-bit mono WAV files named by the SHA-256 of what
makes the sound: the engine's version, the voice, the rate, the language and the text as
eSpeak NG reads it.  A cache hit starts no process.  All methods block: call them from a
worker thread, never from the GUI thread.  Thread-safe (one request at a time).

The library and its data come from the ``espeakng-loader`` wheel (eSpeak NG 1.52: Debian
12's system 1.51 reads Mandarin tone digits in English).  Nothing here needs the network.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

RATE = 160  # words per minute: a little slower than eSpeak's 175, for visitors standing up
MIN_VERSION = (1, 52)
RENDER_VERSION = "1"  # of speech_input and the worker's WAV: bump to make the cache anew
# a cached file unused this long is removed when the kiosk first speaks (made again if ever
# needed): the cache holds what the exhibit says now, not every text it ever said
KEEP_DAYS = 90
_CACHED = re.compile(r"[0-9a-f]{64}\.wav")  # the cache's own files (nothing else is removed)

# the kiosk's language codes -> eSpeak NG voices (others: the language's primary subtag)
VOICES = {"en": "en", "ru": "ru", "zh-Hans": "cmn", "zh": "cmn", "zh-CN": "cmn", "cmn": "cmn"}

_BULLET = re.compile(r"^[-*•] ")  # a list item's mark, if a text comes as written
_END = re.compile(r"[.!?;:…。！？；：]['\"»”’)）]*$")


class SynthError(RuntimeError):
    """Synthesis failed (no library, no such voice, the worker died)."""


def voice_for(language: str) -> str:
    """The eSpeak NG voice for a language code: en, ru, cmn (zh-Hans), else its primary subtag."""
    return VOICES.get(language) or language.split("-")[0].lower()


def speech_input(text: str, language: str) -> str:
    """``text`` (plain text, one paragraph a line) as eSpeak NG reads it: each line's
    whitespace collapsed, a list item's mark dropped and a full stop added where a line (a
    list item, a title) ends without one, so each line ends in a pause; middle dots read
    as a comma pause."""
    stop = "。" if voice_for(language) == "cmn" else "."
    lines = []
    for raw in re.sub(r"\s*·\s*", ", ", text).splitlines():
        line = _BULLET.sub("", " ".join(raw.split())).strip(" ,")
        if line:
            lines.append(line if _END.search(line) else line + stop)
    return "\n".join(lines)


def library() -> tuple[str, str]:
    """The eSpeak NG library and data folder of the ``espeakng-loader`` wheel."""
    try:
        import espeakng_loader
    except ImportError as e:
        raise SynthError(
            "eSpeak NG is not installed (the espeakng-loader package): run tools/setup.sh"
        ) from e
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()


@cache
def engine_version() -> str:
    """What identifies the engine's sound, without loading it: the wheel's version and the
    library's versioned file name (``libespeak-ng.so.1.52.0``)."""
    from importlib import metadata

    try:
        wheel = metadata.version("espeakng-loader")
    except metadata.PackageNotFoundError:
        wheel = "?"
    try:
        lib = Path(os.path.realpath(library()[0])).name
    except SynthError:
        lib = "none"
    return f"espeakng-loader {wheel}; {lib}; render {RENDER_VERSION}"


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:3])


class Synthesizer:
    """Speech as WAV files, cached in ``folder``."""

    def __init__(self, folder: Path, rate: int = RATE):
        self.folder = Path(folder)
        self.rate = rate
        self.syntheses = 0  # how many times the engine ran (tests: a cache hit runs none)
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._info: dict[str, Any] | None = None

    # --- the cache -------------------------------------------------------------------

    def key(self, text: str, language: str) -> str:
        words = speech_input(text, language)
        h = hashlib.sha256()
        for part in (engine_version(), voice_for(language), str(self.rate), language, words):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()

    def path(self, text: str, language: str) -> Path:
        return self.folder / f"{self.key(text, language)}.wav"

    def cached(self, text: str, language: str) -> Path | None:
        path = self.path(text, language)
        return path if path.is_file() else None

    def render(self, text: str, language: str) -> Path:
        """The WAV file of ``text`` spoken in ``language``: from the cache (marked as used
        now, see :meth:`prune`), else synthesized into it.  Raises :class:`SynthError`, or
        ``OSError`` when the folder cannot be written."""
        path = self.path(text, language)
        if path.is_file():
            try:
                os.utime(path)
            except OSError:
                pass  # (a read-only cache still plays)
            return path
        words = speech_input(text, language)
        if not words:
            raise SynthError("nothing to say")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.info()  # the first time: refuses an engine older than 1.52
        self.request(
            {
                "op": "synth",
                "text": words,
                "voice": voice_for(language),
                "rate": self.rate,
                "out": str(path),
            }
        )
        self.syntheses += 1
        return path

    def prune(self, keep_days: float = KEEP_DAYS, now: float | None = None) -> tuple[int, int]:
        """Removes the cached files not used for ``keep_days`` days - texts the content no
        longer has, an older engine's voices - and returns (files, bytes) removed.  Only the
        cache's own files (named by their hash); never raises."""
        import time

        cutoff = (time.time() if now is None else now) - keep_days * 86400
        files = size = 0
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0, 0
        for entry in entries:
            if not _CACHED.fullmatch(entry.name):
                continue
            try:
                stat = entry.stat(follow_symlinks=False)
                if stat.st_mtime < cutoff:
                    os.unlink(entry.path)
                    files += 1
                    size += stat.st_size
            except OSError:
                continue
        if files:
            log.info(
                "speech cache: removed %d file%s not used for %g days (%.1f MB)",
                files,
                "s" * (files != 1),
                keep_days,
                size / 1e6,
            )
        return files, size

    # --- the worker process ----------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """The engine: ``{"version": "1.52.0", "rate": 22050}``; :class:`SynthError` when it
        is older than 1.52 (Mandarin would read tone digits in English)."""
        if self._info is None:
            info = self.request({"op": "info"})
            if parse_version(str(info.get("version", ""))) < MIN_VERSION:
                raise SynthError(f"eSpeak NG {info.get('version')} is too old: 1.52 is needed")
            self._info = info
        return self._info

    def phonemes(self, text: str, language: str) -> str:
        """What the voice would say, in IPA (for tests and for curious curators)."""
        return str(
            self.request({"op": "phonemes", "text": text, "voice": voice_for(language)})["phonemes"]
        )

    def request(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            for attempt in (1, 2):  # a worker that died is started again, once
                process = self._start()
                try:
                    assert process.stdin is not None and process.stdout is not None
                    process.stdin.write(json.dumps(request) + "\n")
                    process.stdin.flush()
                    line = process.stdout.readline()
                except (OSError, ValueError):
                    line = ""
                if line:
                    break
                code = process.poll()
                self._stop()
                if attempt == 2:
                    raise SynthError(f"the speech worker stopped (exit code {code})")
                log.warning("the speech worker stopped (exit code %s); starting it again", code)
            answer = json.loads(line)
            if not answer.get("ok"):
                error = str(answer.get("error", "unknown error"))
                if not self._running():
                    self._stop()  # it said why it could not start
                raise SynthError(error)
            return dict(answer)

    def _running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _start(self) -> subprocess.Popen[str]:
        if self._process is not None:
            if self._process.poll() is None:
                return self._process
            self._stop()  # it died: its pipes closed before a new one starts
        lib, data = library()
        worker = Path(__file__).with_name("synth_worker.py")
        self._process = subprocess.Popen(
            [sys.executable, "-s", str(worker), lib, data],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # the library's own complaints reach the kiosk's error output
            text=True,
            encoding="utf-8",
            bufsize=1,
            close_fds=True,
        )
        log.info("speech worker started (process %d)", self._process.pid)
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        pipes: list[IO[str] | None] = [process.stdin, process.stdout]
        for pipe in pipes:
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        try:
            process.wait(timeout=2)  # its input closed: it ends by itself
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self) -> None:
        """Ends the worker process (a later request starts it again)."""
        with self._lock:
            self._stop()
