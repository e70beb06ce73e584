"""Opening hours: outside them the kiosk shows its dark "closed" screen, which says when it
opens again (``Schedule.reopens``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlSingleton

from .qttyping import Property

if TYPE_CHECKING:
    from kiosk.content.types import ScheduleData

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHECK_MS = 20_000


def is_open(schedule: dict | None, now: dt.datetime) -> bool:
    """``schedule``: weekday -> "09:30-18:00" or "closed" (a missing day is closed); None: always open."""
    if not schedule:
        return True
    hours = schedule.get(WEEKDAYS[now.weekday()])
    if not hours or hours == "closed":
        return False
    start, end = hours.split("-")
    return start <= now.strftime("%H:%M") < end


def next_opening(schedule: dict | None, now: dt.datetime) -> dt.datetime | None:
    """When the kiosk next opens after ``now`` (within a week; None: never, or no schedule)."""
    if not schedule:
        return None
    for days in range(8):
        day = now.date() + dt.timedelta(days=days)
        hours = schedule.get(WEEKDAYS[day.weekday()])
        if not hours or hours == "closed":
            continue
        opens = dt.datetime.combine(day, dt.time.fromisoformat(hours.split("-")[0]))
        if opens > now:
            return opens
    return None


def reopening(schedule: dict | None, now: dt.datetime) -> dict:
    """The next opening as the closed screen words it: ``when`` ("today", "tomorrow" or
    "on" a later day), ``weekday`` (0 is Monday) and ``time`` ("09:30"); empty when there
    is none to say (always open, or never)."""
    opens = next_opening(schedule, now)
    if opens is None:
        return {}
    days = (opens.date() - now.date()).days
    return {
        "when": "today" if days == 0 else "tomorrow" if days == 1 else "on",
        "weekday": opens.weekday(),
        "time": opens.strftime("%H:%M"),
    }


@QmlElement
@QmlSingleton
class Schedule(QObject):
    """``open`` is false outside the opening hours; ``closedNow`` fires when the kiosk closes;
    ``reopens`` is when it opens again (see :func:`reopening`; empty while open)."""

    openChanged = Signal()
    closedNow = Signal()
    reopensChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._hours: dict | None = None
        self._open = True
        self._reopens: dict = {}
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)

    def configure(self, hours: ScheduleData | None) -> None:
        self._hours = {k: v for k, v in (hours or {}).items() if v} if hours is not None else None
        if self._hours is None:
            self._timer.stop()
        else:
            self._timer.start()
        self.check()

    def check(self) -> None:
        now = self.now()
        open_ = is_open(self._hours, now)
        reopens = {} if open_ else reopening(self._hours, now)
        if reopens != self._reopens:
            self._reopens = reopens
            self.reopensChanged.emit()
        if open_ != self._open:
            self._open = open_
            log.info("opening hours: the kiosk %s", "opens" if open_ else "closes")
            self.openChanged.emit()
            if not open_:
                self.closedNow.emit()

    @Property(bool, notify=openChanged)
    def open(self) -> bool:
        return self._open

    @Property("QVariantMap", notify=reopensChanged)
    def reopens(self) -> dict:
        return self._reopens
