"""The picture's frame: its rectangle in the projection and its size in pixels.

The projection maths is ``kiosk/geo.py`` (standard library only, shared with
the app); ``NumpyMath`` lets the very same functions run on numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kiosk import geo  # the app's stdlib-only projection module
from kiosk.geo import lonlat_to_pixel, pixel_to_lonlat, project, unproject

# The picture's rectangle in projected metres (Albers, see geo.PROJECTION).
# It covers 110-145 E x 40-60 N: the west edge runs through Lake Baikal, the
# east edge through Hokkaido / the Kuril strait, the south edge through the
# north of Korea (39.9 N on the central meridian), the north edge past the
# Okhotsk coast.  3000 km x 2400 km, i.e. 1 km per pixel at --width 3000.
BOUNDS = {"x_min": -1_500_000.0, "x_max": 1_500_000.0, "y_min": -1_160_000.0, "y_max": 1_240_000.0}


class NumpyMath:
    """The functions kiosk.geo needs, for numpy arrays."""

    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    sqrt = staticmethod(np.sqrt)
    log = staticmethod(np.log)
    atan2 = staticmethod(np.arctan2)
    asin = staticmethod(np.arcsin)


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


# projected kilometres: the unit of the river graph, the watershed grid and the island rule
def to_km(lonlat: np.ndarray) -> np.ndarray:
    x, y = project(lonlat[:, 0], lonlat[:, 1], xp=NumpyMath)
    return np.column_stack([x, y]) / 1000.0


def from_km(xy: np.ndarray) -> np.ndarray:
    lon, lat = unproject(xy[:, 0] * 1000.0, xy[:, 1] * 1000.0, xp=NumpyMath)
    return np.column_stack([lon, lat])
