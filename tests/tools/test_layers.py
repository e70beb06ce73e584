"""The historic layers (assets/map/layers.geojson, written by tools/make_map.py).

Standard library only (plus kiosk.geo): needs neither numpy nor basemap-data nor Qt.
"""

import json
import math
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAP_DIR = REPO / "assets" / "map"
if str(REPO) not in sys.path:  # kiosk/ without installing the app
    sys.path.insert(0, str(REPO))

from kiosk import geo  # noqa: E402 (after the path)

EXPECTED = {
    "border-1689": ("border", {"LineString", "MultiLineString"}),
    "undetermined-1689": ("area", {"Polygon"}),
    "ceded-1858": ("area", {"Polygon", "MultiPolygon"}),
    "border-1858": ("border", {"LineString"}),
    "joint-1858": ("area", {"Polygon", "MultiPolygon"}),
    "border-1860": ("border", {"LineString"}),
    "qing-1689": ("area", {"MultiPolygon"}),  # the same land, by owner (see test_styles)
    "russian-1860": ("area", {"MultiPolygon"}),
    "aigun": ("place", {"Point"}),
    "blagoveshchensk": ("place", {"Point"}),
    "nerchinsk": ("place", {"Point"}),
    "khabarovsk": ("place", {"Point"}),
    "vladivostok": ("place", {"Point"}),
    "sixty-four-villages": ("place", {"Point"}),
}


