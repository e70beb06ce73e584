"""Opening hours: a dark "closed" screen outside them; the touch that wakes it goes no further."""

from __future__ import annotations

import datetime as dt

import pytest

HOURS = (
    "".join(f"    {d}: 09:00-17:00\n" for d in ("mon", "tue", "wed", "thu", "fri", "sat"))
    + "    sun: closed\n"
)
MONDAY = dt.datetime(2026, 11, 30)


@pytest.fixture
def museum(open_kiosk, write_content, minimal):
    visitor = open_kiosk(write_content("settings:\n  schedule:\n" + HOURS + minimal))

    def at(when: dt.datetime):
        visitor.kiosk.schedule.now = lambda: when
        visitor.kiosk.schedule.check()  # (the kiosk looks at the clock every 20 s)
        visitor.next_frame()

    visitor.at = at
    return visitor


def closed_screen(visitor) -> bool:
    return any(visitor.shows(c) for c in visitor.find_all("closedScreen"))


def test_closing_time_ends_the_visit_and_darkens_the_kiosk(museum):
    museum.at(MONDAY.replace(hour=16, minute=59))
    assert not closed_screen(museum)
    museum.enter("one")
    museum.at(MONDAY.replace(hour=17))
    museum.qtbot.waitUntil(lambda: closed_screen(museum))
    museum.qtbot.waitUntil(lambda: museum.page == "attract")  # the next visitor starts afresh
    assert not museum.find("attractScreen").isVisible()  # no motion underneath


def test_a_touch_on_the_closed_screen_presses_nothing(museum):
    museum.at(MONDAY.replace(hour=22))
    title = museum.find("closedTitle")
    assert closed_screen(museum) and title.property("text") == "The exhibit is closed"
    dim = title.parentItem().opacity()
    museum.tap(museum.find("closedScreen"))
    museum.qtbot.waitUntil(lambda: title.parentItem().opacity() > dim)  # it wakes: brighter
    assert museum.page == "attract"  # and nothing underneath was touched


def test_opening_time_and_closed_days(museum):
    museum.at(MONDAY.replace(hour=8, minute=59))
    assert closed_screen(museum)
    museum.at(MONDAY.replace(hour=9))
    museum.qtbot.waitUntil(lambda: not closed_screen(museum))
    museum.at((MONDAY + dt.timedelta(days=6)).replace(hour=12))  # Sunday: closed
    museum.qtbot.waitUntil(lambda: closed_screen(museum))


def test_no_schedule_means_always_open(open_kiosk, write_content, minimal):
    visitor = open_kiosk(write_content(minimal))
    visitor.kiosk.schedule.now = lambda: MONDAY.replace(hour=3)
    visitor.kiosk.schedule.check()
    assert not visitor.find_all("closedScreen")
