"""What assistive technology sees: Qt's accessibility tree (the one its AT-SPI bridge
exports to screen readers), walked in-process on the real window."""

from __future__ import annotations

import pytest

from kiosk.scene import accessible_nodes

LANGUAGES = ["en", "ru", "zh-Hans"]
PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]


def actionable(visitor):
    return [
        (role, name, item.objectName() if item else "")
        for role, name, actions, item in accessible_nodes(visitor.window)
        if "Press" in actions
    ]


def nameless(visitor, screen):
    return [(screen, role, obj) for role, name, obj in actionable(visitor) if not name.strip()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_everything_a_visitor_can_press_has_a_name_in_their_language(
    open_kiosk, shipped_content, language
):
    visitor = open_kiosk(shipped_content)
    visitor.next_frame()
    attract = [n for r, n, _ in actionable(visitor) if r == "Button"]
    assert "The Treaty of Aigun. Touch the screen to explore" in attract  # the whole screen
    missing = nameless(visitor, "attract")
    visitor.tap(f"lang_{language}")  # starts the exhibit in that language
    visitor.go(PAGES[0])
    for page in PAGES:
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        missing += nameless(visitor, page)
    visitor.tap("nav_map")
    visitor.go("map")
    names = {obj: name for _, name, obj in actionable(visitor)}
    label = visitor.find("nav_terms").property("text")
    assert label and names["nav_terms"] == label  # the label the visitor reads, in their language
    assert names["layer_1858"] == visitor.find("layer_1858").property("text")
    assert names["hotspot_aigun"] == visitor.find("hotspotLabel_aigun").property("text")
    visitor.tap("hotspotLabel_aigun")  # a place's popup
    visitor.qtbot.waitUntil(visitor.find("hotspotPopup").isVisible)
    missing += nameless(visitor, "hotspot popup")
    said = [n for _, n, _ in actionable(visitor) if "1858" in n]  # "signed here on 28 May 1858"
    assert said, actionable(visitor)
    assert missing == []


def test_titles_are_headings_and_bodies_are_text_without_markup(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap("nav_terms")
    visitor.go("terms")
    nodes = [(role, name) for role, name, _, _ in accessible_nodes(visitor.window)]
    assert ("Heading", "What the treaty said") in nodes
    texts = [name for role, name in nodes if role == "StaticText"]
    assert any(t.startswith("A new border. Russia gained") for t in texts), texts
    assert not any("<b>" in t or "**" in t for t in texts)


def test_the_idle_warning_is_a_button_that_keeps_the_visit(open_kiosk, write_content, minimal):
    settings = "settings:\n  idle:\n    timeout_s: 0.2\n    warning_s: 30\n"
    visitor = open_kiosk(write_content(settings + minimal))
    visitor.enter("one")
    visitor.qtbot.waitUntil(lambda: visitor.find("idleWarning").isVisible(), timeout=3000)
    answers = [
        (r, n) for r, n, obj in actionable(visitor) if obj in ("idleContinue", "idleRestart")
    ]
    assert sorted(answers) == [("Button", "Continue"), ("Button", "Start again")]
