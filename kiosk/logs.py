"""Logging: stderr for people watching, a rotating file for people who come later."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType
from typing import TextIO

from kiosk.paths import data_dir, folder_advice, folder_problem, folder_problem_words, log_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _OneLine(logging.Formatter):
    """Console lines for people: the message only, never a traceback (that goes to the file)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"kiosk: {record.getMessage()}"


class _Console(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is now (tests and embedders replace it).

    A character the console cannot show is escaped (``\\ud800``), and a console that cannot
    be written at all (closed, gone) is skipped quietly: never a logging traceback."""

    def __init__(self) -> None:
        super().__init__()
        # extra={"console": False}: for the log file only (the console was told otherwise)
        self.addFilter(lambda record: getattr(record, "console", True))

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = self.stream
            encoding = getattr(stream, "encoding", None) or "utf-8"
            line = (
                self.format(record).encode(encoding, "backslashreplace").decode(encoding, "replace")
            )
            stream.write(line + self.terminator)
            stream.flush()
        except RecursionError:
            raise
        except Exception:
            pass  # no console to speak to: the log file has the line


class _File(logging.handlers.RotatingFileHandler):
    """The log file; a line it cannot write (full disk) is one line on the console, once."""

    told = False

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            if self.told:
                return
            self.told = True
            words = (
                f"cannot write to the log file {self.baseFilename} ({folder_problem_words(error)}); "
                "its lines go to the console only until it can"
            )
        else:
            words = (
                f"a log line could not be written ({type(error).__name__}: {error}): {record.msg!r}"
            )
        try:
            sys.stderr.write(f"kiosk: {words}\n")
        except Exception:
            pass


def setup_logging(level: int = logging.INFO, console_level: int = logging.WARNING) -> Path | None:
    """Log to stderr and to ``<log_dir>/kiosk.log`` (rotating, 5 x 1 MB). Returns the file path,
    or None when the data folder cannot be written (then one line says so, and why)."""
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return getattr(root, "_kiosk_file", None)
    root.setLevel(level)
    console = _Console()
    console.setLevel(console_level)
    console.setFormatter(_OneLine())
    root.addHandler(console)
    folder, then = data_dir(), "no log file, no content cache"
    problem = folder_problem(folder)
    if problem is None:
        folder, then = log_dir(), "no log file"
        problem = folder_problem(folder)
    path: Path | None = None
    if problem is None:
        path = log_dir() / "kiosk.log"
        try:
            handler = _File(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", errors="backslashreplace"
            )
            handler.setFormatter(logging.Formatter(_FORMAT))
            root.addHandler(handler)
        except OSError as e:
            folder, problem, path = path, folder_problem_words(e), None
    if problem is not None:
        logging.getLogger("kiosk").warning(
            "%s (until then: %s)", folder_advice(folder, problem), then
        )
    root._kiosk_configured = True  # type: ignore[attr-defined]
    root._kiosk_file = path  # type: ignore[attr-defined]
    return path


def no_display_words() -> str:
    """What a technician checks when Qt finds no screen to show the kiosk on."""
    import os

    platform = os.environ.get("QT_QPA_PLATFORM") or "the default (xcb, or wayland)"
    display = os.environ.get("DISPLAY")
    wayland = os.environ.get("WAYLAND_DISPLAY")
    said = f"DISPLAY={display}" if display else "DISPLAY is not set"
    said += f", WAYLAND_DISPLAY={wayland}" if wayland else ", WAYLAND_DISPLAY is not set"
    return (
        f"the kiosk cannot start: there is no screen it can use (platform {platform}; {said}). "
        "Start it inside the graphical session (the systemd unit and autologin in "
        "deploy/README.md do), or set DISPLAY=:0; if a display is there, a Qt library is "
        "missing: tools/setup.sh installs them, and Qt's message above names it"
    )


def log_uncaught() -> None:
    """Every uncaught exception - in Python, in a Qt slot, in QML - goes to the log with its
    traceback (the console shows one line); Qt's own messages go to the log too."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    log = logging.getLogger("kiosk")

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("uncaught %s: %s", kind.__name__, value, exc_info=(kind, value, tb))

    sys.excepthook = hook
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(levels.get(kind, logging.WARNING), "%s%s", message, where)
        if kind == QtMsgType.QtFatalMsg and "platform plugin" in message:
            # Qt aborts right after this: say what it means first, in the log and on stderr
            log.critical("%s", no_display_words())  # (the console shows it too)

    qInstallMessageHandler(qt_message)
