"""The staff PIN is stored salted and hashed, written safely, read defensively, and verified."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat

import pytest

from kiosk import staffpin


def test_the_pin_is_salted_hashed_and_verified(tmp_path):
    path = staffpin.set_pin("4711", tmp_path / "staff.json")
    record = json.loads(path.read_text())
    assert "4711" not in path.read_text()
    assert record["algorithm"] == "pbkdf2_sha256" and record["iterations"] >= 100_000
    assert len(bytes.fromhex(record["salt"])) == 16
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert staffpin.verify("4711", path) and not staffpin.verify("4712", path)
    again = json.loads(staffpin.set_pin("4711", path).read_text())
    assert again["salt"] != record["salt"] and again["hash"] != record["hash"]  # salted


def test_a_file_written_by_hand_in_the_format_verifies(tmp_path):
    """The format is the one earlier versions wrote: their files keep working."""
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", b"13579", salt, 100_000)
    path = tmp_path / "staff.json"
    path.write_text(
        json.dumps(
            {
                "algorithm": "pbkdf2_sha256",
                "iterations": 100_000,
                "salt": salt.hex(),
                "hash": digest.hex().upper(),
            }
        )
    )
    assert staffpin.has_pin(path) and staffpin.verify("13579", path)
    assert not staffpin.verify("13578", path)


@pytest.mark.parametrize("pin", ["13579 ", "1357٩", "x", None, 13579, "1" * 65])
def test_what_cannot_be_a_pin_is_refused_before_hashing(tmp_path, pin, monkeypatch):
    path = staffpin.set_pin("13579", tmp_path / "staff.json")
    monkeypatch.setattr(staffpin, "_hash", lambda *a: pytest.fail("hashed"))
    assert staffpin.verify(pin, path) is False


def test_no_pin_and_a_damaged_file_verify_nothing(tmp_path, caplog):
    path = tmp_path / "staff.json"
    assert not staffpin.has_pin(path) and not staffpin.verify("", path)
    assert not caplog.records  # no file is no PIN, nothing to say
    path.write_text("{not json")
    assert not staffpin.has_pin(path) and not staffpin.verify("1234", path)


@pytest.mark.parametrize("pin", ["", "123", "12a4", "１２３４", "1" * 65])
def test_a_pin_is_four_to_64_digits(tmp_path, pin):
    with pytest.raises(ValueError):
        staffpin.set_pin(pin, tmp_path / "staff.json")


# -- damaged files: "no PIN set" and one line in the log, never an exception or a freeze ---

GOOD = {
    "algorithm": "pbkdf2_sha256",
    "iterations": 100_000,
    "salt": "00" * 16,
    "hash": hashlib.pbkdf2_hmac("sha256", b"2468", bytes(16), 100_000).hex(),
}


def _with(**changes) -> bytes:
    record = {k: v for k, v in {**GOOD, **changes}.items() if v is not ...}
    return json.dumps(record).encode()


DAMAGED = {
    "iterations 'abc'": _with(iterations="abc"),
    "iterations 0": _with(iterations=0),
    "iterations 1e9": _with(iterations=1e9),
    "iterations 10**9": _with(iterations=10**9),
    "iterations 99999": _with(iterations=99_999),
    "iterations 2000001": _with(iterations=2_000_001),
    "iterations true": _with(iterations=True),
    "iterations 100000.0": _with(iterations=100_000.0),
    "iterations missing": _with(iterations=...),
    "salt not hex": _with(salt="zz" * 16),
    "salt with spaces": _with(salt="00 " * 16),  # bytes.fromhex would take it
    "salt too short": _with(salt="00"),
    "salt too long": _with(salt="00" * 65),
    "salt odd length": _with(salt="0" * 33),
    "salt a number": _with(salt=1234),
    "salt full-width digits": _with(salt="０" * 32),
    "hash not hex": _with(hash="g" * 64),
    "hash too short": _with(hash="00" * 31),
    "hash a list": _with(hash=[0] * 32),
    "hash empty": _with(hash=""),
    "algorithm md5": _with(algorithm="md5"),
    "algorithm missing": _with(algorithm=...),
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"pbkdf2_sha256"',
    "JSON null": b"null",
    "binary garbage": bytes(range(256)) * 4,
    "invalid UTF-8": b'{"algorithm": "\xff\xfe"}',
    "deeply nested": b"[" * 2000 + b"]" * 2000,
    "far too big": b" " * 100_000 + json.dumps(GOOD).encode(),
    "empty": b"",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_pin_file_is_no_pin_and_a_log_line(tmp_path, caplog, content, monkeypatch):
    path = tmp_path / "staff.json"
    path.write_bytes(content)
    monkeypatch.setattr(staffpin, "_hash", lambda *a: pytest.fail("a damaged file was used"))
    with caplog.at_level(logging.WARNING, logger="kiosk.staffpin"):
        assert staffpin.has_pin(path) is False
    [line] = caplog.records
    assert line.levelno == logging.WARNING
    assert "damaged" in line.getMessage() and "kiosk set-pin" in line.getMessage()
    assert str(path) in line.getMessage()
    assert staffpin.verify("2468", path) is False


def test_the_good_record_those_are_made_from_is_good(tmp_path):
    """The damaged cases above differ from a PIN file that verifies in one thing each."""
    path = tmp_path / "staff.json"
    path.write_bytes(_with())
    assert staffpin.verify("2468", path)


def test_the_most_iterations_allowed_are_accepted_and_bounded(tmp_path):
    path = tmp_path / "staff.json"
    path.write_bytes(_with(iterations=staffpin.MAX_ITERATIONS))
    assert staffpin.has_pin(path)
    assert staffpin.MAX_ITERATIONS <= 2_000_000 and staffpin.MIN_ITERATIONS >= 100_000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_a_folder_or_a_device_at_the_pin_file_is_damaged_not_a_hang(tmp_path, caplog):
    fifo = tmp_path / "staff.json"
    os.mkfifo(fifo)  # reading it plainly would wait for a writer for ever
    assert not staffpin.has_pin(fifo) and not staffpin.verify("2468", fifo)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert not staffpin.has_pin(folder)
    device = tmp_path / "device.json"
    device.symlink_to("/dev/zero")  # endless
    assert not staffpin.has_pin(device)
    lines = [r.getMessage() for r in caplog.records if "damaged" in r.getMessage()]
    assert len(lines) == 4
    assert "is not a regular file" in lines[0] and "is not a regular file" in lines[3]


# -- writing: a new file under a random name, never through a symlink, synced, replaced ----


def _victim(tmp_path):
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("precious")
    victim.chmod(0o644)
    return victim


def test_a_symlink_at_the_old_temporary_name_is_never_followed(tmp_path):
    victim = _victim(tmp_path)
    (tmp_path / "staff.tmp").symlink_to(victim)
    path = staffpin.set_pin("2468", tmp_path / "staff.json")
    assert victim.read_text() == "precious" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert os.readlink(tmp_path / "staff.tmp") == str(victim)
    assert staffpin.verify("2468", path)


def test_a_symlink_at_the_temporary_name_is_not_followed_another_name_is_taken(
    tmp_path, monkeypatch
):
    """Even if the random name were guessed and planted first."""
    victim = _victim(tmp_path)
    planted = tmp_path / ".staff.json.planted.tmp"
    planted.symlink_to(victim)
    names = iter([planted, tmp_path / ".staff.json.fresh.tmp"])
    monkeypatch.setattr(staffpin, "_temp_name", lambda path: next(names))
    path = staffpin.set_pin("2468", tmp_path / "staff.json")
    assert victim.read_text() == "precious" and planted.is_symlink()
    assert staffpin.verify("2468", path) and not path.is_symlink()


def test_a_symlink_at_the_pin_file_is_replaced_not_written_through(tmp_path):
    victim = _victim(tmp_path)
    (tmp_path / "staff.json").symlink_to(victim)
    path = staffpin.set_pin("2468", tmp_path / "staff.json")
    assert victim.read_text() == "precious"
    assert not path.is_symlink() and staffpin.verify("2468", path)


def test_the_temporary_file_is_created_exclusively_without_following_links(tmp_path, monkeypatch):
    opened, real_open = [], os.open

    def spy(p, flags, *args, **kwargs):
        opened.append((p, flags))
        return real_open(p, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    path = staffpin.set_pin("2468", tmp_path / "staff.json")
    [(tmp, flags)] = [(p, f) for p, f in opened if f & os.O_CREAT]
    assert flags & os.O_EXCL and not flags & os.O_TRUNC
    if hasattr(os, "O_NOFOLLOW"):
        assert flags & os.O_NOFOLLOW
    assert os.path.dirname(tmp) == str(tmp_path) and os.path.basename(tmp) != "staff.tmp"
    assert not os.path.exists(tmp) and staffpin.verify("2468", path)


def test_the_file_is_synced_before_it_replaces_the_old_one(tmp_path, monkeypatch):
    steps, real_fsync, real_replace = [], os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (steps.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (steps.append("replace"), real_replace(a, b))[1]
    )
    staffpin.set_pin("2468", tmp_path / "staff.json")
    assert steps[:2] == ["fsync", "replace"]


def test_a_failed_write_leaves_the_old_pin_and_no_temporary_file(tmp_path, monkeypatch):
    path = staffpin.set_pin("2468", tmp_path / "staff.json")

    def full(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        staffpin.set_pin("1357", path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff.json"]
    assert staffpin.verify("2468", path)


@pytest.mark.parametrize("umask", [0o000, 0o277])
def test_the_file_is_0600_whatever_the_umask(tmp_path, umask):
    (tmp_path / "config").mkdir()
    old = os.umask(umask)
    try:
        path = staffpin.set_pin("2468", tmp_path / "config" / "staff.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
