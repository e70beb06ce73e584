"""Start-up benchmark: process start -> first swapped frame, `kiosk run` against a bare window.

    python bench/startup.py [--runs 11] [--content content.yaml] [--root DIR] [--fullscreen]

Two kinds of process, each run fresh, alternating (bare, kiosk, kiosk, bare, ...), in one
environment: ``QT_QPA_PLATFORM=offscreen`` (one 1920x1080 screen; Qt Quick draws with its
software renderer, on the GUI thread), and a throwaway folder for ``KIOSK_DATA_DIR``,
``KIOSK_CONFIG_DIR``, the QML disk cache (``XDG_CACHE_HOME``) and Python's bytecode cache:

* kiosk: exactly what ``kiosk run --windowed --content FILE`` does (``kiosk.cli.main``: the
  log file, the one-kiosk lock, the ``QGuiApplication``, ``create_app(FILE,
  fullscreen=False)``, the watchdog, the event loop).  ``--fullscreen``: ``kiosk run``,
  kiosk mode;
* bare: a ``QGuiApplication`` and a ``QQmlApplicationEngine`` loading a Qt Quick Controls
  ``ApplicationWindow`` (1920x1080, visible) with one ``Label``, from a file (as the kiosk's
  QML is: both may use the QML disk cache).

Timed: from the parent's ``CLOCK_MONOTONIC`` just before it starts the process to the
child's reading of the same clock (one clock for every process on Linux) in its handler of
the first ``QQuickWindow.frameSwapped`` - connected, for both kinds alike, to every Qt Quick
window when ``exec()`` starts the event loop - where it reports and leaves with
``os._exit``: no picture grabbed or encoded, no teardown.  So the interval is the whole
start-up a user waits through - fork and exec, the interpreter's own start, the imports,
the QML, the first frame - and nothing of the parent reading a pipe.  (Timing from the
child's first line of Python would leave out the interpreter's start, ~18 ms that both pay
and a user waits through too; the ratio would look worse than it is.  Timing in the parent
until it reads the child's report would add the pipe and the parent's waking up.)  The child
imports nothing of this file's harness (argparse, subprocess and the rest are imported in
``main`` only), and names no ``Qt.ConnectionType`` (the bare window would pay for PySide's
``Qt`` namespace then, ~14 ms).  It reports when its first line of Python ran, too: the
interpreter's start.

Memory: the child's peak resident set (``ru_maxrss``) at that first frame.  CPU: the
child's user + system time, all threads, up to then - steadier than wall time when other
work shares the machine (it leaves out waiting for a busy CPU).

Warm boots, as every boot after a kiosk's first: one untimed kiosk run validates the
content into the kiosk's cache, compiles the bytecode and, running on for 2 s after its
first frame, lets the QML loaded after the first frame reach the disk cache too; one
untimed bare run does the same for the bare window.  Bytecode: the environment may say
``PYTHONDONTWRITEBYTECODE`` (this sandbox's does), but a kiosk's modules are compiled once
on it, so the timed children get a bytecode cache of their own (``PYTHONPYCACHEPREFIX``)
unless ``--no-bytecode-cache``.  Before each kiosk run the lock file an early exit leaves
is removed, as a stopped kiosk does.  Reported apart: one first boot (its own empty
folders, the environment's bytecode settings: the kiosk's modules compiled if need be).

Goal: kiosk/bare <= 1.5x in time and <= 1.3x in peak memory, medians of >= 9 runs each.
A benchmark, not a test: the exit code is 0 either way.  Where the time goes:
bench/startup_profile.py.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

GOAL_TIME, GOAL_MEMORY = 1.5, 1.3
TIMEOUT_S = 60  # a child that draws no frame by then has failed
SCREEN = (
    '{"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, '
    '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
)
BARE_QML = """import QtQuick
import QtQuick.Controls

