"""Opening hours without a window: open, closed, and the moment of closing."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.backend.schedule import Schedule, is_open, next_opening, reopening

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


WEEK = {  # open Tuesday to Sunday; Monday closed; Saturday short
    "mon": "closed",
    "tue": "09:30-18:00",
    "wed": "09:30-18:00",
    "thu": "09:30-18:00",
    "fri": "09:30-18:00",
    "sat": "10:00-16:00",
    "sun": "10:00-16:00",
}


@pytest.mark.parametrize(
    "when, expected",
    [
        # later today: before opening
        (MONDAY + dt.timedelta(days=1, hours=7), {"when": "today", "weekday": 1, "time": "09:30"}),
        # after closing: tomorrow
        (
            MONDAY + dt.timedelta(days=1, hours=19),
            {"when": "tomorrow", "weekday": 2, "time": "09:30"},
        ),
        (
            MONDAY + dt.timedelta(days=4, hours=23, minutes=59),
            {"when": "tomorrow", "weekday": 5, "time": "10:00"},
        ),
        # Sunday evening: Monday is closed, so Tuesday
        (MONDAY + dt.timedelta(days=6, hours=16), {"when": "on", "weekday": 1, "time": "09:30"}),
        # the closed day itself: tomorrow
        (MONDAY.replace(hour=12), {"when": "tomorrow", "weekday": 1, "time": "09:30"}),
        # just after midnight: today
        (
            MONDAY + dt.timedelta(days=2, minutes=1),
            {"when": "today", "weekday": 2, "time": "09:30"},
        ),
    ],
)
def test_reopening(when, expected):
    assert not is_open(WEEK, when)
    assert reopening(WEEK, when) == expected


def test_reopening_a_week_later_and_never():
    only_monday = {"mon": "09:30-18:00"}  # the other days are not listed: closed
    assert reopening(only_monday, MONDAY.replace(hour=19)) == {
        "when": "on",
        "weekday": 0,
        "time": "09:30",
    }
    assert next_opening(only_monday, MONDAY.replace(hour=19)) == MONDAY.replace(
        hour=9, minute=30
    ) + dt.timedelta(days=7)
    assert reopening({"mon": "closed"}, MONDAY) == {}  # never opens: nothing to promise
    assert reopening(None, MONDAY) == {}


def test_reopens_follows_the_clock_and_is_empty_while_open(qapp, qtbot):
    schedule = Schedule()
    now = [MONDAY.replace(hour=17)]  # HOURS: Monday 09:30-18:00, Tuesday closed, Sunday 10-16
    schedule.now = lambda: now[0]
    schedule.configure(HOURS)
    assert schedule.open and schedule.reopens == {}
    now[0] = MONDAY.replace(hour=18, minute=30)
    with qtbot.waitSignal(schedule.reopensChanged):
        schedule.check()
    assert schedule.reopens == {"when": "on", "weekday": 6, "time": "10:00"}
    with qtbot.assertNotEmitted(schedule.reopensChanged):
        schedule.check()  # the same: said once
    now[0] = MONDAY + dt.timedelta(days=6, hours=9)  # Sunday morning
    with qtbot.waitSignal(schedule.reopensChanged):
        schedule.check()
    assert schedule.reopens == {"when": "today", "weekday": 6, "time": "10:00"}
