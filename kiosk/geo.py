"""Map geometry for the exhibit's base map (standard library only, import-light).

The base map ``assets/map/amur-region.png`` is drawn in an Albers equal-area
conic projection on the WGS84 ellipsoid (formulas from J. P. Snyder, *Map
Projections - A Working Manual*, USGS PP 1395, 1987, pp. 98-103).  It is the
same projection as the PROJ string in ``PROJ4`` below, so GeoJSON layers can
also be prepared with any GIS.  ``assets/map/map.json`` holds the projection
parameters, the projected bounds and the size of the picture; the historic
layers (borders, ceded areas, places) are in ``assets/map/layers.geojson``
(lon/lat, WGS84), both written by ``tools/make_map.py``.

Pixel coordinates are continuous: (0, 0) is the top-left corner of the
picture, (width, height) its bottom-right corner, x grows to the right and y
downwards (Qt's convention); the centre of pixel (i, j) is (i + 0.5, j + 0.5).

    >>> from kiosk import geo
    >>> px, py = geo.lonlat_to_pixel(127.53, 50.27)   # Blagoveshchensk
    >>> lon, lat = geo.pixel_to_lonlat(px, py)

Every function works on plain floats with :mod:`math`.  The map generator
passes ``xp=NumpyMath`` (see ``tools/make_map.py``) to run the very same
formulas on numpy arrays, so the picture and the app cannot drift apart.
This module imports nothing but :mod:`math` (``json`` only when a file is
read), so the app can use it without numpy, Qt or pydantic.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

Number: TypeAlias = Any
"""A float; or, with ``xp=NumpyMath`` (tools/make_map.py), a numpy array of them."""
MapInfo: TypeAlias = dict[str, Any]
"""map.json: ``projection``, ``bounds`` and ``size``."""
LonLat: TypeAlias = Sequence[float]
"""``(lon, lat)`` in degrees (GeoJSON's ``[lon, lat]``; more numbers after them are ignored)."""

_ASSETS_MAP = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets", "map"
)
MAP_JSON = os.path.join(_ASSETS_MAP, "map.json")
LAYERS_GEOJSON = os.path.join(_ASSETS_MAP, "layers.geojson")

# WGS84 ellipsoid
WGS84_A = 6378137.0
WGS84_F = 1.0 / 298.257223563

# The projection of the base map.  tools/make_map.py writes these into map.json.
PROJECTION = {
    "type": "albers_equal_area_conic",
    "lat_1": 45.0,
    "lat_2": 55.0,
    "lat_0": 50.0,
    "lon_0": 127.5,
    "datum": "WGS84",
    "a": WGS84_A,
    "rf": 1.0 / WGS84_F,
}
PROJ4 = "+proj=aea +lat_1=45 +lat_2=55 +lat_0=50 +lon_0=127.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

_INVERSE_ITERATIONS = 12  # Snyder eq. 3-16 converges to < 1e-14 rad in ~5


class _Albers:
    """Precomputed constants of one Albers equal-area conic projection."""

    def __init__(self, params: dict[str, Any]):
        self.a = float(params.get("a", WGS84_A))
        rf = params.get("rf", 1.0 / WGS84_F)
        f = 0.0 if not rf else 1.0 / float(rf)
        self.e2 = f * (2.0 - f)
        self.e = math.sqrt(self.e2)
        self.lon_0 = float(params["lon_0"])
        phi1 = math.radians(float(params["lat_1"]))
        phi2 = math.radians(float(params["lat_2"]))
        phi0 = math.radians(float(params["lat_0"]))
        m1, m2 = self._m(phi1), self._m(phi2)
        q0, q1, q2 = self._q(math.sin(phi0)), self._q(math.sin(phi1)), self._q(math.sin(phi2))
        if abs(phi1 - phi2) < 1e-12:
            self.n = math.sin(phi1)
        else:
            self.n = (m1 * m1 - m2 * m2) / (q2 - q1)
        self.C = m1 * m1 + self.n * q1
        self.rho0 = self.a * math.sqrt(self.C - self.n * q0) / self.n
        # q at the pole, used to clamp numeric noise in the inverse
        self.q_pole = self._q(1.0)

    def _m(self, phi: float) -> float:
        s = math.sin(phi)
        return math.cos(phi) / math.sqrt(1.0 - self.e2 * s * s)

    def _q(self, sinphi: Number, xp: Any = math) -> Number:
        e, e2 = self.e, self.e2
        if e2 == 0.0:
            return 2.0 * sinphi
        return (1.0 - e2) * (
            sinphi / (1.0 - e2 * sinphi * sinphi)
            - (1.0 / (2.0 * e)) * xp.log((1.0 - e * sinphi) / (1.0 + e * sinphi))
        )

    def forward(self, lon: Number, lat: Number, xp: Any = math) -> tuple[Number, Number]:
        dlon = lon - self.lon_0
        dlon = (dlon + 180.0) % 360.0 - 180.0  # wrap to [-180, 180)
        phi = lat * (math.pi / 180.0)
        q = self._q(xp.sin(phi), xp)
        rho = self.a * xp.sqrt(self.C - self.n * q) / self.n
        theta = self.n * dlon * (math.pi / 180.0)
        return rho * xp.sin(theta), self.rho0 - rho * xp.cos(theta)

    def inverse(self, x: Number, y: Number, xp: Any = math) -> tuple[Number, Number]:
        dy = self.rho0 - y
        rho = xp.sqrt(x * x + dy * dy)
        theta = xp.atan2(x, dy)
        q = (self.C - (rho * self.n / self.a) ** 2) / self.n
        lon = self.lon_0 + theta / self.n * (180.0 / math.pi)
        if self.e2 == 0.0:
            return lon, xp.asin(q / 2.0) * (180.0 / math.pi)
        e, e2 = self.e, self.e2
        # start from the authalic latitude, then Snyder eq. 3-16 (fixed count,
        # so scalars and arrays take exactly the same path)
        phi = xp.asin(q / 2.0)
        for _ in range(_INVERSE_ITERATIONS):
            s = xp.sin(phi)
            c = xp.cos(phi)
            w = 1.0 - e2 * s * s
            phi = phi + (w * w) / (2.0 * c) * (
                q / (1.0 - e2) - s / w + (1.0 / (2.0 * e)) * xp.log((1.0 - e * s) / (1.0 + e * s))
            )
        return lon, phi * (180.0 / math.pi)


