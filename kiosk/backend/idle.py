"""Idle reset: when nobody has touched the kiosk for a while, warn, count down, reset.

Activity is watched once, at application level (:class:`ActivityFilter`): every touch,
mouse, wheel and key event counts.  A Python event filter costs a Python call for every
event it sees, so it steps aside after the first input event and re-arms itself 100 ms
later: a flood of move events costs at most ten Python calls a second, and the time of
the last input is known to within 100 ms.  The idle timer is single-shot and compares
that time when it fires; nothing is restarted or allocated per event.

While the warning shows, it takes every touch: the overlay (``IdleWarning.qml``) holds each
one press to release, so nothing under it is ever pressed.  Its two buttons continue
(:meth:`Idle.dismiss`) or start again at once (:meth:`Idle.restart`, the timeout's own way:
``timedOut``); a touch anywhere else continues, when it is lifted.  Keys go to the keypad,
which moves inside the warning, or to the warning itself (any other key continues).  Should
the warning go while a finger or key is still down (the countdown ran out), the rest of that
touch is swallowed here, to its release: it never lands on the screen that comes next.  A
wheel turn continues and is swallowed; a pointer merely moving (hovering) does nothing.
"""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk import metrics

from .qttyping import Property

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

T = QEvent.Type
STARTS = frozenset(
    {T.MouseButtonPress, T.MouseButtonDblClick, T.TouchBegin, T.KeyPress, T.Wheel, T.TabletPress}
)
ENDS = frozenset({T.MouseButtonRelease, T.TouchEnd, T.TouchCancel, T.KeyRelease, T.TabletRelease})
POINTER_ENDS = ENDS - {T.KeyRelease}
MOVES = frozenset({T.MouseMove, T.TouchUpdate, T.TabletMove})
PRESSES = STARTS - {T.MouseButtonDblClick, T.Wheel}  # kiosk_touches_total counts these
ACTIVITY = STARTS | ENDS | MOVES
TICK_MS = 100  # countdown resolution
MAX_TIMEOUT_S = 3600.0  # the content model refuses more; a bad value is clamped here, never raised
MAX_WARNING_S = 600.0


