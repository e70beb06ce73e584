"""The staff's way in: five taps in the corner, the PIN, the menu - by real touches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kiosk import staffpin
from kiosk.backend.staff import Staff


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def staff_kiosk(open_kiosk, shipped_content, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "config"))

    def open_(pin: str | None = "2468"):
        if pin:
            staffpin.set_pin(pin)
        visitor = open_kiosk(shipped_content)
        visitor.clock = Clock()
        visitor.kiosk.staff.clock = visitor.clock
        visitor.kiosk.staff.lockout.clock = visitor.clock  # the lock's wall clock too
        return visitor

    return open_


def corner_taps(visitor, n=5, at=None):
    for _ in range(n):
        visitor.tap(at or QPoint(20, 20))
        visitor.clock.now += 0.4


def pad_open(visitor) -> bool:
    return any(visitor.shows(p) for p in visitor.find_all("staffPanel"))


def enter(visitor, pin: str):
    for digit in pin:
        visitor.tap(f"pin_{digit}")
    visitor.tap("pin_ok")


def message(visitor) -> str:
    return visitor.find("staffMessage").property("text")


def test_gesture_and_pin_open_the_staff_menu(staff_kiosk):
    visitor = staff_kiosk()
    corner_taps(visitor)
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))
    enter(visitor, "2468")
    visitor.qtbot.waitUntil(lambda: visitor.kiosk.staff.state == Staff.State.Menu)
    lines = [t.property("text") for t in visitor.find_all("staffDiagnostics")]
    assert any(line.startswith("Version: ") for line in lines)
    assert any(line.startswith("Screen: ") and "dpi" in line for line in lines)
    staff = visitor.kiosk.staff
    staff.exitRequested.disconnect()  # the real exit ends the process's event loops: not in a test
    with visitor.qtbot.waitSignal(staff.exitRequested):
        visitor.tap("staffExit")


def test_slow_or_few_taps_open_nothing(staff_kiosk):
    visitor = staff_kiosk()
    corner_taps(visitor, 4)
    visitor.clock.now += 5  # too slow: starts counting again
    corner_taps(visitor, 4)
    visitor.next_frame()
    assert not pad_open(visitor)
    for _ in range(5):  # five taps, but not in the corner
        visitor.tap(QPoint(900, 500))
    visitor.next_frame()
    assert not pad_open(visitor)


def test_the_corner_is_25_mm_on_the_glass(staff_kiosk):
    """settings.screen.diagonal_in: 32 at 1920x1080 is 0.369 mm a pixel, so 25 mm is 68 px."""
    visitor = staff_kiosk()
    assert visitor.kiosk.mm_per_px() == pytest.approx(32 * 25.4 / (1920**2 + 1080**2) ** 0.5)
    corner_taps(visitor, at=QPoint(76, 20))  # 28 mm from the left edge
    visitor.next_frame()
    assert not pad_open(visitor)
    visitor.clock.now += 5
    corner_taps(visitor, at=QPoint(60, 60))  # 22 mm from both edges
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))


def test_five_wrong_pins_lock_the_pad_for_a_minute(staff_kiosk):
    visitor = staff_kiosk()
    corner_taps(visitor)
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))
    for _ in range(4):
        enter(visitor, "1111")
        visitor.qtbot.waitUntil(lambda: message(visitor).startswith("Wrong PIN"))
    enter(visitor, "1111")
    visitor.qtbot.waitUntil(lambda: message(visitor) == "Locked: try again in 60 s")
    enter(visitor, "2468")  # even the right PIN, while locked
    visitor.qtbot.waitUntil(lambda: message(visitor) == "Locked: try again in 60 s")
    assert visitor.kiosk.staff.state == Staff.State.Pad
    visitor.clock.now += 61
    enter(visitor, "2468")
    visitor.qtbot.waitUntil(lambda: visitor.kiosk.staff.state == Staff.State.Menu)


def test_the_lock_survives_a_restart_and_the_next_one_is_twice_as_long(staff_kiosk):
    visitor = staff_kiosk()
    corner_taps(visitor)
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))
    for _ in range(5):
        enter(visitor, "1111")
    visitor.qtbot.waitUntil(lambda: message(visitor) == "Locked: try again in 60 s")
    visitor.kiosk.close()  # the kiosk is restarted 20 s later
    restarted = staff_kiosk(pin=None)
    restarted.clock.now = visitor.clock.now + 20
    corner_taps(restarted)
    restarted.qtbot.waitUntil(lambda: pad_open(restarted))
    # locked at 1002 until 1062; the fifth tap at 1022 + 1.6: 38.4 s left
    restarted.qtbot.waitUntil(lambda: message(restarted) == "Locked: try again in 39 s")
    restarted.clock.now += 39
    for _ in range(5):
        enter(restarted, "1111")
    restarted.qtbot.waitUntil(lambda: message(restarted) == "Locked: try again in 120 s")
    restarted.clock.now += 120
    enter(restarted, "2468")
    restarted.qtbot.waitUntil(lambda: restarted.kiosk.staff.state == Staff.State.Menu)
    assert restarted.kiosk.staff.lockout.locks == 0


def test_a_damaged_pin_file_opens_nothing(staff_kiosk, tmp_path, caplog):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "staff.json").write_text(
        '{"algorithm": "pbkdf2_sha256", "iterations": "abc"}'
    )
    visitor = staff_kiosk(pin=None)
    corner_taps(visitor)
    visitor.next_frame()
    assert not pad_open(visitor) and visitor.kiosk.staff.state == Staff.State.Closed
    assert "damaged" in caplog.text and "kiosk set-pin" in caplog.text


def test_without_a_pin_the_gesture_does_nothing(staff_kiosk):
    visitor = staff_kiosk(pin=None)
    corner_taps(visitor)
    visitor.next_frame()
    assert not pad_open(visitor) and visitor.kiosk.staff.state == Staff.State.Closed


def test_the_idle_reset_closes_the_staff_panel(staff_kiosk):
    visitor = staff_kiosk()
    corner_taps(visitor)
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))
    visitor.kiosk.session.reset()
    visitor.qtbot.waitUntil(lambda: not pad_open(visitor))


def test_the_panel_speaks_the_visitors_language(staff_kiosk):
    visitor = staff_kiosk()
    visitor.tap(visitor.find("attractScreen"))
    visitor.tap("lang_ru")
    corner_taps(visitor)
    visitor.qtbot.waitUntil(lambda: pad_open(visitor))
    assert visitor.find("staffTitle").property("text") == "PIN сотрудника"
    assert visitor.find("staffClose").property("text") == "Отмена"
    expected = [
        "осталось 4 попытки",
        "осталось 3 попытки",
        "осталось 2 попытки",
        "осталась 1 попытка",
    ]
    for words in expected:  # Russian counts need three forms
        enter(visitor, "1111")
        visitor.qtbot.waitUntil(lambda words=words: message(visitor) == f"Неверный PIN: {words}")
    enter(visitor, "1111")
    visitor.qtbot.waitUntil(lambda: message(visitor) == "Заблокировано: повторите через 60\u00a0с")
    visitor.kiosk.language.choose("zh-Hans")  # what is shown follows at once
    visitor.qtbot.waitUntil(lambda: message(visitor) == "已锁定：请在60秒后重试")
    assert visitor.find("staffTitle").property("text") == "工作人员密码"