_PROJECTIONS: dict[tuple[tuple[str, float | str], ...], _Albers] = {}
_MAP_JSON: list[MapInfo] = []  # the committed map.json, once read


def _albers(params: dict[str, Any] | None) -> _Albers:
    params = PROJECTION if params is None else params
    key = tuple(sorted((k, v) for k, v in params.items() if isinstance(v, (int, float, str))))
    proj = _PROJECTIONS.get(key)
    if proj is None:
        proj = _PROJECTIONS[key] = _Albers(params)
    return proj


def project(
    lon: Number, lat: Number, params: dict[str, Any] | None = None, xp: Any = math
) -> tuple[Number, Number]:
    """Longitude/latitude in degrees -> projected (x, y) in metres.

    ``params`` is the ``projection`` object of map.json (default: ``PROJECTION``).
    """
    return _albers(params).forward(lon, lat, xp)


def unproject(
    x: Number, y: Number, params: dict[str, Any] | None = None, xp: Any = math
) -> tuple[Number, Number]:
    """Projected (x, y) in metres -> (longitude, latitude) in degrees."""
    return _albers(params).inverse(x, y, xp)


def load_json(path: str) -> dict[str, Any]:
    import json  # only here: keeps "import kiosk.geo" cheap

    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
        return data


def load_map_info(path: str | os.PathLike[str] | None = None) -> MapInfo:
    """Read ``map.json`` (default: the committed ``assets/map/map.json``)."""
    return load_json(MAP_JSON if path is None else os.fspath(path))


