"""Which characters the kiosk's shipped fonts can draw - read from the fonts' own tables.

A character no shipped font has shows as an empty box on an exhibit PC without that
font, so ``kiosk check`` refuses it.  This reads the ``cmap`` table of TrueType/OpenType
files with the standard library only (formats 4 and 12 cover every modern font).
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
FONT_FILES = ("*.ttf", "*.otf")


def font_files(folder: Path = FONTS_DIR) -> list[Path]:
    return sorted(p for pattern in FONT_FILES for p in folder.glob(pattern))


def cmap(path: Path) -> set[int]:
    """The code points a font file maps to glyphs; empty if the file is not a font."""
    try:
        data = path.read_bytes()
        num_tables = struct.unpack_from(">H", data, 4)[0]
        tables = {
            data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">II", data, 20 + 16 * i)
            for i in range(num_tables)
        }
        base = tables[b"cmap"][0]
        count = struct.unpack_from(">H", data, base + 2)[0]
        chars: set[int] = set()
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
            if (platform, encoding) not in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)):
                continue
            chars |= _subtable(data, base + offset)
        return chars
    except (OSError, struct.error, KeyError):
        return set()


def _subtable(data: bytes, at: int) -> set[int]:
    fmt = struct.unpack_from(">H", data, at)[0]
    chars: set[int] = set()
    if fmt == 4:
        segs = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
        deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
        range_at = at + 16 + 6 * segs
        offsets = struct.unpack_from(f">{segs}H", data, range_at)
        for s, (start, end) in enumerate(zip(starts, ends)):
            for c in range(start, end + 1):
                if c == 0xFFFF:
                    continue
                if offsets[s] == 0:
                    glyph = (c + deltas[s]) & 0xFFFF
                else:
                    g_at = range_at + 2 * s + offsets[s] + 2 * (c - start)
                    glyph = struct.unpack_from(">H", data, g_at)[0]
                    glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                if glyph:
                    chars.add(c)
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, first_glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            chars.update(range(start + (first_glyph == 0), end + 1))
    return chars


@lru_cache(maxsize=4)
def coverage(folder: Path = FONTS_DIR) -> frozenset[int]:
    """Every character some shipped font can draw."""
    chars: set[int] = set()
    for path in font_files(folder):
        chars |= cmap(path)
    return frozenset(chars)


def missing_glyphs(text: str, folder: Path = FONTS_DIR) -> list[str]:
    """The characters of ``text`` (in order, once each) that no shipped font has."""
    have = coverage(folder)
    out: list[str] = []
    for ch in text:
        if ch.isspace() or ord(ch) < 0x20 or ch in out:
            continue
        if (
            ord(ch) not in have and not 0xFE00 <= ord(ch) <= 0xFE0F
        ):  # variation selectors draw nothing
            out.append(ch)
    return out
