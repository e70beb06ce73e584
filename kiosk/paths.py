"""Where the kiosk keeps its own files: logs and the content cache (data), the staff PIN (config)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "aigun-kiosk"


def _folder(env: str, location: str) -> Path:
    """``$env`` if set, else the platform's folder for this app (``QStandardPaths``)."""
    if os.environ.get(env):
        return Path(os.environ[env])
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName("")  # one folder level: ~/.local/share/aigun-kiosk
    QCoreApplication.setApplicationName(APP_NAME)
    loc = QStandardPaths.writableLocation(getattr(QStandardPaths.StandardLocation, location))
    return Path(loc) if loc else Path.home() / f".{APP_NAME}"


def data_dir() -> Path:
    """Logs and cache; ``KIOSK_DATA_DIR`` overrides it.

    Linux: ``~/.local/share/aigun-kiosk``; Windows: ``%LOCALAPPDATA%/aigun-kiosk``.
    """
    return _folder("KIOSK_DATA_DIR", "AppLocalDataLocation")


def config_dir() -> Path:
    """The staff PIN; ``KIOSK_CONFIG_DIR`` overrides it.

    Linux: ``~/.config/aigun-kiosk``; Windows: ``%LOCALAPPDATA%/aigun-kiosk``.
    """
    return _folder("KIOSK_CONFIG_DIR", "AppConfigLocation")


def log_dir() -> Path:
    return data_dir() / "logs"


def cache_dir() -> Path:
    return data_dir() / "cache"
