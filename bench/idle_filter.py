"""Cost of activity tracking: mouse-move events through the kiosk window with and without
the idle filter (the application-level event filter that sees every input event).

    python bench/idle_filter.py [--events 100000] [--rounds 5]

Alternating rounds, medians; prints the time per event both ways and the ratio.
Goal: the filter adds < 10 % to event-handling cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    app = QGuiApplication(sys.argv[:1])
    from kiosk.app import create_app

    kiosk = create_app(ROOT / "content.yaml")
    kiosk.navigation.enter()  # on a page, where the idle timer runs
    window = kiosk.window
    app.processEvents()
    # moves as the platform delivers them (through QWindowSystemInterface, like a real mouse)
    points = [QPoint(400 + (i * 7) % 800, 300 + (i * 3) % 400) for i in range(1000)]
    move = QTest.mouseMove

    def run(with_filter: bool) -> float:
        if with_filter:
            kiosk._activity.arm()
        else:
            kiosk._activity.disarm()
        start = time.perf_counter()
        for i in range(args.events):
            move(window, points[i % 1000])
            if i % 50 == 49:  # the event loop runs between bursts of input, as it does live
                app.processEvents()
        return (time.perf_counter() - start) / args.events

    run(True), run(False)  # warm up
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.rounds):
        for with_filter in (False, True):
            times[with_filter].append(run(with_filter))
    on, off = statistics.median(times[True]), statistics.median(times[False])
    print(f"{args.events:,} mouse moves x {args.rounds} rounds each, alternating; medians")
    print(f"without the idle filter: {off * 1e6:6.2f} us per event")
    print(f"with the idle filter:    {on * 1e6:6.2f} us per event")
    print(f"ratio: {on / off:.3f}x ({(on / off - 1) * 100:+.1f} %; goal: < +10 %)")
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
