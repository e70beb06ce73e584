"""The staff's way in: a hidden gesture (five taps within three seconds in the top-left
corner) opens a PIN pad; the right PIN opens the staff menu (exit, reload the content now,
diagnostics).  No PIN set (or a damaged PIN file): the gesture does nothing.  Five wrong
PINs lock the pad for a minute, each further lock twice as long (up to an hour), kept on
disk so a restart does not clear it (``staffpin.Lockout``).  The clocks, the PIN check and
the lockout are injectable, so tests never wait."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QEnum, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QPointerEvent
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk import staffpin

from .qttyping import Property
from .staffwords import say, words

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

TAPS = 5
TAP_WINDOW_S = 3.0
CORNER_MM = 25.0
MAX_TRIES = staffpin.MAX_TRIES
LOCK_S = staffpin.FIRST_LOCK_S  # the first lock; then twice as long each time, up to MAX_LOCK_S
MAX_LOCK_S = staffpin.MAX_LOCK_S


@QmlElement
@QmlSingleton
class Staff(QObject):
    """``state``: :attr:`State` ``Closed``, ``Pad`` (PIN) or ``Menu``; ``message`` says what happened and
    ``words`` are the panel's titles and buttons, both in ``language()`` (the visitors'
    language: call :meth:`language_changed` when it changes)."""

    @QEnum
    class State(IntEnum):
        Closed = 0
        Pad = 1  # the PIN pad
        Menu = 2  # the staff menu

    stateChanged = Signal()
    exitRequested = Signal()
    reloadRequested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state = Staff.State.Closed
        self._message: tuple[str, dict] = ("", {})  # a key of staffwords and its values
        self._taps: list[float] = []
        self._diagnostics: list[str] = []
        self.clock: Callable[[], float] = time.monotonic  # the corner taps
        self.lockout = staffpin.Lockout()  # wall clock, on disk (its .clock for tests)
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
        if self._state != Staff.State.Closed:
            return
        if not self.has_pin():
            log.info("staff gesture seen, but no staff PIN is set (kiosk set-pin): nothing opens")
            return
        self._set(Staff.State.Pad, self._lock_message())

    # -- the PIN pad and the menu -----------------------------------------------------------

    def _lock_message(self) -> tuple[str, dict]:
        left = math.ceil(round(self.lockout.remaining(), 3))
        if left > 120:  # the longer locks (up to an hour) read in minutes
            return "locked_minutes", {"minutes": math.ceil(left / 60)}
        return ("locked", {"seconds": left}) if left > 0 else ("", {})

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        if self._state != Staff.State.Pad:
            return
        locked = self._lock_message()
        if locked[0]:
            self._set(Staff.State.Pad, locked)
            return
        if self.verify(pin):
            self.lockout.succeeded()
            log.info("staff menu opened")
            self._diagnostics = list(self.diagnose())
            self._set(Staff.State.Menu, ("", {}))
            return
        length = self.lockout.failed()
        if length:
            log.warning(
                "wrong staff PIN (%d of %d): the PIN pad is locked for %d s (lock %d)",
                MAX_TRIES,
                MAX_TRIES,
                length,
                self.lockout.locks,
            )
            self._set(Staff.State.Pad, self._lock_message())
        else:
            left = self.lockout.tries_left
            log.warning("wrong staff PIN (%d of %d)", MAX_TRIES - left, MAX_TRIES)
            self._set(Staff.State.Pad, ("wrong", {"count": left, "left": left}))

    @Slot()
    def close(self) -> None:
        self._set(Staff.State.Closed, ("", {}))

    @Slot()
    def exit(self) -> None:
        if self._state == Staff.State.Menu:
            log.info("staff exit")
            self.exitRequested.emit()

    @Slot()
    def reload(self) -> None:
        if self._state == Staff.State.Menu:
            self.reloadRequested.emit()
            self._diagnostics = list(self.diagnose())
            self._set(Staff.State.Menu, ("reloaded", {}))

    def language_changed(self) -> None:
        self.stateChanged.emit()  # the words and the message, in the new language

    def _set(self, state: Staff.State, message: tuple[str, dict]) -> None:
        if (state, message) != (self._state, self._message):
            self._state, self._message = state, message
            self.stateChanged.emit()

    @Property(int, notify=stateChanged)
    def state(self) -> int:
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

    EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in self.EVENTS:
            assert isinstance(event, QPointerEvent)  # a mouse press or a touch begins
            points = event.points()
            if points:
                p = points[0].position()
                limit = CORNER_MM / max(self._mm(), 1e-6)
                if p.x() <= limit and p.y() <= limit:
                    self._staff.corner_tap()
        return False
