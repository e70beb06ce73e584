"""The staff PIN: set with ``kiosk set-pin``, stored as a salted PBKDF2 hash (stdlib
``hashlib``) in the staff config file - never in content.yaml, never in clear."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from kiosk.paths import config_dir

ITERATIONS = 300_000
MIN_LENGTH = 4


def staff_file() -> Path:
    return config_dir() / "staff.json"


def _hash(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def set_pin(pin: str, path: Path | None = None) -> Path:
    """Store a new PIN (digits only, at least MIN_LENGTH); returns the file written."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) < MIN_LENGTH:
        raise ValueError(f"the PIN must be at least {MIN_LENGTH} digits (0-9)")
    path = path or staff_file()
    salt = secrets.token_bytes(16)
    record = {"algorithm": "pbkdf2_sha256", "iterations": ITERATIONS, "salt": salt.hex(),
              "hash": _hash(pin, salt, ITERATIONS).hex()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # only the kiosk user reads it
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(record, f)
    os.replace(tmp, path)
    return path


def _record(path: Path | None = None) -> dict | None:
    try:
        record = json.loads((path or staff_file()).read_text(encoding="utf-8"))
        if record.get("algorithm") == "pbkdf2_sha256" and record.get("hash") and record.get("salt"):
            return record
    except (OSError, ValueError, AttributeError):
        pass
    return None


def has_pin(path: Path | None = None) -> bool:
    return _record(path) is not None


def verify(pin: str, path: Path | None = None) -> bool:
    record = _record(path)
    if record is None:
        return False
    digest = _hash(pin, bytes.fromhex(record["salt"]), int(record["iterations"]))
    return hmac.compare_digest(digest.hex(), record["hash"])
