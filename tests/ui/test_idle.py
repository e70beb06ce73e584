"""Idle reset: warning, countdown, a reset of everything a visitor changed - by real input."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.exceptions import TimeoutError as WaitTimeout

LONG_BODY = "|\n" + "\n\n".join(["      A sentence that goes on and on. " * 6] * 14)


@pytest.fixture
def idle_content(write_content, minimal):
    def make(timeout="1", warning="1", extra=""):
        settings = (
            f"settings:\n  idle:\n    timeout_s: {timeout}\n    warning_s: {warning}\n{extra}"
        )
        return write_content(settings + minimal.replace("body: First page.", f"body: {LONG_BODY}"))

    return make


def scroll_down(visitor, page="one"):
    scroll = visitor.target(f"scroll_{page}")
    start = visitor.center(scroll)
    visitor.drag(start + QPoint(0, 250), start - QPoint(0, 250))
    visitor.qtbot.waitUntil(
        lambda: scroll.property("contentY") > 150 and not scroll.property("moving")
    )
    return scroll


def warning_shown(visitor) -> bool:
    return visitor.find("idleWarning").isVisible()


def test_warning_then_touch_keeps_everything_then_reset(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="1", warning="1.5"))
    visitor.enter("one")
    scroll = scroll_down(visitor)
    scrolled = scroll.property("contentY")

    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    countdown = visitor.find("idleCountdown").property("text")
    assert countdown in ("Starting again in 2 s", "Starting again in 1 s")

    # the touch that dismisses the warning lands on the "Two" button: it must not press it
    visitor.tap(visitor.center(visitor.find("nav_two")))
    visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
    visitor.next_frame()
    assert visitor.page == "one"
    assert scroll.property("contentY") == pytest.approx(scrolled)

    # nobody comes back: warning, countdown, reset
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=4000)
    assert not warning_shown(visitor)
    assert scroll.property("contentY") == 0
    assert visitor.shows(visitor.find("attractScreen"))


def test_a_mouse_click_or_a_key_dismisses_the_warning_too(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="0.5", warning="5"))
    visitor.enter("one")
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    visitor.click(visitor.center(visitor.find("nav_two")))
    visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
    assert visitor.page == "one"
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    QTest.keyClick(visitor.window, Qt.Key.Key_Space)
    visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
    assert visitor.page == "one"


def test_input_while_idle_restarts_the_wait(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="1", warning="1"))
    visitor.enter("one")
    center = visitor.center(visitor.find("page_one"))
    for _ in range(3):  # keep touching for 1.5 s: no warning meanwhile
        with pytest.raises(WaitTimeout):
            visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=500)
        QTest.mouseMove(visitor.window, center + QPoint(3, 3))
        QTest.mouseMove(visitor.window, center)
    last_input = time.monotonic()
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    assert time.monotonic() - last_input == pytest.approx(1.0, abs=0.25)


def test_reset_happens_warning_s_after_the_warning(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="1", warning="1"))
    visitor.enter("one")
    entered = time.monotonic()
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    warned = time.monotonic()
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=3000)
    reset = time.monotonic()
    assert warned - entered == pytest.approx(1.0, abs=0.25)
    assert reset - warned == pytest.approx(1.0, abs=0.25)


def test_no_idle_timer_on_the_attract_screen(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="0.3", warning="0.3"))
    with pytest.raises(WaitTimeout):
        visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=1200)
    assert visitor.page == "attract"
    assert visitor.kiosk.session.resets == 0


def test_timeout_zero_turns_idle_reset_off(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="0", warning="0.3"))
    visitor.enter("one")
    with pytest.raises(WaitTimeout):
        visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=1000)
    assert visitor.page == "one"


def test_every_stateful_part_is_registered_and_reset(open_kiosk, idle_content):
    """The reset registry is the one mechanism: this test names every part a visitor can change.
    A new stateful feature joins with one Session.add/register line - and is listed here."""
    visitor = open_kiosk(idle_content(timeout="100", warning="1"))
    visitor.enter("one")
    visitor.qtbot.waitUntil(lambda: bool(visitor.find_all("scroll_credits")))  # every page is built
    assert visitor.kiosk.session.parts == [
        "display",
        "idle",
        "keypad",
        "language",
        "navigation",
        "scroll:credits",
        "scroll:one",
        "scroll:two",
        "speech",
        "staff",
    ]
    scroll = scroll_down(visitor)
    with visitor.qtbot.waitSignal(visitor.kiosk.session.resetDone):
        visitor.kiosk.session.reset()
    assert visitor.page == "attract"
    assert scroll.property("contentY") == 0
    assert not warning_shown(visitor)


def test_the_reset_is_logged(open_kiosk, idle_content, caplog):
    import logging

    visitor = open_kiosk(idle_content(timeout="0.3", warning="0.3"))
    with caplog.at_level(logging.INFO, logger="kiosk"):
        visitor.enter("one")
        visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=3000)
    assert any("session reset" in r.getMessage() for r in caplog.records)


def test_the_attract_screen_moves(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content())
    text = visitor.find("attractText")
    before = text.mapToScene(QPointF(0, 0))
    visitor.qtbot.waitUntil(lambda: text.mapToScene(QPointF(0, 0)) != before, timeout=2500)
    moved = text.mapToScene(QPointF(0, 0)) - before
    assert abs(moved.x()) + abs(moved.y()) < 2  # slowly: under 1.5 % of the screen per minute
