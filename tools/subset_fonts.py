"""Make the kiosk's Chinese fonts: Noto Serif CJK SC and Noto Sans CJK SC, cut down to the
characters an exhibit in Simplified Chinese needs, so they load fast and stay small.

    apt-get install fonts-noto-cjk          # the full fonts (Debian/Ubuntu), ~90 MB
    pip install -e ".[fonts]"               # fontTools
    python tools/subset_fonts.py [--content content.yaml] [--source DIR] [--out assets/fonts]

What is kept: every character of GB 2312 (the 6,763 common Simplified Chinese characters
and its punctuation), CJK punctuation and full-width forms, and every character of the
content file(s) given - so a curator's rare character is kept too.  ``kiosk check`` tells
a curator when a text has a character that none of the shipped fonts has; then add it by
running this script again.  The output is deterministic: the same input, the same files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto")
FACES = {  # output file -> (collection in SOURCE, face name in it)
    "NotoSerifCJKsc-Regular.otf": ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    "NotoSerifCJKsc-Bold.otf": ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
    "NotoSansCJKsc-Regular.otf": ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
}  # no Sans Bold: the few bold Chinese labels are emboldened by Qt, and the repository stays smaller


def gb2312() -> set[int]:
    """Every character of the GB 2312 character set (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def wanted(contents: list[Path]) -> set[int]:
    chars = gb2312()
    chars |= set(range(0x20, 0x7F))  # ASCII: digits and Latin inside Chinese text
    chars |= set(range(0x3000, 0x3040)) | set(
        range(0xFF00, 0xFFF0)
    )  # CJK punctuation, full-width forms
    chars |= {0x00B7, 0x00B2, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2027}
    for content in contents:
        chars |= {ord(c) for c in content.read_text(encoding="utf-8") if ord(c) > 0x7F}
    return chars


def make(source: Path, target: Path, face: str, chars: set[int]) -> None:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == face)
    options = subset.Options()
    options.layout_features = ["*"]  # keep vertical forms, ligatures, locale forms
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # deterministic output
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars))
    sub.subset(font)
    font["head"].modified = font["head"].created  # deterministic output:
    font.recalcTimestamp = False  # no "now" in the file
    font.save(str(target))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--content",
        type=Path,
        action="append",
        help="content file(s) whose characters to keep (default: content.yaml)",
    )
    ap.add_argument(
        "--source", type=Path, default=SOURCE, help=f"folder of the full fonts (default {SOURCE})"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "assets" / "fonts")
    args = ap.parse_args()
    chars = wanted(args.content or [ROOT / "content.yaml"])
    for name, (collection, face) in FACES.items():
        src = args.source / collection
        if not src.exists():
            print(
                f"{src} is missing: install the full fonts (apt-get install fonts-noto-cjk) "
                "or give --source",
                file=sys.stderr,
            )
            return 1
        make(src, args.out / name, face, chars)
        print(
            f"wrote {args.out / name} ({(args.out / name).stat().st_size // 1024} KiB, {len(chars)} characters)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
