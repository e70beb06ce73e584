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


def test_the_touch_that_dismisses_the_warning_is_swallowed_to_its_release(idle, clock, qtbot):
    idle.set_active(True)
    clock.now += 1
    qtbot.waitUntil(lambda: idle.warning)
    T = QEvent.Type
    assert idle.on_input(T.MouseMove) is False  # a pointer gliding by dismisses nothing
    assert idle.warning
    assert idle.on_input(T.TouchBegin) is True  # dismisses, and is swallowed
    assert not idle.warning
    assert idle.on_input(T.TouchUpdate) is True
    assert idle.on_input(T.TouchEnd) is True
    assert idle.on_input(T.TouchBegin) is False  # the next touch is the visitor's again


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
