"""Idle reset: warning, countdown, a reset of everything a visitor changed - by real input."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
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
    assert visitor.find("idleSeconds").property("text") in ("2", "1")

    # a touch anywhere on the warning continues; this one lands over the "Two" button: it
    # must not press it
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
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Q):  # the keypad's Select (on Continue); any key
        visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
        QTest.keyClick(visitor.window, key)
        visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
        assert visitor.page == "one"


class Presses(QObject):
    """Every press (a touch or a click) that reaches an item of the scene."""

    def __init__(self):
        super().__init__()
        self.items: list[QQuickItem] = []

    def eventFilter(self, watched, event):
        if event.type() in PRESSES and isinstance(watched, QQuickItem):
            self.items.append(watched)
        return False

    def __enter__(self):
        QGuiApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *exc):
        QGuiApplication.instance().removeEventFilter(self)

    def outside(self, layer: QQuickItem) -> list[str]:
        """The items outside ``layer`` that a press reached (their names, or class names)."""
        return [
            i.objectName() or i.metaObject().className()
            for i in self.items
            if i.objectName() != layer.objectName() and not layer.isAncestorOf(i)
        ]


PRESSES = (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


def test_continue_keeps_the_visit_and_presses_nothing_underneath(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="1", warning="20"))
    visitor.enter("one")
    scroll = scroll_down(visitor)
    scrolled = scroll.property("contentY")
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    warning, button = visitor.find("idleWarning"), visitor.find("idleContinue")
    assert button.property("text") == "Continue"
    with Presses() as presses:
        visitor.tap(visitor.center(button))
        visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
        visitor.next_frame()
    assert any(button.isAncestorOf(i) or i.objectName() == "idleContinue" for i in presses.items)
    assert presses.outside(warning) == []  # the page under the button got no press
    assert visitor.page == "one" and scroll.property("contentY") == pytest.approx(scrolled)
    assert visitor.kiosk.session.resets == 0


def test_start_again_resets_the_visit_at_once(open_kiosk, shipped_variant):
    # (3 s: the taps before the warning must come before it, on a loaded machine too)
    content = shipped_variant(("timeout_s: 90", "timeout_s: 3"), ("warning_s: 15", "warning_s: 30"))
    visitor = open_kiosk(content)
    visitor.tap("lang_ru")  # starts the exhibit in Russian
    visitor.go("background")
    visitor.tap("contrast")
    visitor.qtbot.waitUntil(lambda: visitor.window.property("highContrast"))
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=10_000)
    warning, button = visitor.find("idleWarning"), visitor.find("idleRestart")
    assert button.property("text") == "Начать сначала"
    started = time.monotonic()
    with Presses() as presses:
        visitor.tap(visitor.center(button))
        visitor.qtbot.waitUntil(lambda: visitor.page == "attract")
        visitor.next_frame()
    assert time.monotonic() - started < 10  # now, not at the countdown's end (30 s)
    assert presses.outside(warning) == []
    assert visitor.kiosk.session.resets == 1
    assert not warning_shown(visitor)
    assert visitor.window.property("language") == "en"  # the default language again
    assert not visitor.window.property("highContrast")
    assert visitor.shows(visitor.find("attractScreen"))
    # the touch ended there: it did not go on to open the exhibit for the next visitor
    visitor.next_frame()
    assert visitor.page == "attract" and visitor.kiosk.session.resets == 1


def test_the_ring_shows_the_seconds_left(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="0.5", warning="4"))
    visitor.enter("one")
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    seconds, ring = visitor.find("idleSeconds"), visitor.find("idleRing")
    assert seconds.property("text") == "4"
    assert ring.property("remaining") == pytest.approx(1.0)
    visitor.qtbot.waitUntil(lambda: seconds.property("text") == "2", timeout=3000)
    assert ring.property("remaining") == pytest.approx(0.5)
    # the arc follows (it slides there in a moment)
    visitor.qtbot.waitUntil(lambda: ring.property("shown") == pytest.approx(0.5, abs=0.01))
    assert visitor.page == "one"


def test_the_keypad_moves_between_the_two_buttons(open_kiosk, idle_content):
    visitor = open_kiosk(idle_content(timeout="0.5", warning="30"))
    visitor.qtbot.waitUntil(lambda: visitor.kiosk.keypad._window is not None)
    visitor.enter("one")
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    assert visitor.focused() == "idleContinue"  # the warning starts on Continue
    names = []
    for _ in range(3):  # modal: the keys stay inside the warning, and wrap
        visitor.key(Qt.Key.Key_Right)
        names.append(visitor.focused())
    assert names == ["idleRestart", "idleContinue", "idleRestart"]
    assert warning_shown(visitor) and visitor.find("focusRing").isVisible()
    visitor.key(Qt.Key.Key_Left)
    visitor.key(Qt.Key.Key_Return)  # Select on Continue
    visitor.qtbot.waitUntil(lambda: not warning_shown(visitor))
    assert visitor.page == "one"
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=3000)
    visitor.key(Qt.Key.Key_Right)
    visitor.key(Qt.Key.Key_Return)  # Select on Start again
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract")
    assert visitor.kiosk.session.resets == 1


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
        "story",
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


def test_in_audio_mode_the_warning_is_said(open_kiosk, shipped_variant):
    content = shipped_variant(("timeout_s: 90", "timeout_s: 3"), ("warning_s: 15", "warning_s: 30"))
    visitor = open_kiosk(content)
    visitor.qtbot.waitUntil(lambda: visitor.kiosk.keypad._window is not None)
    visitor.kiosk.narrator.watch_idle(visitor.kiosk.idle)  # (KioskApp wires it; twice is once)
    visitor.tap("lang_ru")
    visitor.go("background")
    visitor.key(Qt.Key.Key_F2)  # the keypad's audio key
    visitor.qtbot.waitUntil(lambda: visitor.window.property("audioMode"))
    said = []
    visitor.kiosk.speech.lastSpokenChanged.connect(
        lambda: said.append(visitor.window.property("lastSpoken"))
    )
    visitor.qtbot.waitUntil(lambda: warning_shown(visitor), timeout=10_000)
    visitor.qtbot.waitUntil(lambda: "Вы ещё здесь?" in said)
    assert visitor.window.property("lastSpokenLanguage") == "ru"
    visitor.qtbot.waitUntil(lambda: any(s.startswith("Начинаем заново через") for s in said))
