"""Builds the kiosk: content -> backends -> QML engine -> window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtQuick  # noqa: F401  (makes rootObjects() return QQuickWindow)
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.backend import QML_IMPORT_NAME, ActivityFilter, Exhibit, Idle, Language, Navigation, Reload, Session
from kiosk.backend.navigation import ATTRACT
from kiosk.content.snapshot import Snapshot, SnapshotCache, open_content
from kiosk.paths import cache_dir

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
QML_DIR = PACKAGE_DIR / "qml"
FONTS_DIR = PACKAGE_DIR.parent / "assets" / "fonts"


def load_fonts(folder: Path = FONTS_DIR) -> list[str]:
    """Register the shipped fonts once per process, so a bare PC renders like ours."""
    families: set[str] = set()
    for font in sorted(folder.glob("*.[ot]tf")):
        fid = QFontDatabase.addApplicationFont(str(font))
        if fid < 0:
            log.error("could not load the font %s", font)
            continue
        families.update(QFontDatabase.applicationFontFamilies(fid))
    return sorted(families)


class KioskApp:
    """The running kiosk: ``engine``, ``window`` and ``close()`` (the public test contract)."""

    def __init__(self, engine: QQmlApplicationEngine, window: QQuickWindow, content: Snapshot, *,
                 exhibit: Exhibit, navigation: Navigation, session: Session, idle: Idle,
                 language: Language, reload: Reload, activity: ActivityFilter):
        self.engine = engine
        self.window = window
        self.content = content
        self.exhibit = exhibit
        self.navigation = navigation
        self.session = session
        self.idle = idle
        self.language = language
        self.reload = reload
        self._activity = activity

    def close(self) -> None:
        """Close the window and delete the engine (and with it every QML object)."""
        if self._activity is not None:
            self._activity.disarm()
        if self.reload is not None:
            self.reload.stop()
        if self.window is not None:
            self.window.close()
        self.window = self.exhibit = self.navigation = self.session = self.idle = self.language = self.reload = None  # type: ignore[assignment]
        self._activity = None
        self.engine = None  # the last reference: the engine and its QML objects go now


_fonts_loaded = False


def create_app(content_path: str | Path, *, fullscreen: bool = False, cache: bool = True,
               preview: bool | None = None) -> KioskApp:
    """Build the engine and show the window, without entering the event loop.

    ``preview`` (default: not ``fullscreen``) is the curator's preview: edits of the content
    file are shown at once, and a broken edit shows its errors in a staff banner.  In kiosk
    mode a good edit is shown when the kiosk is next on its attract screen, a broken one
    only logged.

    A ``QGuiApplication`` must exist.  When the content file has errors, the last good
    version of it is shown (and the errors logged); with none, raises
    :class:`kiosk.content.ContentError`.  ``RuntimeError`` when the QML cannot be loaded.
    """
    global _fonts_loaded
    assert QGuiApplication.instance() is not None, "create a QGuiApplication first"
    snapshots = SnapshotCache(cache_dir()) if cache else None
    content, issues = open_content(content_path, snapshots)
    for issue in issues:
        log.log(logging.ERROR if issue.severity == "error" else logging.WARNING, "%s", issue)
    if any(i.severity == "error" for i in issues):
        log.error("%s has errors: showing its last good version until they are fixed", content_path)
    if not _fonts_loaded:
        load_fonts()
        _fonts_loaded = True

    engine = QQmlApplicationEngine()
    engine.addImportPath(str(QML_DIR))
    exhibit: Exhibit = engine.singletonInstance(QML_IMPORT_NAME, "Exhibit")
    navigation: Navigation = engine.singletonInstance(QML_IMPORT_NAME, "Navigation")
    session: Session = engine.singletonInstance(QML_IMPORT_NAME, "Session")
    idle: Idle = engine.singletonInstance(QML_IMPORT_NAME, "Idle")
    language: Language = engine.singletonInstance(QML_IMPORT_NAME, "Language")
    reload: Reload = engine.singletonInstance(QML_IMPORT_NAME, "Reload")

    def show(snapshot: Snapshot) -> None:
        """Put a (new) version of the content on screen."""
        settings = snapshot.data["settings"]
        exhibit.set_content(snapshot)
        language.set_offered(settings["languages"], settings["default_language"])
        navigation.set_page_ids(exhibit.page_ids())
        idle.configure(settings["idle"]["timeout_s"], settings["idle"]["warning_s"])

    show(content)

    # idle reset: activity anywhere restarts the wait; at the end, the session resets
    navigation.currentPageChanged.connect(lambda: idle.set_active(navigation.currentPage != ATTRACT))
    idle.timedOut.connect(session.reset)
    session.add("navigation", navigation.toAttract)
    session.add("idle", idle.reset)
    session.add("language", language.reset)
    activity = ActivityFilter(idle, QGuiApplication.instance())
    activity.arm()

    # live reload: a good edit is shown when nobody is using the kiosk (at once in preview)
    reload.start(content_path, content, snapshots, apply=show, safe=lambda: navigation.currentPage == ATTRACT,
                 preview=not fullscreen if preview is None else preview)
    # queued: a reset finishes before new content replaces the pages
    navigation.currentPageChanged.connect(reload.apply_if_safe, Qt.ConnectionType.QueuedConnection)
    reload.report(issues)  # started on the last good version: the preview says what is wrong now

    engine.setInitialProperties({"kioskMode": fullscreen})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        del engine
        raise RuntimeError("the kiosk's QML could not be loaded (see the log)")
    window = roots[0]
    assert isinstance(window, QQuickWindow)
    window.show()  # full-screen and frameless in kiosk mode, a 1920x1080 window otherwise (Main.qml)
    log.info("kiosk started with %s (%d pages)", content.source, len(content.data["pages"]))
    return KioskApp(engine, window, content, exhibit=exhibit, navigation=navigation, session=session,
                    idle=idle, language=language, reload=reload, activity=activity)
