"""What the visitor statistics cost: per touch on the GUI thread, and on disk.

    python bench/analytics.py [--taps 400] [--rounds 5] [--sessions 10000]

1. Touches on the real kiosk window that open nothing (every touch passes the idle filter,
   which notes the session's last touch): the time to deliver each tap and let Qt process
   it, with the statistics on and off, in alternating rounds (medians), as a ratio; and
   what a control's tap adds (``Analytics.note`` and its event-loop pass). Their sum is
   the statistics' cost per touch on the GUI thread (goal: median <= 0.1 ms).
2. The GUI thread's own part, alone: ``SessionLog.record`` into a started ``Store`` (the
   writer thread does the SQLite work): median and p99 per call.
3. The file's size for 10,000 sessions as visitors make them (seeded: 1-12 interactions
   each, pages, languages, map layers and places), written by the real ``Store``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 0.1
PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]
LANGUAGES = ["en", "ru", "zh-Hans"]
LAYERS = ["1689", "1858", "1860"]
PLACES = ["aigun", "blagoveshchensk", "nerchinsk", "sixty-four-villages", "khabarovsk"]


def _kiosks():
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from kiosk.app import create_app

    kiosks = {on: create_app(ROOT / "content.yaml", statistics=on) for on in (True, False)}
    for on, kiosk in kiosks.items():
        kiosk.window.show()
        kiosk.navigation.enter()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and on and kiosk.analytics.store is None:
            QGuiApplication.processEvents()
        for _ in range(50):
            QGuiApplication.processEvents()
    return kiosks


def per_touch(kiosks, taps: int, rounds: int) -> tuple[float, float]:
    """Median seconds per tap on the page's text (a touch that opens nothing: every touch
    passes the idle filter, which notes the session's last touch), statistics on and off."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from kiosk import scene

    device = QTest.createTouchDevice()
    spots = {}
    for on, kiosk in kiosks.items():
        title = next(i for i in scene.find(kiosk.window, "title_background") if scene.shown(i))
        spots[on] = scene.centre(title)
    times: dict[bool, list[float]] = {True: [], False: []}
    for r in range(rounds):
        for on in (True, False) if r % 2 == 0 else (False, True):
            window, pt = kiosks[on].window, spots[on]
            per = []
            for _ in range(taps):
                t = time.perf_counter()
                QTest.touchEvent(window, device).press(0, pt, window).commit()
                QTest.touchEvent(window, device).release(0, pt, window).commit()
                QGuiApplication.processEvents()
                per.append(time.perf_counter() - t)
            times[on].append(statistics.median(per))
    return statistics.median(times[True]), statistics.median(times[False])


def per_interaction(kiosks, calls: int) -> tuple[float, float]:
    """Median and p99 seconds of what a control's tap adds on the GUI thread: the QML hook
    (``Analytics.note``) recording it, and the event-loop pass after it."""
    from PySide6.QtGui import QGuiApplication

    analytics = kiosks[True].analytics
    assert analytics.sessions.open, "the visit did not open a session"
    before = analytics.sessions.interaction_count
    per = []
    for i in range(calls):
        t = time.perf_counter()
        analytics.note("control", "next" if i % 2 else "text_size")
        QGuiApplication.processEvents()
        per.append(time.perf_counter() - t)
    assert analytics.sessions.interaction_count - before == calls, "not every note was recorded"
    per.sort()
    return statistics.median(per), per[int(len(per) * 0.99)]


def record_cost(calls: int) -> tuple[float, float]:
    """Median and p99 seconds of ``SessionLog.record`` on the calling (GUI) thread."""
    from kiosk.analytics.sessions import SessionLog
    from kiosk.analytics.store import Store

    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-db-"))
    store = Store(folder / "analytics.sqlite3", kiosk_name="bench")
    store.start()
    log = SessionLog(store, {"page": PAGES, "language": LANGUAGES})
    log.begin("en")
    per = []
    for i in range(calls):
        t = time.perf_counter()
        log.record("page", PAGES[i % 4])
        per.append(time.perf_counter() - t)
    store.flush(60)
    store.close()
    per.sort()
    return statistics.median(per), per[int(len(per) * 0.99)]


def size_per(sessions: int) -> tuple[int, int]:
    """Bytes of the statistics file for ``sessions`` sessions, and their events."""
    from kiosk.analytics.sessions import SessionLog
    from kiosk.analytics.store import Store

    rng = random.Random(1858)
    clock = [1_000.0]
    wall = [1_767_225_600.0]  # 2026-01-01

    def mono() -> float:
        return clock[0]

    def now() -> float:
        return wall[0]

    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-db-"))
    path = folder / "analytics.sqlite3"
    store = Store(path, kiosk_name="bench", wall=now, monotonic=mono)
    store.start()
    ids = {"page": PAGES, "language": LANGUAGES, "layer": LAYERS, "place": PLACES}
    log = SessionLog(store, ids, monotonic=mono, wall=now)
    events = 0
    for _ in range(sessions):
        log.begin(rng.choice(LANGUAGES))
        events += 1
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5, 6, 8, 10, 12])):
            clock[0] += rng.uniform(1, 20)
            kind = rng.choice(["page", "page", "page", "language", "layer", "place", "control"])
            value = {
                "page": PAGES,
                "language": LANGUAGES,
                "layer": LAYERS,
                "place": PLACES,
                "control": ["next", "text_size", "see_on_map"],
            }[kind]
            log.record(kind, rng.choice(value))
            events += 1
        clock[0] += 90
        log.end("reset")
        events += 1
        wall[0] += rng.uniform(60, 600)
    store.flush(120)
    store.close()
    size = path.stat().st_size + sum(
        p.stat().st_size for p in folder.glob("analytics.sqlite3-*") if p.exists()
    )
    return size, events


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--taps", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sessions", type=int, default=10_000)
    args = ap.parse_args()

    kiosks = _kiosks()
    on, off = per_touch(kiosks, args.taps, args.rounds)
    note, note99 = per_interaction(kiosks, 5_000)
    for kiosk in kiosks.values():
        kiosk.close()
    added_ms = max(on - off, 0.0) * 1000 + note * 1000
    print(
        f"per touch (opens nothing): {on * 1000:.3f} ms with statistics, {off * 1000:.3f} ms "
        f"without ({on / off:.2f}x)"
    )
    print(
        f"per interaction, the hook and its event-loop pass: median {note * 1e3:.4f} ms, "
        f"p99 {note99 * 1e3:.4f} ms"
    )
    print(
        f"statistics' cost per touch on the GUI thread: {added_ms:.4f} ms (goal <= {GOAL_MS} ms: "
        f"{'ok' if added_ms <= GOAL_MS else 'OVER'})"
    )
    median, p99 = record_cost(20_000)
    print(f"SessionLog.record alone: median {median * 1e6:.1f} us, p99 {p99 * 1e6:.1f} us")
    size, events = size_per(args.sessions)
    print(
        f"file size: {size / 1e6:.2f} MB for {args.sessions:,} sessions ({events:,} events): "
        f"{size / args.sessions:.0f} bytes a session"
    )
    return 0 if added_ms <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
