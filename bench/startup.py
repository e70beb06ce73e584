"""Start-up benchmark: process start -> first frame, the kiosk against a bare Qt Quick window.

    python bench/startup.py [--runs 7] [--content content.yaml]

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
    """Runs in the measured process: show the window, print FRAME at its first frame, exit."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    if kind == "bare":
        from PySide6.QtCore import QByteArray
        from PySide6.QtQml import QQmlApplicationEngine

        engine = QQmlApplicationEngine()
        engine.loadData(QByteArray(BARE_QML))
        window = engine.rootObjects()[0]
        window.show()
    else:
        sys.path.insert(0, str(ROOT))
        from kiosk.app import create_app

        kiosk = create_app(content)
        window = kiosk.window

    def first_frame():
        print("FRAME", flush=True)
        app.exit(0)

    window.frameSwapped.connect(first_frame)
    app.exec()
    os._exit(0)  # measured up to here; skip the teardown


def measure(kind: str, content: str, data_dir: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=data_dir)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, "--content", content],
                            stdout=subprocess.PIPE, env=env, cwd=ROOT)
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
    print(f"bare Qt Quick window: {t['bare'] * 1000:6.0f} ms to first frame, peak {m['bare']:5.0f} MiB")
    print(f"kiosk attract screen: {t['kiosk'] * 1000:6.0f} ms to first frame, peak {m['kiosk']:5.0f} MiB")
    print(f"(first boot, content not yet cached: {cold[0] * 1000:.0f} ms, peak {cold[1]:.0f} MiB)")
    print(f"ratio kiosk/bare: time {t['kiosk'] / t['bare']:.2f}x, memory {m['kiosk'] / m['bare']:.2f}x "
          "(goal: both <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