ApplicationWindow {
    visible: true
    width: 1920
    height: 1080
    title: "bare"
    Label { anchors.centerIn: parent; text: "The Treaty of Aigun"; font.pixelSize: 80 }
}
"""


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)  # one clock for all processes (Linux)


def child(kind: str, path: str, root: str, warm_up: str = "0") -> None:
    """The measured process: start ``kind``, and at its first swapped frame print
    ``FRAME <first line of Python> <frame> <peak KiB>`` (CLOCK_MONOTONIC seconds) and exit
    at once - or, warming up, run on for ``warm_up`` seconds first."""
    started = _now()
    seen: list[float] = []

    def first_frame() -> None:
        if seen:
            return
        seen.append(_now())
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        os.write(1, f"FRAME {started!r} {seen[0]!r} {peak}\n".encode())
        if not float(warm_up):
            os._exit(0)  # measured up to here: no teardown
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(float(warm_up) * 1000), lambda: os._exit(0))

    # Both kinds are listened to alike, whatever builds their window: when the event loop
    # starts (no frame can have been drawn before it), every Qt Quick window's first swap.
    from PySide6.QtGui import QGuiApplication

    exec_ = QGuiApplication.exec

    def exec_and_listen(*_app) -> int:
        for window in QGuiApplication.topLevelWindows():
            if hasattr(window, "frameSwapped"):
                # No connection type named (see the docstring): the software renderer
                # swaps on the GUI thread, where this runs at once.
                window.frameSwapped.connect(first_frame)
        return exec_()

    QGuiApplication.exec = exec_and_listen  # type: ignore[method-assign]
    if kind == "bare":
        from PySide6 import QtQuick  # noqa: F401  (topLevelWindows() -> QQuickWindow)
        from PySide6.QtQml import QQmlApplicationEngine

        app = QGuiApplication(sys.argv[:1])
        engine = QQmlApplicationEngine()
        engine.load(path)
        app.exec()
    else:  # `kiosk run [--windowed] --content path`, as the console script runs it
        sys.path.insert(0, root)  # this tree's kiosk (--root), before any installed one
        from kiosk.cli import main

        main(["run", "--content", path] + ([] if kind == "kiosk-fullscreen" else ["--windowed"]))
    os._exit(3)  # the event loop ended without a frame


def bench_env(tmp: str, bytecode_cache: bool = True) -> dict[str, str]:
    """The children's environment: offscreen on one 1920x1080 screen, and the kiosk's files,
    the QML disk cache and (``bytecode_cache``) Python's bytecode cache in the folder ``tmp``."""
    os.makedirs(tmp, exist_ok=True)
    screen = os.path.join(tmp, "screen.json")
    with open(screen, "w", encoding="utf-8") as f:
        f.write(SCREEN)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        KIOSK_DATA_DIR=os.path.join(tmp, "data"),
        KIOSK_CONFIG_DIR=os.path.join(tmp, "config"),
        XDG_CACHE_HOME=os.path.join(tmp, "cache"),  # the QML disk cache: ours, warmed first
    )
    if bytecode_cache:  # compiled once, by the warm-up runs, as a kiosk's modules are
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
    return env