def load_layers(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read the historic layers (default: the committed ``assets/map/layers.geojson``).

    Returns the GeoJSON FeatureCollection as a dict; ``features_by_id()``
    indexes it by ``properties.id``.
    """
    return load_json(LAYERS_GEOJSON if path is None else os.fspath(path))


def features_by_id(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{properties.id: feature}`` of a FeatureCollection."""
    return {f["properties"]["id"]: f for f in collection["features"]}


def _info(info: MapInfo | None) -> MapInfo:
    if info is None:
        if not _MAP_JSON:
            _MAP_JSON.append(load_map_info())
        info = _MAP_JSON[0]
    return info


def xy_to_pixel(x: Number, y: Number, info: MapInfo) -> tuple[Number, Number]:
    b, size = info["bounds"], info["size"]
    px = (x - b["x_min"]) / (b["x_max"] - b["x_min"]) * size["width"]
    py = (b["y_max"] - y) / (b["y_max"] - b["y_min"]) * size["height"]
    return px, py


def pixel_to_xy(px: Number, py: Number, info: MapInfo) -> tuple[Number, Number]:
    b, size = info["bounds"], info["size"]
    x = b["x_min"] + px / size["width"] * (b["x_max"] - b["x_min"])
    y = b["y_max"] - py / size["height"] * (b["y_max"] - b["y_min"])
    return x, y


def lonlat_to_pixel(
    lon: Number, lat: Number, info: MapInfo | None = None, xp: Any = math
) -> tuple[Number, Number]:
    """Longitude/latitude in degrees -> pixel (x, y) in the base-map picture.

    ``info`` is the content of map.json (default: the committed one).
    """
    info = _info(info)
    x, y = project(lon, lat, info["projection"], xp)
    return xy_to_pixel(x, y, info)


def pixel_projector(info: MapInfo | None = None) -> Callable[[float, float], tuple[float, float]]:
    """``lonlat_to_pixel`` for many points of one map (scalars only), with the projection's
    constants looked up once: the same operations in the same order (the same pixels), a
    third of the time."""
    info = _info(info)
    p = _albers(info["projection"])
    b, size = info["bounds"], info["size"]
    lon_0, a, n, C, rho0, e, e2 = p.lon_0, p.a, p.n, p.C, p.rho0, p.e, p.e2
    x_min, y_max = b["x_min"], b["y_max"]
    dx, dy = b["x_max"] - b["x_min"], b["y_max"] - b["y_min"]
    w, h = size["width"], size["height"]
    sin, cos, sqrt, log = math.sin, math.cos, math.sqrt, math.log
    rad = math.pi / 180.0
    half_e = 1.0 / (2.0 * e) if e2 else 0.0

    def to_pixel(lon: float, lat: float) -> tuple[float, float]:
        dlon = lon - lon_0
        dlon = (dlon + 180.0) % 360.0 - 180.0
        s = sin(lat * rad)
        if e2 == 0.0:
            q = 2.0 * s
        else:
            q = (1.0 - e2) * (s / (1.0 - e2 * s * s) - half_e * log((1.0 - e * s) / (1.0 + e * s)))
        rho = a * sqrt(C - n * q) / n
        theta = n * dlon * rad
        return (rho * sin(theta) - x_min) / dx * w, (y_max - (rho0 - rho * cos(theta))) / dy * h

    return to_pixel


def pixel_to_lonlat(
    px: Number, py: Number, info: MapInfo | None = None, xp: Any = math
) -> tuple[Number, Number]:
    """Pixel (x, y) in the base-map picture -> longitude/latitude in degrees."""
    info = _info(info)
    x, y = pixel_to_xy(px, py, info)
    return unproject(x, y, info["projection"], xp)


# ------------------------------------------------------------------ areas --
def densify_ring(ring: Sequence[LonLat], step_deg: float = 0.05) -> list[tuple[float, float]]:
    """Insert points so no edge of the lon/lat ring spans more than step_deg
    in longitude or latitude.  GeoJSON edges are straight in lon/lat (RFC 7946);
    densified, they stay so after projection instead of cutting corners."""
    pts = [(float(p[0]), float(p[1])) for p in ring]
    if len(pts) < 2:
        return pts
    out = [pts[0]]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        n = max(1, int(math.ceil(max(abs(x1 - x0), abs(y1 - y0)) / step_deg)))
        for k in range(1, n + 1):
            t = k / n
            out.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    return out


def geodesic_area_km2(
    ring: Sequence[LonLat], params: dict[str, Any] | None = None, step_deg: float = 0.05
) -> float:
    """Area in km2 on the ellipsoid of a lon/lat polygon ring (either orientation).

    The ring (a sequence of (lon, lat) in degrees, closed or not) is
    densified (see ``densify_ring``) and projected with the equal-area Albers
    projection of ``params`` (default: the base map's, WGS84); the planar
    shoelace area there is the ellipsoidal area of the densified ring, since
    the projection preserves areas.  The ring must not cross the antimeridian
    of ``params["lon_0"]`` (for the base map: 52.5 W).  For a GeoJSON polygon
    with holes, subtract the holes' areas.
    """
    pts = list(ring)
    if len(pts) < 3:
        return 0.0
    if tuple(pts[0][:2]) != tuple(pts[-1][:2]):
        pts.append(pts[0])
    proj = _albers(params)
    xy = [proj.forward(lon, lat) for lon, lat in densify_ring(pts, step_deg)]
    twice = 0.0
    x0, y0 = xy[0]
    for (xa, ya), (xb, yb) in zip(xy, xy[1:]):
        twice += (xa - x0) * (yb - y0) - (xb - x0) * (ya - y0)
    return abs(twice) / 2.0 / 1e6


def polygon_area_km2(
    polygon: Sequence[Sequence[LonLat]], params: dict[str, Any] | None = None
) -> float:
    """Area in km2 of GeoJSON Polygon coordinates (outer ring minus holes)."""
    outer, *holes = polygon
    return geodesic_area_km2(outer, params) - sum(geodesic_area_km2(h, params) for h in holes)


def point_in_ring(lon: float, lat: float, ring: Sequence[LonLat]) -> bool:
    """Even-odd test in lon/lat: is the point inside the ring?"""
    inside = False
    n = len(ring)
    for i in range(n):
        x0, y0 = ring[i - 1][0], ring[i - 1][1]
        x1, y1 = ring[i][0], ring[i][1]
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def point_in_polygon(lon: float, lat: float, polygon: Sequence[Sequence[LonLat]]) -> bool:
    """Is the point inside GeoJSON Polygon coordinates (outer ring, not in a hole)?"""
    outer, *holes = polygon
    return point_in_ring(lon, lat, outer) and not any(point_in_ring(lon, lat, h) for h in holes)


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"not an area: {geometry['type']}")


def area_km2(geometry: dict[str, Any], params: dict[str, Any] | None = None) -> float:
    """Area in km2 of a GeoJSON Polygon or MultiPolygon geometry."""
    return sum(polygon_area_km2(poly, params) for poly in _polygons(geometry))


def point_in_area(lon: float, lat: float, geometry: dict[str, Any]) -> bool:
    """Is the point inside a GeoJSON Polygon or MultiPolygon geometry?"""
    return any(point_in_polygon(lon, lat, poly) for poly in _polygons(geometry))
