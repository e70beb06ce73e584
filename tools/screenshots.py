"""Render the kiosk's screens to PNG (offscreen, no display needed).

    python tools/screenshots.py [--content content.yaml] [--out docs/screenshots] [--size 1920x1080]

Writes attract.png and one <page-id>.png per page; the README shows these files.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.app import create_app  # noqa: E402


def settle(ms: int = 400) -> None:
    """Let animations and asynchronous image loading finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", type=Path, default=Path("content.yaml"))
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.lower().split("x"))

    app = QGuiApplication(sys.argv[:1])
    kiosk = create_app(args.content)
    kiosk.window.resize(w, h)
    args.out.mkdir(parents=True, exist_ok=True)
    shots = ["attract", *kiosk.navigation.pageIds]
    for page_id in shots:
        if page_id == "attract":
            kiosk.navigation.toAttract()
        else:
            kiosk.navigation.show(page_id)
        settle(1000)
        path = args.out / f"{page_id}.png"
        kiosk.window.grabWindow().save(str(path))
        print(f"wrote {path}")
    kiosk.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
