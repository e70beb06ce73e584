"""Logging: stderr for people watching, a rotating file for people who come later."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk.paths import log_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _OneLine(logging.Formatter):
    """Console lines for people: the message only, never a traceback (that goes to the file)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"kiosk: {record.getMessage()}"


class _Console(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is now (tests and embedders replace it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def setup_logging(level: int = logging.INFO, console_level: int = logging.WARNING) -> Path | None:
    """Log to stderr and to ``<log_dir>/kiosk.log`` (rotating, 5 x 1 MB). Returns the file path."""
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return getattr(root, "_kiosk_file", None)
    root.setLevel(level)
    console = _Console()
    console.setLevel(console_level)
    console.setFormatter(_OneLine())
    root.addHandler(console)
    path: Path | None = log_dir() / "kiosk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    except OSError as e:
        path = None
        logging.getLogger(__name__).warning("cannot write a log file (%s); logging to stderr only", e)
    root._kiosk_configured = True  # type: ignore[attr-defined]
    root._kiosk_file = path  # type: ignore[attr-defined]
    return path


def log_uncaught() -> None:
    """Every uncaught exception - in Python, in a Qt slot, in QML - goes to the log with its
    traceback (the console shows one line); Qt's own messages go to the log too."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    log = logging.getLogger("kiosk")

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("uncaught %s: %s", kind.__name__, value, exc_info=(kind, value, tb))

    sys.excepthook = hook
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
    qt_log = logging.getLogger("qt")

    def qt_message(kind, context, message) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(levels.get(kind, logging.WARNING), "%s%s", message, where)

    qInstallMessageHandler(qt_message)
