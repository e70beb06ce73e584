"""Languages: a visitor taps their language; the page, its scroll and the map stay put."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kiosk import cli

RU_TITLE = "Шесть напряжённых дней в Айгуне"
ZH_TITLE = "瑷珲：紧张六天"
EN_TITLE = "Six tense days at Aigun"


def zoom(visitor) -> float:
    return visitor.find("mapView").property("zoom")


def title(visitor, page="negotiations") -> str:
    """The title's words (the typography's no-break spaces and word joiners as plain text)."""
    text = visitor.target(f"title_{page}").property("text")
    return text.replace("\u00a0", " ").replace("\u2060", "")


def open_page(visitor, page):
    visitor.enter("background")
    visitor.tap(f"nav_{page}")
    visitor.go(page)


def test_tapping_a_language_shows_the_page_in_it_and_keeps_the_page(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    open_page(visitor, "negotiations")
    assert title(visitor) == EN_TITLE
    visitor.tap("lang_ru")
    visitor.qtbot.waitUntil(lambda: title(visitor) == RU_TITLE)
    assert visitor.window.property("language") == "ru"
    assert visitor.page == "negotiations"
    assert visitor.target("nav_negotiations").property("text") == "Переговоры"
    visitor.tap("lang_zh-Hans")
    visitor.qtbot.waitUntil(lambda: title(visitor) == ZH_TITLE)
    assert visitor.page == "negotiations"
    assert visitor.target("lang_zh-Hans").property("checked")


TWO_LANGUAGES = """settings:
  languages:
    - {code: en, name: English}
    - {code: de, name: Deutsch}
"""


def long_body(sentence: str) -> str:
    return "|\n" + "\n\n".join(["        " + sentence * 6] * 14)


def test_switching_keeps_the_scroll_position(open_kiosk, write_content, minimal):
    body = (
        f"body:\n      en: {long_body('A sentence that goes on and on. ')}\n"
        f"      de: {long_body('Ein Satz, der immer weiter geht. ')}"
    )
    visitor = open_kiosk(write_content(TWO_LANGUAGES + minimal.replace("body: First page.", body)))
    visitor.enter("one")
    scroll = visitor.target("scroll_one")
    start = visitor.center(scroll)
    visitor.drag(start + QPoint(0, 250), start - QPoint(0, 250))
    visitor.qtbot.waitUntil(
        lambda: scroll.property("contentY") > 150 and not scroll.property("moving")
    )
    before = scroll.property("contentY")
    visitor.tap("lang_de")
    visitor.qtbot.waitUntil(lambda: visitor.window.property("language") == "de")
    visitor.next_frame()
    assert scroll.property("contentY") == pytest.approx(before, abs=1)
    assert visitor.page == "one"
    texts = [
        t.property("text") for t in visitor.find_all("") if "Satz" in str(t.property("text") or "")
    ]
    assert texts, "the German text is not shown"


def test_switching_keeps_the_map_view(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    open_page(visitor, "map")
    visitor.tap("layer_1689")
    visitor.pinch(visitor.center("mapView"), 200, 500)
    visitor.qtbot.waitUntil(lambda: zoom(visitor) > 1.8)
    visitor.qtbot.waitUntil(lambda: not visitor.find("mapView").property("moving"))
    before = (zoom(visitor), visitor.find("mapView").property("contentX"))
    visitor.tap("lang_ru")
    visitor.qtbot.waitUntil(lambda: visitor.window.property("language") == "ru")
    visitor.next_frame()
    assert (zoom(visitor), visitor.find("mapView").property("contentX")) == pytest.approx(before)
    assert visitor.target("layer_1689").property("checked")


def test_choosing_a_language_on_the_attract_screen_starts_in_it(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    visitor.tap("lang_ru")
    visitor.go("background")
    assert visitor.window.property("language") == "ru"
    assert visitor.target("title_background").property("text") == "Река между двумя империями"


def test_the_idle_reset_returns_to_the_default_language(open_kiosk, shipped_variant):
    content = shipped_variant(
        ("timeout_s: 90", "timeout_s: 2"), ("warning_s: 15", "warning_s: 1")
    )  # (long enough for the taps before it, on a loaded machine too)
    visitor = open_kiosk(content)
    open_page(visitor, "negotiations")
    visitor.tap("lang_zh-Hans")
    visitor.qtbot.waitUntil(lambda: title(visitor) == ZH_TITLE)
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=10_000)  # nobody touches
    assert visitor.window.property("language") == "en"
    assert visitor.find("lang_en").property("checked")


def test_a_missing_translation_shows_the_default_language(open_kiosk, shipped_variant, capsys):
    content = shipped_variant(("      ru: Шесть напряжённых дней в Айгуне\n", ""))
    assert cli.main(["check", str(content)]) == cli.EXIT_OK  # a warning, with its line
    line = next(
        n
        for n, text in enumerate(content.read_text(encoding="utf-8").splitlines(), 1)
        if text == "      en: Six tense days at Aigun"
    )
    assert (
        f"{content}:{line}:7: warning: the 2nd page (negotiations), title: no text in ru (Русский)"
        in capsys.readouterr().out
    )
    visitor = open_kiosk(content)
    open_page(visitor, "negotiations")
    visitor.tap("lang_ru")
    visitor.qtbot.waitUntil(
        lambda: visitor.target("nav_negotiations").property("text") == "Переговоры"
    )
    assert title(visitor) == EN_TITLE  # never an empty title


def test_one_language_shows_no_switcher(open_kiosk, write_content, minimal):
    visitor = open_kiosk(write_content(minimal))
    visitor.enter("one")
    assert visitor.window.property("language") == "en"
    assert not any(visitor.shows(i) for i in visitor.find_all("lang_en"))
