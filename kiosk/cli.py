"""The ``kiosk`` command: ``run`` (the default) and ``check``."""

from __future__ import annotations

import argparse
import logging
import re
import socket
import sys
from pathlib import Path

from kiosk import __version__

log = logging.getLogger("kiosk")

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL, EXIT_RUNNING = 0, 1, 2, 3, 4
COMMANDS = ("run", "check", "schema", "proof", "set-pin")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="A full-screen touch-screen museum kiosk. Without a command: 'run'.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="show the exhibit (full-screen unless --windowed)")
    run.add_argument("--content", type=Path, default=Path("content.yaml"),
                     help="the content file (default: content.yaml in the current folder)")
    run.add_argument("--windowed", action="store_true",
                     help="a normal 1920x1080 window instead of full-screen (curators' preview)")
    run.add_argument("--screen", type=int, default=None, metavar="N",
                     help="kiosk mode on screen number N (0, 1, ...; default: the primary screen)")
    sub.add_parser("set-pin", help="set the staff PIN (five taps in the top-left corner open the PIN pad)")

    check = sub.add_parser("check", help="check a content file and list every mistake")
    check.add_argument("path", nargs="?", type=Path, default=Path("content.yaml"),
                       help="the content file (default: content.yaml)")
    check.add_argument("--strict", action="store_true",
                       help="treat warnings (such as a missing translation) as errors")
    proof = sub.add_parser("proof", help="render every screen in every language to PNG and check the layout")
    proof.add_argument("--content", type=Path, default=Path("content.yaml"),
                       help="the content file (default: content.yaml)")
    proof.add_argument("--out", type=Path, default=None,
                       help="the folder for the pictures (default: proof/), or with --screen the PNG file")
    proof.add_argument("--size", default="1920x1080", help="the screen in pixels, WIDTHxHEIGHT (default 1920x1080)")
    proof.add_argument("--screen", help="render only this screen (attract, a page id, map-<layer>, "
                                        "hotspot-<id>, idle-warning) to --out, without checks")
    proof.add_argument("--lang", help="with --screen: the language (default: the content's default)")

    schema = sub.add_parser("schema", help="write the JSON Schema of content files (for editors)")
    schema.add_argument("--out", type=Path, help="the file to write (default: print it)")
    return p


def _proof(args) -> int:
    import os

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, none touched
    from PySide6.QtGui import QGuiApplication

    from kiosk.content import ContentError

    m = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size.strip().lower())
    if not m:
        print(f"kiosk proof: --size must be WIDTHxHEIGHT such as 1920x1080, not '{args.size}'", file=sys.stderr)
        return EXIT_USAGE
    size = (int(m.group(1)), int(m.group(2)))
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from kiosk import proof

    try:
        if args.screen:
            out = args.out or Path(f"{args.screen}.png")
            try:
                proof.render_one(args.content, args.screen, args.lang, out, size)
            except KeyError as e:
                print(f"kiosk proof: no such screen or language: {e.args[0]}", file=sys.stderr)
                return EXIT_USAGE
            print(f"wrote {out}")
            return EXIT_OK
        out = args.out or Path("proof")
        problems = proof.run_proof(args.content, out, size)
    except ContentError as e:
        for issue in e.issues:
            print(issue)
        print(f"{args.content}: fix these first (kiosk check {args.content})")
        return EXIT_CONTENT
    finally:
        del app
    for problem in problems:
        print(problem)
    sheets = ", ".join(str(p) for p in sorted(out.glob("contact-*.png")))
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)}; the pictures and contact sheets ({sheets}) "
              f"show where")
        return EXIT_CONTENT
    print(f"no problems; contact sheets: {sheets}")
    return EXIT_OK


def _schema(out: Path | None) -> int:
    from kiosk.content.schema import schema_text

    text = schema_text()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return EXIT_OK


def _check(path: Path, strict: bool = False) -> int:
    from kiosk.content import ContentError, load_content, words
    from kiosk.content.i18n import pick

    try:
        loaded = load_content(path)
    except ContentError as e:
        for issue in e.issues:
            print(issue)
        n = sum(i.severity == "error" for i in e.issues)
        print(f"{path}: {n} error{'s' if n != 1 else ''}; fix them and run this check again")
        return EXIT_CONTENT
    for issue in loaded.warnings:
        print(issue)
    if strict and loaded.warnings:
        n = len(loaded.warnings)
        print(f"{path}: {n} warning{'s' if n != 1 else ''}, and --strict makes them errors")
        return EXIT_CONTENT
    pages = loaded.model.pages
    default = loaded.model.settings.default_language
    per_page = ", ".join(f"{p.id} {words(pick(p.body, default, default))}" for p in pages)
    languages = ", ".join(la.code for la in loaded.model.settings.languages)
    n_img = len(loaded.images)
    m = loaded.model.map
    map_info = f"; map: {len(m.layers)} layers, {len(m.hotspots)} hotspots" if m else ""
    print(f"{path}: OK - {len(pages)} page{'s' * (len(pages) != 1)}, {n_img} image{'s' * (n_img != 1)}; "
          f"languages: {languages}; words per page ({default}): {per_page}{map_info}")
    return EXIT_OK


def _run(content: Path, windowed: bool, screen: int | None = None) -> int:
    import signal

    from PySide6.QtCore import QLockFile, QSocketNotifier
    from PySide6.QtGui import QGuiApplication

    from kiosk.app import create_app
    from kiosk.content import ContentError
    from kiosk.logs import log_uncaught
    from kiosk.paths import data_dir

    # one kiosk per user and machine: a second one says so and leaves (a stale lock of a
    # crashed kiosk is taken over)
    data_dir().mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir() / "kiosk.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        info = lock.getLockInfo()  # (pid, host, application), or empty
        pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else ("?", "")
        print(f"kiosk: another kiosk is already running (process {pid} on {host or 'this machine'}); "
              "stop it first (systemctl --user stop kiosk)", file=sys.stderr)
        return EXIT_RUNNING
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
        kiosk = create_app(content, fullscreen=not windowed, screen=screen)
    except ContentError as e:
        for issue in e.issues:
            print(issue, file=sys.stderr)
        print(f"{content}: the kiosk cannot start until these are fixed (kiosk check {content})",
              file=sys.stderr)
        return EXIT_CONTENT
    from kiosk.watchdog import Watchdog

    watchdog = Watchdog(kiosk.window)
    watchdog.start()
    code = app.exec()
    log.info("kiosk stopped (exit code %d)", code)
    watchdog.stop()
    signal.set_wakeup_fd(-1)
    notifier.setEnabled(False)
    kiosk.close()
    del kiosk
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
    except ValueError as e:
        print(f"kiosk set-pin: {e}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    print(f"Staff PIN set (stored as a salted hash in {path}). Five taps within three seconds in the "
          "top-left corner of the kiosk open the PIN pad.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "run")
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:  # argparse: usage errors exit 2, --help exits 0
        return int(e.code or 0)
    from kiosk.logs import setup_logging

    log_file = setup_logging()
    try:
        if args.command == "check":
            return _check(args.path, args.strict)
        if args.command == "schema":
            return _schema(args.out)
        if args.command == "proof":
            return _proof(args)
        if args.command == "set-pin":
            return _set_pin()
        return _run(args.content, args.windowed, args.screen)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # never show a traceback to a curator: log it, say one line
        where = f"; details in {log_file}" if log_file else ""
        log.critical("internal error (%s: %s)%s", type(e).__name__, e, where, exc_info=True)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
