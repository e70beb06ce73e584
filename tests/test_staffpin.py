"""The staff PIN is stored salted and hashed, and verified."""

from __future__ import annotations

import json
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


def test_no_pin_and_a_damaged_file_verify_nothing(tmp_path):
    path = tmp_path / "staff.json"
    assert not staffpin.has_pin(path) and not staffpin.verify("", path)
    path.write_text("{not json")
    assert not staffpin.has_pin(path) and not staffpin.verify("1234", path)


@pytest.mark.parametrize("pin", ["", "123", "12a4", "１２３４"])
def test_a_pin_is_four_or_more_digits(tmp_path, pin):
    with pytest.raises(ValueError):
        staffpin.set_pin(pin, tmp_path / "staff.json")
