"""The credits page: one screen at normal text size, in every language and at the two screen
sizes we design for; the visitors' sources apart from the software; scrolls in large text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kiosk import scene

SIZES = [(1920, 1080), (1280, 720)]
LANGUAGES = ["en", "ru", "zh-Hans"]


def open_credits(visitor, language: str):
    visitor.tap(f"lang_{language}")  # starts the exhibit in that language
    visitor.go("background")
    visitor.tap("nav_credits")
    visitor.go("credits")
    return visitor.find("page_credits")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_credits_fit_one_screen_sources_apart_from_software(
    open_kiosk, shipped_content, language, size
):
    visitor = open_kiosk(shipped_content, size=size)
    page = open_credits(visitor, language)
    flick = visitor.find("scroll_credits")
    visitor.qtbot.waitUntil(lambda: not flick.property("interactive"))  # (after any fitting)
    visitor.next_frame()
    assert flick.property("contentHeight") <= flick.height() + 0.5, "the credits scroll"

    ui = visitor.kiosk.exhibit.ui
    sources_heading = visitor.find("creditsSourcesHeading")
    software_heading = visitor.find("creditsSoftwareHeading")
    assert sources_heading.property("text") == ui["credits_sources"][language]
    assert software_heading.property("text") == ui["credits_software"][language]
    sources, software = visitor.find("creditsSources"), visitor.find("creditsSoftware")
    assert visitor.shows(sources) and visitor.shows(software)
    assert scene.rect(software).left() > scene.rect(sources).right()  # apart, side by side
    sources_text = " ".join(
        i.property("text")
        for i in scene.items(sources)
        if i.objectName().startswith("creditsSource_")
    )
    software_text = " ".join(
        i.property("text")
        for i in scene.items(software)
        if i.objectName().startswith("creditsSoftwareText_")
    )
    assert "CC BY-SA" in sources_text and "GSHHG" in sources_text
    assert "Noto" in software_text and "PySide6" in software_text
    assert "Noto" not in sources_text  # the typefaces are software's, not the visitors' sources

    # every text whole and on the screen; the display buttons low, beside the short column
    texts = [i for i in scene.items(page) if scene.is_text(i) and scene.shown(i)]
    assert texts
    problems = [(i.property("text")[:40], p) for i in texts if (p := scene.text_fit(i, *size))]
    assert problems == []
    for name in ("textSize", "contrast"):
        button = next(b for b in visitor.find_all(name) if page.isAncestorOf(b) and scene.shown(b))
        assert scene.rect(button).top() > size[1] / 2
        assert scene.rect(button).bottom() <= scene.rect(page).bottom()


def test_in_large_text_the_credits_scroll_and_a_new_visitor_starts_at_the_top(
    open_kiosk, shipped_content
):
    visitor = open_kiosk(shipped_content)
    page = open_credits(visitor, "ru")
    flick = visitor.find("scroll_credits")
    size = next(b for b in visitor.find_all("textSize") if page.isAncestorOf(b))
    visitor.tap(visitor.center(size))
    visitor.qtbot.waitUntil(lambda: visitor.window.property("textScale") > 1)
    visitor.qtbot.waitUntil(lambda: flick.property("interactive"))
    assert flick.property("contentHeight") > flick.height()
    start = visitor.center(flick)
    visitor.drag(start + QPoint(0, 200), start - QPoint(0, 200))
    visitor.qtbot.waitUntil(
        lambda: flick.property("contentY") > 100 and not flick.property("moving")
    )
    # the display buttons stay clear of the text: under it, not over it
    button = scene.rect(size)
    assert button.top() >= scene.rect(flick).bottom()
    with visitor.qtbot.waitSignal(visitor.kiosk.session.resetDone):
        visitor.kiosk.session.reset()
    assert flick.property("contentY") == 0
    assert "scroll:credits" in visitor.kiosk.session.parts
