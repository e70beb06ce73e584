"""A visitor taps and swipes through the exhibit with real touch and mouse events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]
TEXT_PAGES = ["background", "negotiations", "terms", "aftermath"]


@pytest.fixture
def visitor(open_kiosk, shipped_content):
    return open_kiosk(shipped_content)


def test_starts_on_the_attract_screen(visitor):
    assert visitor.page == "attract"
    assert visitor.shows(visitor.find("attractScreen"))
    assert visitor.find("attractTitle").property("text") == "The Treaty of Aigun"


def test_a_touch_on_the_attract_screen_opens_the_first_page(visitor):
    visitor.enter("background")
    assert not visitor.shows(visitor.find("attractScreen"))
    title = visitor.find("title_background")
    assert visitor.shows(title) and title.property("text") == "A river between two empires"


def test_the_touch_that_wakes_the_kiosk_presses_nothing_underneath(visitor):
    # where the "Terms" button will be once the exhibit shows
    visitor.enter("background")
    terms = visitor.center("nav_terms")
    visitor.kiosk.navigation.toAttract()
    visitor.qtbot.waitUntil(lambda: visitor.shows(visitor.find("attractScreen")))
    visitor.tap(terms)
    visitor.qtbot.waitUntil(lambda: visitor.page != "attract")
    assert visitor.page == "background"


def test_navigation_buttons_open_each_page_by_touch(visitor):
    visitor.tap(visitor.find("attractScreen"))
    for page in reversed(PAGES):
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        assert visitor.shows(visitor.find(f"title_{page}"))
        assert visitor.find(f"nav_{page}").property("checked")
        others = [p for p in PAGES if p != page]
        assert not any(visitor.find(f"nav_{p}").property("checked") for p in others)


def test_navigation_buttons_work_with_a_mouse_too(visitor):
    visitor.click(visitor.find("attractScreen"))
    visitor.go("background")
    visitor.click("nav_aftermath")
    visitor.go("aftermath")


def test_swipe_through_every_page_and_back_home(visitor):
    visitor.enter("background")
    for page in TEXT_PAGES[1:] + ["map"]:
        visitor.swipe("left")
        visitor.go(page)
        assert visitor.shows(visitor.find(f"page_{page}"))
    # on the map one finger pans the map: the page stays; the navigation bar moves on
    visitor.swipe("left")
    visitor.wait_settled()
    assert visitor.page == "map"
    visitor.tap("nav_credits")
    visitor.go("credits")
    visitor.swipe("left")  # past the last page: stays
    visitor.wait_settled()
    assert visitor.page == "credits"
    visitor.swipe("right")
    visitor.go("map")
    visitor.tap("nav_aftermath")
    visitor.go("aftermath")
    visitor.swipe("right")
    visitor.go("terms")
    visitor.tap("homeButton")  # Home: the story's title screen
    visitor.go("attract")
    visitor.tap(visitor.find("attractScreen"))
    visitor.go("background")
    assert visitor.shows(visitor.find("title_background"))
    assert not visitor.shows(visitor.find("title_terms"))


def test_home_returns_to_the_title_screen_within_the_visit(visitor):
    """Home is the story's title screen, not the first page again: the visitor keeps their
    language, and the idle reset still comes for a visit left on the title screen."""
    visitor.enter("background")
    visitor.tap("lang_ru")
    language = visitor.kiosk.language
    visitor.qtbot.waitUntil(lambda: language.property("code") == "ru")
    visitor.tap("nav_terms")
    visitor.go("terms")
    visitor.tap("homeButton")
    visitor.go("attract")
    assert language.property("code") == "ru"
    assert visitor.kiosk.navigation.property("visiting")  # the visit goes on: the idle timer runs
    assert visitor.kiosk.idle._active
    visitor.kiosk.session.reset()
    visitor.qtbot.waitUntil(lambda: language.property("code") == "en")
    assert not visitor.kiosk.navigation.visiting


@pytest.mark.parametrize("then", ["nav_map", "homeButton", "nav_credits"])
def test_a_button_tapped_while_a_swipe_still_slides_wins(visitor, then):
    """A hurried visitor swipes and taps a button before the page has come to rest: the
    page the button names is where the kiosk ends up (the swipe's end must not pull it back)."""
    target = {"nav_map": "map", "homeButton": "attract", "nav_credits": "credits"}[then]
    visitor.enter("background")
    visitor.tap("nav_negotiations")
    visitor.go("negotiations")
    visitor.swipe("left")  # towards terms; the page is still sliding when the finger taps
    visitor.tap(then)
    visitor.go(target)
    pager = visitor.find("pager")
    visitor.qtbot.waitUntil(lambda: not pager.property("moving"))
    visitor.go(target)
    assert visitor.page == target


def test_a_session_reset_while_a_swipe_slides_starts_the_next_visitor_on_the_first_page(visitor):
    visitor.enter("background")
    visitor.tap("nav_terms")
    visitor.go("terms")
    visitor.swipe("right")
    visitor.kiosk.session.reset()  # the idle reset, or closing time, right then
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract")
    visitor.enter("background")
    pager = visitor.find("pager")
    visitor.qtbot.waitUntil(lambda: not pager.property("moving"))
    visitor.go("background")


def test_home_is_always_visible(visitor):
    visitor.tap(visitor.find("attractScreen"))
    for page in PAGES:
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        assert visitor.shows(visitor.find("homeButton"))


def test_long_text_scrolls_with_a_finger(open_kiosk, write_content, minimal):
    long_body = "|\n" + "\n\n".join(["      A sentence that goes on and on. " * 6] * 14)
    visitor = open_kiosk(write_content(minimal.replace("body: First page.", f"body: {long_body}")))
    visitor.enter("one")
    scroll = visitor.target("scroll_one")
    visitor.qtbot.waitUntil(
        lambda: scroll.property("contentHeight") > scroll.height() * 1.5
    )  # laid out
    start = visitor.center(scroll)
    visitor.drag(start + QPoint(0, 300), start - QPoint(0, 300))
    visitor.qtbot.waitUntil(lambda: scroll.property("contentY") > 200)
    assert visitor.page == "one"  # a vertical drag does not change the page
