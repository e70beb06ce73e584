"""Every uncaught error - in a Qt slot, in QML - reaches the log file with its details."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import sys
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
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk: uncaught RuntimeError: a slot that breaks" in log
    assert "Traceback (most recent call last)" in log and "in broken" in log
    assert "ReferenceError: undefinedThing is not defined" in log  # QML, through Qt's messages
    assert "Traceback" not in done.stderr  # the console gets one line each
