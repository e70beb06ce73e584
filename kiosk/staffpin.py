"""The staff PIN: set with ``kiosk set-pin``, stored as a salted PBKDF2 hash (stdlib
``hashlib``) in the staff config file - never in content.yaml, never in clear - and the
PIN pad's lockout, kept beside it so that a restart does not clear it.

Both files are written the same careful way (:func:`write_private`) and read the same
careful way (:func:`_read_small`): whatever is found in them, the worst outcome is "no PIN
set" or "no lockout" and a line in the log, never an exception and never a long freeze."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from kiosk import metrics
from kiosk.paths import config_dir

log = logging.getLogger(__name__)

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 300_000
# a staff.json outside these is damaged: too few is weak, too many would freeze the pad
MIN_ITERATIONS, MAX_ITERATIONS = 100_000, 2_000_000
MIN_LENGTH = 4
MAX_LENGTH = 64  # longer "PINs" are refused before any hashing
SALT_BYTES = 16
_HEX = re.compile(r"[0-9a-fA-F]+")  # bytes.fromhex alone also takes spaces
_MAX_FILE = 4096  # both files are a few dozen bytes

MAX_TRIES = 5  # wrong PINs in a row before the pad locks
FIRST_LOCK_S = 60.0  # each further lock is twice as long ...
MAX_LOCK_S = 3600.0  # ... up to this


def staff_file() -> Path:
    return config_dir() / "staff.json"


def lockout_file() -> Path:
    return config_dir() / "staff-lockout.json"


# -- files --------------------------------------------------------------------------------


def _temp_name(path: Path) -> Path:
    """A fresh, unguessable name beside ``path`` (same folder: os.replace stays atomic)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, readable by this user only (0600).

    The temporary file is created new (O_CREAT|O_EXCL, and O_NOFOLLOW where the platform
    has it) under a random name, so nothing planted in the folder - a symlink, a file - is
    ever followed or written into; it is synced before it replaces ``path``.  A symlink at
    ``path`` itself is replaced, its target left alone."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    for _ in range(16):
        tmp = _temp_name(path)
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:  # taken (or planted): another name
            continue
    else:
        raise FileExistsError(f"could not create a temporary file beside {path}")
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder like this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _read_small(path: Path) -> bytes | None:
    """The bytes of a small regular file; None if there is none.  Raises ValueError for
    anything else at ``path`` (a FIFO, a device, a folder, a big file) without blocking."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a device is never even opened
            raise ValueError("is not a regular file")
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ValueError(f"cannot be opened ({e.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # changed since
            raise ValueError("is not a regular file")
        data = os.read(fd, _MAX_FILE + 1)
    except OSError as e:
        raise ValueError(f"cannot be read ({e.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > _MAX_FILE:
        raise ValueError("is far too big")
    return data


_NO_FILE = object()


def _read_json(path: Path) -> object:
    """The JSON in ``path``; _NO_FILE if there is no file; ValueError if it is not JSON."""
    data = _read_small(path)
    if data is None:
        return _NO_FILE
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ValueError("is not JSON") from None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# -- the PIN ------------------------------------------------------------------------------


def _hash(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def set_pin(pin: str, path: Path | None = None) -> Path:
    """Store a new PIN (digits only, at least MIN_LENGTH); returns the file written."""
    if (
        not isinstance(pin, str)
        or not (pin.isascii() and pin.isdigit())
        or not MIN_LENGTH <= len(pin) <= MAX_LENGTH
    ):
        raise ValueError(f"the PIN must be {MIN_LENGTH} to {MAX_LENGTH} digits (0-9)")
    path = path or staff_file()
    salt = secrets.token_bytes(SALT_BYTES)
    record = {
        "algorithm": ALGORITHM,
        "iterations": ITERATIONS,
        "salt": salt.hex(),
        "hash": _hash(pin, salt, ITERATIONS).hex(),
    }
    write_private(path, json.dumps(record).encode("utf-8"))
    return path


def _check(record: object) -> tuple[bytes, int, bytes]:
    """(salt, iterations, hash) of a staff.json record, or ValueError saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("is not a JSON object")
    if record.get("algorithm") != ALGORITHM:
        raise ValueError(f"has no algorithm {ALGORITHM!r}")
    iterations = record.get("iterations")
    if not _is_int(iterations) or not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise ValueError(
            f"has iterations {iterations!r:.40}, not a whole number from "
            f"{MIN_ITERATIONS:,} to {MAX_ITERATIONS:,}"
        )
    salt, digest = record.get("salt"), record.get("hash")
    if not (
        isinstance(salt, str)
        and _HEX.fullmatch(salt)
        and 16 <= len(salt) <= 128
        and len(salt) % 2 == 0
    ):
        raise ValueError("has no salt of 8 to 64 bytes in hex")
    if not (isinstance(digest, str) and _HEX.fullmatch(digest) and len(digest) == 64):
        raise ValueError("has no SHA-256 hash in hex")
    return bytes.fromhex(salt), iterations, bytes.fromhex(digest)


