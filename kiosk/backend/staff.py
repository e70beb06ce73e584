"""The staff's way in: a hidden gesture (five taps within three seconds in the top-left
corner) opens a PIN pad; the right PIN opens the staff menu (exit, reload the content now,
diagnostics).  No PIN set: the gesture does nothing.  Five wrong PINs lock the pad for a
minute.  Time and the PIN check are injectable, so tests never wait."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk import staffpin

from .staffwords import say, words

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

TAPS = 5
TAP_WINDOW_S = 3.0
CORNER_MM = 25.0
MAX_TRIES = 5
LOCK_S = 60.0


@QmlElement
@QmlSingleton
class Staff(QObject):
    """``state``: "closed", "pad" (PIN) or "menu"; ``message`` says what happened and
    ``words`` are the panel's titles and buttons, both in ``language()`` (the visitors'
    language: call :meth:`language_changed` when it changes)."""

    stateChanged = Signal()
    exitRequested = Signal()
    reloadRequested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state = "closed"
        self._message: tuple[str, dict] = ("", {})  # a key of staffwords and its values
        self._taps: list[float] = []
        self._failures = 0
        self._locked_until = 0.0
        self._diagnostics: list[str] = []
        self.clock: Callable[[], float] = time.monotonic
        self.verify: Callable[[str], bool] = staffpin.verify
        self.has_pin: Callable[[], bool] = staffpin.has_pin
        self.diagnose: Callable[[], list[str]] = lambda: []
        self.language: Callable[[], str] = lambda: "en"

    # -- the gesture ------------------------------------------------------------------------

    def corner_tap(self) -> None:
        """A press in the corner; the fifth within TAP_WINDOW_S opens the PIN pad."""
        now = self.clock()
        self._taps = [t for t in self._taps if now - t <= TAP_WINDOW_S] + [now]
        if len(self._taps) >= TAPS:
            self._taps = []
            self.open()

    @Slot()
    def open(self) -> None:
        if self._state != "closed":
            return
        if not self.has_pin():
            log.info("staff gesture seen, but no staff PIN is set (kiosk set-pin): nothing opens")
            return
        self._set("pad", self._lock_message())

    # -- the PIN pad and the menu -----------------------------------------------------------

    def _lock_message(self) -> tuple[str, dict]:
        left = self._locked_until - self.clock()
        return ("locked", {"seconds": math.ceil(round(left, 3))}) if left > 0 else ("", {})

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        if self._state != "pad":
            return
        locked = self._lock_message()
        if locked[0]:
            self._set("pad", locked)
            return
        if self.verify(pin):
            self._failures = 0
            log.info("staff menu opened")
            self._diagnostics = list(self.diagnose())
            self._set("menu", ("", {}))
            return
        self._failures += 1
        log.warning("wrong staff PIN (%d of %d)", self._failures, MAX_TRIES)
        if self._failures >= MAX_TRIES:
            self._failures = 0
            self._locked_until = self.clock() + LOCK_S
            self._set("pad", self._lock_message())
        else:
            left = MAX_TRIES - self._failures
            self._set("pad", ("wrong", {"count": left, "left": left}))

    @Slot()
    def close(self) -> None:
        self._set("closed", ("", {}))

    @Slot()
    def exit(self) -> None:
        if self._state == "menu":
            log.info("staff exit")
            self.exitRequested.emit()

    @Slot()
    def reload(self) -> None:
        if self._state == "menu":
            self.reloadRequested.emit()
            self._diagnostics = list(self.diagnose())
            self._set("menu", ("reloaded", {}))

    def language_changed(self) -> None:
        self.stateChanged.emit()  # the words and the message, in the new language

    def _set(self, state: str, message: tuple[str, dict]) -> None:
        if (state, message) != (self._state, self._message):
            self._state, self._message = state, message
            self.stateChanged.emit()

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=stateChanged)
    def message(self) -> str:
        key, values = self._message
        return say(self.language(), key, **values)

    @Property("QVariantMap", notify=stateChanged)
    def words(self) -> dict:
        return words(self.language())

    @Property("QStringList", notify=stateChanged)
    def diagnostics(self) -> list[str]:
        return self._diagnostics


class CornerGesture(QObject):
    """Watches presses on the window (never takes them) and tells ``Staff`` about those in
    the top-left corner, CORNER_MM wide on the glass."""

    def __init__(self, staff: Staff, mm_per_px: Callable[[], float], parent: QObject | None = None):
        super().__init__(parent)
        self._staff, self._mm = staff, mm_per_px

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            points = event.points()
            if points:
                p = points[0].position()
                limit = CORNER_MM / max(self._mm(), 1e-6)
                if p.x() <= limit and p.y() <= limit:
                    self._staff.corner_tap()
        return False
