"""Start-up benchmark: process start -> first frame, the kiosk against a bare Qt Quick window.

    python bench/startup.py [--runs 7] [--content content.yaml]

Each process draws its first frame and saves it to a PNG: the kiosk by its fastest path to
a first frame (``kiosk proof --screen attract``), the bare window by grabbing it.
Both run in the same session, alternating, each in a fresh process (offscreen, 1920x1080);
we report medians, the ratio kiosk/bare for time and for peak memory (the child process's
maximum resident set size).  Goal: both ratios <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_QML = b"""
import QtQuick
Window { width: 1920; height: 1080; color: "#14181d"
    Text { anchors.centerIn: parent; text: "The Treaty of Aigun"; color: "white"; font.pixelSize: 80 } }
"""


def child(kind: str, content: str) -> None:
    """Runs in the measured process: its first frame to a PNG, print FRAME, exit.

    The kiosk takes its fastest way to a first frame, ``kiosk proof --screen attract``;
    the bare window is grabbed to a PNG the same way."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    out = os.path.join(tempfile.gettempdir(), f"bench-{kind}-{os.getpid()}.png")
    if kind == "bare":
        from PySide6 import QtQuick  # noqa: F401  (rootObjects() -> QQuickWindow)
        from PySide6.QtCore import QByteArray
        from PySide6.QtQml import QQmlApplicationEngine

        engine = QQmlApplicationEngine()
        engine.loadData(QByteArray(BARE_QML))
        window = engine.rootObjects()[0]
        window.show()

        def first_frame():
            window.frameSwapped.disconnect(first_frame)
            window.grabWindow().save(out, "PNG", 80)  # as the kiosk saves it
            app.exit(0)

        window.frameSwapped.connect(first_frame)
        app.exec()
    else:
        sys.path.insert(0, str(ROOT))
        from kiosk.proof import render_one

        render_one(Path(content), "attract", None, Path(out), (1920, 1080))
    os.remove(out)
    print("FRAME", flush=True)
    os._exit(0)  # measured up to here; skip the teardown


def measure(kind: str, content: str, data_dir: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=data_dir)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, "--content", content],
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if line.strip() != b"FRAME" or status != 0:
        raise SystemExit(f"{kind}: the process did not draw a frame (status {status})")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--content", default=str(ROOT / "content.yaml"))
    ap.add_argument("--child", choices=["bare", "kiosk"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.content)
        return 0

    data_dir = tempfile.mkdtemp(prefix="kiosk-bench-")  # the kiosk's cache and logs, fresh each run
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "kiosk": []}
    cold = measure("kiosk", args.content, data_dir)  # first boot: validates and fills the cache
    measure("bare", args.content, data_dir)  # warm the disk cache for both
    for _ in range(args.runs):
        for kind in ("bare", "kiosk"):
            results[kind].append(measure(kind, args.content, data_dir))
    t = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    m = {k: statistics.median(r[1] for r in v) for k, v in results.items()}
    print(f"runs: {args.runs} each, alternating; medians")
    print(
        f"bare Qt Quick window: {t['bare'] * 1000:6.0f} ms to first frame, peak {m['bare']:5.0f} MiB"
    )
    print(
        f"kiosk attract screen: {t['kiosk'] * 1000:6.0f} ms to first frame, peak {m['kiosk']:5.0f} MiB"
    )
    print(f"(first boot, content not yet cached: {cold[0] * 1000:.0f} ms, peak {cold[1]:.0f} MiB)")
    print(
        f"ratio kiosk/bare: time {t['kiosk'] / t['bare']:.2f}x, memory {m['kiosk'] / m['bare']:.2f}x "
        "(goal: both <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
