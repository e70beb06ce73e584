"""The exhibit as a story: chapters on one grid beside a live map that moves from one
chapter's state to the next, a progress mark, "Next", and the next page peeking in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

CHAPTERS = ["background", "negotiations", "terms", "aftermath"]
# the layer each chapter's map shows (content.yaml's map_view), as an index of map.layers
MAP_CHAPTERS = {"background": 0, "terms": 1, "aftermath": 2}


@pytest.fixture
def visitor(open_kiosk, shipped_content):
    return open_kiosk(shipped_content)


def scene_x(item) -> float:
    return item.mapToScene(QPointF(0, 0)).x()


def test_every_chapter_puts_its_text_at_the_same_x(visitor):
    """One grid: with a map, with a picture, in every language, the text column starts at
    the same place on the screen."""
    visitor.enter("background")
    for language in ["en", "ru", "zh-Hans"]:
        visitor.tap(f"lang_{language}")
        xs = {}
        for page in CHAPTERS:
            visitor.tap(f"nav_{page}")
            visitor.go(page)
            xs[page] = round(scene_x(visitor.find(f"text_{page}")))
            title = visitor.find(f"title_{page}")
            assert round(scene_x(title)) == xs[page], f"{page}: the title is not on the grid"
            if page != "terms":  # (Terms begins with a list: no lead)
                lead = visitor.find(f"lead_{page}")
                assert visitor.shows(lead)
                assert round(scene_x(lead)) == xs[page], f"{page}: the lead is not on the grid"
        assert len(set(xs.values())) == 1, f"{language}: text columns at {xs}"


def test_each_chapter_shows_its_map_state(visitor):
    visitor.enter("background")
    for page, layer in MAP_CHAPTERS.items():
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        chapter_map = visitor.find(f"chapterMap_{page}")
        assert visitor.shows(chapter_map)
        visitor.qtbot.waitUntil(lambda m=chapter_map, n=layer: m.property("layerIndex") == n)
        # the year stands on the map, in the visitor's language
        year = visitor.find(f"chapterYear_{page}")
        assert visitor.shows(year)


def test_arriving_at_a_chapter_moves_the_map_from_the_last_chapters_state(visitor):
    """Background (1689, the north) -> Terms (1858, further east): the Terms map starts as the
    Background map was, then flies and cross-fades to its own state."""
    visitor.enter("background")
    story = visitor.find("story")
    visitor.qtbot.waitUntil(lambda: story.property("mapState") is not None)
    before = story.property("mapState")
    assert before["layer"] == MAP_CHAPTERS["background"]
    terms = visitor.find("chapterMap_terms")
    # before the visitor arrives, the Terms map already shows what they see now
    assert terms.property("layerIndex") == MAP_CHAPTERS["background"]
    visitor.tap("nav_terms")
    visitor.go("terms")
    visitor.qtbot.waitUntil(lambda: terms.property("layerIndex") == MAP_CHAPTERS["terms"])
    assert story.property("mapState")["layer"] == MAP_CHAPTERS["terms"]


def test_next_leads_through_the_story_to_the_map(visitor):
    visitor.enter("background")
    for here, there in zip(CHAPTERS, CHAPTERS[1:] + ["map"], strict=True):
        button = visitor.target(f"next_{here}")
        visitor.tap(button)
        visitor.go(there)


def test_the_progress_mark_says_where_the_visitor_is(visitor):
    visitor.enter("background")
    visitor.tap("nav_terms")
    visitor.go("terms")
    progress = visitor.find("progress_terms")
    assert visitor.shows(progress)
    texts = [c.property("text") for c in progress.childItems() if c.property("text")]
    assert "3 of 4" in texts


def test_the_next_page_peeks_in_at_the_right_edge(visitor):
    visitor.enter("background")
    following = visitor.find("page_negotiations")
    x = scene_x(following)
    assert 0 < visitor.window.width() - x <= 80, f"the next page starts at x={x}"


def test_two_fingers_on_a_chapter_map_zoom_it_and_one_finger_turns_the_page(visitor):
    visitor.enter("background")
    chapter_map = visitor.target("chapterMap_background")
    canvas = next(c for c in visitor.find_all("mapView") if chapter_map.isAncestorOf(c))
    visitor.qtbot.waitUntil(lambda: not canvas.property("busy"), timeout=5000)
    zoom = canvas.property("zoom")
    visitor.pinch(visitor.center(chapter_map), 80, 220)
    visitor.qtbot.waitUntil(lambda: canvas.property("zoom") > zoom * 1.5)
    visitor.swipe("left")
    visitor.go("negotiations")


def test_home_button_and_the_chapter_numbers(visitor):
    """The chapters read as a numbered sequence; the map and the credits are not numbered."""
    visitor.enter("background")
    numbers = [visitor.target(f"nav_{p}").property("number") for p in CHAPTERS]
    assert numbers == ["1", "2", "3", "4"]
    assert visitor.target("nav_map").property("number") == ""
    assert visitor.find("nav_credits").property("iconOnly")
    assert visitor.shows(visitor.find("chapterLine"))


def test_one_you_are_here_mark(visitor):
    """The current page is filled; the chosen language is outlined, not filled."""
    visitor.enter("background")
    assert visitor.target("nav_background").property("filled")
    assert visitor.target("lang_en").property("checked")
    assert not visitor.find("lang_en").property("filled")


def test_a_place_on_a_chapters_map_opens_the_full_map_there(visitor):
    visitor.enter("background")
    chapter_map = visitor.target("chapterMap_background")
    aigun = next(s for s in visitor.find_all("hotspot_aigun") if chapter_map.isAncestorOf(s))
    visitor.qtbot.waitUntil(lambda: visitor.shows(aigun))
    visitor.tap(aigun)
    visitor.go("map")
    popup = visitor.target("hotspotPopup")
    assert "Aigun" in popup.property("heading")
