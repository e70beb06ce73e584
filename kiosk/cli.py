"""The ``kiosk`` command: ``run`` (the default) and ``check``."""

from __future__ import annotations

import argparse
import logging
import re
import socket
import sys
from pathlib import Path
from typing import ClassVar, NoReturn

log = logging.getLogger("kiosk")

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL, EXIT_RUNNING = 0, 1, 2, 3, 4
COMMANDS = ("run", "check", "schema", "proof", "set-pin", "voice", "report", "manifest")
FILE_ONLY = {"console": False}  # logging extra: to the log file only (the console heard it already)


class _Parser(argparse.ArgumentParser):
    """argparse, remembering its usage error so that the log file gets it too."""

    errors: ClassVar[list[str]] = []

    def error(self, message: str) -> NoReturn:
        _Parser.errors.append(f"{self.prog}: {message}")
        super().error(message)


class _Version(argparse.Action):
    """--version: reads the installed version only when asked (see kiosk.__getattr__)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> NoReturn:
        import kiosk

        print(f"{parser.prog} {kiosk.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="kiosk",
        description="A full-screen touch-screen museum kiosk. Without a command: 'run'.",
    )
    p.add_argument("--version", action=_Version, help="print the kiosk's version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="show the exhibit (full-screen unless --windowed)")
    run.add_argument(
        "--content",
        type=Path,
        default=Path("content.yaml"),
        help="the content file (default: content.yaml in the current folder)",
    )
    run.add_argument(
        "--windowed",
        action="store_true",
        help="a normal 1920x1080 window instead of full-screen (curators' preview)",
    )
    run.add_argument(
        "--screen",
        type=int,
        default=None,
        metavar="N",
        help="kiosk mode on screen number N (0, 1, ...; default: the primary screen)",
    )
    sub.add_parser(
        "set-pin", help="set the staff PIN (five taps in the top-left corner open the PIN pad)"
    )

    check = sub.add_parser("check", help="check a content file and list every mistake")
    check.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path("content.yaml"),
        help="the content file (default: content.yaml)",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (such as a missing translation) as errors",
    )
    proof = sub.add_parser(
        "proof", help="render every screen in every language to PNG and check the layout"
    )
    proof.add_argument(
        "--content",
        type=Path,
        default=Path("content.yaml"),
        help="the content file (default: content.yaml)",
    )
    proof.add_argument(
        "--out",
        type=Path,
        default=None,
        help="the folder for the pictures (default: proof/), or with --screen the PNG file",
    )
    proof.add_argument(
        "--size", default="1920x1080", help="the screen in pixels, WIDTHxHEIGHT (default 1920x1080)"
    )
    proof.add_argument(
        "--screen",
        help="render only this screen to --out, with the full proof's checks of it: attract, a page's id (map "
        "and credits are pages), map-<layer id> (the map in that year), map-popup-<place id> "
        "(a place's popup open), idle-warning",
    )
    proof.add_argument(
        "--lang", help="with --screen: the language (default: the content's default)"
    )

    schema = sub.add_parser(
        "schema",
        help="write the JSON Schema of the content file for editors (with its languages)",
    )
    schema.add_argument(
        "--content",
        type=Path,
        default=Path("content.yaml"),
        help="the content file whose languages the schema allows (default: content.yaml)",
    )
    schema.add_argument("--out", type=Path, help="the file to write (default: print it)")

    voice = sub.add_parser(
        "voice",
        help="render everything audio mode says, in every language, ahead of time; "
        "list the texts without a recording",
    )
    voice.add_argument(
        "--content",
        type=Path,
        default=Path("content.yaml"),
        help="the content file (default: content.yaml)",
    )
    voice.add_argument(
        "--out",
        type=Path,
        default=None,
        help="the folder for the WAV files (default: the kiosk's speech cache)",
    )
    voice.add_argument(
        "--missing",
        action="store_true",
        help="list each text without a recording, ready to paste under 'recordings:'",
    )

    report = sub.add_parser(
        "report",
        help="visitor statistics: summary.json and report.html from one or many kiosks' "
        "analytics databases",
    )
    report.add_argument(
        "databases",
        nargs="*",
        type=Path,
        metavar="DB",
        help="analytics.sqlite3 files copied from kiosks, merged into one report "
        "(default: this kiosk's, in its data folder)",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("report"),
        help="the folder for summary.json and report.html (default: report/)",
    )
    report.add_argument(
        "--timezone",
        default="UTC",
        metavar="ZONE",
        help="count hours and days in this time zone, e.g. Europe/Moscow (default: UTC, "
        "as the kiosk stores them)",
    )

    manifest = sub.add_parser(
        "manifest",
        help="check the content and write content.manifest (the sha256 of every file it "
        "uses): kiosks take a copied version only once every file matches it (deploy/FLEET.md)",
    )
    manifest.add_argument(
        "--content",
        type=Path,
        default=Path("content.yaml"),
        help="the content file (default: content.yaml); the manifest is written beside it",
    )
    return p


def _manifest(content: Path) -> int:
    from kiosk.content import ContentError, load_content, manifest

    try:
        loaded = load_content(content)
    except ContentError as e:
        for issue in e.issues:
            print(issue)
        print(
            f"{content}: {e.error_count} error{'s' * (e.error_count != 1)}: no manifest written "
            f"(a broken version is never rolled out); fix them first (kiosk check {content})"
        )
        return EXIT_CONTENT
    snap = loaded.snapshot()
    source = Path(snap.source)
    try:
        path = manifest.write_manifest(source, manifest.files_of(snap))
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        line = f"kiosk manifest: cannot write {getattr(e, 'filename', None) or content}: {why}"
        print(line, file=sys.stderr)
        log.error("%s", line, extra=FILE_ONLY)
        return EXIT_CONTENT
    n = len(manifest.read_manifest(source) or {})
    print(
        f"wrote {path}: {n} files, content {loaded.digest[:12]} (kiosk_build_info's content). "
        "Copy it to the kiosks last: deploy/FLEET.md"
    )
    return EXIT_OK


def _proof(args) -> int:
    import os

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, none touched
    from PySide6.QtGui import QGuiApplication

    from kiosk.content import ContentError

    m = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size.strip().lower())
    if not m:
        print(
            f"kiosk proof: --size must be WIDTHxHEIGHT such as 1920x1080, not '{args.size}'",
            file=sys.stderr,
        )
        log.error("kiosk proof: bad --size '%s' (exit %d)", args.size, EXIT_USAGE, extra=FILE_ONLY)
        return EXIT_USAGE
    size = (int(m.group(1)), int(m.group(2)))
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from kiosk import proof

    try:
        if args.screen:
            out = args.out or Path(f"{args.screen}.png")
            try:  # (validates the file first: never a picture of the last good version)
                found = proof.render_one(args.content, args.screen, args.lang, out, size)
            except KeyError as e:
                print(f"kiosk proof: {e.args[0]}", file=sys.stderr)
                log.error("kiosk proof: %s (exit %d)", e.args[0], EXIT_USAGE, extra=FILE_ONLY)
                return EXIT_USAGE
            for problem in found:
                print(problem)
            print(f"wrote {out}")
            if found:
                print(
                    f"{len(found)} problem{'s' * (len(found) != 1)} on this screen (the picture: {out})"
                )
                return EXIT_CONTENT
            return EXIT_OK
        out = args.out or Path("proof")
        problems = proof.run_proof(args.content, out, size)
    except ContentError as e:  # nothing rendered; nothing of an earlier run left
        for issue in e.issues:
            print(issue)
        print(proof.no_proof(args.content, e.error_count))
        return EXIT_CONTENT
    except OSError as e:  # a picture, a contact sheet or the report not written
        from kiosk.paths import folder_problem_words

        why = (
            "a file is in the way"
            if isinstance(e, (FileExistsError, NotADirectoryError))
            else folder_problem_words(e)
        )
        line = f"kiosk proof: cannot write {e.filename or 'the pictures'}: {why}"
        print(line, file=sys.stderr)
        log.error("%s", line, extra=FILE_ONLY)
        return EXIT_CONTENT
    finally:
        del app
    for problem in problems:
        print(problem)
    sheets = ", ".join(str(p) for p in sorted(out.glob("contact-*.png")))
    if problems:
        print(
            f"{len(problems)} problem{'s' * (len(problems) != 1)}; the pictures and contact sheets ({sheets}) "
            f"show where"
        )
        return EXIT_CONTENT
    print(f"no problems; contact sheets: {sheets}")
    return EXIT_OK


def _schema(content: Path, out: Path | None) -> int:
    from kiosk.content.schema import languages_of, schema_text

    languages = languages_of(content) if content.is_file() else None
    text = schema_text(languages)
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    out.write_text(text, encoding="utf-8")
    which = (
        f"languages {', '.join(languages)} from {content}"
        if languages
        else f"any language code ({content} names none that could be read)"
    )
    print(f"wrote {out} (texts in {which})")
    return EXIT_OK


def _check(path: Path, strict: bool = False) -> int:
    from kiosk.content import ContentError, load_content, words
    from kiosk.content.i18n import pick

    try:
        loaded = load_content(path)
    except ContentError as e:
        for issue in e.issues:
            print(issue)
        n = e.error_count  # the issues listed may stop at 50
        them = "them" if n != 1 else "it"
        print(f"{path}: {n} error{'s' if n != 1 else ''}: fix {them} and run this check again")
        return EXIT_CONTENT
    for issue in loaded.warnings:
        print(issue)
    if strict and loaded.warnings:
        n = len(loaded.warnings)
        made = "makes them errors" if n != 1 else "makes it an error"
        print(f"{path}: {n} warning{'s' if n != 1 else ''}, and --strict {made}")
        return EXIT_CONTENT
    pages = loaded.model.pages
    default = loaded.model.settings.default_language
    per_page = ", ".join(f"{p.id} {words(pick(p.body, default, default))}" for p in pages)
    languages = ", ".join(la.code for la in loaded.model.settings.languages)
    n_img = len(loaded.images)
    m = loaded.model.map
    map_info = f"; map: {len(m.layers)} layers, {len(m.hotspots)} hotspots" if m else ""
    print(
        f"{path}: OK - {len(pages)} page{'s' * (len(pages) != 1)}, {n_img} image{'s' * (n_img != 1)}; "
        f"languages: {languages}; words per page ({default}): {per_page}{map_info}"
    )
    return EXIT_OK


def _voice(content: Path, out: Path | None, missing: bool = False) -> int:
    import time
    import wave

    from kiosk.content import ContentError, load_content
    from kiosk.content.recordings import HASH_SHOWN, recording_index, spoken_key, text_sha256
    from kiosk.speech.synth import Synthesizer
    from kiosk.speech.utterances import utterances

    try:
        loaded = load_content(content)
    except ContentError as e:
        for issue in e.issues:
            print(issue)
        print(f"{content}: fix these first (kiosk check {content})")
        return EXIT_CONTENT
    data = loaded.model.model_dump(mode="json")
    recorded = recording_index(data, content.parent)
    if out is None:
        from kiosk.paths import cache_dir

        out = cache_dir() / "speech"
    synth = Synthesizer(out)
    started = time.perf_counter()
    said = utterances(data)
    per: dict[str, dict[str, float]] = {}
    unrecorded: list = []
    files: set[Path] = set()
    try:
        for u in said:
            count = per.setdefault(
                u.language, {"texts": 0, "recorded": 0, "new": 0, "seconds": 0.0}
            )
            count["texts"] += 1
            if (u.text_language, spoken_key(u.text)) in recorded:
                count["recorded"] += 1
                continue
            unrecorded.append(u)
            new = synth.cached(u.text, u.text_language) is None
            path = synth.render(u.text, u.text_language)
            count["new"] += new
            files.add(path)
            with wave.open(str(path), "rb") as w:
                count["seconds"] += w.getnframes() / w.getframerate()
    except OSError as e:
        from kiosk.paths import folder_problem_words

        line = f"kiosk voice: cannot write {e.filename or out}: {folder_problem_words(e)}"
        print(line, file=sys.stderr)
        log.error("%s", line, extra=FILE_ONLY)
        return EXIT_CONTENT
    finally:
        synth.close()

    def minutes(seconds: float) -> str:
        return f"{int(seconds // 60)} min {round(seconds % 60)} s"

    print(f"{content}: {len(said)} texts to speak in {len(per)} languages")
    for code, c in per.items():
        print(
            f"  {code}: {c['texts']:.0f} texts - {c['recorded']:.0f} recorded, "
            f"{c['texts'] - c['recorded']:.0f} synthesized ({c['new']:.0f} new), "
            f"{minutes(c['seconds'])} of synthetic speech"
        )
    size = sum(f.stat().st_size for f in files)
    print(
        f"synthetic speech in {out} ({len(files)} files, {size / 1e6:.1f} MB), "
        f"{time.perf_counter() - started:.1f} s"
    )
    counts = {code: sum(u.language == code for u in unrecorded) for code in per}
    print(
        "texts without a recording: "
        + ", ".join(f"{code} {n}" for code, n in counts.items())
        + ("" if missing or not unrecorded else " (kiosk voice --missing lists them)")
    )
    if missing and unrecorded:
        print("\nrecordings:  # each text without a recording; give each a file and keep it")
        listed: set[tuple[str, str]] = set()
        for u in unrecorded:
            if not u.recordable or (u.place, u.text_language) in listed:
                continue
            listed.add((u.place, u.text_language))
            print(
                f"  - of: {u.place}\n    language: {u.text_language}\n"
                f"    file: audio/{u.place.replace('.', '-')}-{u.text_language}.mp3\n"
                f"    text_sha256: {text_sha256(u.text)[:HASH_SHOWN]}"
            )
    return EXIT_OK


_KIOSK_MODULES = ("kiosk", "kiosk.cli", "kiosk.__main__")


def _runs_kiosk(pid: int) -> bool | None:
    """Whether process ``pid`` is a kiosk: True, False, or None (cannot tell: not Linux, or
    its command line is hidden). Linux only, from ``/proc/<pid>/cmdline``."""
    if not sys.platform.startswith("linux") or pid <= 0:
        return None
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = [a.decode("utf-8", "replace") for a in f.read().split(b"\0")]
    except FileNotFoundError:
        return False  # no such process: the lock is stale
    except OSError:
        return None
    return _kiosk_command(args)


def _kiosk_command(args: list[str]) -> bool:
    """A command line that runs the kiosk: the program or the interpreter's script is
    ``kiosk``, or the interpreter runs ``-m kiosk``."""
    if args and Path(args[0]).name in ("kiosk", "kiosk.exe"):
        return True
    rest = iter(args[1:])
    for a in rest:  # the interpreter's options, up to the script or module
        if a == "-m":
            return next(rest, "") in _KIOSK_MODULES
        if a.startswith("-m"):
            return a[2:] in _KIOSK_MODULES
        if a in ("-X", "-W", "--check-hash-based-pycs"):
            next(rest, None)  # an option with a value
        elif a == "-c" or a == "-" or not a.startswith("-"):
            return Path(a).name in ("kiosk", "kiosk.exe")  # the script (or a command: not a kiosk)
    return False


_LOCK_ERRORS = {
    "PermissionError": "permission denied",
    "UnknownError": "it cannot be created",
    "LockFailedError": "it cannot be read or replaced",
}


def _take_lock(data_ok: bool):
    """One kiosk per user and data folder: the ``QLockFile`` (held until exit), None when no
    lock can be had (the kiosk runs anyway), or ``EXIT_RUNNING`` when another kiosk holds it.

    The lock lives in the data folder, or when that cannot be written in the runtime folder
    (see ``paths.fallback_lock_file``). A stale lock - its process gone, or (Linux) that
    process number now used by something that is not a kiosk - is taken over. Only a lock
    held by a live kiosk says "another kiosk is running"."""
    from PySide6.QtCore import QLockFile, QSysInfo

    from kiosk.paths import data_dir, fallback_lock_file

    failed: list[str] = []
    for path in ([data_dir() / "kiosk.lock"] if data_ok else []) + [fallback_lock_file()]:
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)
        if lock.tryLock(100):
            break
        info = lock.getLockInfo()  # (pid, host, application), or zeros
        pid, host = (
            (int(info[0] or 0), str(info[1] or ""))
            if isinstance(info, tuple) and len(info) >= 2
            else (0, "")
        )
        if lock.error() == QLockFile.LockError.LockFailedError and pid > 0:
            kiosk = _runs_kiosk(pid) if host in ("", QSysInfo.machineHostName()) else None
            if kiosk is False and lock.removeStaleLockFile() and lock.tryLock(100):
                log.info("took over the lock %s of process %d, which is not a kiosk", path, pid)
                break
            if kiosk is not False:
                print(
                    f"kiosk: another kiosk is already running (process {pid} on {host or 'this machine'}); "
                    "stop it first (systemctl --user stop kiosk)",
                    file=sys.stderr,
                )
                log.error(
                    "another kiosk is already running (process %d on %s; lock %s)",
                    pid,
                    host or "this machine",
                    path,
                    extra=FILE_ONLY,
                )
                return EXIT_RUNNING
        failed.append(f"{path} ({_LOCK_ERRORS.get(lock.error().name, lock.error().name)})")
    else:
        log.warning(
            "cannot use the lock file %s: running without the one-kiosk-at-a-time lock",
            " nor ".join(failed),
        )
        return None
    if failed:
        log.warning("cannot use the lock file %s; using %s instead", failed[0], path)
    return lock


def _report(databases: list[Path], out: Path, timezone: str) -> int:
    from kiosk.report import DB_NAME, ReportError, make_report, zone
    from kiosk.report.render import INSTALL_HINT

    try:
        zone(timezone)
    except ValueError as e:
        print(f"kiosk report: {e}", file=sys.stderr)
        return EXIT_USAGE
    default = not databases
    if default:
        from kiosk.paths import data_dir

        databases = [data_dir() / DB_NAME]
    try:
        made = make_report(databases, out, timezone)
    except ReportError as e:
        for line in str(e).splitlines():
            if default and line.endswith("no such file"):
                line += (
                    " (this kiosk has recorded no session yet, or settings.analytics.enabled "
                    "is false; name other kiosks' files: kiosk report FILE ...)"
                )
            print(f"kiosk report: {line}", file=sys.stderr)
            log.error("kiosk report: %s (exit %d)", line, EXIT_CONTENT, extra=FILE_ONLY)
        print("kiosk report: nothing written", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as e:
        from kiosk.paths import folder_problem_words

        line = f"kiosk report: cannot write {e.filename or out}: {folder_problem_words(e)}"
        print(line, file=sys.stderr)
        log.error("%s", line, extra=FILE_ONLY)
        return EXIT_CONTENT
    s = made.summary
    period = f", {s['period']['first']} to {s['period']['last']}" if s["period"] else ""
    kiosks = len(s["kiosks"])
    print(
        f"{s['sessions']} session{'s' * (s['sessions'] != 1)} from {kiosks} "
        f"kiosk{'s' * (kiosks != 1)}{period}: wrote {out / 'summary.json'} and "
        f"{out / 'report.html'}"
    )
    if not made.charts:
        print(f"the report has tables only: {INSTALL_HINT}")
    return EXIT_OK


def _run(content: Path, windowed: bool, screen: int | None = None) -> int:
    import signal

    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtGui import QGuiApplication

    from kiosk.app import create_app
    from kiosk.content import ContentError
    from kiosk.logs import log_uncaught
    from kiosk.paths import data_dir, folder_problem

    # the data folder: when it cannot be written (read-only, full, a file), setup_logging has
    # said so in one line; the kiosk runs anyway, with no log file and no content cache
    data_ok = folder_problem(data_dir()) is None
    lock = _take_lock(data_ok)
    if isinstance(lock, int):
        return lock  # EXIT_RUNNING
    log_uncaught()
    app = QGuiApplication(sys.argv[:1])

    # SIGTERM / SIGINT (systemd stop, Ctrl+C): leave the event loop and exit cleanly
    read, write = socket.socketpair()
    write.setblocking(False)
    signal.set_wakeup_fd(write.fileno())
    stopping: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda n, _f: stopping.append(n))
    notifier = QSocketNotifier(read.fileno(), QSocketNotifier.Type.Read)

    def on_signal() -> None:
        read.recv(64)
        if stopping:
            log.info("stopping (signal %d)", stopping[-1])
            QGuiApplication.exit(0)  # exit, not quit: quit would ask the (locked) window to close

    notifier.activated.connect(on_signal)
    try:
        kiosk = create_app(content, fullscreen=not windowed, screen=screen, cache=data_ok)
    except ContentError as e:
        for issue in e.issues:
            print(issue, file=sys.stderr)
            log.error("%s", issue, extra=FILE_ONLY)
        print(
            f"{content}: the kiosk cannot start until these are fixed (kiosk check {content})",
            file=sys.stderr,
        )
        log.error(
            "%s: the kiosk cannot start: %d error%s and no good version to show (exit %d)",
            content,
            e.error_count,
            "s" * (e.error_count != 1),
            EXIT_CONTENT,
            extra=FILE_ONLY,
        )
        return EXIT_CONTENT
    from kiosk import metrics
    from kiosk.watchdog import Watchdog

    # the window's frames: systemd's watchdog, and kiosk_last_frame_timestamp_seconds
    watchdog = Watchdog(kiosk.window, on_frame=metrics.frame if metrics.active() else None)
    watchdog.start()
    code = app.exec()
    log.info("kiosk stopped (exit code %d)", code)
    watchdog.stop()
    signal.set_wakeup_fd(-1)
    notifier.setEnabled(False)
    kiosk.close()
    del kiosk
    if lock is not None:
        lock.unlock()
    return code


def _set_pin() -> int:
    import getpass

    from kiosk import staffpin

    try:
        first = getpass.getpass(f"New staff PIN (at least {staffpin.MIN_LENGTH} digits): ")
        second = getpass.getpass("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk set-pin: no PIN set", file=sys.stderr)
        return EXIT_USAGE
    if first != second:
        print("kiosk set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    try:
        path = staffpin.set_pin(first)
        staffpin.Lockout().succeeded()  # a new PIN ends a lock of the pad (at the kiosk's next start)
    except ValueError as e:
        print(f"kiosk set-pin: {e}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Staff PIN set (stored as a salted hash in {path}). Five taps within three seconds in the "
        "top-left corner of the kiosk open the PIN pad."
    )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "run")
    from kiosk.logs import setup_logging

    log_file = setup_logging()  # first: a usage error reaches the log file too
    _Parser.errors.clear()
    try:
        args = _parser().parse_args(argv)
    except (
        SystemExit
    ) as e:  # argparse: usage errors exit 2 (its message is on stderr), --help exits 0
        code = int(e.code or 0)
        if code:
            why = _Parser.errors[-1] if _Parser.errors else "bad options"
            log.error(
                "usage error (exit %d): %s; the command was: kiosk %s",
                code,
                why,
                " ".join(argv),
                extra=FILE_ONLY,
            )
        return code
    try:
        if args.command == "check":
            return _check(args.path, args.strict)
        if args.command == "schema":
            return _schema(args.content, args.out)
        if args.command == "proof":
            return _proof(args)
        if args.command == "set-pin":
            return _set_pin()
        if args.command == "voice":
            return _voice(args.content, args.out, args.missing)
        if args.command == "manifest":
            return _manifest(args.content)
        if args.command == "report":
            return _report(args.databases, args.out, args.timezone)
        return _run(args.content, args.windowed, args.screen)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kiosk check | head -1`: the reader has all it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as e:  # never show a traceback to a curator: log it, say one line
        where = f"; details in {log_file}" if log_file else ""
        if isinstance(e, ImportError) and (missing := _missing_library(e)):
            log.critical("the kiosk cannot start: %s%s", missing, where, exc_info=True)
            return EXIT_INTERNAL
        log.critical("internal error (%s: %s)%s", type(e).__name__, e, where, exc_info=True)
        return EXIT_INTERNAL


# the system libraries Qt loads, by file, and the Debian/Ubuntu package that has each
_LIBRARY_PACKAGES = {
    "libEGL.so": "libegl1",
    "libGL.so": "libgl1",
    "libOpenGL.so": "libopengl0",
    "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6",
    "libxkbcommon.so": "libxkbcommon0",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libdbus-1.so": "libdbus-1-3",
    "libglib-2.0.so": "libglib2.0-0",
    "libX11.so": "libx11-6",
    "libX11-xcb.so": "libx11-xcb1",
    "libxcb-cursor.so": "libxcb-cursor0",
    "libasound.so": "libasound2",
}


def _missing_library(error: ImportError) -> str | None:
    """An import that failed for a missing system library, in a technician's words."""
    m = re.search(r"(lib[\w+.-]+?\.so)[\w.]*: cannot open shared object file", str(error))
    if m is None:
        return None
    package = _LIBRARY_PACKAGES.get(m.group(1))
    install = f"apt-get install {package}" if package else "install the package that has it"
    return (
        f"the system library {m.group(0).split(':')[0]} is missing; run tools/setup.sh (it "
        f"installs what Qt needs) or, as root: {install}"
    )


if __name__ == "__main__":
    sys.exit(main())
