"""Builds the kiosk: content -> backends -> QML engine -> window."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtQuick  # noqa: F401  (makes rootObjects() return QQuickWindow)
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk import metrics
from kiosk.backend import (
    QML_IMPORT_NAME,
    ActivityFilter,
    Analytics,
    CornerGesture,
    Exhibit,
    Idle,
    Keypad,
    Language,
    Navigation,
    Reload,
    Schedule,
    Session,
    Staff,
)
from kiosk.backend.keypad import press
from kiosk.backend.navigation import ATTRACT
from kiosk.backend.speech import Speech
from kiosk.content.snapshot import Snapshot, SnapshotCache, open_content
from kiosk.paths import last_good_dir, log_dir
from kiosk.scene import find_shown, items

if TYPE_CHECKING:
    from kiosk.backend.lockdown import Lockdown

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
QML_DIR = PACKAGE_DIR / "qml"
FONTS_DIR = PACKAGE_DIR.parent / "assets" / "fonts"


def load_fonts(folder: Path = FONTS_DIR, cjk: bool | None = None) -> list[str]:
    """Register the shipped fonts once per process, so a bare PC renders like ours
    (``cjk``: only the Chinese ones, or only the others)."""
    families: set[str] = set()
    for font in sorted(folder.glob("*.[ot]tf")):
        if cjk is not None and ("CJK" in font.name) != cjk:
            continue
        fid = QFontDatabase.addApplicationFont(str(font))
        if fid < 0:
            log.error("could not load the font %s", font)
            continue
        families.update(QFontDatabase.applicationFontFamilies(fid))
    return sorted(families)


_fonts_loaded = _cjk_fonts_loaded = False
AFTER_FIRST_FRAME_MS = 3000  # at the latest


class KioskApp:
    """The running kiosk, built step by step from a content file: ``engine``, ``window``,
    the backends (``exhibit``, ``navigation``, ...), and ``close()`` (the public test
    contract).  :func:`create_app` makes one.

    ``preview`` (default: not ``fullscreen``) is the curator's preview: edits of the content
    file are shown at once, and a broken edit shows its errors in a staff banner.  In kiosk
    mode a good edit is shown when the kiosk is next on its attract screen, a broken one
    only logged.  ``fullscreen`` is kiosk mode: locked down (kiosk.backend.lockdown) on
    screen number ``screen`` (default: the primary).  ``statistics=False``: no visitor
    statistics whatever the content's settings (``kiosk proof``'s visits are nobody's).

    A ``QGuiApplication`` must exist.  When the content file has errors, the last good
    version of it is shown (and the errors logged); with none, raises
    :class:`kiosk.content.ContentError`.  ``RuntimeError`` when the QML cannot be loaded.
    """

    engine: QQmlApplicationEngine | None  # None once closed

    def __init__(
        self,
        content_path: str | Path,
        *,
        fullscreen: bool = False,
        cache: bool = True,
        preview: bool | None = None,
        screen: int | None = None,
        statistics: bool = True,
    ):
        assert QGuiApplication.instance() is not None, "create a QGuiApplication first"
        self.content_path = content_path
        self.fullscreen = fullscreen
        self.started = time.monotonic()
        self.shown_at = time.time()
        self.last_page = ATTRACT
        self.snapshots = SnapshotCache(last_good_dir()) if cache else None
        self.content, issues = self._open_content()
        metrics.start(self.content)  # settings.metrics.listen (off: nothing is imported)
        # the Chinese fonts after the first frame, unless that frame is in Chinese
        _load_fonts_once(cjk=self.content.data["settings"]["default_language"].startswith("zh"))
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self._fetch_backends(self.engine)
        self.analytics.allowed = statistics  # (kiosk proof's visits are nobody's)
        self.analytics.sessions.on_session_end(metrics.session_end)  # kiosk_sessions_total
        self.show(self.content)
        self._wire_session()
        self._start_reload(preview, issues)
        self.window = self._load_window(self.engine)
        self.lockdown = self._lock_down(screen) if fullscreen else None
        self.window.show()  # full-screen and frameless in kiosk mode, a 1920x1080 window otherwise
        self._gesture = CornerGesture(self.staff, self.mm_per_px, self.window)
        self._after_done = False
        self._first_frame_seen = False
        self.window.frameSwapped.connect(self._first_frame)
        # and in any case soon: a window that never draws (a screen asleep) still gets its
        # input filters and the rest of its QML
        QTimer.singleShot(AFTER_FIRST_FRAME_MS, self.window, self._after_first_frame)
        self._wire_staff()
        log.info(
            "kiosk started with %s (%d pages)", self.content.source, len(self.content.data["pages"])
        )

    # -- the steps, in order ------------------------------------------------------------------

    def _open_content(self) -> tuple[Snapshot, list]:
        content, issues = open_content(self.content_path, self.snapshots)
        for issue in issues:
            log.log(logging.ERROR if issue.severity == "error" else logging.WARNING, "%s", issue)
        if any(i.severity == "error" for i in issues):
            log.error(
                "%s has errors: showing its last good version until they are fixed",
                self.content_path,
            )
        return content, issues

    def _fetch_backends(self, engine: QQmlApplicationEngine) -> None:
        """The engine's one instance of each singleton, filled before any QML loads."""

        def one(name: str) -> Any:
            return engine.singletonInstance(QML_IMPORT_NAME, name)

        self.exhibit: Exhibit = one("Exhibit")
        self.navigation: Navigation = one("Navigation")
        self.session: Session = one("Session")
        self.idle: Idle = one("Idle")
        self.language: Language = one("Language")
        self.reload: Reload = one("Reload")
        self.staff: Staff = one("Staff")
        self.schedule: Schedule = one("Schedule")
        self.keypad: Keypad = one("Keypad")
        self.speech: Speech = one("Speech")
        self.analytics: Analytics = one("Analytics")

    def show(self, snapshot: Snapshot) -> None:
        """Put a (new) version of the content on screen."""
        settings = snapshot.data["settings"]
        self.exhibit.set_content(snapshot)
        self.language.set_offered(settings["languages"], settings["default_language"])
        self.navigation.set_page_ids(self.exhibit.page_ids())
        self.idle.configure(settings["idle"]["timeout_s"], settings["idle"]["warning_s"])
        self.schedule.configure(settings.get("schedule"))
        self.keypad.configure(settings["keypad"])
        self.speech.set_snapshot(snapshot)
        self.analytics.configure(snapshot, self.exhibit.page_ids())
        self.shown_at = time.time()

    def _wire_session(self) -> None:
        """The idle reset: activity anywhere restarts the wait; at the end, the session
        resets every part registered with it."""
        nav, idle, session = self.navigation, self.idle, self.session
        # the statistics first: a session's end must see the last touch before the reset
        self.analytics.attach(nav, self.language, idle, self.schedule, self.speech)
        nav.visitingChanged.connect(lambda: idle.set_active(nav.visiting))
        nav.currentPageChanged.connect(self._visitor_log)
        idle.timedOut.connect(session.reset)
        session.add("navigation", nav.toAttract)
        session.add("idle", idle.reset)
        session.add("language", self.language.reset)
        session.add("staff", self.staff.close)
        session.add("keypad", self.keypad.reset)
        session.add("speech", self.speech.reset)
        self.keypad.back = self._back
        self.schedule.closedNow.connect(session.reset)  # closing time: the next visitor afresh
        app = QGuiApplication.instance()
        assert app is not None
        self._activity: ActivityFilter | None = ActivityFilter(idle, app)  # armed after

    def _visitor_log(self) -> None:
        """One line per visit, for technicians (and the end-to-end test)."""
        page = self.navigation.currentPage
        if self.last_page == ATTRACT and page != ATTRACT:
            log.info("a visitor started (page %s)", page)
        self.last_page = page

    def _start_reload(self, preview: bool | None, issues: list) -> None:
        """Live reload: a good edit is shown when nobody is using the kiosk (at once in
        preview)."""
        self.reload.start(
            self.content_path,
            self.content,
            self.snapshots,
            apply=self.show,
            safe=lambda: self.navigation.currentPage == ATTRACT,
            preview=not self.fullscreen if preview is None else preview,
        )
        # queued: a reset finishes before new content replaces the pages (a zero timer, not
        # Qt.ConnectionType.QueuedConnection: PySide's Qt namespace costs the first frame ~14 ms)
        reload = self.reload
        self.navigation.currentPageChanged.connect(
            lambda: QTimer.singleShot(0, reload, reload.apply_if_safe)
        )
        self.reload.report(issues)  # started on the last good version: the preview says why

    def _load_window(self, engine: QQmlApplicationEngine) -> QQuickWindow:
        engine.setInitialProperties({"kioskMode": self.fullscreen})
        engine.loadFromModule("Kiosk", "Main")
        roots = engine.rootObjects()
        if not roots:
            self.engine = None
            raise RuntimeError("the kiosk's QML could not be loaded (see the log)")
        window = roots[0]
        assert isinstance(window, QQuickWindow)
        return window

    def _lock_down(self, screen: int | None) -> Lockdown:
        """Kiosk mode: nothing a visitor does gets out of it."""
        from kiosk.backend.lockdown import Lockdown

        settings = self.content.data["settings"]
        lockdown = Lockdown(self.window, screen, show_cursor=settings.get("show_cursor", False))
        lockdown.start()
        return lockdown

    def _first_frame(self) -> None:
        # (frameSwapped comes from the render thread, queued: on a slow PC a second one may
        # already wait when the first is handled - only the first disconnects)
        if self._first_frame_seen:
            return
        self._first_frame_seen = True
        self.window.frameSwapped.disconnect(self._first_frame)
        QTimer.singleShot(0, self.window, self._after_first_frame)  # once it is out

    def _after_first_frame(self) -> None:
        """What the first frame need not wait for: nobody can touch the glass before it.
        (Python event filters and PySide's Qt namespace cost the first frame ~30 ms:
        bench/startup_profile.py.)"""
        if self.engine is None or self._after_done:
            return
        self._after_done = True
        from kiosk.backend.keypad import EVENTS as KEYPAD_EVENTS
        from kiosk.backend.narrator import TOUCH_EVENTS, Narrator, ThreeFingerHold
        from kiosk.backend.windowinput import WindowInput  # (none of it before the frame)

        self.narrator = Narrator(self.speech, self.exhibit, self.language, self.navigation)
        self.narrator.watch_idle(self.idle)  # audio mode says the idle warning
        self.keypad.on_focus = self.narrator.focused
        self.keypad.on_action = self.narrator.keypad
        self.keypad.on_input = self.narrator.interrupt
        self.keypad.attach(self.window)
        self._hold = ThreeFingerHold(self.narrator.toggle, self.window)
        # one Python filter on the window for its parts (each Python filter costs every event)
        self._input = WindowInput(self.window)
        self._input.add(CornerGesture.EVENTS, self._gesture)  # the staff's way in: corner taps
        self._input.add(KEYPAD_EVENTS, self.keypad)
        self._input.add(TOUCH_EVENTS, self._hold)  # audio mode: three fingers held 2 s
        self.window.installEventFilter(self._input)
        if self.lockdown is not None:
            self.lockdown.passes = self.keypad.passes
            self.lockdown.arm()
        if self._activity is not None:
            self._activity.arm()
        self.analytics.start()  # the statistics file opens on a thread of its own
        _load_fonts_once(cjk=True)
        self.window.setProperty("started", True)  # Main.qml: now the rest of the QML

    def _wire_staff(self) -> None:
        staff = self.staff
        staff.diagnose = self.diagnose
        staff.language = lambda: self.language.code
        self.language.codeChanged.connect(staff.language_changed)
        staff.exitRequested.connect(self._staff_exit)
        staff.reloadRequested.connect(self._reload_now)

    # -- what the running kiosk does ----------------------------------------------------------

    def mm_per_px(self) -> float:
        """Millimetres on the glass per window pixel: 1 / Theme.mm, which Main.qml works out
        from the window and settings.screen.diagonal_in (the one place it is computed) and
        shows as the window's pxPerMm.  (Not through the Theme singleton: fetching it here
        raised the start-up peak by 5 MiB in bench/startup.py.)"""
        return 1.0 / max(float(self.window.property("pxPerMm")), 1e-6)

    def diagnose(self) -> list[str]:
        """The staff menu's diagnostics."""
        import platform

        from kiosk import __version__  # read when asked (kiosk.__getattr__), not at start-up

        scr, window, errors = self.window.screen(), self.window, self.reload.last_errors
        up = int(time.monotonic() - self.started)
        shown = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.shown_at))
        return [
            f"Version: {__version__} (Qt {qVersion()}, Python {platform.python_version()})",
            f"Content: {self.content_path} (shown since {shown})",
            f"Uptime: {up // 3600} h {up // 60 % 60} min",
            f"Screen: {scr.name() if scr else '?'} {window.width()}x{window.height()} px, "
            f"{scr.physicalDotsPerInch() if scr else 0:.0f} dpi, "
            f"diagonal set to {self.exhibit.screenDiagonalIn:g} in",
            f"Log: {log_dir() / 'kiosk.log'}",
            "Content errors: " + ("none" if not errors else f"{len(errors)}"),
            *errors[:5],
        ]

    def _staff_exit(self) -> None:
        if self.lockdown is not None:
            self.lockdown.allow_close = True
        QGuiApplication.exit(0)  # exit, not quit: quit would ask the (locked) window to close

    def _back(self) -> None:
        """The keypad's Back: close what is open over the screen, else the screen before."""
        for name in ("hotspotPopup", "viewerSpotPopup", "pictureSpotPopup"):
            popup = find_shown(self.window, name)
            if popup is not None and any(press(i) for i in items(popup) if i is not popup):
                return
        close = find_shown(self.window, "pictureClose")  # the picture viewer
        if close is not None and press(close):
            return
        if self.staff.state != Staff.State.Closed:
            self.staff.close()
            return
        self.navigation.back()

    def _reload_now(self) -> None:
        self.reload.check_now()
        self.reload.apply_now()

    def close(self) -> None:
        """Close the window and delete the engine (and with it every QML object)."""
        if self.engine is None:
            return
        if self._activity is not None:
            self._activity.disarm()
            self._activity = None
        self.analytics.close()  # the open session ends ('shutdown') and is written
        self.reload.stop()
        metrics.stop()
        self.keypad.detach()
        self.speech.close()
        if self.lockdown is not None:
            self.lockdown.allow_close = True
            self.lockdown.stop()
            self.lockdown = None
        self.window.close()
        # the backends belong to the engine: no Python reference may outlive it
        if hasattr(self, "_input"):
            self.window.removeEventFilter(self._input)
            del self._input, self._hold
        del self.window, self._gesture, self.exhibit, self.navigation, self.session
        del self.idle, self.language, self.reload, self.staff, self.schedule
        del self.keypad, self.speech, self.analytics
        self.__dict__.pop("narrator", None)
        self.engine = None  # the last reference: the engine and its QML objects go now


def _load_fonts_once(cjk: bool = False) -> None:
    global _fonts_loaded, _cjk_fonts_loaded
    if not _fonts_loaded:
        load_fonts(cjk=False)
        _fonts_loaded = True
    if cjk and not _cjk_fonts_loaded:
        load_fonts(cjk=True)
        _cjk_fonts_loaded = True


def create_app(
    content_path: str | Path,
    *,
    fullscreen: bool = False,
    cache: bool = True,
    preview: bool | None = None,
    screen: int | None = None,
    statistics: bool = True,
) -> KioskApp:
    """Build the engine and show the window, without entering the event loop (see
    :class:`KioskApp`)."""
    return KioskApp(
        content_path,
        fullscreen=fullscreen,
        cache=cache,
        preview=preview,
        screen=screen,
        statistics=statistics,
    )
