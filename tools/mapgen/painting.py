"""Drawing the picture with QPainter: sea, land, lakes, borders, rivers; the PNG.

Layers are drawn by small functions (``draw_*``) in ``render()``; a GeoJSON
layer can be drawn over it with ``draw_geojson()`` and a ``Style`` (see
``--geojson``).  ``check_image`` draws layers.geojson over the finished picture
for a look (``--check-image``; not an asset).  PySide6 is imported where it is
used, so the rest of the package loads without Qt.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np

from kiosk.geo import lonlat_to_pixel

from .frame import Frame
from .palette import CHECK_STYLES, PALETTE, STYLES, Style
from .raster import array_to_qimage, quantize, relief_layers
from .rivers import classify_rivers

PNG_NAME = "amur-region.png"
MIN_LAKE_KM2 = 25.0  # smaller lakes would be specks
MIN_ISLAND_KM2 = 1.0


def _qcolor(rgb, alpha=1.0):
    from PySide6.QtGui import QColor

    c = QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]))
    c.setAlphaF(float(alpha))
    return c


def _pen(style: Style, frame: Frame):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPen

    pen = QPen(_qcolor(style.color, style.alpha))
    pen.setWidthF(style.width * frame.scale)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if style.cap == "round" else Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if style.dash:
        pen.setDashPattern(list(style.dash))
    return pen


def _polygon(frame: Frame, lonlat: np.ndarray):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPolygonF

    px = frame.to_px(lonlat)
    return QPolygonF([QPointF(float(u), float(v)) for u, v in px])


def _path(frame: Frame, rings, closed: bool):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        poly = _polygon(frame, ring)
        if closed:
            path.addPolygon(poly)
            path.closeSubpath()
        else:
            path.moveTo(poly[0])
            for k in range(1, len(poly)):
                path.lineTo(poly[k])
    return path


def draw_lines(painter, frame: Frame, lines, style: Style):
    """Stroke lon/lat polylines with one style (in one path: no overdraw at joints)."""
    from PySide6.QtCore import Qt

    if not lines:
        return
    painter.setPen(_pen(style, frame))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_path(frame, lines, closed=False))


def draw_polygons(painter, frame: Frame, rings, brush, outline: Style | None = None):
    from PySide6.QtCore import Qt

    if not rings:
        return
    painter.setPen(_pen(outline, frame) if outline else Qt.PenStyle.NoPen)
    painter.setBrush(brush)
    painter.drawPath(_path(frame, rings, closed=True))


def draw_sea(painter, frame: Frame, sea_img):
    painter.drawImage(0, 0, sea_img)


def draw_land_and_lakes(painter, frame: Frame, shapes, land_img):
    """GSHHG levels drawn in order: land, lakes, islands in lakes, ponds."""
    from PySide6.QtGui import QBrush

    land_brush = QBrush(land_img)
    lake_brush = QBrush(_qcolor(PALETTE["lake"]))
    lands = [a for t, area, _i, a in shapes if t == 1 and area >= MIN_ISLAND_KM2]
    lakes = [a for t, area, _i, a in shapes if t == 2 and area >= MIN_LAKE_KM2]
    isles = [a for t, area, _i, a in shapes if t == 3 and area >= MIN_ISLAND_KM2]
    ponds = [a for t, area, _i, a in shapes if t == 4 and area >= MIN_LAKE_KM2]
    # each polygon alone: GSHHG land polygons may touch, an even-odd union would punch holes
    for ring in lands:
        draw_polygons(painter, frame, [ring], land_brush)
    for ring in lands:
        draw_polygons(painter, frame, [ring], _no_brush(), STYLES["coast"])
    for ring in lakes:
        draw_polygons(painter, frame, [ring], lake_brush, STYLES["lake_edge"])
    for ring in isles:
        draw_polygons(painter, frame, [ring], land_brush, STYLES["lake_edge"])
    for ring in ponds:
        draw_polygons(painter, frame, [ring], lake_brush, STYLES["lake_edge"])


def _no_brush():
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush

    return QBrush(Qt.BrushStyle.NoBrush)


def draw_borders(painter, frame: Frame, borders):
    draw_lines(painter, frame, borders, STYLES["border_band"])
    draw_lines(painter, frame, borders, STYLES["border"])


def draw_rivers(painter, frame: Frame, main, others):
    for level in ("minor", "medium", "main", "amur"):
        draw_lines(painter, frame, [a for st, a in others if st == level], STYLES[level])
        draw_lines(
            painter,
            frame,
            [c for _n, st, pieces in main if st == level for c in pieces],
            STYLES[level],
        )


def densify(lonlat: np.ndarray, step_deg: float = 0.05) -> np.ndarray:
    """Insert points so no segment is longer than step_deg (lines between
    far-apart vertices then follow lon/lat lines, curved in the projection)."""
    if len(lonlat) < 2:
        return lonlat
    out = [lonlat[:1]]
    for a, b in zip(lonlat[:-1], lonlat[1:]):
        n = max(1, int(math.ceil(float(np.abs(b - a).max()) / step_deg)))
        t = (np.arange(1, n + 1, dtype=np.float64) / n)[:, None]
        out.append(a + (b - a) * t)
    return np.vstack(out)


def draw_geojson(
    painter, frame: Frame, geojson: dict | str | Path, style: Style = STYLES["geojson"]
):
    """Draw a GeoJSON FeatureCollection/Feature/geometry in lon/lat (WGS84).

    Lines are stroked, polygons filled with style.fill (if any) and outlined;
    long segments are densified (see densify()).
    """
    from PySide6.QtGui import QBrush

    if not isinstance(geojson, dict):
        geojson = json.loads(Path(geojson).read_text(encoding="utf-8"))
    geoms = []

    def collect(obj):
        t = obj.get("type")
        if t == "FeatureCollection":
            for f in obj["features"]:
                collect(f)
        elif t == "Feature":
            if obj.get("geometry"):
                collect(obj["geometry"])
        elif t == "GeometryCollection":
            for g in obj["geometries"]:
                collect(g)
        else:
            geoms.append(obj)

    collect(geojson)

    def arr(coords):
        return densify(np.asarray(coords, dtype=np.float64)[:, :2])

    for g in geoms:
        t, c = g["type"], g["coordinates"]
        if t == "LineString":
            draw_lines(painter, frame, [arr(c)], style)
        elif t == "MultiLineString":
            draw_lines(painter, frame, [arr(x) for x in c], style)
        elif t in ("Polygon", "MultiPolygon"):
            polys = [c] if t == "Polygon" else c
            brush = QBrush(_qcolor(style.fill, style.fill_alpha)) if style.fill else _no_brush()
            for poly in polys:
                draw_polygons(painter, frame, [arr(r) for r in poly], brush, style)


def check_image(png: Path, layers: dict, out: Path, frame: Frame) -> None:
    """The picture with the layers drawn over it (areas, borders, places), to look at."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    img = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    feats = {f["properties"]["id"]: f for f in layers["features"]}
    for fid, style in CHECK_STYLES.items():
        draw_geojson(p, frame, feats[fid], style)
    p.setFont(QFont("sans", int(14 * frame.scale) or 1))
    for f in layers["features"]:
        if f["geometry"]["type"] == "Point":
            x, y = lonlat_to_pixel(*f["geometry"]["coordinates"], frame.info)
            p.setPen(QPen(QColor(0, 0, 0), 2.0))
            p.setBrush(QColor(255, 255, 255))
            p.drawEllipse(QPointF(x, y), 5 * frame.scale, 5 * frame.scale)
            p.drawText(QPointF(x + 8 * frame.scale, y - 6 * frame.scale), f["properties"]["id"])
    p.end()
    img.save(str(out))


