"""Builds the kiosk: content -> backends -> QML engine -> window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtQuick  # noqa: F401  (makes rootObjects() return QQuickWindow)
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.backend import QML_IMPORT_NAME, ActivityFilter, Exhibit, Idle, Language, Navigation, Session
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
                 language: Language, activity: ActivityFilter):
        self.engine = engine
        self.window = window
        self.content = content
        self.exhibit = exhibit
        self.navigation = navigation
        self.session = session
        self.idle = idle
        self.language = language
        self._activity = activity

    def close(self) -> None:
        """Close the window and delete the engine (and with it every QML object)."""
        if self._activity is not None:
            self._activity.disarm()
        if self.window is not None:
            self.window.close()
        self.window = self.exhibit = self.navigation = self.session = self.idle = self.language = None  # type: ignore[assignment]
        self._activity = None
        self.engine = None  # the last reference: the engine and its QML objects go now


_fonts_loaded = False


def create_app(content_path: str | Path, *, fullscreen: bool = False, cache: bool = True) -> KioskApp:
    """Build the engine and show the window, without entering the event loop.

    A ``QGuiApplication`` must exist.  When the content file has errors, the last good
    version of it is shown (and the errors logged); with none, raises
    :class:`kiosk.content.ContentError`.  ``RuntimeError`` when the QML cannot be loaded.
    """
    global _fonts_loaded
    assert QGuiApplication.instance() is not None, "create a QGuiApplication first"
    content, issues = open_content(content_path, SnapshotCache(cache_dir()) if cache else None)
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
    exhibit.set_content(content)
    language.set_offered(content.data["settings"]["languages"], content.data["settings"]["default_language"])
    navigation.set_page_ids(exhibit.page_ids())

    # idle reset: activity anywhere restarts the wait; at the end, the session resets
    settings = content.data["settings"]["idle"]
    idle.configure(settings["timeout_s"], settings["warning_s"])
    navigation.currentPageChanged.connect(lambda: idle.set_active(navigation.currentPage != ATTRACT))
    idle.timedOut.connect(session.reset)
    session.add("navigation", navigation.toAttract)
    session.add("idle", idle.reset)
    session.add("language", language.reset)
    activity = ActivityFilter(idle, QGuiApplication.instance())
    activity.arm()

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
                    idle=idle, language=language, activity=activity)
