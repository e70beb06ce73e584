"""The PIN pad's lockout: it grows with each lock, survives a restart, resists a clock moved
back, and a damaged or unwritable lockout file never crashes anything - without a window."""

from __future__ import annotations

import json
import logging
import stat

import pytest

from kiosk import staffpin
from kiosk.backend.staff import Staff
from kiosk.staffpin import Lockout

YEAR = 365 * 24 * 3600.0


@pytest.fixture
def path(tmp_path):
    return tmp_path / "config" / "staff-lockout.json"


def fail(lockout: Lockout, n: int) -> list[float]:
    return [lockout.failed() for _ in range(n)]


def test_five_wrong_pins_lock_for_a_minute_then_each_lock_doubles_up_to_an_hour(path, clock):
    lockout = Lockout(path, clock)
    lengths = []
    for _ in range(9):
        assert fail(lockout, 4) == [0, 0, 0, 0] and lockout.remaining() == 0
        length = lockout.failed()
        assert lockout.remaining() == length
        assert fail(lockout, 3) == [0, 0, 0]  # while locked, PINs are not even counted
        clock.now += length - 0.5
        assert lockout.remaining() == 0.5
        clock.now += 0.5
        assert lockout.remaining() == 0 and lockout.tries_left == 5
        lengths.append(length)
    assert lengths == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]


def test_a_right_pin_clears_it_all_and_the_file(path, clock):
    lockout = Lockout(path, clock)
    fail(lockout, 5)
    clock.now += 60
    fail(lockout, 3)
    assert path.exists() and lockout.tries_left == 2
    lockout.succeeded()
    assert not path.exists() and lockout.tries_left == 5 and lockout.locks == 0
    assert fail(lockout, 5)[-1] == 60  # the first lock's length again


def test_a_restart_keeps_the_lock_its_growth_and_the_wrong_pins(path, clock):
    lockout = Lockout(path, clock)
    fail(lockout, 5)
    clock.now += 60
    fail(lockout, 5)
    clock.now += 100
    again = Lockout(path, clock)  # the kiosk started again
    assert again.remaining() == 20 and again.locks == 2
    clock.now += 20
    fail(again, 2)
    third = Lockout(path, clock)
    assert third.tries_left == 3  # a restart gives no fresh tries
    assert fail(third, 3)[-1] == 240


def test_the_lockout_file_is_private_json_written_safely(path, clock):
    lockout = Lockout(path, clock)
    fail(lockout, 5)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {
        "failures": 0,
        "locks": 1,
        "locked_until": clock.now + 60,
    }
    assert [p.name for p in path.parent.iterdir()] == ["staff-lockout.json"]  # no temporary left


def test_a_symlink_at_the_lockout_file_is_replaced_not_written_through(path, clock, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    path.parent.mkdir()
    path.symlink_to(victim)
    fail(Lockout(path, clock), 5)
    assert victim.read_text() == "precious" and not path.is_symlink()


def test_the_clock_moved_back_never_makes_a_lock_years_long(path, clock, caplog):
    lockout = Lockout(path, clock)
    fail(lockout, 5)
    clock.now -= 10 * YEAR
    assert lockout.remaining() == 60  # what is left is cut to the lock's own length
    assert "clock went back" in caplog.text
    clock.now += 59
    assert lockout.remaining() == 1
    clock.now += 1
    assert lockout.remaining() == 0


def test_the_clock_moved_back_then_a_restart_still_ends_the_lock(path, clock):
    fail(Lockout(path, clock), 5)
    clock.now -= YEAR
    restarted = Lockout(path, clock)
    assert restarted.remaining() == 60
    clock.now += 60
    assert Lockout(path, clock).remaining() == 0  # the cut was saved


def test_the_clock_moved_back_a_little_keeps_the_lock(path, clock):
    lockout = Lockout(path, clock)
    fail(lockout, 5)
    clock.now += 50
    clock.now -= 30  # back, but within the lock: it does not vanish
    assert lockout.remaining() == 40


def test_the_file_is_looked_for_in_the_config_folder(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "cfg"))
    assert staffpin.lockout_file() == tmp_path / "cfg" / "staff-lockout.json"
    assert staffpin.lockout_file().parent == staffpin.staff_file().parent
    fail(Lockout(clock=clock), 5)
    assert Lockout(clock=clock).remaining() == 60 and staffpin.lockout_file().exists()


