"""Opening hours: outside them the kiosk shows its dark "closed" screen."""

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


@QmlElement
@QmlSingleton
class Schedule(QObject):
    """``open`` is false outside the opening hours; ``closedNow`` fires when the kiosk closes."""

    openChanged = Signal()
    closedNow = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._hours: dict | None = None
        self._open = True
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
        open_ = is_open(self._hours, self.now())
        if open_ != self._open:
            self._open = open_
            log.info("opening hours: the kiosk %s", "opens" if open_ else "closes")
            self.openChanged.emit()
            if not open_:
                self.closedNow.emit()

    @Property(bool, notify=openChanged)
    def open(self) -> bool:
        return self._open