def _record(path: Path | None = None) -> tuple[bytes, int, bytes] | None:
    """The stored PIN's (salt, iterations, hash); None if none is set or the file is
    damaged (which is logged: never an exception)."""
    path = path or staff_file()
    try:
        record = _read_json(path)
        return None if record is _NO_FILE else _check(record)
    except ValueError as e:
        log.warning(
            "the staff PIN file %s is damaged (it %s): no staff PIN is set until "
            "`kiosk set-pin` is run again",
            path,
            e,
        )
        return None


def has_pin(path: Path | None = None) -> bool:
    return _record(path) is not None


def verify(pin: str, path: Path | None = None) -> bool:
    if not isinstance(pin, str) or not (pin.isascii() and pin.isdigit()) or len(pin) > MAX_LENGTH:
        return False  # set_pin takes digits only: this cannot be the PIN
    record = _record(path)
    if record is None:
        return False
    salt, iterations, digest = record
    return hmac.compare_digest(_hash(pin, salt, iterations), digest)


# -- the lockout --------------------------------------------------------------------------


def lock_length(locks: int) -> float:
    """How long the ``locks``-th lock lasts: 60 s, 120 s, 240 s ... at most MAX_LOCK_S."""
    return min(FIRST_LOCK_S * 2.0 ** min(max(locks, 1) - 1, 32), MAX_LOCK_S)


class Lockout:
    """Wrong PINs in a row and locks since the last right PIN, kept in ``path`` (by
    default :func:`lockout_file`, looked up at each use) so that a restart keeps them.

    MAX_TRIES wrong PINs lock the pad for :func:`lock_length`; a right PIN clears it all.
    "Locked until" is wall-clock time (``clock``, injectable), since the monotonic clock
    starts again with the machine; if that clock is moved back, what is left of a lock is
    cut to the lock's own length (never years).  A missing or damaged file means no lockout;
    a file that cannot be written is logged and the lockout holds in memory."""

    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock
        self._loaded_from: Path | None = None
        self._failures = 0
        self._locks = 0
        self._until = 0.0

    def _file(self) -> Path:
        path = self.path or lockout_file()
        if path != self._loaded_from:
            self._loaded_from = path
            self._failures, self._locks, self._until = self._load(path)
        return path

    @staticmethod
    def _load(path: Path) -> tuple[int, int, float]:
        try:
            state = _read_json(path)
            if state is _NO_FILE:
                return 0, 0, 0.0
            if not isinstance(state, dict):
                raise ValueError("is not a JSON object")
            failures, locks, until = (
                state.get("failures"),
                state.get("locks"),
                state.get("locked_until"),
            )
            if not (
                _is_int(failures)
                and 0 <= failures < MAX_TRIES
                and _is_int(locks)
                and locks >= 0
                and (_is_int(until) or isinstance(until, float))
                and math.isfinite(until)
            ):
                raise ValueError("does not hold failures, locks and locked_until")
            return failures, locks, float(until)
        except (ValueError, OverflowError) as e:
            log.warning(
                "the staff lockout file %s is damaged (it %s): starting with no lockout", path, e
            )
            return 0, 0, 0.0

    def _save(self) -> None:
        path = self._file()
        try:
            if (self._failures, self._locks) == (0, 0):
                path.unlink(missing_ok=True)  # no file: no lockout
            else:
                state = {
                    "failures": self._failures,
                    "locks": self._locks,
                    "locked_until": self._until,
                }
                write_private(path, json.dumps(state).encode("utf-8"))
        except OSError as e:
            log.warning(
                "could not save the staff lockout in %s (%s): it holds until the kiosk restarts",
                path,
                e,
            )

    def remaining(self) -> float:
        """Seconds until the pad takes PINs again (0: it does now)."""
        self._file()
        if not self._locks:
            return 0.0
        now = self.clock()
        left, length = self._until - now, lock_length(self._locks)
        if left > length:  # the clock was moved back: the lock starts again, no longer
            log.warning("the clock went back: the staff PIN pad stays locked for %d s", length)
            self._until, left = now + length, length
            self._save()
        return left if left >= 0.001 else 0.0  # not a lock of 0 s by a rounding error

    @property
    def tries_left(self) -> int:
        self._file()
        return MAX_TRIES - self._failures

    @property
    def locks(self) -> int:
        self._file()
        return self._locks

    def failed(self) -> float:
        """A wrong PIN: the length of the lock it starts, or 0 (no lock yet)."""
        if self.remaining() > 0:
            return 0.0  # already locked: the PIN was not even tried
        self._failures += 1
        length = 0.0
        if self._failures >= MAX_TRIES:
            self._failures = 0
            self._locks += 1
            length = lock_length(self._locks)
            self._until = self.clock() + length
            metrics.staff_pin_lockout()
        self._save()
        return length

    def succeeded(self) -> None:
        """The right PIN: no failures, no locks."""
        self._file()
        if (self._failures, self._locks) != (0, 0):
            self._failures, self._locks, self._until = 0, 0, 0.0
            self._save()