def render(frame: Frame, data: dict, main_rivers, geojson_layers=()):
    """Draw all layers; returns an RGB32 QImage.  ``main_rivers``: see classify_rivers()."""
    from PySide6.QtGui import QImage, QPainter

    land_rgb, sea_rgb = relief_layers(frame, data["relief"])
    land_img, sea_img = array_to_qimage(land_rgb), array_to_qimage(sea_rgb)
    del land_rgb, sea_rgb
    main, others = classify_rivers(data["rivers"], frame, main_rivers)

    img = QImage(frame.width, frame.height, QImage.Format.Format_RGB32)
    img.fill(_qcolor(PALETTE["sea_deep"]))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    draw_sea(p, frame, sea_img)
    draw_land_and_lakes(p, frame, data["shapes"], land_img)
    draw_borders(p, frame, data["borders"])
    draw_rivers(p, frame, main, others)
    for path, style in geojson_layers:
        draw_geojson(p, frame, path, style)
    p.end()
    return img


def save_png(img, path: Path, colors: int = 0) -> None:
    """Write a PNG; with colors > 0 the picture is reduced to a palette first."""
    if colors:
        img = quantize(img, colors)
    tmp = path.with_suffix(".tmp.png")
    if not img.save(str(tmp), "PNG", 0):  # quality 0 = strongest zlib compression
        raise SystemExit(f"could not write {tmp}")
    os.replace(tmp, path)
