"""Kiosk mode: the window stays frameless and full-screen on its screen, and nothing a
visitor does on a keyboard or a long press gets out of it.

- every key press is swallowed (a touch kiosk needs none: Esc, Alt+F4, F11, Ctrl+Q/W/T
  and the rest do nothing), and so are context-menu requests;
- close requests are ignored unless the staff menu asked for the exit (``allow_close``);
- the window goes back to full-screen on its screen when it leaves it, when the
  resolution changes or when screens are plugged in or out;
- the mouse pointer is hidden (touch screens), unless the content asks to show it.
(Links in the exhibit's text are shown as text: nothing in the QML opens them.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen, QWindow

log = logging.getLogger(__name__)

KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
SWALLOWED = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.ContextMenu,
}


class Lockdown(QObject):
    def __init__(
        self,
        window: QWindow,
        screen_index: int | None = None,
        *,
        show_cursor: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.window = window
        self.screen_index = screen_index
        self.allow_close = False
        self._watched: QScreen | None = None
        self._cursor = not show_cursor
        self._placing = QTimer(self, singleShot=True, interval=0)
        self._placing.timeout.connect(self.place)
        # which key events get through (KioskApp: the keypad's keys, without modifiers)
        self.passes: Callable[[QEvent], bool] = lambda event: False

    def start(self) -> None:
        """Full-screen on its screen now; :meth:`arm` once the first frame is out."""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "create a QGuiApplication first"
        self.window.visibilityChanged.connect(self._later)
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        app.primaryScreenChanged.connect(self._screens_changed)
        self._watch_screen()
        self.place()

    def arm(self) -> None:
        """Swallow keys and close requests, hide the pointer.  After the first frame: a
        Python event filter, or PySide's Qt namespace, costs the first frame ~13 ms each."""
        from PySide6.QtCore import Qt

        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "create a QGuiApplication first"
        app.installEventFilter(self)
        if self._cursor:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            if self._cursor:
                QGuiApplication.restoreOverrideCursor()
                self._cursor = False

    def target_screen(self) -> QScreen:
        screens = QGuiApplication.screens()
        if self.screen_index is not None:
            if 0 <= self.screen_index < len(screens):
                return screens[self.screen_index]
            log.warning(
                "there is no screen %d (%d found): using the primary screen",
                self.screen_index,
                len(screens),
            )
        return QGuiApplication.primaryScreen()

    def place(self) -> None:
        """Frameless and full-screen on the chosen screen."""
        screen = self.target_screen()
        if screen is not None and self.window.screen() is not screen:
            self.window.setScreen(screen)
        if screen is not None and self.window.geometry() != screen.geometry():
            self.window.setGeometry(screen.geometry())
        if self.window.visibility() != QWindow.Visibility.FullScreen:
            self.window.showFullScreen()

    def _later(self, *_args) -> None:
        if not self.allow_close:
            self._placing.start()

    def _watch_screen(self) -> None:
        screen = self.target_screen()
        if screen is not None and screen is not self._watched:  # one connection per screen
            screen.geometryChanged.connect(self._later)
            self._watched = screen

    def _screens_changed(self, *_args) -> None:
        log.info("screens changed: %s", ", ".join(s.name() for s in QGuiApplication.screens()))
        self._watch_screen()
        self._later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in KEYS and self.passes(event):
            return False  # the navigation keypad's keys (settings.keypad), and only those
        if kind in SWALLOWED:
            return True
        if kind == QEvent.Type.Close and watched is self.window and not self.allow_close:
            event.ignore()
            log.info("a request to close the window was ignored (kiosk mode)")
            return True
        return False
