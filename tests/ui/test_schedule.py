"""Opening hours: a dark "closed" screen outside them; the touch that wakes it goes no further."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk import scene

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


def lightness(item) -> int:
    return QColor(item.property("color")).lightness()


def test_a_touch_on_the_closed_screen_presses_nothing(museum):
    museum.at(MONDAY.replace(hour=22))
    title = museum.find("closedTitle_en")
    assert closed_screen(museum) and title.property("text") == "The exhibit is closed"
    dim = lightness(title)
    museum.tap(museum.find("closedScreen"))
    museum.qtbot.waitUntil(lambda: lightness(title) > dim)  # it wakes: brighter
    assert museum.page == "attract"  # and nothing underneath was touched


LANGUAGES = (
    "  languages:\n"
    "    - {code: en, name: English}\n"
    "    - {code: ru, name: Русский}\n"
    "    - {code: zh-Hans, name: 中文}\n"
)


@pytest.fixture
def museum3(open_kiosk, write_content, minimal):
    """The museum, its kiosk in three languages (the ui words are the defaults)."""
    visitor = open_kiosk(
        write_content("settings:\n" + LANGUAGES + "  schedule:\n" + HOURS + minimal)
    )

    def at(when: dt.datetime):
        visitor.kiosk.schedule.now = lambda: when
        visitor.kiosk.schedule.check()
        visitor.next_frame()

    visitor.at = at
    return visitor


def said(visitor) -> dict[str, tuple[str, str]]:
    """What the closed screen says, in each language: (title, when it opens again)."""
    return {
        code: (
            visitor.find(f"closedTitle_{code}").property("text"),
            visitor.find(f"closedReopens_{code}").property("text"),
        )
        for code in ("en", "ru", "zh-Hans")
        if visitor.shows(visitor.find(f"closedReopens_{code}"))
    }


TITLES = {"en": "The exhibit is closed", "ru": "Экспозиция закрыта", "zh-Hans": "本展项已关闭"}


@pytest.mark.parametrize(
    "when, reopens",
    [
        (  # early on Monday: later today
            MONDAY.replace(hour=7, minute=45),
            ("Opens again today at 09:00", "Откроется сегодня в 09:00", "今天09:00重新开放"),
        ),
        (  # Monday evening: tomorrow
            MONDAY.replace(hour=17, minute=30),
            ("Opens again tomorrow at 09:00", "Откроется завтра в 09:00", "明天09:00重新开放"),
        ),
        (  # Saturday evening: Sunday is closed, so Monday
            (MONDAY + dt.timedelta(days=5)).replace(hour=18),
            (
                "Opens again on Monday at 09:00",
                "Откроется в понедельник в 09:00",
                "星期一09:00重新开放",
            ),
        ),
        (  # the closed Sunday itself: tomorrow
            (MONDAY + dt.timedelta(days=6)).replace(hour=11),
            ("Opens again tomorrow at 09:00", "Откроется завтра в 09:00", "明天09:00重新开放"),
        ),
    ],
)
def test_the_closed_screen_says_when_it_opens_again_in_every_language(museum3, when, reopens):
    museum3.at(when)
    museum3.qtbot.waitUntil(lambda: closed_screen(museum3))
    expected = {code: (TITLES[code], r) for code, r in zip(("en", "ru", "zh-Hans"), reopens)}
    museum3.qtbot.waitUntil(lambda: said(museum3) == expected)
    assert museum3.window.property("language") == "en"  # nobody chose one: all at once


def test_a_later_day_says_its_weekday_in_the_museums_own_words(museum3):
    museum3.at((MONDAY + dt.timedelta(days=5)).replace(hour=18))  # Saturday evening
    museum3.qtbot.waitUntil(lambda: closed_screen(museum3))
    assert said(museum3)["ru"][1] == "Откроется в понедельник в 09:00"
    museum3.at((MONDAY + dt.timedelta(days=1)).replace(hour=18))  # Tuesday evening: Wednesday
    museum3.qtbot.waitUntil(lambda: said(museum3)["ru"][1] == "Откроется завтра в 09:00")


def test_without_a_next_opening_it_asks_to_come_back(open_kiosk, write_content, minimal):
    never = "".join(f"    {d}: closed\n" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    visitor = open_kiosk(write_content("settings:\n  schedule:\n" + never + minimal))
    visitor.qtbot.waitUntil(lambda: closed_screen(visitor))
    line = visitor.find("closedReopens_en")
    assert line.property("text") == "Please come back during opening hours"


def test_the_closed_screen_is_readable_at_rest(museum3):
    """Dim, but every line at least 4.5:1 - measured on the rendered pixels, as the proof does
    (the text's colour against its ground), and from the brightest glyph pixel too (so a
    faded layer over the text cannot pass)."""
    museum3.at(MONDAY.replace(hour=22))
    museum3.qtbot.waitUntil(lambda: len(said(museum3)) == 3)
    museum3.next_frame()
    image = museum3.window.grabWindow()
    texts = [
        museum3.find(f"{kind}_{code}")
        for kind in ("closedTitle", "closedReopens")
        for code in ("en", "ru", "zh-Hans")
    ]
    for item in texts:
        assert not museum3.find("closedScreen").property("awake")
        ratio = scene.text_contrast(image, item)
        assert ratio is not None and ratio >= 4.5, (item.property("text"), ratio)
        assert glyph_contrast(image, item) >= 4.5, item.property("text")


def glyph_contrast(image: QImage, item) -> float:
    """The brightest pixel in the text's box against the darkest (the ground)."""
    box = scene.rect(item).toAlignedRect().intersected(image.rect())
    pixels = [
        QColor(image.pixel(x, y))
        for y in range(box.top(), box.bottom())
        for x in range(box.left(), box.right())
    ]
    light = max(pixels, key=QColor.lightness)
    dark = min(pixels, key=QColor.lightness)
    return scene.contrast_ratio(light, dark)


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
