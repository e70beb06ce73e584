"""Navigation without a window: the moves, and that no move leaves the page list."""

from __future__ import annotations

import pytest

from kiosk.backend.navigation import ATTRACT, Navigation

PAGES = ["background", "terms", "map", "credits"]


@pytest.fixture
def nav(qapp):
    n = Navigation()
    n.set_page_ids(PAGES)
    return n


def test_starts_on_the_attract_screen_and_enter_goes_to_the_first_page(nav):
    assert nav.currentPage == ATTRACT and nav.currentIndex == -1
    nav.enter()
    assert nav.currentPage == "background" and nav.currentIndex == 0


def test_moves_by_id_and_index_and_refuses_unknown_ones(nav, qtbot):
    nav.show("terms")
    assert nav.currentIndex == 1
    with qtbot.assertNotEmitted(nav.currentPageChanged):
        nav.show("nowhere")
        nav.showIndex(99)
        nav.showIndex(-1)
    assert nav.currentPage == "terms"
    nav.showIndex(3)
    assert nav.currentPage == "credits"


def test_each_change_is_signalled_once(nav, qtbot):
    with qtbot.waitSignal(nav.currentPageChanged):
        nav.show("terms")
    with qtbot.assertNotEmitted(nav.currentPageChanged):
        nav.show("terms")  # already there


def test_show_on_map_opens_the_map_with_the_view_and_attract_forgets_it(nav):
    view = {"layer": 1, "x": 10.0, "y": 20.0, "zoom": 3.0}
    nav.showOnMap(view)
    assert nav.currentPage == "map" and nav.mapRequest == view
    nav.toAttract()
    assert nav.currentPage == ATTRACT and nav.mapRequest == {}


def test_show_on_map_without_a_map_page_does_nothing(qapp):
    nav = Navigation()
    nav.set_page_ids(["background", "credits"])
    nav.showOnMap({"layer": 0, "x": 1, "y": 1, "zoom": 2})
    assert nav.currentPage == ATTRACT


def test_new_content_keeps_the_page_if_it_is_still_there_else_the_first(nav):
    nav.show("terms")
    nav.set_page_ids(["terms", "credits"])
    assert nav.currentPage == "terms" and nav.currentIndex == 0
    nav.set_page_ids(["background", "credits"])
    assert nav.currentPage == "background"
    nav.toAttract()
    nav.set_page_ids(["credits"])
    assert nav.currentPage == ATTRACT
