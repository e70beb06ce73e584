"""The command line: ``python tools/make_map.py [options]`` (see ``main``)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from .data import load_data
from .frame import Frame
from .history import LAYERS_NAME, MAIN_RIVERS, historic_layers, write_layers
from .painting import PNG_NAME, check_image, render, save_png
from .palette import STYLES
from .sources import map_json, sources_md

REPO = Path(__file__).resolve().parents[2]
DESCRIPTION = "Generate the exhibit's base map of the Amur region (a developer tool)."


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=DESCRIPTION)
    ap.add_argument(
        "--out", default=str(REPO / "assets" / "map"), help="output folder (default assets/map)"
    )
    ap.add_argument(
        "--width", type=int, default=3000, help="picture width in pixels (default 3000)"
    )
    ap.add_argument(
        "--colors",
        type=int,
        default=256,
        help="palette size of the PNG (default 256 keeps it ~3 MB; 0 = full colour, ~4.6 MB)",
    )
    ap.add_argument(
        "--geojson",
        action="append",
        default=[],
        help="extra GeoJSON layer to draw on top (lon/lat)",
    )
    ap.add_argument(
        "--layers-only",
        action="store_true",
        help=f"only (re)write {LAYERS_NAME} and SOURCES.md, keep the picture",
    )
    ap.add_argument(
        "--check-image",
        metavar="FILE",
        help=f"also draw {LAYERS_NAME} over the picture into FILE (to look at, not an asset)",
    )
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    frame = Frame.for_width(args.width)
    data = load_data(relief=not args.layers_only)
    png = out / PNG_NAME
    written = []
    if not args.layers_only:
        img = render(frame, data, MAIN_RIVERS, [(g, STYLES["geojson"]) for g in args.geojson])
        save_png(img, png, args.colors)
        (out / "map.json").write_text(
            json.dumps(map_json(frame), indent=2) + "\n", encoding="utf-8"
        )
        written += [png, out / "map.json"]
    elif not png.exists():
        raise SystemExit(f"--layers-only needs an existing {png}")
    sha = hashlib.sha256(png.read_bytes()).hexdigest()
    layers = historic_layers(data, frame)
    write_layers(layers, out / LAYERS_NAME)
    (out / "SOURCES.md").write_text(
        sources_md(frame, sha, bool(args.colors), layers), encoding="utf-8"
    )
    written += [out / LAYERS_NAME, out / "SOURCES.md"]
    for f in written:
        print(f"wrote {f} ({f.stat().st_size:,} bytes)")
    if args.check_image:
        check_image(png, layers, Path(args.check_image), frame)
        written.append(Path(args.check_image))
    for feat in layers["features"]:
        if "area_km2" in feat["properties"]:
            print(f"  {feat['properties']['id']}: {feat['properties']['area_km2']:,} km2")
    return 0
