"""Large text and high contrast: two buttons on every exhibit screen, reflow without
clipping in every language, reset after each visit."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk import scene

LANGUAGES = ["en", "ru", "zh-Hans"]
TEXT_PAGES = ["background", "negotiations", "terms", "aftermath", "credits"]


def faults(visitor, root_name):
    root = visitor.find(root_name)
    w, h = visitor.window.width(), visitor.window.height()
    return [
        (root_name, fault, item.property("text")[:30])
        for item in scene.items(root)
        if scene.is_text(item) and scene.shown(item)
        if (fault := scene.text_fit(item, w, h))
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_large_text_reflows_every_page_without_clipping(open_kiosk, shipped_content, language):
    v = open_kiosk(shipped_content)
    v.enter("background")
    v.tap(f"lang_{language}")
    body = v.find("title_background").property("font").pixelSize()
    v.tap("textSize")
    v.qtbot.waitUntil(lambda: v.window.property("textScale") >= 1.4)
    assert v.find("textSize").property("checked")
    assert v.find("title_background").property("font").pixelSize() >= body * 1.35
    assert "Sans" in v.find("title_background").property("font").family()  # large text: sans
    problems = []
    for page in [*TEXT_PAGES, "map"]:
        v.tap(f"nav_{page}")
        v.go(page)
        v.next_frame()
        problems += faults(v, f"page_{page}")
        problems += faults(v, "homeButton")  # (the bar's own labels: found from a button)
    assert problems == [], problems
    v.tap("textSize")
    v.qtbot.waitUntil(lambda: v.window.property("textScale") == 1.0)


def test_high_contrast_is_white_and_yellow_on_black(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content)
    v.enter("background")
    normal = QColor(v.window.property("color"))
    v.tap("contrast")
    v.qtbot.waitUntil(lambda: v.window.property("highContrast") is True)
    assert QColor(v.window.property("color")) == QColor("#000000") != normal
    title = v.find("title_background")
    assert QColor(title.property("color")) == QColor("#ffffff")
    v.tap("contrast")
    v.qtbot.waitUntil(lambda: v.window.property("highContrast") is False)


def test_the_idle_reset_restores_normal_text_and_contrast(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content)
    v.enter("background")
    v.tap("textSize")
    v.tap("contrast")
    v.qtbot.waitUntil(
        lambda: v.window.property("highContrast") and v.window.property("textScale") > 1
    )
    v.kiosk.session.reset()
    v.qtbot.waitUntil(lambda: v.page == "attract")
    assert v.window.property("textScale") == 1.0 and v.window.property("highContrast") is False


def test_the_proof_measures_contrast_from_the_pixels(open_kiosk, shipped_content):
    from kiosk.proof import Locator, check, display

    v = open_kiosk(shipped_content)
    v.enter("background")
    where = Locator(shipped_content)
    v.next_frame()
    assert [p for p in check(v.kiosk, "background", "en", where, v.window.grabWindow())] == []
    title = v.find("title_background")
    title.setProperty("color", QColor("#3a3f47"))  # dark grey on near-black: about 1.6:1
    v.next_frame()
    found = [p.message for p in check(v.kiosk, "background", "en", where, v.window.grabWindow())]
    assert any(m.startswith("text contrast 1.") and "under 3:1" in m for m in found), found
    display(v.kiosk, "contrast")  # high contrast asks 7:1 of every text
    title.setProperty("color", QColor("#707070"))  # grey on black: about 4.7:1
    v.next_frame()
    found = [
        p.message
        for p in check(
            v.kiosk, "background", "en", where, v.window.grabWindow(), high_contrast=True
        )
    ]
    assert any("under 7:1" in m for m in found), found
