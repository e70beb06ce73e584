"""Compatibility shim: the projection math now lives in :mod:`kiosk.geo`.

The app converts lon/lat to picture pixels at run time, so the standard-library
projection code moved into the app package.  ``import mapproj`` (from tools/)
still works and gives the very same functions.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

from kiosk.geo import (  # noqa: F401  (the names tools and tests use, explicitly)
    LAYERS_GEOJSON,
    MAP_JSON,
    PROJ4,
    PROJECTION,
    WGS84_A,
    WGS84_F,
    area_km2,
    densify_ring,
    features_by_id,
    geodesic_area_km2,
    load_layers,
    load_map_info,
    lonlat_to_pixel,
    pixel_to_lonlat,
    pixel_to_xy,
    point_in_area,
    point_in_polygon,
    point_in_ring,
    polygon_area_km2,
    project,
    unproject,
    xy_to_pixel,
)
