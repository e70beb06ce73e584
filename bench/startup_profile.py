"""Where `kiosk run`'s start-up goes, step by step to the first frame, against a bare window.

    python bench/startup_profile.py [timeline] [--runs 5] [--root DIR] [--fullscreen]
    python bench/startup_profile.py statements [--root DIR]  # each kiosk module line's cost
    python bench/startup_profile.py imports [--runs 3]       # python -X importtime, grouped
    python bench/startup_profile.py cprofile [--kind bare]   # cProfile to the first frame

Every run is a fresh process in bench/startup.py's environment (offscreen; the kiosk's
files, the QML disk cache and Python's bytecode cache in a throwaway folder, warmed by one
untimed boot of each kind first), running what bench/startup.py times: ``kiosk.cli.main(
["run", "--windowed", "--content", FILE])``, or the bare Controls window, up to the first
swapped frame (``--fullscreen``: ``kiosk run``, kiosk mode).  Nothing in kiosk/ is edited:
steps are wrapped from the outside.

``timeline``: the imports in the order the kiosk makes them (each step's time includes what
it pulls in), then the steps of ``kiosk run`` and ``create_app`` (every font file, every
singleton, the QML), then the event loop up to the first frame, split at the window's
scene-graph signals.  Per step, medians: wall ms, the main thread's CPU ms (steadier than
wall on a busy machine), when it ended (ms from process start), the resident memory it
added and the peak so far (MiB).  Nested steps are indented and inside their parent.

``statements``: every top-level statement of every kiosk module, timed on its own as the
kiosk runs (self time: without the kiosk modules it imports, nor the compiling of their
source), biggest first: which import, class or constant costs what.

``imports``: ``-X importtime`` of the same runs, self time summed by package, the biggest
modules; for both kinds.

``cprofile``: the Python functions and Qt calls that take the time (profiled: slower).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time


def _now() -> tuple[float, float]:
    """(wall: CLOCK_MONOTONIC, one clock for all processes; this thread's CPU time)."""
    return time.clock_gettime(time.CLOCK_MONOTONIC), time.thread_time()


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timeline:
    """Steps as (label, depth, start, end, MiB added, peak MiB), printed at the first frame."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int, tuple[float, float], tuple[float, float], float, float]]
        self.steps = []
        self.depth = 0

    def step(self, label: str, fn, *args, **kwargs):
        start, rss = _now(), _rss_mib()
        self.depth += 1
        try:
            return fn(*args, **kwargs)
        finally:
            self.depth -= 1
            self.steps.append((label, self.depth, start, _now(), _rss_mib() - rss, _peak_mib()))

    def mark(self, label: str, since: tuple[float, float], depth: int | None = None) -> None:
        d = self.depth if depth is None else depth
        self.steps.append((label, d, since, _now(), 0.0, _peak_mib()))

    def wrap(self, owner, name: str, label: str | None = None) -> None:
        """Time every call of ``owner.name`` (if the kiosk still has it)."""
        orig = getattr(owner, name, None)
        if orig is None:
            return

        def wrapper(*args, **kwargs):
            return self.step(label or name, orig, *args, **kwargs)

        setattr(owner, name, wrapper)

    def dump(self, t0: float) -> None:
        lines = [
            f"{d}\t{a[0] - t0!r}\t{b[0] - t0!r}\t{b[1] - a[1]!r}\t{m!r}\t{p!r}\t{lab}"
            for lab, d, a, b, m, p in self.steps
        ]
        os.write(1, ("\n".join(lines) + "\nEND\n").encode())


def child_timeline(kind: str, path: str, root: str, t0: float) -> None:
    tl = Timeline()
    tl.mark("interpreter start (exec, site)", (t0, 0.0))
    sys.path.insert(0, root)
    for name in (
        ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtQml", "PySide6.QtQuick"]
        if kind == "bare"
        else [  # the order of `kiosk run`: the console script, main(), then _run()
            "kiosk.cli",
            "kiosk.logs",
            "PySide6.QtCore",
            "PySide6.QtGui",
            "kiosk.app",
            "kiosk.content",
            "kiosk.watchdog",
        ]
    ):
        tl.step(f"import {name}", __import__, name)  # (not importlib: -X importtime sees it)

    from PySide6.QtGui import QGuiApplication

    setup_from = _now()
    exec_at = [(0.0, 0.0)]

    class App(QGuiApplication):
        def exec(self):
            exec_at[0] = _now()
            return super().exec()

    def listen(window) -> None:
        """The scene graph's signals up to the first swap (offscreen: the software renderer
        on the GUI thread).  No Qt.ConnectionType named: see bench/startup.py."""
        last: list[tuple[float, float] | None] = [None]  # None: since app.exec() started

        def on(signal: str):
            def stamp() -> None:
                tl.mark(f"-> {signal}", last[0] or exec_at[0], 2)
                last[0] = _now()
                if signal == "frameSwapped":
                    tl.mark("event loop: app.exec() -> first frameSwapped", exec_at[0], 1)
                    tl.dump(t0)
                    os._exit(0)

            return stamp

        for signal in (
            "afterAnimating",  # after the items' polish (layouts), before the sync
            "sceneGraphInitialized",
            "beforeSynchronizing",
            "afterSynchronizing",
            "beforeRendering",
            "afterRendering",
            "frameSwapped",
        ):
            getattr(window, signal).connect(on(signal))

    if kind == "bare":
        from PySide6.QtQml import QQmlApplicationEngine

        tl.mark("(this profiler's own set-up)", setup_from, 0)
        app = tl.step("QGuiApplication()", App, sys.argv[:1])
        engine = tl.step("QQmlApplicationEngine()", QQmlApplicationEngine)
        tl.step("engine.load(bare.qml)", engine.load, path)
        listen(engine.rootObjects()[0])
        app.exec()
        os._exit(3)

    import PySide6.QtGui

    import kiosk.app as ka
    import kiosk.backend as kb
    import kiosk.cli as cli
    import kiosk.logs
    import kiosk.paths
    import kiosk.watchdog

    PySide6.QtGui.QGuiApplication = App  # kiosk.cli imports it when it runs
    tl.wrap(kiosk.logs, "setup_logging", "setup_logging (log file)")
    tl.wrap(kiosk.logs, "log_uncaught")
    tl.wrap(cli, "_take_lock", "_take_lock (one-kiosk lock)")
    tl.wrap(kiosk.paths, "folder_problem")
    tl.wrap(kiosk.watchdog.Watchdog, "start", "Watchdog.start")
    tl.wrap(ka, "open_content", "open_content (content cache)")
    tl.wrap(ka, "SnapshotCache")
    tl.wrap(ka, "load_fonts", "load_fonts")
    for cls, name in (
        ("Exhibit", "set_content"),
        ("Language", "set_offered"),
        ("Navigation", "set_page_ids"),
        ("Idle", "configure"),
        ("Schedule", "configure"),
        ("Reload", "start"),
        ("Reload", "report"),
    ):
        if hasattr(kb, cls):
            tl.wrap(getattr(kb, cls), name, f"{cls}.{name}")
    tl.wrap(ka, "ActivityFilter")
    tl.wrap(ka, "CornerGesture")

    real_fdb = getattr(ka, "QFontDatabase", None)
    if real_fdb is not None:

        class FontDatabase:  # each font file's registration, timed
            @staticmethod
            def applicationFontFamilies(fid: int) -> list[str]:
                # (not staticmethod(real_fdb.applicationFontFamilies): that reads the Qt
                # function's __doc__, and PySide takes ~20 ms to make it)
                return real_fdb.applicationFontFamilies(fid)

            @staticmethod
            def addApplicationFont(file: str) -> int:
                size = os.path.getsize(file) / 2**20
                return tl.step(
                    f"addApplicationFont {os.path.basename(file)} ({size:.1f} MB)",
                    real_fdb.addApplicationFont,
                    file,
                )

        ka.QFontDatabase = FontDatabase

    class Engine(ka.QQmlApplicationEngine):
        def __init__(self, *args):
            tl.step("QQmlApplicationEngine()", super().__init__, *args)

        def singletonInstance(self, uri, name):
            return tl.step(f"singletonInstance {name}", super().singletonInstance, uri, name)

        def loadFromModule(self, uri, name):
            return tl.step(f"engine.loadFromModule {uri} {name}", super().loadFromModule, uri, name)

        def load(self, *args):
            return tl.step("engine.load", super().load, *args)

    ka.QQmlApplicationEngine = Engine
    real_create = ka.create_app

    def create_app(*args, **kwargs):
        running = tl.step("create_app", real_create, *args, **kwargs)
        listen(running.window)
        return running

    ka.create_app = create_app
    tl.mark("(this profiler's own set-up)", setup_from, 0)
    argv = ["run", "--content", path] + ([] if kind == "kiosk-fullscreen" else ["--windowed"])
    tl.step("kiosk.cli.main (to app.exec())", cli.main, argv)
    os._exit(3)


def child_statements(kind: str, path: str, root: str, t0: float) -> None:
    """Run ``kind`` with every top-level statement of every kiosk module timed on its own."""
    import __future__

    import ast
    import importlib.machinery

    records: list[tuple[float, str]] = []  # (self seconds, where)
    stack: list[float] = []  # per statement being run: the time of what is nested in it

    class Loader(importlib.machinery.SourceFileLoader):
        def exec_module(self, module) -> None:
            start = time.perf_counter()
            source = self.get_source(module.__name__)
            tree = ast.parse(source, self.path)
            future = any(
                isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in tree.body
            )
            flags = __future__.annotations.compiler_flag if future else 0
            codes = [
                compile(ast.Module([node], []), self.path, "exec", flags, dont_inherit=True)
                for node in tree.body
            ]
            if stack:  # compiling is not the importing statement's time
                stack[-1] += time.perf_counter() - start
            lines = source.splitlines()
            for node, code in zip(tree.body, codes):
                stack.append(0.0)
                start = time.perf_counter()
                try:
                    exec(code, module.__dict__)
                finally:
                    took = time.perf_counter() - start
                    nested = stack.pop()
                    if stack:
                        stack[-1] += took
                    where = f"{os.path.relpath(self.path, root)}:{node.lineno}"
                    text = lines[node.lineno - 1].strip()[:60]
                    records.append((took - nested, f"{where} {text}"))

    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.split(".")[0] != "kiosk":
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path or [root])
            if spec and spec.origin and spec.origin.endswith(".py"):
                spec.loader = Loader(name, spec.origin)
            return spec

    sys.meta_path.insert(0, Finder)
    Timeline.dump = lambda self, t0: None  # type: ignore[method-assign]
    real_exit = os._exit

    def stop(code: int) -> None:
        total = sum(r[0] for r in records)
        print(
            f"first frame at {(_now()[0] - t0) * 1000:.0f} ms; the kiosk modules' statements: "
            f"{total * 1000:.1f} ms (self ms, biggest first; their compiling not counted):"
        )
        for took, where in sorted(records, reverse=True)[:45]:
            print(f"{took * 1000:7.2f}  {where}")
        per_file: dict[str, float] = {}
        for took, where in records:
            file = where.split(":")[0]
            per_file[file] = per_file.get(file, 0.0) + took
        print("per module (self ms):")
        for file, took in sorted(per_file.items(), key=lambda x: -x[1]):
            print(f"{took * 1000:7.2f}  {file}")
        sys.stdout.flush()
        real_exit(code)

    os._exit = stop
    child_timeline(kind, path, root, t0)


def child_cprofile(kind: str, path: str, root: str, t0: float) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    real_exit = os._exit

    def stop(code: int) -> None:
        prof.disable()
        sys.stdout.write("\n" * 2)
        print(f"first frame at {(_now()[0] - t0) * 1000:.0f} ms (profiled: slower than real)")
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(45)
        sys.stdout.flush()
        real_exit(code)

    os._exit = stop
    prof.enable()
    child_timeline(kind, path, root, t0)


def spawn(mode: str, kind: str, path: str, root: str, env: dict, extra=()) -> tuple[str, str]:
    import subprocess

    with contextlib.suppress(FileNotFoundError):  # as in bench/startup.py: no stale lock
        os.remove(os.path.join(env["KIOSK_DATA_DIR"], "kiosk.lock"))
    t0 = _now()[0]
    proc = subprocess.run(
        [sys.executable, *extra, __file__, "--child", mode, kind, path, root, repr(t0)],
        capture_output=True,
        env=env,
        cwd=root,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind}: exit {proc.returncode}\n{proc.stderr.decode()[-2000:]}")
    return proc.stdout.decode(), proc.stderr.decode()


def timeline(args, env, paths) -> None:
    import statistics

    for kind in paths:
        by_label: dict[str, list[tuple[int, float, float, float, float, float]]] = {}
        for _ in range(args.runs):
            out = spawn("timeline", kind, paths[kind], args.root, env)[0]
            for line in out.split("END")[0].strip().splitlines():
                d, a, b, cpu, mib, peak, label = line.split("\t")
                by_label.setdefault(label, []).append(
                    (int(d), float(a), float(b), float(cpu), float(mib), float(peak))
                )
        print(f"\n== {kind}: medians of {args.runs} runs ==")
        print(f"{'wall ms':>8} {'cpu ms':>7} {'ends at':>7} {'+MiB':>6} {'peak':>6}  step")

        def med(v, f):
            return statistics.median(f(x) for x in v)

        for label, v in sorted(by_label.items(), key=lambda kv: med(kv[1], lambda x: x[2])):
            wall, cpu = med(v, lambda x: (x[2] - x[1]) * 1000), med(v, lambda x: x[3] * 1000)
            end, mib, peak = (med(v, lambda x, i=i: x[i]) for i in (2, 4, 5))
            indent = "  " * v[0][0]
            print(
                f"{wall:8.1f} {cpu:7.1f} {end * 1000:7.0f} {mib:6.1f} {peak:6.1f}  {indent}{label}"
            )


def imports(args, env, paths) -> None:
    import collections
    import statistics

    for kind in paths:
        selfs: dict[str, list[int]] = collections.defaultdict(list)
        for _ in range(args.runs):
            err = spawn("timeline", kind, paths[kind], args.root, env, ["-X", "importtime"])[1]
            for line in err.splitlines():
                if line.startswith("import time:") and "self [us]" not in line:
                    us, _cumulative, name = line[len("import time:") :].split("|", 2)
                    selfs[name.strip()].append(int(us))
        med = {name: statistics.median(v) / 1000 for name, v in selfs.items()}
        groups: dict[str, float] = collections.defaultdict(float)
        for name, ms in med.items():
            top = name.split(".")[0]
            if top in ("kiosk", "PySide6", "shiboken6"):
                top = ".".join(name.split(".")[:2])
            elif top.startswith("__editable__") or top in ("site", "encodings"):
                top = "(site, the editable install's finder)"
            elif top != "shibokensupport":
                top = "(the standard library)"
            groups[top] += ms
        print(
            f"\n== {kind}: -X importtime, medians of {args.runs} runs: {len(med)} modules, "
            f"{sum(med.values()):.0f} ms of self time (importtime's overhead included) =="
        )
        for group, ms in sorted(groups.items(), key=lambda x: -x[1]):
            if ms >= 0.5:
                print(f"{ms:7.1f}  {group}")
        print("  the biggest modules (self ms):")
        for name, ms in sorted(med.items(), key=lambda x: -x[1])[:25]:
            print(f"  {ms:7.1f}  {name}")


def main() -> int:
    import argparse
    import tempfile
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="Details: the module's docstring."
    )
    ap.add_argument(
        "mode",
        nargs="?",
        default="timeline",
        choices=["timeline", "statements", "imports", "cprofile"],
    )
    ap.add_argument("--runs", type=int, default=5, help="timeline, imports: runs of each kind")
    ap.add_argument("--content", default="content.yaml", help="relative to --root, or absolute")
    ap.add_argument("--root", default=str(here), help="the tree whose kiosk is profiled")
    ap.add_argument(
        "--kind", choices=["kiosk", "bare"], default="kiosk", help="statements, cprofile"
    )
    ap.add_argument("--fullscreen", action="store_true", help="`kiosk run`, not --windowed")
    args = ap.parse_args()
    args.root = str(Path(args.root).resolve())
    args.runs = max(1, args.runs)
    sys.path.insert(0, str(here / "bench"))
    from startup import BARE_QML, bench_env, measure

    with tempfile.TemporaryDirectory(prefix="kiosk-profile-") as tmp:
        Path(tmp, "bare.qml").write_text(BARE_QML, encoding="utf-8")
        env = bench_env(tmp)
        kiosk = "kiosk-fullscreen" if args.fullscreen else "kiosk"
        paths = {"bare": str(Path(tmp, "bare.qml")), kiosk: str(Path(args.root, args.content))}
        for kind in paths:  # warm boots, as in bench/startup.py
            measure(kind, paths[kind], env, args.root, warm_up=2.0)
            spawn("timeline", kind, paths[kind], args.root, env)  # (this script's bytecode)
        if args.mode == "timeline":
            timeline(args, env, paths)
        elif args.mode == "imports":
            imports(args, env, paths)
        else:
            kind = kiosk if args.kind == "kiosk" else "bare"
            sys.stdout.write(spawn(args.mode, kind, paths[kind], args.root, env)[0])
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        mode, kind, path, root, t0 = sys.argv[2:7]
        run = {"cprofile": child_cprofile, "statements": child_statements}.get(mode, child_timeline)
        run(kind, path, root, float(t0))
    sys.exit(main())
