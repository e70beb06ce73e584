"""Opening hours without a window: open, closed, and the moment of closing."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.backend.schedule import Schedule, is_open

HOURS = {"mon": "09:30-18:00", "tue": "closed", "sun": "10:00-16:00"}
MONDAY = dt.datetime(2026, 11, 30)


@pytest.mark.parametrize(
    "when, expected",
    [
        (MONDAY.replace(hour=9, minute=29), False),
        (MONDAY.replace(hour=9, minute=30), True),
        (MONDAY.replace(hour=17, minute=59), True),
        (MONDAY.replace(hour=18), False),  # closing time is closed
        (MONDAY + dt.timedelta(days=1, hours=12), False),  # "closed"
        (MONDAY + dt.timedelta(days=2, hours=12), False),  # a day not listed
        (MONDAY + dt.timedelta(days=6, hours=12), True),
    ],
)
def test_is_open(when, expected):
    assert is_open(HOURS, when) is expected


def test_no_schedule_is_always_open():
    assert is_open(None, MONDAY) and is_open({}, MONDAY)


def test_closing_signals_once_and_opening_again_is_noticed(qapp, qtbot):
    schedule = Schedule()
    now = [MONDAY.replace(hour=17, minute=59)]
    schedule.now = lambda: now[0]
    schedule.configure(HOURS)
    assert schedule.open
    now[0] = MONDAY.replace(hour=18, minute=1)
    with qtbot.waitSignal(schedule.closedNow):
        schedule.check()
    assert not schedule.open
    with qtbot.assertNotEmitted(schedule.closedNow):
        schedule.check()  # still closed: said once
    now[0] = MONDAY.replace(hour=10) + dt.timedelta(days=7)
    with qtbot.waitSignal(schedule.openChanged):
        schedule.check()
    assert schedule.open


def test_removing_the_schedule_opens_the_kiosk(qapp):
    schedule = Schedule()
    schedule.now = lambda: MONDAY.replace(hour=3)
    schedule.configure(HOURS)
    assert not schedule.open
    schedule.configure(None)
    assert schedule.open
