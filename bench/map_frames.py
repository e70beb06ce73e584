"""Frame times on the map during a scripted two-finger pinch and a pan (1920x1080, software
renderer), and through the story's chapters (a swipe from each to the next: the page
slides, its map flies to the chapter's place and the years cross-fade), against a bare Qt
Quick window animating one rectangle, in the same run.

    python bench/map_frames.py [--rounds 3] [--layer ID ...]

A frame's time is from the start of its scene-graph sync to its swap (the work of drawing
it).  Prints median and p95 for each of the map's layers (all by default; chosen with a
tap on its timeline button), for the chapter transitions and for the bare window, and the
ratios.  Goal: p95 <= 16.7 ms on every layer and through the chapters.
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
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6 import QtQuick  # noqa: E402,F401
from PySide6.QtCore import QByteArray, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQml import QQmlApplicationEngine  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.scene import centre, find_shown  # noqa: E402

BARE = b"""
import QtQuick
Window { width: 1920; height: 1080; visible: true; color: "#14181d"
    Rectangle { width: 300; height: 300; color: "#c8a25a"; y: 390
        NumberAnimation on x { from: 0; to: 1620; duration: 2000; loops: Animation.Infinite } } }
"""


class FrameClock:
    def __init__(self, window):
        self.times: list[float] = []
        self._start = None
        window.beforeSynchronizing.connect(self._begin)
        window.frameSwapped.connect(self._end)

    def _begin(self):
        self._start = time.perf_counter()

    def _end(self):
        if self._start is not None:
            self.times.append((time.perf_counter() - self._start) * 1000)
            self._start = None


def gesture_on_map(window, device) -> None:
    c = QPoint(960, 480)
    for start, end in ((200, 900), (300, 1300), (1300, 300)):  # pinch out, further, back in
        QTest.touchEvent(window, device).press(0, c - QPoint(start // 2, 0), window).press(
            1, c + QPoint(start // 2, 0), window
        ).commit()
        for i in range(1, 31):
            d = start + (end - start) * i // 30
            QTest.qWait(16)
            QTest.touchEvent(window, device).move(0, c - QPoint(d // 2, 0), window).move(
                1, c + QPoint(d // 2, 0), window
            ).commit()
        QTest.touchEvent(window, device).release(0, c - QPoint(end // 2, 0), window).release(
            1, c + QPoint(end // 2, 0), window
        ).commit()
    # a one-finger pan across the zoomed map
    QTest.touchEvent(window, device).press(0, c, window).commit()
    for i in range(1, 41):
        QTest.qWait(16)
        QTest.touchEvent(window, device).move(0, c + QPoint(-i * 15, -i * 6), window).commit()
    QTest.touchEvent(window, device).release(0, c + QPoint(-600, -240), window).commit()
    QTest.qWait(600)  # inertia


def swipe_through_chapters(window, device, chapters: int) -> None:
    """From the first chapter, one swipe to each next one, each left to finish moving."""
    for _ in range(chapters - 1):
        start, end = QPoint(1500, 420), QPoint(400, 420)
        QTest.touchEvent(window, device).press(0, start, window).commit()
        for i in range(1, 21):
            QTest.qWait(16)
            QTest.touchEvent(window, device).move(
                0, start + (end - start) * i / 20, window
            ).commit()
        QTest.touchEvent(window, device).release(0, end, window).commit()
        QTest.qWait(1800)  # the slide, the flight (0.9 s) and the cross-fade (0.6 s)


def tap(window, item) -> None:
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(item)
    )


def stats(times: list[float]) -> tuple[float, float]:
    s = sorted(times)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.95))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--layer", action="append", help="a map layer id (default: every layer)")
    args = ap.parse_args()
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive for the run)
    device = QTest.createTouchDevice()
    from kiosk.app import create_app
    from kiosk.content import load_content

    layers = args.layer or [la.id for la in load_content(ROOT / "content.yaml").model.map.layers]
    map_times: dict[str, list[float]] = {layer: [] for layer in layers}
    map_times["chapters"] = []
    chapters = len(load_content(ROOT / "content.yaml").model.pages)
    bare_times: list[float] = []
    for _ in range(args.rounds):
        kiosk = create_app(ROOT / "content.yaml")
        kiosk.navigation.enter()
        QTest.qWait(2000)
        clock = FrameClock(kiosk.window)
        swipe_through_chapters(kiosk.window, device, chapters)
        map_times["chapters"] += clock.times
        if kiosk.navigation.currentIndex != chapters - 1:
            raise SystemExit(f"the swipes ended on {kiosk.navigation.currentPage!r}")
        kiosk.close()

        for layer in layers:
            kiosk = create_app(ROOT / "content.yaml")
            kiosk.navigation.show("map")
            QTest.qWait(1200)
            button = find_shown(kiosk.window, f"layer_{layer}")
            if button is None:
                raise SystemExit(f"no layer {layer!r} on the map")
            tap(kiosk.window, button)
            QTest.qWait(300)
            clock = FrameClock(kiosk.window)
            gesture_on_map(kiosk.window, device)
            map_times[layer] += clock.times
            kiosk.close()

        engine = QQmlApplicationEngine()
        engine.loadData(QByteArray(BARE))
        window = engine.rootObjects()[0]
        QTest.qWait(300)
        clock = FrameClock(window)
        QTest.qWait(2000)
        bare_times += clock.times
        window.close()
        del engine

    bm, bp = stats(bare_times)
    print(
        f"{args.rounds} rounds, alternating; frame = sync start -> swap; software renderer, 1920x1080"
    )
    worst = 0.0
    for layer, times in map_times.items():
        mm, mp = stats(times)
        worst = max(worst, mp)
        what = "swipe to each" if layer == "chapters" else "pinch and pan"
        print(
            f"map {layer:>8}, {what}: median {mm:5.1f} ms, p95 {mp:5.1f} ms ({len(times)} frames); "
            f"ratio to bare: median {mm / bm:.2f}x, p95 {mp / bp:.2f}x"
        )
    print(
        f"bare window, one rect:     median {bm:5.1f} ms, p95 {bp:5.1f} ms ({len(bare_times)} frames)"
    )
    print(
        f"goal: p95 <= 16.7 ms on every layer and the chapters ({'met' if worst <= 16.7 else 'NOT met'}: worst {worst:.1f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
