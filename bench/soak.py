"""Soak: many visits in one kiosk process, and what its memory does meanwhile.

    python bench/soak.py [--visits 400] [--reload-every 10] [--trace N]

A kiosk runs for years without a restart, so a little memory kept per visit adds up.  Each
visit is what a visitor does, by real touch events (offscreen, 1920x1080): a tap on the
attract screen, a page through the navigation bar, a swipe, another language, the map with
a pinch, a pan and a place's popup, a layer; then the idle reset.  Every ``--reload-every``
visits the content file is saved again (a changed file: the live reload applies it on the
attract screen).  The resident set size (RSS) is sampled after each visit.  Qt's caches
(glyphs of three scripts, pictures, compiled QML, the allocator's high-water mark) fill
during the first visits and reloads, so the report gives the RSS after the first and the
last tenth of the visits and the growth per 1,000 visits fitted (least squares) over the
second half, with the same for a bare Qt Quick window in which one rectangle is tapped as
often, in the same run, and the number of Python objects before and after.
Goal: over the second half, the kiosk grows by no more than the bare window (or nothing, if
the bare window gave memory back) plus 1 MB per 1,000 visits.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
os.environ.setdefault("KIOSK_CONFIG_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6 import QtQuick  # noqa: E402,F401
from PySide6.QtCore import QByteArray, QPoint  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQml import QQmlApplicationEngine  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.scene import centre, find_shown  # noqa: E402

BARE = b"""
import QtQuick
Window { width: 1920; height: 1080; visible: true; color: "#14181d"
    Rectangle { objectName: "box"; width: 300; height: 300; color: "#c8a25a"; x: 100; y: 390
        TapHandler { onTapped: parent.x = (parent.x + 137) % 1500 } } }
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Finger:
    """Real touch events on a window."""

    def __init__(self, window, device, page=lambda: "?"):
        self.window, self.device, self.page = window, device, page

    def centre(self, name: str) -> QPoint:
        item = find_shown(self.window, name)
        if item is None:
            raise SystemExit(f"soak: no item {name!r} on screen (page {self.page()})")
        return centre(item)

    def tap(self, where) -> None:
        pt = self.centre(where) if isinstance(where, str) else where
        QTest.touchEvent(self.window, self.device).press(0, pt, self.window).commit()
        QTest.touchEvent(self.window, self.device).release(0, pt, self.window).commit()
        QTest.qWait(60)

    def drag(self, start: QPoint, end: QPoint, steps: int = 10) -> None:
        w, d = self.window, self.device
        QTest.touchEvent(w, d).press(0, start, w).commit()
        for i in range(1, steps + 1):
            QTest.qWait(12)
            QTest.touchEvent(w, d).move(0, start + (end - start) * i / steps, w).commit()
        QTest.touchEvent(w, d).release(0, end, w).commit()
        QTest.qWait(150)

    def pinch(self, centre: QPoint, start: int, end: int, steps: int = 10) -> None:
        w, d = self.window, self.device
        QTest.touchEvent(w, d).press(0, centre - QPoint(start // 2, 0), w).press(
            1, centre + QPoint(start // 2, 0), w
        ).commit()
        for i in range(1, steps + 1):
            g = start + (end - start) * i // steps
            QTest.qWait(12)
            QTest.touchEvent(w, d).move(0, centre - QPoint(g // 2, 0), w).move(
                1, centre + QPoint(g // 2, 0), w
            ).commit()
        QTest.touchEvent(w, d).release(0, centre - QPoint(end // 2, 0), w).release(
            1, centre + QPoint(end // 2, 0), w
        ).commit()
        QTest.qWait(150)


def wait_for(predicate, timeout_ms: int = 5000, what: str = "") -> None:
    end = time.monotonic() + timeout_ms / 1000
    while not predicate():
        if time.monotonic() > end:
            raise SystemExit(f"soak: the kiosk did not get there in time: {what}")
        QTest.qWait(20)


def visit(kiosk, finger: Finger, n: int) -> None:
    nav = kiosk.navigation
    pages = [p for p in nav.pageIds if p not in ("map", "credits")]
    finger.tap("attractScreen")
    wait_for(
        lambda: nav.currentPage == pages[0], what=f"visit {n}: first page, on {nav.currentPage}"
    )
    wait_for(
        lambda: find_shown(kiosk.window, f"nav_{pages[-1]}") is not None,
        what="nav bar",
    )
    finger.tap(f"nav_{pages[n % len(pages)]}")
    finger.drag(QPoint(1500, 500), QPoint(400, 500))  # the next page
    codes = kiosk.language.codes()
    finger.tap(f"lang_{codes[1 + n % (len(codes) - 1)]}")
    finger.tap("nav_map")
    wait_for(lambda: nav.currentPage == "map", what=f"visit {n}: map, on {nav.currentPage}")
    QTest.qWait(300)
    view = finger.centre("mapView")
    finger.pinch(view, 200, 700)
    finger.drag(view, view + QPoint(-250, -120))
    finger.tap("mapReset")
    layers = kiosk.exhibit.map.layers.column("layerId")
    finger.tap(f"layer_{layers[n % len(layers)]}")
    # a place's popup: the places there in this year, in turn (Vladivostok, say, only from
    # 1860 on)
    spots = [
        f"hotspotLabel_{spot}"
        for spot in kiosk.exhibit.map.hotspots.column("spotId")
        if find_shown(kiosk.window, f"hotspotLabel_{spot}") is not None
    ]
    if spots:
        finger.tap(spots[n % len(spots)])
    finger.tap(view + QPoint(0, 300))  # elsewhere: the popup closes
    kiosk.session.reset()  # what the idle timer does after 90 s without a touch
    wait_for(lambda: nav.currentPage == "attract", what=f"visit {n}: attract, on {nav.currentPage}")
    QTest.qWait(100)


def growth(samples: list[float]) -> tuple[float, float, float]:
    """(median RSS of the first tenth, of the last tenth, MB per 1000 visits over the second half)."""
    tenth = max(1, len(samples) // 10)
    half = samples[len(samples) // 2 :]
    xs = range(len(half))
    mx, my = statistics.fmean(xs), statistics.fmean(half)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, half)) / max(
        1e-9, sum((x - mx) ** 2 for x in xs)
    )
    return statistics.median(samples[:tenth]), statistics.median(samples[-tenth:]), slope * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visits", type=int, default=400)
    ap.add_argument(
        "--reload-every",
        type=int,
        default=10,
        help="save the content again every N visits (0: never)",
    )
    ap.add_argument(
        "--trace", type=int, default=0, help="print RSS and Python objects every N visits"
    )
    args = ap.parse_args()
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive for the run)
    device = QTest.createTouchDevice()
    from kiosk.app import create_app

    # a copy of the exhibit, so the bench can save its content file
    work = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    for name in ("content.yaml", "content.schema.json"):
        shutil.copy(ROOT / name, work / name)
    shutil.copytree(ROOT / "assets", work / "assets")
    content = work / "content.yaml"

    kiosk = create_app(content, fullscreen=False, preview=False)
    kiosk.window.resize(1920, 1080)
    QTest.qWait(1500)
    finger = Finger(kiosk.window, device, lambda: kiosk.navigation.currentPage)
    samples: list[float] = []
    gc.collect()
    objects_before = len(gc.get_objects())
    started = time.monotonic()
    for n in range(args.visits):
        visit(kiosk, finger, n)
        if args.reload_every and n % args.reload_every == args.reload_every - 1:
            content.write_text(
                content.read_text(encoding="utf-8") + f"# saved again {n}\n", encoding="utf-8"
            )
            QTest.qWait(1500)  # the watcher's debounce, then the apply on the attract screen
        samples.append(rss_mb())
        if args.trace and n % args.trace == 0:
            gc.collect()
            print(
                f"visit {n:5d}: {samples[-1]:7.1f} MB, {len(gc.get_objects()):,} Python objects",
                flush=True,
            )
    kiosk_time = time.monotonic() - started
    gc.collect()
    objects_after = len(gc.get_objects())
    kiosk.close()

    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(BARE))
    window = engine.rootObjects()[0]
    QTest.qWait(500)
    bare_finger = Finger(window, device)
    bare: list[float] = []
    for _ in range(args.visits):
        for _ in range(12):  # about as many touches as a visit
            bare_finger.tap("box")
        bare.append(rss_mb())
    window.close()
    del engine

    k0, k1, ks = growth(samples)
    b0, b1, bs = growth(bare)
    print(
        f"{args.visits} visits in {kiosk_time / 60:.1f} min (content saved again every {args.reload_every}); "
        "RSS: medians of the first and the last tenth; growth fitted over the second half"
    )
    print(
        f"kiosk: {k0:7.1f} MB -> {k1:7.1f} MB; growth {ks:+6.2f} MB per 1,000 visits; "
        f"Python objects {objects_before:,} -> {objects_after:,}"
    )
    print(
        f"bare window, 12 taps a visit: {b0:7.1f} MB -> {b1:7.1f} MB; growth {bs:+6.2f} MB per 1,000 visits"
    )
    # (a bare window that gives memory back - a negative slope - asks no shrinking of the kiosk)
    met = ks <= max(bs, 0.0) + 1.0
    print(
        f"goal: kiosk growth over the second half <= max(bare, 0) + 1 MB per 1,000 visits ({'met' if met else 'NOT met'})"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