DAMAGED = {
    "not JSON": b"{locked",
    "a list": b"[0, 1, 2]",
    "null": b"null",
    "failures a string": b'{"failures": "x", "locks": 1, "locked_until": 1e12}',
    "failures too many": b'{"failures": 99, "locks": 1, "locked_until": 1e12}',
    "failures true": b'{"failures": true, "locks": 1, "locked_until": 1e12}',
    "locks negative": b'{"failures": 0, "locks": -1, "locked_until": 1e12}',
    "locks a float": b'{"failures": 0, "locks": 1.0, "locked_until": 1e12}',
    "locked_until NaN": b'{"failures": 0, "locks": 1, "locked_until": NaN}',
    "locked_until Infinity": b'{"failures": 0, "locks": 1, "locked_until": Infinity}',
    "locked_until 1e400": b'{"failures": 0, "locks": 1, "locked_until": 1e400}',
    "locked_until a huge integer": b'{"failures": 0, "locks": 1, "locked_until": 1'
    + b"0" * 400
    + b"}",
    "locked_until a string": b'{"failures": 0, "locks": 1, "locked_until": "tomorrow"}',
    "locked_until missing": b'{"failures": 0, "locks": 1}',
    "binary garbage": bytes(range(256)),
    "far too big": b" " * 10_000 + b'{"failures": 0, "locks": 1, "locked_until": 1e12}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_lockout_file_is_no_lockout_and_a_log_line(path, clock, caplog, content):
    path.parent.mkdir()
    path.write_bytes(content)
    lockout = Lockout(path, clock)
    assert lockout.remaining() == 0 and lockout.tries_left == 5
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "damaged" in caplog.text
    assert fail(lockout, 5)[-1] == 60  # and it works from there
    assert Lockout(path, clock).remaining() == 60


def test_a_lock_in_a_good_file_far_away_is_cut_to_its_length(path, clock):
    """A file saying "locked for a century" (planted, or a clock wrong when it was written)."""
    path.parent.mkdir()
    path.write_text(json.dumps({"failures": 0, "locks": 3, "locked_until": clock.now + 100 * YEAR}))
    assert Lockout(path, clock).remaining() == 240
    path.write_text(
        json.dumps({"failures": 0, "locks": 10**6, "locked_until": clock.now + 100 * YEAR})
    )
    assert Lockout(path, clock).remaining() == 3600


def test_a_lockout_that_cannot_be_saved_holds_in_memory(tmp_path, clock, caplog):
    (tmp_path / "not-a-folder").write_text("")
    lockout = Lockout(tmp_path / "not-a-folder" / "staff-lockout.json", clock)
    assert fail(lockout, 5)[-1] == 60
    assert lockout.remaining() == 60
    assert "could not save the staff lockout" in caplog.text
    lockout.succeeded()  # cannot remove it either: logged, no exception
    assert lockout.remaining() == 0


# -- the Staff singleton with it (no window) -------------------------------------------------


@pytest.fixture
def make_staff(qapp, path, clock):
    def make(pin: str = "2468") -> Staff:
        staff = Staff()
        staff.has_pin = lambda: True
        staff.verify = lambda entered: entered == pin
        staff.lockout = Lockout(path, clock)
        return staff

    return make


def test_staff_locks_and_a_restart_keeps_it(make_staff, clock):
    staff = make_staff()
    staff.open()
    for _ in range(5):
        staff.enterPin("1111")
    assert staff.message == "Locked: try again in 60 s"
    clock.now += 60
    for _ in range(5):
        staff.enterPin("1111")
    assert staff.message == "Locked: try again in 120 s"
    clock.now += 30
    restarted = make_staff()
    restarted.open()
    assert restarted.state == Staff.State.Pad and restarted.message == "Locked: try again in 90 s"
    restarted.enterPin("2468")  # the right PIN, but locked
    assert restarted.state == Staff.State.Pad and restarted.message == "Locked: try again in 90 s"
    clock.now += 90
    restarted.enterPin("2468")
    assert restarted.state == Staff.State.Menu
    assert restarted.lockout.locks == 0 and restarted.lockout.tries_left == 5


def test_staff_says_how_many_tries_are_left_across_a_restart(make_staff):
    staff = make_staff()
    staff.open()
    staff.enterPin("1111")
    staff.enterPin("1111")
    assert staff.message == "Wrong PIN: 3 tries left"
    restarted = make_staff()
    restarted.open()
    restarted.enterPin("1111")
    assert restarted.message == "Wrong PIN: 2 tries left"


def test_an_hour_long_lock_reads_in_minutes(make_staff, clock):
    staff = make_staff()
    staff.open()
    for _ in range(7):
        for _ in range(5):
            staff.enterPin("1111")
        length = staff.lockout.remaining()
        clock.now += length
    for _ in range(5):
        staff.enterPin("1111")
    assert staff.message == "Locked: try again in 60 min"
    clock.now += 3600 - 119
    staff.enterPin("1111")
    assert staff.message == "Locked: try again in 119 s"  # the last two minutes in seconds


def test_staff_with_a_damaged_pin_file_opens_nothing_and_raises_nothing(
    qapp, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    (tmp_path / "staff.json").write_text(
        json.dumps(
            {
                "algorithm": "pbkdf2_sha256",
                "iterations": 10**9,
                "salt": "00" * 16,
                "hash": "00" * 32,
            }
        )
    )
    staff = Staff()  # the real PIN check and lockout file
    staff.open()
    assert staff.state == Staff.State.Closed
    assert "kiosk set-pin" in caplog.text
    staff._state = Staff.State.Pad  # even if the pad were open (the file damaged after it opened)
    staff.enterPin("1234")
    assert staff.state == Staff.State.Pad and staff.message == "Wrong PIN: 4 tries left"


def test_staff_uses_the_real_files_by_default(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    staffpin.set_pin("2468")
    staff = Staff()
    staff.open()
    for _ in range(5):
        staff.enterPin("1111")
    assert staff.message == "Locked: try again in 60 s"
    assert (tmp_path / "staff-lockout.json").exists()
    assert Staff().lockout.remaining() > 59
