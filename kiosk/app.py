"""Builds the kiosk: content -> backends -> QML engine -> window."""

from __future__ import annotations

import logging
import platform
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtQuick  # noqa: F401  (makes rootObjects() return QQuickWindow)
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk import __version__
from kiosk.backend import (
    QML_IMPORT_NAME,
    ActivityFilter,
    CornerGesture,
    Exhibit,
    Idle,
    Language,
    Navigation,
    Reload,
    Schedule,
    Session,
    Staff,
)
from kiosk.backend.lockdown import Lockdown
from kiosk.backend.navigation import ATTRACT
from kiosk.content.snapshot import Snapshot, SnapshotCache, open_content
from kiosk.paths import cache_dir, log_dir

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

    def __init__(
        self,
        engine: QQmlApplicationEngine,
        window: QQuickWindow,
        content: Snapshot,
        *,
        exhibit: Exhibit,
        navigation: Navigation,
        session: Session,
        idle: Idle,
        language: Language,
        reload: Reload,
        staff: Staff,
        schedule: Schedule,
        activity: ActivityFilter,
        lockdown: Lockdown | None,
        gesture: CornerGesture,
        mm_per_px: Callable[[], float],
    ):
        self.engine = engine
        self.window = window
        self.content = content
        self.exhibit = exhibit
        self.navigation = navigation
        self.session = session
        self.idle = idle
        self.language = language
        self.reload = reload
        self.staff = staff
        self.schedule = schedule
        self.lockdown = lockdown
        self._gesture = gesture
        self._activity = activity
        self.mm_per_px = mm_per_px  # millimetres on the glass per window pixel, now

    def close(self) -> None:
        """Close the window and delete the engine (and with it every QML object)."""
        if self._activity is not None:
            self._activity.disarm()
        if self.reload is not None:
            self.reload.stop()
        if self.lockdown is not None:
            self.lockdown.allow_close = True
            self.lockdown.stop()
        if self.window is not None and self._gesture is not None:
            self.window.removeEventFilter(self._gesture)
        if self.window is not None:
            self.window.close()
        self.window = self.exhibit = self.navigation = self.session = self.idle = None  # type: ignore[assignment]
        self.language = self.reload = self.staff = self.schedule = None  # type: ignore[assignment]
        self.lockdown = self._gesture = None
        self._activity = None
        self.engine = None  # the last reference: the engine and its QML objects go now


_fonts_loaded = False


def create_app(
    content_path: str | Path,
    *,
    fullscreen: bool = False,
    cache: bool = True,
    preview: bool | None = None,
    screen: int | None = None,
) -> KioskApp:
    """Build the engine and show the window, without entering the event loop.

    ``preview`` (default: not ``fullscreen``) is the curator's preview: edits of the content
    file are shown at once, and a broken edit shows its errors in a staff banner.  In kiosk
    mode a good edit is shown when the kiosk is next on its attract screen, a broken one
    only logged.  ``fullscreen`` is kiosk mode: locked down (kiosk.backend.lockdown) on
    screen number ``screen`` (default: the primary).

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
    staff: Staff = engine.singletonInstance(QML_IMPORT_NAME, "Staff")
    schedule: Schedule = engine.singletonInstance(QML_IMPORT_NAME, "Schedule")
    started, shown_at = time.monotonic(), [time.time()]

    def show(snapshot: Snapshot) -> None:
        """Put a (new) version of the content on screen."""
        settings = snapshot.data["settings"]
        exhibit.set_content(snapshot)
        language.set_offered(settings["languages"], settings["default_language"])
        navigation.set_page_ids(exhibit.page_ids())
        idle.configure(settings["idle"]["timeout_s"], settings["idle"]["warning_s"])
        schedule.configure(settings.get("schedule"))
        shown_at[0] = time.time()

    show(content)

    # idle reset: activity anywhere restarts the wait; at the end, the session resets
    navigation.currentPageChanged.connect(
        lambda: idle.set_active(navigation.currentPage != ATTRACT)
    )
    was = [navigation.currentPage]

    def visitor_log() -> None:  # one line per visit, for technicians (and the end-to-end test)
        if was[0] == ATTRACT and navigation.currentPage != ATTRACT:
            log.info("a visitor started (page %s)", navigation.currentPage)
        was[0] = navigation.currentPage

    navigation.currentPageChanged.connect(visitor_log)
    idle.timedOut.connect(session.reset)
    session.add("navigation", navigation.toAttract)
    session.add("idle", idle.reset)
    session.add("language", language.reset)
    session.add("staff", staff.close)
    schedule.closedNow.connect(session.reset)  # closing time: the next visitor starts afresh
    activity = ActivityFilter(idle, QGuiApplication.instance())
    activity.arm()

    # live reload: a good edit is shown when nobody is using the kiosk (at once in preview)
    reload.start(
        content_path,
        content,
        snapshots,
        apply=show,
        safe=lambda: navigation.currentPage == ATTRACT,
        preview=not fullscreen if preview is None else preview,
    )
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
    lockdown = None
    if fullscreen:  # kiosk mode: nothing a visitor does gets out of it
        lockdown = Lockdown(
            window, screen, show_cursor=content.data["settings"].get("show_cursor", False)
        )
        lockdown.start()
    window.show()  # full-screen and frameless in kiosk mode, a 1920x1080 window otherwise (Main.qml)

    # the staff's way in: five taps in the top-left corner, then the PIN
    def mm_per_px() -> float:
        """Millimetres on the glass per window pixel: 1 / Theme.mm, which Main.qml works out
        from the window and settings.screen.diagonal_in (the one place it is computed) and
        shows as the window's pxPerMm.  (Not through the Theme singleton: fetching it here
        raised the start-up peak by 5 MiB in bench/startup.py.  Not through `engine`
        either: close() must free the engine.)"""
        return 1.0 / max(float(window.property("pxPerMm")), 1e-6)

    gesture = CornerGesture(staff, mm_per_px, window)
    window.installEventFilter(gesture)

    def diagnose() -> list[str]:
        scr = window.screen()
        errors = reload.last_errors
        return [
            f"Version: {__version__} (Qt {qVersion()}, Python {platform.python_version()})",
            f"Content: {content_path} (shown since {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(shown_at[0]))})",
            f"Uptime: {int(time.monotonic() - started) // 3600} h {int(time.monotonic() - started) // 60 % 60} min",
            f"Screen: {scr.name() if scr else '?'} {window.width()}x{window.height()} px, "
            f"{scr.physicalDotsPerInch() if scr else 0:.0f} dpi, diagonal set to {exhibit.screenDiagonalIn:g} in",
            f"Log: {log_dir() / 'kiosk.log'}",
            "Content errors: " + ("none" if not errors else f"{len(errors)}"),
        ] + errors[:5]

    staff.diagnose = diagnose
    staff.language = lambda: language.code
    language.codeChanged.connect(staff.language_changed)

    def staff_exit() -> None:
        if lockdown is not None:
            lockdown.allow_close = True
        QGuiApplication.exit(0)  # exit, not quit: quit would ask the (locked) window to close

    staff.exitRequested.connect(staff_exit)
    staff.reloadRequested.connect(lambda: (reload.check_now(), reload.apply_now()))
    log.info("kiosk started with %s (%d pages)", content.source, len(content.data["pages"]))
    return KioskApp(
        engine,
        window,
        content,
        exhibit=exhibit,
        navigation=navigation,
        session=session,
        idle=idle,
        language=language,
        reload=reload,
        staff=staff,
        schedule=schedule,
        activity=activity,
        lockdown=lockdown,
        gesture=gesture,
        mm_per_px=mm_per_px,
    )
