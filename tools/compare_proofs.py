"""Compare two `kiosk proof` folders screen by screen: did a change move anything?

    python tools/compare_proofs.py BEFORE_DIR AFTER_DIR

Text is rasterised a little differently from run to run (glyph caches, sub-pixel
placement), so pictures are compared at 1/8 of their size, averaged: anti-aliasing
differences vanish there, a moved line, a changed colour or a missing control does not.
Exit 0 when every screen matches, 1 otherwise (each differing screen is named).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

SCALE = 8  # compare 8x8 blocks
TOLERANCE = 12  # per channel, 0-255, in a block's average
SKIP = ("contact-",)  # contact sheets repeat the screens


def small(path: Path) -> QImage:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    return image.scaled(
        max(1, image.width() // SCALE),
        max(1, image.height() // SCALE),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def differs(a: Path, b: Path) -> str:
    """'' when the screens match, else what differs."""
    ia, ib = QImage(str(a)), QImage(str(b))
    if ia.size() != ib.size():
        return f"size {ia.width()}x{ia.height()} vs {ib.width()}x{ib.height()}"
    sa, sb = small(a), small(b)
    bad = 0
    for y in range(sa.height()):
        for x in range(sa.width()):
            pa, pb = sa.pixelColor(x, y), sb.pixelColor(x, y)
            if (
                max(
                    abs(pa.red() - pb.red()),
                    abs(pa.green() - pb.green()),
                    abs(pa.blue() - pb.blue()),
                )
                > TOLERANCE
            ):
                bad += 1
    return f"{bad} blocks of {SCALE}x{SCALE} px differ" if bad else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (image plugins)
    failed = 0
    for a in sorted(args.before.rglob("*.png")):
        if a.name.startswith(SKIP):
            continue
        rel = a.relative_to(args.before)
        b = args.after / rel
        problem = "missing" if not b.exists() else differs(a, b)
        if problem:
            failed += 1
            print(f"{rel}: {problem}")
    print("every screen matches" if not failed else f"{failed} screens differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