@pytest.fixture(scope="module")
def layers():
    return json.loads((MAP_DIR / "layers.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_id(layers):
    return geo.features_by_id(layers)


@pytest.fixture(scope="module")
def info():
    return json.loads((MAP_DIR / "map.json").read_text(encoding="utf-8"))


def _lines(geometry):
    """Every line or ring of a geometry, as lists of [lon, lat]."""
    t, c = geometry["type"], geometry["coordinates"]
    if t == "Point":
        return [[c]]
    if t in ("LineString",):
        return [c]
    if t in ("MultiLineString", "Polygon"):
        return list(c)
    if t == "MultiPolygon":
        return [r for poly in c for r in poly]
    raise AssertionError(f"unexpected geometry {t}")


def test_is_an_rfc7946_feature_collection(layers):
    assert layers["type"] == "FeatureCollection"
    ids = [f["properties"]["id"] for f in layers["features"]]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for f in layers["features"]:
        assert f["type"] == "Feature"
        assert "crs" not in layers and "crs" not in f  # RFC 7946: always WGS84 lon/lat
        for line in _lines(f["geometry"]):
            for p in line:
                assert len(p) == 2
                assert p == [round(p[0], 4), round(p[1], 4)], "coordinates are kept to 4 decimals"


@pytest.mark.parametrize("fid", sorted(EXPECTED))
def test_every_layer_is_there(by_id, fid):
    kind, types = EXPECTED[fid]
    assert fid in by_id, f"{fid} is missing"
    f = by_id[fid]
    assert f["properties"]["kind"] == kind
    assert f["geometry"]["type"] in types


AREAS = ["undetermined-1689", "ceded-1858", "joint-1858"]


def _mainland(by_id, fid):
    """The area's mainland ring (the first polygon; islands follow it)."""
    g = by_id[fid]["geometry"]
    return (g["coordinates"] if g["type"] == "Polygon" else g["coordinates"][0])[0]


def _rings(by_id, fid):
    g = by_id[fid]["geometry"]
    return [
        poly[0] for poly in ([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])
    ]


@pytest.mark.parametrize("fid", AREAS)
def test_polygons_are_closed_and_counterclockwise(by_id, fid):
    assert len(_mainland(by_id, fid)) > 100
    for ring in _rings(by_id, fid):
        assert ring[0] == ring[-1] and len(ring) >= 4
        twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
        assert twice > 0, f"{fid}: RFC 7946 wants the exterior ring counterclockwise"


def _segments_cross(p, q, r, s):
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = orient(r, s, p), orient(r, s, q), orient(p, q, r), orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


@pytest.mark.parametrize("fid", AREAS)
def test_polygon_rings_are_simple(by_id, fid):
    """No edge crosses another (a grid of 0.25 degree cells keeps this fast)."""
    ring = _mainland(by_id, fid)
    cells: dict = {}
    segs = list(zip(ring, ring[1:]))
    for k, (a, b) in enumerate(segs):
        for gx in range(int(min(a[0], b[0]) // 0.25), int(max(a[0], b[0]) // 0.25) + 1):
            for gy in range(int(min(a[1], b[1]) // 0.25), int(max(a[1], b[1]) // 0.25) + 1):
                cells.setdefault((gx, gy), []).append(k)
    crossings = set()
    for ks in cells.values():
        for i in range(len(ks)):
            for j in range(i + 1, len(ks)):
                a, b = segs[ks[i]], segs[ks[j]]
                if abs(ks[i] - ks[j]) > 1 and _segments_cross(*a, *b):
                    crossings.add((ks[i], ks[j]))
    assert not crossings, f"{fid} crosses itself at {sorted(crossings)[:5]}"


@pytest.mark.parametrize("fid", AREAS)
def test_area_property_matches_the_geometry(by_id, fid):
    f = by_id[fid]
    stored = f["properties"]["area_km2"]
    assert isinstance(stored, int)
    assert geo.area_km2(f["geometry"]) == pytest.approx(stored, rel=0.005)


def test_ceded_area_is_about_600000_km2(by_id):
    """The source: "Russia received over 600,000 square kilometres" in 1858.

    ceded-1858 is the Qing land north of the Amur: between the Amur and the Amur
    basin's own divide.  The Uda valley beyond that divide is not in it: the
    Treaty of Nerchinsk (1689) left "the lands between the Uda and the mountains"
    undetermined, and Russia had held the Uda since 1679 (Udskoy ostrog), so that
    land was never Qing land and the Qing could not cede it in 1858.  Counting it
    (as the map once did, 690,101 km2) falls outside the band below.  The band
    (600,000 -10 % / +10 %) leaves room for the approximate watershed.
    """
    area = by_id["ceded-1858"]["properties"]["area_km2"]
    assert 540_000 <= area <= 660_000
    assert geo.area_km2(by_id["ceded-1858"]["geometry"]) == pytest.approx(area, rel=0.005)
    undetermined = by_id["undetermined-1689"]["properties"]["area_km2"]
    assert 50_000 < undetermined < 100_000


def test_ceded_and_joint_areas(by_id):
    """The jointly run land of 1858 (Russian from 1860) is about 310,000 km2 on the map.

    The usual "more than one million km2" lost in 1858-1860 is ~600,000 (1858)
    + ~400,000 (1860); the 400,000 is commonly said to include Sakhalin (~76,000
    km2), which is in neither polygon (neither treaty names it), so the mapped
    total stays under a million (about 920,000 km2).
    """
    ceded = by_id["ceded-1858"]["properties"]["area_km2"]
    joint = by_id["joint-1858"]["properties"]["area_km2"]
    assert 290_000 <= joint <= 330_000
    assert geo.area_km2(by_id["joint-1858"]["geometry"]) == pytest.approx(joint, rel=0.005)
    assert 850_000 < ceded + joint < 1_000_000


def test_islands_go_with_their_coast_but_sakhalin_with_neither(by_id):
    ceded, joint = by_id["ceded-1858"]["geometry"], by_id["joint-1858"]["geometry"]
    assert geo.point_in_area(137.6, 55.0, ceded)  # Bolshoy Shantar
    assert geo.point_in_area(131.83, 43.03, joint)  # Russky Island, off Vladivostok
    # every island of an area lies off its own coast: none off Korea, south-west of the Tumen
    assert all(ring[0][0] > 130.7 for ring in _rings(by_id, "joint-1858")[1:])
    for lon, lat in [(142.7, 50.0), (142.9, 53.0), (142.5, 47.0)]:  # Sakhalin, north to south
        assert not geo.point_in_area(lon, lat, ceded) and not geo.point_in_area(lon, lat, joint)


def test_the_undetermined_land_is_the_uda_valley_outside_the_ceded_land(by_id):
    """The Uda valley (left undetermined in 1689, held by Russia since 1679) was not
    Qing land, so it is not part of the land ceded in 1858: the two areas meet along
    the Amur basin's own divide and do not overlap."""
    undetermined = by_id["undetermined-1689"]["geometry"]
    ceded = by_id["ceded-1858"]["geometry"]
    assert geo.point_in_area(
        133.0, 54.5, undetermined
    )  # on the Uda (Udskoye, 54.5 N 134.4 E, is near)
    assert not geo.point_in_area(133.0, 54.5, ceded)
    for fid in ("blagoveshchensk", "aigun", "nerchinsk"):
        assert not geo.point_in_area(*_point(by_id, fid), undetermined), fid
    # no overlap: of a grid of 1/8 degree over the valley (points off the grid of the
    # 4-decimal vertices), no point inside it is inside the ceded land
    ring = _mainland(by_id, "undetermined-1689")
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    grid = [
        (min(lons) + 0.0617 + i / 8, min(lats) + 0.0583 + j / 8)
        for i in range(int((max(lons) - min(lons)) * 8) + 1)
        for j in range(int((max(lats) - min(lats)) * 8) + 1)
    ]
    inside = [p for p in grid if geo.point_in_area(*p, undetermined)]
    assert len(inside) > 300  # ~78,000 km2 at ~120 km2 a point
    overlap = [p for p in inside if geo.point_in_area(*p, ceded)]
    assert not overlap, (
        f"{len(overlap)} of {len(inside)} points of the Uda valley are in ceded-1858, e.g. {overlap[:3]}"
    )
    # they share the divide: the same vertices, so the app's fills meet exactly
    shared = {tuple(p) for p in ring} & {tuple(p) for p in _mainland(by_id, "ceded-1858")}
    assert len(shared) > 20


def test_every_coordinate_is_inside_the_picture(layers, info):
    w, h = info["size"]["width"], info["size"]["height"]
    for f in layers["features"]:
        for line in _lines(f["geometry"]):
            for lon, lat in line:
                px, py = geo.lonlat_to_pixel(lon, lat, info)
                assert 0 <= px <= w and 0 <= py <= h, (f["properties"]["id"], lon, lat)


def _point(by_id, fid):
    return by_id[fid]["geometry"]["coordinates"]


def test_places_are_on_the_right_bank(by_id):
    ceded = by_id["ceded-1858"]["geometry"]
    joint = by_id["joint-1858"]["geometry"]
    # the left (north) bank of the Amur went to Russia in 1858
    for fid in ("blagoveshchensk", "sixty-four-villages"):
        assert geo.point_in_area(*_point(by_id, fid), ceded), fid
    # Aigun, where the treaty was signed, is on the right (south) bank: it stayed Chinese
    assert not geo.point_in_area(*_point(by_id, "aigun"), ceded)
    assert not geo.point_in_area(*_point(by_id, "aigun"), joint)
    # Khabarovsk (right bank, east of the Ussuri) and Vladivostok were in the jointly run land
    for fid in ("khabarovsk", "vladivostok"):
        assert geo.point_in_area(*_point(by_id, fid), joint), fid
        assert not geo.point_in_area(*_point(by_id, fid), ceded), fid
    # Nerchinsk was Russian before 1858: in neither
    for poly in (ceded, joint):
        assert not geo.point_in_area(*_point(by_id, "nerchinsk"), poly)


def test_aigun_faces_blagoveshchensk_across_the_amur(by_id):
    """Aigun lies some 30 km downstream of Blagoveshchensk; Blagoveshchensk and the
    Sixty-Four Villages are on the north/east bank (checked above)."""
    (alon, alat), (blon, blat) = _point(by_id, "aigun"), _point(by_id, "blagoveshchensk")
    ax, ay = geo.project(alon, alat)
    bx, by = geo.project(blon, blat)
    assert 20 < math.hypot(ax - bx, ay - by) / 1000 < 45


def test_borders_share_the_rivers(by_id):
    """The 1858 border is the Amur of the polygons: the same vertices, so the
    app's lines and fills meet exactly."""
    amur = by_id["border-1858"]["geometry"]["coordinates"]
    ceded = {tuple(p) for p in _mainland(by_id, "ceded-1858")}
    assert all(tuple(p) in ceded for p in amur)
    b1860 = by_id["border-1860"]["geometry"]["coordinates"]
    assert b1860[: len(amur)] == amur  # 1860: the Amur, then the Ussuri ...
    joint = {tuple(p) for p in _mainland(by_id, "joint-1858")}
    rest = b1860[len(amur) - 1 :]
    assert all(tuple(p) in joint for p in rest)  # ... which bounds the jointly run land
    # the 1689 line (the Stanovoy) meets the sea north-east of the Uda's mouth (54.7 N 135.3 E)
    lon, lat = by_id["border-1689"]["geometry"]["coordinates"][-1]
    assert 135.3 < lon < 138.0 and 54.8 < lat < 56.5
    # it bounds the land of 1858 up to where the Uda valley begins, then the valley
    b1689 = [tuple(p) for p in by_id["border-1689"]["geometry"]["coordinates"]]
    ceded = {tuple(p) for p in _mainland(by_id, "ceded-1858")}
    undetermined = {tuple(q) for q in _mainland(by_id, "undetermined-1689")}
    in_ceded = [p in ceded for p in b1689]
    first = in_ceded.index(True)  # after the Argun: the Shilka, the Gorbitsa, the range ...
    fork = max(
        k for k, v in enumerate(in_ceded) if v
    )  # ... to where the Amur's own divide leaves it
    assert first > 10 and all(in_ceded[first : fork + 1])
    assert len(b1689) - fork > 20 and all(
        p in undetermined for p in b1689[fork:]
    )  # round the Uda valley
    # and starts on the Argun
    lon, lat = by_id["border-1689"]["geometry"]["coordinates"][0]
    assert 117.0 < lon < 119.0 and 49.0 < lat < 50.5


def test_file_stays_small():
    assert (MAP_DIR / "layers.geojson").stat().st_size < 300_000


# ------------------------------------------------------------ kiosk.geo --
def _cell_area_km2(lon0, lat0, lon1, lat1):
    """Closed form: area of a lon/lat cell on the WGS84 ellipsoid."""
    a, f = geo.WGS84_A, geo.WGS84_F
    e2 = f * (2 - f)
    e = math.sqrt(e2)

    def zone(lat):  # area from the equator to lat over 1 radian of longitude, / a^2
        s = math.sin(math.radians(lat))
        return (1 - e2) / 2 * (s / (1 - e2 * s * s) + math.atanh(e * s) / e)

    return math.radians(lon1 - lon0) * a * a * (zone(lat1) - zone(lat0)) / 1e6


def test_geodesic_area_of_a_degree_cell_at_the_equator():
    cell = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    assert geo.geodesic_area_km2(cell) == pytest.approx(12_308.46, abs=0.1)
    assert geo.geodesic_area_km2(cell) == pytest.approx(_cell_area_km2(0, 0, 1, 1), rel=1e-6)


@pytest.mark.parametrize(
    "cell", [(127, 50, 128, 51), (110, 40, 145, 60), (120.5, 44.25, 121, 44.5), (-10, -30, 10, -20)]
)
def test_geodesic_area_matches_the_closed_form(cell):
    lon0, lat0, lon1, lat1 = cell
    ring = [(lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1)]
    exact = _cell_area_km2(*cell)
    assert geo.geodesic_area_km2(ring) == pytest.approx(exact, rel=1e-6)
    assert geo.geodesic_area_km2(ring[::-1]) == pytest.approx(exact, rel=1e-6)  # either orientation
    # without densification the long parallels would cut corners
    assert abs(geo.geodesic_area_km2(ring, step_deg=90) - exact) > abs(
        geo.geodesic_area_km2(ring) - exact
    )


def test_geodesic_area_on_a_sphere_matches_the_spherical_zone():
    """With a sphere (rf = 0) the area of a band is 2 pi R^2 (sin lat1 - sin lat0) / 360 per degree."""
    sphere = dict(geo.PROJECTION, a=6_371_000.0, rf=0)
    ring = [(120, 45), (130, 45), (130, 55), (120, 55)]
    r = 6371.0
    exact = (
        2 * math.pi * r * r * (math.sin(math.radians(55)) - math.sin(math.radians(45))) * 10 / 360
    )
    assert geo.geodesic_area_km2(ring, sphere) == pytest.approx(exact, rel=1e-6)


def test_point_in_polygon():
    square = [
        [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
        [[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 1], [0.5, 0.5]],
    ]
    assert geo.point_in_polygon(1.5, 1.5, square)
    assert not geo.point_in_polygon(0.75, 0.75, square)  # in the hole
    assert not geo.point_in_polygon(3, 1, square)
