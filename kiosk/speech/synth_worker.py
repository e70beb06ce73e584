"""The child process that speaks: eSpeak NG, loaded with ctypes, text in, WAV files out.

Run by :class:`kiosk.speech.synth.Synthesizer` as ``python synth_worker.py LIBRARY DATA``
(the library and data folder of the ``espeakng-loader`` wheel).  It reads one JSON request
per line on its standard input and answers each with one JSON line on its standard output:

- ``{"op": "info"}`` -> ``{"ok": true, "version": "1.52.0", "rate": 22050, "data": ...}``
- ``{"op": "synth", "text": ..., "voice": "cmn", "rate": 160, "out": PATH}`` -> the speech
  as a 16-bit mono WAV at ``PATH`` (written to a temporary name, then renamed, so a reader
  never sees half a file) -> ``{"ok": true, "frames": N, "rate": 22050}``
- ``{"op": "phonemes", "text": ..., "voice": ...}`` -> ``{"ok": true, "phonemes": "IPA"}``
  (what the voice would say; the tests check that Mandarin reads tone digits as tones)

Any failure is ``{"ok": false, "error": "..."}``; the process ends when its input does
(the kiosk closed the pipe, or died).

**Why a separate process (the licence).**  eSpeak NG is GPL-3.0-or-later; the kiosk is MIT.
Loading a GPL library into the kiosk's own process (ctypes, cffi, a Python binding) is
generally taken - by the FSF among others - to make the kiosk and the library one combined
work, which would then have to be distributed under the GPL as a whole.  Programs that
talk at arm's length - a child process, a pipe, files - stay separate works.  So the kiosk
never loads ``libespeak-ng`` itself: only this small program does.  It is MIT-licensed
like the rest of the kiosk (the MIT licence is GPL-compatible, so this program together
with the library may be distributed under the GPL's terms), it imports nothing from the
kiosk, and what crosses the boundary is plain data: JSON lines and WAV files.  The kiosk
installs the library from PyPI (the ``espeakng-loader`` wheel, which carries eSpeak NG's
licence and names its source); whoever ships a machine image with it passes on the GPL's
terms for that library.  (An engineering reading of the licences, not legal advice.)

The process also keeps synthesis off the kiosk's threads altogether: a crash or a hang in
the library cannot take the kiosk with it (:class:`~kiosk.speech.synth.Synthesizer`
restarts this process).

Standard library only; never import the kiosk here.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import wave
from typing import Any

AUDIO_OUTPUT_SYNCHRONOUS = (
    2  # espeak_AUDIO_OUTPUT: samples to the callback, Synth returns when done
)
INITIALIZE_DONT_EXIT = 0x8000  # report errors instead of exiting the process
POS_CHARACTER = 1
CHARS_UTF8 = 1
RATE = 1  # espeak_PARAMETER: words per minute
PHONEMES_IPA = 0x02
EE_OK = 0

SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class Espeak:
    """One eSpeak NG library, initialised for synchronous synthesis into memory."""

    def __init__(self, library: str, data: str):
        self.lib = lib = ctypes.CDLL(library)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetSynthCallback.argtypes = [SYNTH_CALLBACK]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Synchronize.restype = ctypes.c_int
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        self.rate = lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), INITIALIZE_DONT_EXIT
        )
        if self.rate <= 0:
            raise RuntimeError(f"eSpeak NG could not start (data folder {data})")
        self.samples = bytearray()
        self._callback = SYNTH_CALLBACK(self._collect)  # kept: the library holds a pointer
        lib.espeak_SetSynthCallback(self._callback)
        self.voice = ""

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0 and wav:
            self.samples += ctypes.string_at(wav, count * 2)
        return 0  # 0: go on

    def version(self) -> str:
        data = ctypes.c_char_p()
        return (self.lib.espeak_Info(ctypes.byref(data)) or b"").decode()

    def set_voice(self, voice: str) -> None:
        if voice != self.voice:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise ValueError(f"eSpeak NG has no voice '{voice}'")
            self.voice = voice

    def synth(self, text: str, voice: str, rate: int) -> bytes:
        self.set_voice(voice)
        self.lib.espeak_SetParameter(RATE, int(rate), 0)
        self.samples = bytearray()
        raw = text.encode("utf-8") + b"\0"
        buffer = ctypes.create_string_buffer(raw, len(raw))
        result = self.lib.espeak_Synth(
            buffer, len(raw), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None
        )
        if result != EE_OK:
            raise RuntimeError(f"eSpeak NG could not synthesize (error {result})")
        self.lib.espeak_Synchronize()
        return bytes(self.samples)

    def phonemes(self, text: str, voice: str) -> str:
        self.set_voice(voice)
        buffer = ctypes.create_string_buffer(text.encode("utf-8") + b"\0")
        pointer = ctypes.c_void_p(ctypes.addressof(buffer))
        out: list[str] = []
        while pointer.value:  # one clause per call; the library moves the pointer on
            clause = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8, PHONEMES_IPA)
            if clause:
                out.append(clause.decode("utf-8", "replace"))
        return " | ".join(out)


def write_wav(path: str, samples: bytes, rate: int) -> None:
    """16-bit mono WAV, written under a temporary name and renamed into place."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with wave.open(temporary, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(samples)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def handle(engine: Espeak, request: dict[str, Any]) -> dict[str, Any]:
    op = request.get("op")
    if op == "info":
        return {"ok": True, "version": engine.version(), "rate": engine.rate}
    if op == "phonemes":
        return {"ok": True, "phonemes": engine.phonemes(str(request["text"]), request["voice"])}
    if op == "synth":
        samples = engine.synth(str(request["text"]), request["voice"], request.get("rate", 160))
        write_wav(str(request["out"]), samples, engine.rate)
        return {"ok": True, "frames": len(samples) // 2, "rate": engine.rate}
    return {"ok": False, "error": f"unknown request {op!r}"}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: synth_worker.py LIBRARY DATA_FOLDER", file=sys.stderr)
        return 2
    out = sys.stdout
    try:
        engine = Espeak(argv[0], argv[1])
    except Exception as e:  # said once, on the pipe: the kiosk reads it as the first answer
        out.write(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}) + "\n")
        out.flush()
        return 1
    for line in sys.stdin:
        try:
            answer = handle(engine, json.loads(line))
        except Exception as e:
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        out.write(json.dumps(answer) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
