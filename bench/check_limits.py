"""`kiosk check` at the limits: time and peak memory, each case in a fresh process.

    python bench/check_limits.py [--runs 3]

Cases (made by tests/hostile.py in a temporary folder): the shipped content.yaml (for
scale), the worst *legal* exhibit (close to every limit: 5 MB, 50,000 values, lists of
500, a layers file of 200 features and 100,000 points - it passes the check), a million
keys in 2 MB, 150,000 values in sections under the per-section limit, a million-point
polygon, and /dev/zero as the content file.  For each: the exit code, the median wall time
of the whole command (interpreter start and imports included) and the peak resident memory
of the child process.  Goal: every case under 1 s and 200 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import hostile  # noqa: E402

GOAL_S, GOAL_MB = 1.0, 200


def run(path: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds, peak RSS in MB of `python -m kiosk check path`."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=tempfile.mkdtemp(prefix="bench-data-"),
    )
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: no output (a broken file prints up to 52 lines)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execve(sys.executable, [sys.executable, "-m", "kiosk", "check", str(path)], env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024  # KB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-limits-") as tmp:
        folder = Path(tmp)
        cases = {
            "shipped content.yaml": ROOT / "content.yaml",
            "worst legal exhibit (at the limits)": hostile.worst_legal(folder / "legal"),
            "a million keys in 2 MB": hostile.million_keys(folder / "keys"),
            "150,000 values": hostile.many_values(folder / "values"),
            "a million-point polygon": hostile.huge_polygon(folder / "polygon"),
            "/dev/zero as content.yaml": Path("/dev/zero"),
        }
        print(f"{'case':48} {'exit':>4} {'time (median)':>14} {'peak RSS':>10}")
        worst_s = worst_mb = 0.0
        for name, path in cases.items():
            results = [run(path) for _ in range(args.runs)]
            code = results[0][0]
            seconds = statistics.median(r[1] for r in results)
            mb = max(r[2] for r in results)
            worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, mb)
            size = f"{path.stat().st_size / 1e6:.1f} MB" if path.is_file() else "device"
            label = f"{name} ({size})"
            print(f"{label:48} {code:>4} {seconds:>12.2f} s {mb:>7.0f} MB")
    ok = worst_s < GOAL_S and worst_mb < GOAL_MB
    print(
        f"slowest {worst_s:.2f} s, largest {worst_mb:.0f} MB; goal under {GOAL_S:g} s and {GOAL_MB} MB: "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
