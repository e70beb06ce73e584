"""The layout works from 1280x720 to 3840x2160: big targets low on the screen, nothing cut off."""

from __future__ import annotations

import math

import pytest

from kiosk import scene

PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]
SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]
LANGUAGES = ["en", "ru", "zh-Hans"]


def mm_per_px(size, diagonal_in=32.0):
    return diagonal_in * 25.4 / math.hypot(*size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_buttons_are_at_least_15mm_and_in_the_lower_half(open_kiosk, shipped_content, size):
    visitor = open_kiosk(shipped_content, size=size)
    visitor.enter("background")
    scale = mm_per_px(size)
    for name in (
        ["homeButton"] + [f"nav_{p}" for p in PAGES] + [f"lang_{code}" for code in LANGUAGES]
    ):
        button = visitor.target(name)
        rect = button.mapRectToScene(button.boundingRect())
        assert rect.width() * scale >= 15 and rect.height() * scale >= 15, (name, rect)
        assert rect.top() >= size[1] / 2, f"{name} is in the upper half of the screen"
        assert rect.right() <= size[0] and rect.bottom() <= size[1], f"{name} is off screen"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_runs_off_the_screen_or_is_elided(open_kiosk, shipped_content, size, language):
    """Russian words are long and Chinese has no spaces: every text still fits its box."""
    visitor = open_kiosk(shipped_content, size=size)
    visitor.tap(visitor.find("attractScreen"))
    visitor.tap(f"lang_{language}")
    assert visitor.window.property("language") == language
    for page in PAGES:
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        _assert_texts_fit(visitor.target(f"page_{page}"), size)
        _assert_texts_fit(visitor.find("navBar"), size)
    visitor.kiosk.session.reset()  # back on the attract screen, in the default language
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract")
    visitor.tap(visitor.find(f"lang_{language}"))  # choosing a language there starts the exhibit
    visitor.go(PAGES[0])
    visitor.kiosk.navigation.toAttract()
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract")
    visitor.next_frame()
    _assert_texts_fit(visitor.find("attractScreen"), size)


def _assert_texts_fit(root, size):
    """The proof's own check (kiosk.scene.text_fit) on every text shown under ``root``."""
    faults = [
        (root.objectName(), fault, text.property("text")[:40])
        for text in scene.items(root)
        if scene.is_text(text) and scene.shown(text)
        if (fault := scene.text_fit(text, *size))
    ]
    assert faults == []


def test_the_exhibit_picture_is_shown(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap("nav_negotiations")  # the chapter with a picture (the others show the map)
    visitor.go("negotiations")
    page = visitor.find("page_negotiations")
    images = [i for i in scene.items(page) if scene.class_name(i).startswith("QQuickImage")]
    assert images
    visitor.qtbot.waitUntil(lambda: images[0].property("progress") == 1.0)
    visitor.qtbot.waitUntil(lambda: images[0].property("paintedWidth") > 300)
    assert images[0].property("paintedHeight") > 200


TEXT_PAGES = ["background", "negotiations", "terms", "aftermath"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_page_fits_one_screen(open_kiosk, shipped_content, language):
    """At 1920x1080 a visitor reads each page without scrolling, in every language (only the
    credits may scroll); a Chinese title never leaves one character alone on its last line."""
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap(f"lang_{language}")
    visitor.qtbot.waitUntil(lambda: visitor.window.property("language") == language)
    for page in TEXT_PAGES:
        visitor.tap(f"nav_{page}")
        visitor.go(page)
        visitor.next_frame()
        flick = visitor.find(f"scroll_{page}")
        assert flick.property("contentHeight") <= flick.height() + 0.5, (page, language)
        title = visitor.find(f"title_{page}")
        assert scene.lone_last_character(title) == "", (page, language, title.property("text"))