def _seconds(value: object, default: float, most: float) -> float:
    """``value`` as seconds in [0, most]; ``default`` when it is no number at all (nan, text)."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    if math.isnan(v):
        return default
    return min(max(v, 0.0), most)


@QmlElement
@QmlSingleton
class Idle(QObject):
    """``warning`` (bool), ``secondsLeft`` (int) and ``warningSeconds`` (the countdown's
    length) for the overlay; ``timedOut`` at zero, or when the visitor starts again."""

    warningChanged = Signal()
    secondsLeftChanged = Signal()
    warningSecondsChanged = Signal()
    timedOut = Signal()

    def __init__(self, parent: QObject | None = None, clock=time.monotonic):
        super().__init__(parent)
        self._clock = clock
        self._timeout = 90.0
        self._warning_s = 15.0
        self._active = False
        self._warning = False
        self._seconds_left = 0
        self._last_input = clock()
        self._deadline = 0.0
        self._swallowing = False
        self._down = False  # a touch, click or key began while the warning showed
        self._idle_timer = QTimer(self, singleShot=True)
        self._idle_timer.timeout.connect(self._check_idle)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._count_down)

    # -- configuration and state --------------------------------------------------------

    def configure(self, timeout_s: float, warning_s: float) -> None:
        """Seconds until the warning (0: never) and length of the countdown; clamped to an hour
        and ten minutes (a Qt timer cannot take 24 days; a nan or text is the default)."""
        self._timeout = _seconds(timeout_s, 90.0, MAX_TIMEOUT_S)
        warning = _seconds(warning_s, 15.0, MAX_WARNING_S)
        if warning != self._warning_s:
            self._warning_s = warning
            self.warningSecondsChanged.emit()
        self.set_active(self._active)

    def set_active(self, active: bool) -> None:
        """Idle reset runs only while a visitor is in the exhibit (not on the attract screen)."""
        self._active = bool(active) and self._timeout > 0
        self._set_warning(False)
        self._last_input = self._clock()
        if self._active:
            self._idle_timer.start(round(self._timeout * 1000))
        else:
            self._idle_timer.stop()

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(float, notify=warningSecondsChanged)
    def warningSeconds(self) -> float:
        """How long the countdown lasts (``settings.idle.warning_s``): the ring's whole."""
        return self._warning_s

    def _set_warning(self, on: bool) -> None:
        if not on:
            self._tick.stop()
            if self._down:  # gone under a finger (or key) still down: the rest is swallowed
                self._down = False
                self._swallowing = True
        if on != self._warning:
            self._warning = on
            self.warningChanged.emit()

    def _set_seconds_left(self, n: int) -> None:
        if n != self._seconds_left:
            self._seconds_left = n
            self.secondsLeftChanged.emit()

    # -- input (the hot path: every touch, mouse, wheel and key event) --------------------

    def on_input(self, kind: QEvent.Type) -> bool:
        """Note activity; True when the event must be swallowed (the rest of a touch the
        warning went under, or a wheel turn that continued)."""
        self._last_input = self._clock()
        if self._swallowing:
            if kind in ENDS:
                self._swallowing = False
            return True
        if not self._warning:
            return False
        if kind == T.Wheel:  # nothing holds a wheel turn: it would scroll the page underneath
            self.dismiss()
            return True
        if kind in STARTS:
            self._down = True  # the overlay takes it (or the keypad, a key)
        elif kind in ENDS:
            self._down = False
            if kind in POINTER_ENDS:
                # a touch lifted anywhere continues - once the overlay has seen the release
                # (its "Start again" button may have been what it pressed)
                QTimer.singleShot(0, self, self._lifted)
        # moves pass too: a pointer gliding by is not a touch, and a held touch belongs to
        # the overlay
        return False

    def _lifted(self) -> None:
        if self._warning:
            self.dismiss()

    def last_input(self) -> float:
        """When input was last noted (this clock: monotonic), to within 100 ms: the visitor
        statistics' last touch."""
        return self._last_input

    def needs_every_event(self) -> bool:
        """While the warning shows, or a touch it went under is being swallowed."""
        return self._warning or self._swallowing

    def reset(self) -> None:
        """Part of a session reset: no warning, nothing half-swallowed."""
        self._set_warning(False)
        self._swallowing = False

    @Slot()
    def dismiss(self) -> None:
        """The visitor is still there: hide the warning, keep everything as it was."""
        if self._warning:
            log.info("idle warning dismissed")
        self._set_warning(False)
        if self._active:
            self._last_input = self._clock()
            self._idle_timer.start(round(self._timeout * 1000))

    @Slot()
    def restart(self) -> None:
        """The visitor asks to start again: the same reset as at the countdown's end, now."""
        if not self._warning:
            return
        log.info("idle warning: start again")
        self._set_seconds_left(0)
        self._set_warning(False)
        self.timedOut.emit()

    # -- timers ---------------------------------------------------------------------------

    def _check_idle(self) -> None:
        if not self._active:
            return
        remaining = self._timeout - (self._clock() - self._last_input)
        if remaining > 0.001:  # there was input meanwhile: wait for the rest
            self._idle_timer.start(max(1, math.ceil(remaining * 1000)))
            return
        self._deadline = self._clock() + self._warning_s
        self._set_seconds_left(math.ceil(self._warning_s))
        self._set_warning(True)
        self._tick.start()
        log.info("idle for %.0f s: warning", self._timeout)

    def _count_down(self) -> None:
        left = self._deadline - self._clock()
        if left > 0:
            self._set_seconds_left(math.ceil(left))
            return
        self._set_seconds_left(0)
        self._set_warning(False)
        log.info("idle countdown over: reset")
        self.timedOut.emit()


REARM_MS = 100


class ActivityFilter(QObject):
    """The application's event filter for input: every input event anywhere passes here.

    After noting one input event it uninstalls itself for ``REARM_MS`` (unless the idle
    warning needs to see every event), which bounds its cost whatever the event rate.
    """

    def __init__(self, idle: Idle, app: QObject):
        super().__init__(idle)
        self._idle = idle
        self._app = app
        self._armed = False
        self._rearm = QTimer(self, singleShot=True, interval=REARM_MS)
        self._rearm.timeout.connect(self.arm)
        idle.warningChanged.connect(self.arm)

    def arm(self) -> None:
        if not self._armed:
            self._app.installEventFilter(self)
            self._armed = True

    def disarm(self) -> None:
        self._rearm.stop()
        if self._armed:
            self._app.removeEventFilter(self)
            self._armed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in ACTIVITY:
            return False
        if kind in PRESSES:
            metrics.touch()  # kiosk_touches_total (a no-op while metrics are off)
        if self._idle.on_input(kind):
            event.accept()  # handled here: Qt must not turn a swallowed touch into a mouse click
            return True
        if not self._idle.needs_every_event():
            self._app.removeEventFilter(self)
            self._armed = False
            self._rearm.start()
        return False
