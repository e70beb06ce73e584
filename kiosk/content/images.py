"""Reading a picture's format and size from its first bytes, without Qt.

Enough to tell a curator that a file is missing, is not a picture, or was cut short while
copying, and to know its pixel size (for layout and blur checks) before Qt ever loads it.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

from . import safeio

MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 64_000_000  # decoded, a bigger picture costs the kiosk > 256 MB of memory


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str
    width: int
    height: int
    sha256: str = ""  # of the bytes checked: the cache keeps a copy of exactly these
    stamp: str = ""  # size and modification time when they were read


class ImageProblem(ValueError):
    pass


def _png(head: bytes, tail: bytes) -> tuple[int, int]:
    if head[12:16] != b"IHDR":
        raise ImageProblem("is a damaged PNG file (no header)")
    if b"IEND" not in tail:
        raise ImageProblem("is a PNG file that was cut short (copy it again)")
    return struct.unpack(">II", head[16:24])


def _jpeg(data: bytes | bytearray) -> tuple[int, int]:
    if b"\xff\xd9" not in data[-4096:]:
        raise ImageProblem("is a JPEG file that was cut short (copy it again)")
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        i += 2 + length
    raise ImageProblem("is a damaged JPEG file (no size found)")


def _gif(head: bytes) -> tuple[int, int]:
    return struct.unpack("<HH", head[6:10])


def _webp(head: bytes) -> tuple[int, int]:
    kind = head[12:16]
    if kind == b"VP8X":
        w = int.from_bytes(head[24:27], "little") + 1
        h = int.from_bytes(head[27:30], "little") + 1
        return w, h
    if kind == b"VP8L":
        b = int.from_bytes(head[21:25], "little")
        return (b & 0x3FFF) + 1, ((b >> 14) & 0x3FFF) + 1
    if kind == b"VP8 ":
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    raise ImageProblem("is a damaged WebP file")


def probe_image(path: Path) -> ImageInfo:
    """Format and size of a picture file; :class:`ImageProblem` says what is wrong."""
    try:
        data, info = safeio.read_named_file(
            path,
            MAX_IMAGE_BYTES,
            what="a picture file",
            plural="pictures",
            smaller="make it smaller",
        )
    except safeio.Unreadable as e:
        raise ImageProblem(str(e)) from None
    if len(data) < 24:
        raise ImageProblem("is empty or too short to be a picture")
    head, tail = bytes(data[:64]), bytes(data[-64:])
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            fmt, (w, h) = "png", _png(head, tail)
        elif head.startswith(b"\xff\xd8"):
            fmt, (w, h) = "jpeg", _jpeg(data)
        elif head[:6] in (b"GIF87a", b"GIF89a"):
            fmt, (w, h) = "gif", _gif(head)
        elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            fmt, (w, h) = "webp", _webp(head)
        else:
            raise ImageProblem("is not a picture the kiosk can show (use PNG, JPEG, GIF or WebP)")
    except (struct.error, IndexError, ValueError) as e:
        if isinstance(e, ImageProblem):
            raise
        raise ImageProblem(
            "is a damaged picture file (its header is cut short); copy it again"
        ) from None
    if w <= 0 or h <= 0:
        raise ImageProblem("is a damaged picture (size 0)")
    if w * h > MAX_PIXELS:
        raise ImageProblem(
            f"is {w}x{h} pixels; at most {MAX_PIXELS // 1_000_000} megapixels - make it smaller"
        )
    return ImageInfo(path, fmt, w, h, hashlib.sha256(data).hexdigest(), safeio.stamp_of(info))
