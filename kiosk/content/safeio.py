"""Reading the files a content file names - safely, whatever they turn out to be.

A name in content.yaml can point anywhere: at a folder, at ``/dev/zero`` or
``/dev/urandom`` (endless), at a FIFO (opening it for reading waits for a writer
forever), at a socket, or at a file far too big.  :func:`read_file` is the one way the
content package reads a file:

- it refuses anything but a regular file, with a true name for what it is (a folder, a
  device, a pipe, a socket): checked with ``stat`` before opening (a device is never
  opened) and again with ``fstat`` on the open descriptor (the name may have changed in
  between);
- it opens with ``O_NONBLOCK``, so even a FIFO that slipped past ``stat`` cannot block;
- it reads at most ``limit + 1`` bytes and never trusts the size ``stat`` reports.

Standard library only (the kiosk's fast start-up path uses it).
"""

from __future__ import annotations

import errno
import os
import stat as st
from pathlib import Path

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20
MAX_CONTENT_BYTES = (
    5 * 1024 * 1024
)  # a content file is text: 5 MB is far more than an exhibit needs


class NotAFile(OSError):
    """The name is a folder, device, pipe or socket.  ``kind`` says which ("a device")."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(errno.EINVAL, f"is {kind}, not a file")


class TooBig(OSError):
    """More than ``limit`` bytes; ``size`` is the size as far as it is known (> limit)."""

    def __init__(self, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(errno.EFBIG, f"is larger than {limit} bytes")


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is, as a curator would say it."""
    if st.S_ISREG(mode):
        return None
    if st.S_ISDIR(mode):
        return "a folder"
    if st.S_ISCHR(mode) or st.S_ISBLK(mode):
        return "a device"
    if st.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if st.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def stamp_of(info: os.stat_result) -> str:
    """Size and modification time: changes when the file does."""
    return f"{info.st_size}:{info.st_mtime_ns}"


def read_file(path: str | os.PathLike[str], limit: int) -> tuple[bytearray, os.stat_result]:
    """The bytes of the regular file ``path`` (at most ``limit``) and its ``fstat``.

    Raises :class:`NotAFile`, :class:`TooBig`, or :class:`OSError` (missing, no permission,
    a name no file can have ...).
    """
    try:
        kind = kind_of(os.stat(path).st_mode)
        if kind:
            raise NotAFile(kind)  # never opened: opening some devices does something
        fd = os.open(path, _FLAGS)
    except ValueError:  # a NUL character in the name
        raise OSError(errno.EINVAL, "its name contains a character no file name can have") from None
    except NotAFile:
        raise
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket (opening one fails so)
            raise NotAFile("a socket") from None
        raise
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind:
            raise NotAFile(kind)
        if info.st_size > limit:  # believed only when it says "too big": saves reading it
            raise TooBig(info.st_size, limit)
        data = bytearray()
        while len(data) <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - len(data)))
            if not chunk:
                break
            data += chunk
        if len(data) > limit:
            raise TooBig(max(info.st_size, len(data)), limit)
        return data, info
    finally:
        os.close(fd)


class Unreadable(ValueError):
    """A file a curator named cannot be used; the message is the sentence that says why."""


def read_named_file(
    path: str | os.PathLike[str], limit: int, *, what: str, plural: str, smaller: str
) -> tuple[bytearray, os.stat_result]:
    """:func:`read_file` for a file a curator named (a picture, a recording), each failure
    as one sentence: ``what`` the file should be ("a picture file"), ``plural`` of what it
    is ("pictures"), ``smaller`` how to make a too large one fit ("make it smaller")."""
    try:
        return read_file(path, limit)
    except FileNotFoundError:
        raise Unreadable("does not exist; check the name (capitals count) and the folder") from None
    except NotAFile as e:
        raise Unreadable(f"is {e.kind}, not {what}") from None
    except TooBig as e:
        raise Unreadable(
            f"is {e.size / 1e6:.0f} MB; {plural} may be at most {limit // (1024 * 1024)} MB"
            f" - {smaller}"
        ) from None
    except OSError as e:
        raise Unreadable(f"cannot be read: {e.strerror or e}") from None


def is_regular_file(path: str | Path) -> bool:
    try:
        return kind_of(os.stat(path).st_mode) is None
    except (OSError, ValueError):
        return False