def measure(
    kind: str, path: str, env: dict[str, str], root: str, warm_up: float = 0
) -> tuple[float, float, float, float]:
    """One fresh process: (seconds to its first frame, of which before its first line of
    Python, peak resident MiB at that frame, CPU seconds of all its threads)."""
    import subprocess
    import threading

    with contextlib.suppress(FileNotFoundError):  # a stopped kiosk leaves no lock; ours exit
        os.remove(os.path.join(env["KIOSK_DATA_DIR"], "kiosk.lock"))  # without unlocking
    start = _now()
    proc = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--child", kind, path, root, str(warm_up)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=root,
    )
    timer = threading.Timer(TIMEOUT_S, proc.kill)  # no frame by then: a failure, not a hang
    timer.start()
    line = proc.stdout.read()
    timer.cancel()
    _, status, usage = os.wait4(proc.pid, 0)  # (its resource use: not Popen.wait)
    proc.stdout.close()
    words = line.split()
    if status != 0 or len(words) != 4 or words[0] != b"FRAME":
        raise SystemExit(f"{kind}: the process did not draw a frame (status {status}): {line!r}")
    python_at, frame_at, peak_kib = float(words[1]), float(words[2]), int(words[3])
    return frame_at - start, python_at - start, peak_kib / 1024, usage.ru_utime + usage.ru_stime


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    import argparse
    import statistics
    import tempfile
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="Details: the module's docstring."
    )
    ap.add_argument("--runs", type=int, default=11, help="timed runs of each (default 11)")
    ap.add_argument("--content", default="content.yaml", help="relative to --root, or absolute")
    ap.add_argument(
        "--root", default=str(here), help="the tree whose kiosk is timed (default: this one)"
    )
    ap.add_argument(
        "--fullscreen",
        action="store_true",
        help="time `kiosk run` in kiosk mode (full-screen, locked down), not --windowed",
    )
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep the environment's PYTHONDONTWRITEBYTECODE (the kiosk compiles its modules)",
    )
    args = ap.parse_args()
    runs = max(1, args.runs)
    root = str(Path(args.root).resolve())
    content = str(Path(root, args.content).resolve())
    kiosk = "kiosk-fullscreen" if args.fullscreen else "kiosk"

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        bare_qml = Path(tmp, "bare.qml")
        bare_qml.write_text(BARE_QML, encoding="utf-8")
        # a first boot: no content cache, no QML cache, the environment's bytecode as it is
        cold = measure(kiosk, content, bench_env(os.path.join(tmp, "first"), False), root)
        env = bench_env(tmp, bytecode_cache=not args.no_bytecode_cache)
        paths = {"bare": str(bare_qml), kiosk: content}
        measure(kiosk, content, env, root, warm_up=2.0)  # fills the caches for the timed runs
        measure("bare", paths["bare"], env, root, warm_up=2.0)  # and for the bare window
        results: dict[str, list[tuple[float, float, float, float]]] = {"bare": [], kiosk: []}
        for i in range(runs):
            for kind in ("bare", kiosk) if i % 2 == 0 else (kiosk, "bare"):
                results[kind].append(measure(kind, paths[kind], env, root))

    def med(kind: str, k: int) -> float:
        return statistics.median(r[k] for r in results[kind])

    t, py, m, cpu = ({k: med(k, i) for k in results} for i in range(4))
    print(f"{runs} runs each, alternating, fresh processes (offscreen, 1920x1080); medians")
    what = {
        "bare": "bare Controls window",
        kiosk: f"kiosk run{'' if args.fullscreen else ' --windowed'}",
    }
    for kind in ("bare", kiosk):
        lo, hi = min(r[0] for r in results[kind]), max(r[0] for r in results[kind])
        print(
            f"{what[kind]:>22}: {t[kind] * 1000:4.0f} ms to the first frame "
            f"(runs {lo * 1000:.0f}-{hi * 1000:.0f}; interpreter start {py[kind] * 1000:.0f}; "
            f"CPU {cpu[kind] * 1000:.0f}), peak {m[kind]:5.1f} MiB"
        )
    print(f"{'first boot':>22}: {cold[0] * 1000:4.0f} ms, peak {cold[2]:5.1f} MiB (no caches yet)")
    rt, rm, rc = t[kiosk] / t["bare"], m[kiosk] / m["bare"], cpu[kiosk] / cpu["bare"]
    print(
        f"kiosk/bare: time {rt:.2f}x (goal <= {GOAL_TIME}x: {_met(rt <= GOAL_TIME)}), "
        f"memory {rm:.2f}x (goal <= {GOAL_MEMORY}x: {_met(rm <= GOAL_MEMORY)}); CPU {rc:.2f}x"
    )
    print(
        f"the kiosk's extra: {(t[kiosk] - t['bare']) * 1000:.0f} ms, {m[kiosk] - m['bare']:.1f} MiB"
        " (where: bench/startup_profile.py)"
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:6])
    sys.exit(main())
