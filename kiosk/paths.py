"""Where the kiosk keeps its own files: logs and the content cache."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "aigun-kiosk"


def data_dir() -> Path:
    """The platform's folder for this app's data; ``KIOSK_DATA_DIR`` overrides it.

    Linux: ``~/.local/share/aigun-kiosk``; Windows: ``%LOCALAPPDATA%/aigun-kiosk``.
    """
    if os.environ.get("KIOSK_DATA_DIR"):
        return Path(os.environ["KIOSK_DATA_DIR"])
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName("")  # one folder level: ~/.local/share/aigun-kiosk
    QCoreApplication.setApplicationName(APP_NAME)
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(loc) if loc else Path.home() / f".{APP_NAME}"


def log_dir() -> Path:
    return data_dir() / "logs"


def cache_dir() -> Path:
    return data_dir() / "cache"


def config_dir() -> Path:
    """The platform's folder for this app's settings (the staff PIN); ``KIOSK_CONFIG_DIR`` overrides it.

    Linux: ``~/.config/aigun-kiosk``; Windows: ``%LOCALAPPDATA%/aigun-kiosk``.
    """
    if os.environ.get("KIOSK_CONFIG_DIR"):
        return Path(os.environ["KIOSK_CONFIG_DIR"])
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName("")  # one folder level: ~/.local/share/aigun-kiosk
    QCoreApplication.setApplicationName(APP_NAME)
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(loc) if loc else Path.home() / f".{APP_NAME}"
