"""Render the kiosk's screens to PNG (offscreen, no display needed).

    python tools/screenshots.py [--content content.yaml] [--out docs/screenshots] [--size 1920x1080]
                                [--lang CODE]

Writes attract.png, attract-1min.png (the attract screen's slow drift a minute later),
one <page-id>.png per page, map-<layer>-1x.png and -4x.png for each map layer,
<second page>-<code>.png in each other language, and idle-warning.png; the README shows
some of these files. With --lang, everything in that language (and nothing extra).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk import scene
from kiosk.app import create_app


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
    ap.add_argument("--lang", help="the language to show (default: the content's default language)")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.lower().split("x"))

    app = QGuiApplication(sys.argv[:1])
    kiosk = create_app(args.content)
    kiosk.window.resize(w, h)
    if args.lang:
        kiosk.language.choose(args.lang)
    args.out.mkdir(parents=True, exist_ok=True)

    def shoot(name: str) -> None:
        path = args.out / f"{name}.png"
        kiosk.window.grabWindow().save(str(path))
        print(f"wrote {path}")

    settle(1000)
    shoot("attract")
    attract = next(
        i for i in scene.items(kiosk.window.contentItem()) if i.objectName() == "attractScreen"
    )
    attract.setProperty("elapsed", 60)  # the drift is a function of time on the attract screen
    settle(300)
    shoot("attract-1min")
    for page_id in kiosk.navigation.pageIds:
        kiosk.navigation.show(page_id)
        settle(1000)
        shoot(page_id)
    themap = kiosk.exhibit.map
    for index, layer_id in enumerate(themap.layers.column("layerId")):
        for zoom, (x, y) in ((1, (themap.width / 2, themap.height / 2)), (4, (1560, 1180))):
            kiosk.navigation.showOnMap({"layer": index, "x": x, "y": y, "zoom": zoom})
            settle(1200)
            shoot(f"map-{layer_id}-{zoom}x")
    if not args.lang:  # one page in each other language, for the README
        chosen = kiosk.language.code
        for code in kiosk.language.codes()[1:]:
            kiosk.language.choose(code)
            kiosk.navigation.show(kiosk.navigation.pageIds[1])
            settle(1000)
            shoot(f"{kiosk.navigation.pageIds[1]}-{code}")
        kiosk.language.choose(chosen)
        # the display choices, for the README's accessibility section
        from kiosk.proof import display

        kiosk.navigation.show(kiosk.navigation.pageIds[2])
        for mode in ("large", "contrast"):
            display(kiosk, mode)
            settle(1000)
            shoot(f"{kiosk.navigation.pageIds[2]}-{mode}")
        display(kiosk, "")
    kiosk.navigation.show(kiosk.navigation.pageIds[0])
    kiosk.idle.configure(0.1, 15)  # nobody touches: the warning
    settle(1200)
    shoot("idle-warning")
    kiosk.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
