"""Where the kiosk keeps its own files: logs and the content cache (data), the staff PIN (config)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "aigun-kiosk"


def _folder(env: str, location: str) -> Path:
    """``$env`` if set, else the platform's folder for this app (``QStandardPaths``)."""
    if os.environ.get(env):
        return Path(os.environ[env])
    try:
        from PySide6.QtCore import QCoreApplication, QStandardPaths
    except ImportError:  # Qt's system libraries are missing: kiosk check works all the same
        return _without_qt(location)

    QCoreApplication.setOrganizationName("")  # one folder level: ~/.local/share/aigun-kiosk
    QCoreApplication.setApplicationName(APP_NAME)
    loc = QStandardPaths.writableLocation(getattr(QStandardPaths.StandardLocation, location))
    return Path(loc) if loc else Path.home() / f".{APP_NAME}"


def _without_qt(location: str) -> Path:
    """The folder ``QStandardPaths`` gives, worked out without Qt (same places)."""
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME
    if location == "AppConfigLocation":
        return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / APP_NAME


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
    """What the kiosk can make again (synthetic speech): safe to delete."""
    return data_dir() / "cache"


def last_good_dir() -> Path:
    """The last version of the content that passed the check, with copies of its pictures:
    what the kiosk shows while the file on disk is broken, also at start-up (so not safe to
    delete: without it, a broken file keeps the kiosk from starting). It also makes
    start-up fast. Earlier versions kept it in ``cache/``: it moves here once."""
    folder = data_dir() / "last-good"
    old = cache_dir()
    if not folder.exists() and old.is_dir():
        try:
            moved = [p for p in old.iterdir() if p.name != "speech"]
            if moved:
                folder.mkdir(parents=True, exist_ok=True)
                for p in moved:
                    p.replace(folder / p.name)
        except OSError:
            pass  # the check at start-up says what is wrong with the folder
    return folder


def folder_problem(folder: Path) -> str | None:
    """Why the kiosk cannot keep files in ``folder`` (created when missing), in a few words
    ("read-only file system", "no space left on device", ...); None when it can."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        try:
            try:
                os.write(fd, b"\0" * 4096)  # a full disk may still take a name, not the bytes
            finally:
                os.close(fd)
        finally:
            os.unlink(name)
    except (FileExistsError, NotADirectoryError) as e:
        if folder.exists() and not folder.is_dir():
            return "it is a file, not a folder"
        return f"a part of the path is a file, not a folder ({e.filename})"
    except OSError as e:
        return folder_problem_words(e)
    return None


def folder_problem_words(error: OSError) -> str:
    """An OSError in a few words: "read-only file system", "permission denied", ..."""
    words = error.strerror or str(error) or type(error).__name__
    return words[:1].lower() + words[1:]


def folder_advice(folder: Path, problem: str) -> str:
    """One line for people: what is wrong with ``folder`` and what to do."""
    if "file, not a folder" in problem:
        todo = "move that file away"
    elif "space" in problem or "quota" in problem:
        todo = "free some disk space"
    else:
        todo = "give the kiosk user write access"
    return (
        f"cannot write to {folder} ({problem}): {todo}, or set KIOSK_DATA_DIR to a writable folder"
    )


def fallback_lock_file() -> Path:
    """The single-instance lock when the data folder cannot be written: in the user's runtime
    folder (``XDG_RUNTIME_DIR``, a RAM disk: writable when the disk is full or read-only) or
    the temporary folder, named after the user and the data folder."""
    import getpass
    import hashlib
    import re
    import tempfile

    try:
        user = getpass.getuser()
    except Exception:  # no user name (a container with a bare uid)
        user = str(getattr(os, "getuid", lambda: "user")())
    digest = hashlib.sha256(
        f"{user}\0{data_dir()}".encode("utf-8", "backslashreplace")
    ).hexdigest()[:12]
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(folder) / f"{APP_NAME}-{re.sub(r'[^A-Za-z0-9_.-]', '_', user)}-{digest}.lock"
