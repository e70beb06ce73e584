"""The idle timer without a window, on an injected clock: the times are the clock's, so
the tests say exactly when the warning comes (the real timers only make them run)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent

from kiosk.backend.idle import Idle


@pytest.fixture
def idle(qapp, clock):
    i = Idle(clock=clock)
    i.configure(0.05, 5)  # the real timer fires after 50 ms; the clock decides what it means
    return i


def test_no_warning_while_the_clock_says_time_is_not_up(idle, clock, qtbot):
    idle.set_active(True)
    clock.now += 0.01  # the timer fires, but only 10 ms of the 50 passed on the clock
    with qtbot.assertNotEmitted(idle.warningChanged, wait=300):
        pass
    assert not idle.warning
    clock.now += 1
    qtbot.waitUntil(lambda: idle.warning)
    assert idle.secondsLeft == 5


def test_input_pushes_the_warning_back_by_the_whole_timeout(qapp, clock, qtbot):
    idle = Idle(clock=clock)
    idle.configure(10, 5)
    idle.set_active(True)
    clock.now += 9.5
    idle.on_input(QEvent.Type.TouchBegin)  # a touch half a second before the warning
    idle._check_idle()  # the timer's moment: 0.5 s after the touch, nothing
    assert not idle.warning
    clock.now += 10
    idle._check_idle()
    assert idle.warning


def test_the_countdown_follows_the_clock_and_ends_in_timed_out(idle, clock, qtbot):
    idle.set_active(True)
    clock.now += 1
    qtbot.waitUntil(lambda: idle.warning)
    clock.now += 2.5
    qtbot.waitUntil(lambda: idle.secondsLeft == 3)
    with qtbot.waitSignal(idle.timedOut):
        clock.now += 3
    assert not idle.warning and idle.secondsLeft == 0


def warned(idle, clock, qtbot):
    idle.set_active(True)
    clock.now += 1
    qtbot.waitUntil(lambda: idle.warning)


def test_a_touch_on_the_warning_is_the_overlays_and_continues_when_lifted(idle, clock, qtbot):
    warned(idle, clock, qtbot)
    T = QEvent.Type
    assert idle.on_input(T.MouseMove) is False  # a pointer gliding by dismisses nothing
    assert idle.on_input(T.TouchBegin) is False  # the overlay holds it (its buttons)
    assert idle.on_input(T.TouchUpdate) is False
    assert idle.warning  # still there while the finger is down
    assert idle.on_input(T.TouchEnd) is False
    assert idle.warning  # the overlay sees the release first ("Start again"?) ...
    qtbot.waitUntil(lambda: not idle.warning)  # ... then the lifted touch continues
    assert idle.on_input(T.TouchBegin) is False  # the next touch is the visitor's


def test_start_again_is_the_timeout_now(idle, clock, qtbot):
    idle.restart()  # no warning: nothing to answer
    warned(idle, clock, qtbot)
    with qtbot.waitSignal(idle.timedOut):
        idle.restart()
    assert not idle.warning and idle.secondsLeft == 0


def test_a_touch_the_warning_goes_under_is_swallowed_to_its_release(idle, clock, qtbot):
    warned(idle, clock, qtbot)
    T = QEvent.Type
    assert idle.on_input(T.TouchBegin) is False  # a finger on "Continue", held ...
    with qtbot.waitSignal(idle.timedOut):
        clock.now += 10  # ... past the countdown's end: the kiosk starts again under it
    assert idle.on_input(T.TouchUpdate) is True
    assert idle.on_input(T.TouchEnd) is True  # it never lands on the attract screen
    assert idle.on_input(T.TouchBegin) is False  # the next touch is the next visitor's


def test_keys_go_to_the_keypad_and_a_wheel_continues(idle, clock, qtbot):
    warned(idle, clock, qtbot)
    T = QEvent.Type
    assert idle.on_input(T.KeyPress) is False  # the keypad (inside the warning) or the warning
    assert idle.on_input(T.KeyRelease) is False
    qtbot.wait(20)
    assert idle.warning  # a key alone decides nothing here
    assert idle.on_input(T.Wheel) is True  # nothing holds a wheel turn: swallowed, continues
    assert not idle.warning


def test_warning_seconds_is_the_rings_whole(qapp, qtbot):
    idle = Idle()
    with qtbot.waitSignal(idle.warningSecondsChanged):
        idle.configure(60, 12.5)
    assert idle.warningSeconds == 12.5


def test_no_idle_timer_on_the_attract_screen_or_with_timeout_zero(idle, clock, qtbot):
    clock.now += 100
    with qtbot.assertNotEmitted(idle.warningChanged, wait=200):
        pass
    idle.configure(0, 5)
    idle.set_active(True)
    clock.now += 10_000
    with qtbot.assertNotEmitted(idle.warningChanged, wait=200):
        pass


@pytest.mark.parametrize(
    "timeout, expected", [("nan", 90.0), ("x", 90.0), (-5, 0.0), (1e12, 3600.0), (None, 90.0)]
)
def test_bad_timeouts_are_clamped_never_raised(qapp, timeout, expected):
    idle = Idle()
    idle.configure(timeout, 5)
    assert idle._timeout == expected
