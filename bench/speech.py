"""Audio mode's speed: how soon a visitor hears something, and what synthesis costs.

    python bench/speech.py [--rounds 15] [--content content.yaml]

1. From ``Speech.say`` (what a key press calls) to the first sample handed to the sound
   output, for utterances already in the cache (the page titles and bodies, pre-rendered
   as ``kiosk voice`` does): median, min, max of ``--rounds`` (goal: median <= 300 ms).
   The null output (``KIOSK_AUDIO=null``) takes samples each period, as a card does.
2. From ``Speech.stop`` to the first silent period, plus the output's buffer.
3. First-time synthesis of each page body in each language (the worker already running):
   time, seconds of speech, and the real-time factor.

Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
os.environ["KIOSK_AUDIO"] = "null"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402


def wait(app: QCoreApplication, done, timeout: float = 10.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("no sound came")
        app.processEvents()
        time.sleep(0.0002)


def ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms  "
        f"min {min(values) * 1000:6.1f}  max {max(values) * 1000:6.1f}  (n={len(values)})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--content", type=Path, default=ROOT / "content.yaml")
    args = ap.parse_args()

    app = QCoreApplication(sys.argv[:1])
    from kiosk.backend.speech import Speech
    from kiosk.content import load_content
    from kiosk.content.markup import plain
    from kiosk.content.recordings import spoken
    from kiosk.speech.synth import Synthesizer

    model = load_content(args.content).model
    codes = [la.code for la in model.settings.languages]
    texts = []  # (language, text): titles and bodies as the screens pass them
    for page in model.pages:
        for code in codes:
            for value, markdown in ((page.title, False), (page.body, True)):
                text = value.get(code) if isinstance(value, dict) else value
                if text:
                    texts.append((code, spoken(text, markdown)))

    # --- 1 and 2: say -> first sample, stop -> silence ----------------------------------
    cache = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
    speech = Speech()
    speech.configure(cache=cache, output="null")
    speech.setActive(True)
    for language, text in texts:  # pre-rendered, as `kiosk voice` does
        speech.synth.render(text, language)
    speech.say("Ready.", "en")
    wait(app, lambda: not speech.speaking)
    latencies, stops = [], []
    before = speech.synth.syntheses
    phase = random.Random(13)  # a key press comes at any point of the output's period
    for n in range(args.rounds):
        language, text = texts[n % len(texts)]
        time.sleep(phase.uniform(0, 0.03))
        t0 = time.perf_counter()
        speech.say(text, language)
        wait(app, lambda t0=t0: (speech.player.first_sample_at or 0) > t0)
        latencies.append(speech.player.first_sample_at - t0)
        wait(app, lambda: speech.player.last_sample_at > speech.player.first_sample_at + 0.1)
        time.sleep(phase.uniform(0, 0.03))
        t1 = time.perf_counter()
        speech.stop()
        wait(app, lambda t1=t1: (speech.player.silent_since or 0) >= t1)
        stops.append(speech.player.silent_since - t1 + speech.player.latency())
    syntheses = speech.synth.syntheses - before
    speech.close()
    print(f"say -> first sample, cached ({speech.player.backend} output, period 30 ms):")
    print(f"  {ms(latencies)}   goal: median <= 300 ms")
    print("stop -> silence (first silent period + the output's 90 ms buffer):")
    print(f"  {ms(stops)}   goal: <= 250 ms")
    print(f"  (syntheses during the rounds: {syntheses})")

    # --- 3: first-time synthesis of each page body ------------------------------------
    synth = Synthesizer(Path(tempfile.mkdtemp(prefix="kiosk-speech-")))
    t0 = time.perf_counter()
    info = synth.info()
    print(
        f"\nfirst-time synthesis, eSpeak NG {info['version']} "
        f"(worker start {(time.perf_counter() - t0) * 1000:.0f} ms):"
    )
    print(f"  {'page':<14}" + "".join(f"{code:>24}" for code in codes))
    totals = {code: [0.0, 0.0] for code in codes}
    for page in model.pages:
        row = f"  {page.id:<14}"
        for code in codes:
            body = page.body.get(code) if isinstance(page.body, dict) else page.body
            if not body:
                row += f"{'-':>24}"
                continue
            t = time.perf_counter()
            path = synth.render(plain(body), code)
            took = time.perf_counter() - t
            with wave.open(str(path), "rb") as w:
                audio = w.getnframes() / w.getframerate()
            totals[code][0] += took
            totals[code][1] += audio
            row += f"{took * 1000:>8.0f} ms for {audio:5.1f} s"
        print(row)
    print(
        "  per language: "
        + ", ".join(
            f"{code} {t * 1000:.0f} ms for {a:.0f} s of speech ({a / t:.0f}x real time)"
            for code, (t, a) in totals.items()
            if t
        )
    )
    synth.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
