"""Every uncaught error - in a Qt slot, in QML - reaches the log file with its details."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import sys

import pytest
from kiosk.logs import setup_logging, log_uncaught
setup_logging()
log_uncaught()
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
app = QGuiApplication([])
engine = QQmlApplicationEngine()
engine.loadData(QByteArray(b'import QtQuick\nItem { Component.onCompleted: undefinedThing.go() }'))

def broken():
    raise RuntimeError("a slot that breaks")

QTimer.singleShot(0, broken)
QTimer.singleShot(50, app.quit)
app.exec()
"""


def test_python_and_qml_errors_are_logged_with_details(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk: uncaught RuntimeError: a slot that breaks" in log
    assert "Traceback (most recent call last)" in log and "in broken" in log
    assert "ReferenceError: undefinedThing is not defined" in log  # QML, through Qt's messages
    assert "Traceback" not in done.stderr  # the console gets one line each


LOG_A_BAD_CHARACTER = r"""
import io, logging, sys
from kiosk.logs import setup_logging
setup_logging()
log = logging.getLogger("kiosk")
log.error("first \ud800 line é")  # a lone surrogate, from a content text
sys.stderr = io.TextIOWrapper(sys.__stderr__.buffer, encoding="ascii", errors="strict", line_buffering=True)
log.error("second \ud800 line é")  # a console that cannot show even é
"""


def test_a_character_that_cannot_be_written_is_escaped_never_a_logging_traceback(tmp_path):
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", LOG_A_BAD_CHARACTER], env=env, capture_output=True, timeout=60
    )
    err = done.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in err and "Logging error" not in err
    assert err.splitlines() == ["kiosk: first \\ud800 line é", "kiosk: second \\ud800 line \\xe9"]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert (
        "ERROR kiosk: first \\ud800 line é\n" in log
        and "ERROR kiosk: second \\ud800 line é\n" in log
    )


LOG_THREE_LINES = r"""
import logging
from kiosk.logs import setup_logging
print(setup_logging())
for n in range(3):
    logging.getLogger("kiosk").warning("line %d", n)
"""


def test_a_log_folder_that_cannot_be_written_is_one_line_and_logging_goes_on_to_stderr(tmp_path):
    (tmp_path / "logs").write_text("a file where the log folder should be")
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", LOG_THREE_LINES], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout == "None\n"
    assert done.stderr.splitlines() == [
        f"kiosk: cannot write to {tmp_path / 'logs'} (it is a file, not a folder): move that file away, or set "
        "KIOSK_DATA_DIR to a writable folder (until then: no log file)",
        "kiosk: line 0",
        "kiosk: line 1",
        "kiosk: line 2",
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_disk_that_fills_up_later_is_one_line_not_a_traceback_per_log_line(tmp_path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "kiosk.log").symlink_to(
        "/dev/full"
    )  # every write: no space left on device
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", LOG_THREE_LINES], env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
    assert done.stderr.splitlines() == [
        "kiosk: line 0",
        f"kiosk: cannot write to the log file {tmp_path / 'logs' / 'kiosk.log'} (no space left on device); its "
        "lines go to the console only until it can",
        "kiosk: line 1",
        "kiosk: line 2",
    ]


def test_the_data_folder_is_found_without_qts_libraries(monkeypatch, tmp_path):
    """kiosk check on a PC that lacks Qt's system libraries (a bare Debian): the folders are
    where QStandardPaths would put them, worked out without Qt."""
    import builtins

    from kiosk import paths

    real_import = builtins.__import__

    def no_qt(name, *args, **kwargs):
        if name.startswith("PySide6"):
            raise ImportError("libglib-2.0.so.0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    monkeypatch.delenv("KIOSK_CONFIG_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setattr(builtins, "__import__", no_qt)
    assert paths.data_dir() == tmp_path / ".local" / "share" / "aigun-kiosk"
    assert paths.config_dir() == tmp_path / "conf" / "aigun-kiosk"
