"""The map page's data: the picture's projection (map.json) and the historic layers
(layers.geojson), checked and projected to picture pixels once, when content is loaded.
No Qt: the result is plain data for the :class:`~kiosk.content.snapshot.Snapshot`.

The map files are read with limits set before any work is done (their size, how many
numbers, lists and texts they hold), then checked value by value - a map file that passes
can be drawn.  A problem in one of them is reported at the line of content.yaml that
names the file, saying what is wrong in the file."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeAlias, TypeGuard, TypeVar

from kiosk import geo

from . import safeio
from .issues import Issue, Loc, did_you_mean
from .types import XY, Feature, HotspotXY, MapData, MapStyle, PointXY
from .yamlload import Positions

MAX_MAP_JSON_BYTES = 1024 * 1024  # map.json is a few lines
MAX_LAYERS_BYTES = 4 * 1024 * 1024  # 100,000 points written with 4 decimals take about 2 MB
MAX_FEATURES = 200  # borders, areas and places in the layers file
MAX_POINTS = 100_000  # points of every line and area together (the kiosk draws them all; the exhibit has 2,714)
MAX_TEXTS = 50_000  # texts ("...") in the layers file
MAX_PICTURE_PX = 30_000  # map.json's picture width and height
GEOMETRIES = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}
REGENERATE = "regenerate it with tools/make_map.py"
STYLE_KEYS = ("stroke", "fill", "hatch", "dash")
_RGB = re.compile(r"#[0-9A-Fa-f]{6}")
_RGBA = re.compile(r"#[0-9A-Fa-f]{8}")  # (as CSS writes it: the alpha last, not first as Qt)

_T = TypeVar("_T")


class MapFileProblem(Exception):
    """What is wrong with a map file, in words that follow its name."""


def _number(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _shown(v: Any) -> str:
    text = json.dumps(v) if isinstance(v, (str, int, float, bool, type(None))) else type(v).__name__
    return text if len(text) <= 30 else text[:27] + "..."


def load_json(path: Path, limit: int, max_points: int = 1_000) -> tuple[Any, str]:
    """A map file's JSON and its stamp; :class:`MapFileProblem` or :class:`OSError`."""
    raw, info = safeio.read_file(path, limit)
    if raw.count(b"[") + raw.count(b"{") > 2 * max_points + 10 * MAX_FEATURES + 1_000:
        raise MapFileProblem(
            f"has more than {max_points:,} points; the kiosk draws at most {max_points:,} "
            "points in all - simplify the shapes"
        )
    if raw.count(b'"') > 2 * MAX_TEXTS:
        raise MapFileProblem(f"holds more than {MAX_TEXTS:,} texts: is it a map file?")
    count = 0

    def number(kind: Callable[[str], int]) -> Callable[[str], int]:
        def parse(text: str) -> int:
            nonlocal count
            count += 1
            if count > 3 * max_points + 10 * MAX_FEATURES + 1_000:
                raise MapFileProblem(
                    f"has more than {max_points:,} points; the kiosk draws at most "
                    f"{max_points:,} points in all - simplify the shapes"
                )
            if len(text) > 40:
                raise MapFileProblem(f"has a number {len(text):,} digits long; {REGENERATE}")
            return kind(text)

        return parse

    def constant(name: str) -> NoReturn:
        raise MapFileProblem(
            f"has {name} where a number belongs (JSON has no {name}); {REGENERATE}"
        )

    try:
        text = bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MapFileProblem(f"is not UTF-8 text (byte {e.start:,}); {REGENERATE}") from None
    try:
        # (floats are left to json: the size limit bounds them; a hook for each costs time)
        data = json.loads(text, parse_int=number(int), parse_constant=constant)
    except json.JSONDecodeError as e:
        raise MapFileProblem(
            f"is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}); {REGENERATE}"
        ) from None
    except RecursionError:
        raise MapFileProblem(f"is nested too deeply to be a map file; {REGENERATE}") from None
    return data, safeio.stamp_of(info)


def check_info(info: Any) -> dict[str, Any]:
    """map.json, if its projection, bounds and size are usable; else :class:`MapFileProblem`."""
    if not isinstance(info, dict):
        raise MapFileProblem(f"is not a map description (map.json holds {{...}}); {REGENERATE}")
    parts = ("projection", "bounds", "size")
    missing = [k for k in parts if not isinstance(info.get(k), dict)]
    if len(missing) == len(parts):
        raise MapFileProblem("has no projection, bounds and size: is it map.json?")
    if missing:
        raise MapFileProblem(f"has no '{missing[0]}' section; {REGENERATE}")
    proj, bounds, size = (info[k] for k in parts)
    for key, limit in (("lon_0", 180), ("lat_0", 90), ("lat_1", 90), ("lat_2", 90)):
        if not (_number(proj.get(key)) and -limit <= proj[key] <= limit):
            raise MapFileProblem(
                f"has no usable projection.{key} (a number from -{limit} to {limit}, found "
                f"{_shown(proj.get(key))}); {REGENERATE}"
            )
    for key, low in (("a", 1e-9), ("rf", 0)):
        if key in proj and not (_number(proj[key]) and proj[key] >= low):
            raise MapFileProblem(
                f"has an unusable projection.{key} ({_shown(proj[key])}); {REGENERATE}"
            )
    for key in ("x_min", "x_max", "y_min", "y_max"):
        if not _number(bounds.get(key)):
            raise MapFileProblem(
                f"has no usable bounds.{key} (found {_shown(bounds.get(key))}); {REGENERATE}"
            )
    if not (bounds["x_min"] < bounds["x_max"] and bounds["y_min"] < bounds["y_max"]):
        raise MapFileProblem(f"has bounds whose minimum is not below their maximum; {REGENERATE}")
    for key in ("width", "height"):
        v = size.get(key)
        if not (isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_PICTURE_PX):
            raise MapFileProblem(
                f"has no usable size.{key} (whole pixels, 1 to {MAX_PICTURE_PX:,}; found "
                f"{_shown(v)}); {REGENERATE}"
            )
    try:
        x, y = geo.lonlat_to_pixel(proj["lon_0"], proj["lat_0"], info)
        ok = math.isfinite(x) and math.isfinite(y)
    except (ArithmeticError, ValueError):
        ok = False
    if not ok:
        raise MapFileProblem(f"has a projection the kiosk cannot compute; {REGENERATE}")
    return info


def _check_point(coords: Any, name: str) -> None:
    if not isinstance(coords, list) or not 2 <= len(coords) <= 4:
        raise MapFileProblem(
            f"{name} has a point that is not [longitude, latitude] "
            f"(found {_shown(coords)}); {REGENERATE}"
        )
    for v in coords:
        if not _number(v):
            raise MapFileProblem(
                f"{name} has a coordinate that is not a number ({_shown(v)}); {REGENERATE}"
            )
    lon, lat = coords[0], coords[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise MapFileProblem(
            f"{name} has a point off the earth (longitude {lon}, latitude {lat}; they go "
            f"from -180 to 180 and -90 to 90); {REGENERATE}"
        )


def _count_points(coords: Any, depth: int, name: str) -> int:
    """Check a geometry's coordinates (``depth`` levels of lists above the points); their number."""
    if depth == 0:
        _check_point(coords, name)
        return 1
    if not isinstance(coords, list):
        raise MapFileProblem(
            f"{name} has coordinates that are not lists (found {_shown(coords)}); {REGENERATE}"
        )
    if depth > 1:
        return sum(_count_points(c, depth - 1, name) for c in coords)
    for point in coords:  # the usual case in a tight loop: [float, float] on the earth
        if not (
            type(point) is list
            and len(point) == 2
            and type(point[0]) in _REAL
            and type(point[1]) in _REAL
            and -180 <= point[0] <= 180
            and -90 <= point[1] <= 90
        ):
            _check_point(point, name)  # says what is wrong (or it is a good point with a height)
    return len(coords)


_REAL = (float, int)


def _style(style: Any, name: str) -> MapStyle | None:
    """A feature's ``style`` property (how the kiosk draws it), checked and copied; None when
    the feature has none (or null): the kiosk's own look.  :class:`MapFileProblem` naming
    the feature when it is there but not ``{"stroke": "#rrggbb", "fill": "#rrggbbaa" or
    null, "hatch": "#rrggbbaa" or null, "dash": true or false}``."""
    if style is None:
        return None
    if not isinstance(style, dict):
        raise MapFileProblem(
            f"{name} has a style that is not a section of {', '.join(STYLE_KEYS)} "
            f"(found {_shown(style)}); {REGENERATE}"
        )
    for key in style:
        if key not in STYLE_KEYS:
            raise MapFileProblem(
                f"{name} has a style with an unknown key {_shown(key)}"
                f"{did_you_mean(str(key), STYLE_KEYS)} (a style has {', '.join(STYLE_KEYS)}); "
                f"{REGENERATE}"
            )
    for key in STYLE_KEYS:
        if key not in style:
            raise MapFileProblem(f"{name} has a style with no '{key}'; {REGENERATE}")
    stroke, fill, hatch, dash = (style[k] for k in STYLE_KEYS)
    if not (isinstance(stroke, str) and _RGB.fullmatch(stroke)):
        raise MapFileProblem(
            f"{name} has a style.stroke that is not a colour #rrggbb (found {_shown(stroke)}); "
            f"{REGENERATE}"
        )
    for key, colour in (("fill", fill), ("hatch", hatch)):
        if colour is not None and not (isinstance(colour, str) and _RGBA.fullmatch(colour)):
            raise MapFileProblem(
                f"{name} has a style.{key} that is not a colour #rrggbbaa or null "
                f"(found {_shown(colour)}); {REGENERATE}"
            )
    if not isinstance(dash, bool):
        raise MapFileProblem(
            f"{name} has a style.dash that is not true or false (found {_shown(dash)}); "
            f"{REGENERATE}"
        )
    return {"stroke": stroke, "fill": fill, "hatch": hatch, "dash": dash}


def check_layers(layers: Any) -> list[dict[str, Any]]:
    """layers.geojson: the features that have an id, checked; or :class:`MapFileProblem`."""
    if (
        not isinstance(layers, dict)
        or layers.get("type", "FeatureCollection") != "FeatureCollection"
    ):
        raise MapFileProblem(f"is not a GeoJSON FeatureCollection; {REGENERATE}")
    features = layers.get("features")
    if not isinstance(features, list):
        raise MapFileProblem(
            f"is not a GeoJSON FeatureCollection: its 'features' is {_shown(features)}, not a "
            f"list; {REGENERATE}"
        )
    if len(features) > MAX_FEATURES:
        raise MapFileProblem(
            f"has {len(features):,} features; the kiosk shows at most {MAX_FEATURES} - keep "
            "the borders, areas and places the exhibit shows"
        )
    out, points = [], 0
    for n, f in enumerate(features, 1):
        if not isinstance(f, dict):
            raise MapFileProblem(
                f"feature {n} is not a GeoJSON feature (found {_shown(f)}); {REGENERATE}"
            )
        props = f.get("properties")
        if props is None:
            continue
        if not isinstance(props, dict):
            raise MapFileProblem(f"feature {n} has properties that are not a section; {REGENERATE}")
        fid = props.get("id")
        if fid is None:
            continue
        if not isinstance(fid, str) or not fid:
            raise MapFileProblem(
                f"feature {n} has an id that is not text ({_shown(fid)}); {REGENERATE}"
            )
        name = f"feature {n} ('{fid}')"
        if not isinstance(props.get("kind", ""), str):
            raise MapFileProblem(f"{name} has a kind that is not text; {REGENERATE}")
        area = props.get("area_km2")
        if area is not None and not (_number(area) and area >= 0):
            raise MapFileProblem(
                f"{name} has an area_km2 that is not a number of square kilometres "
                f"({_shown(area)}); {REGENERATE}"
            )
        _style(props.get("style"), name)  # (check_map copies it)
        geometry = f.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if not (isinstance(geometry, dict) and isinstance(kind, str) and kind in GEOMETRIES):
            raise MapFileProblem(
                f"{name} has no geometry the kiosk can draw (found {_shown(kind)}; it draws "
                f"{', '.join(GEOMETRIES)}); {REGENERATE}"
            )
        points += _count_points(geometry.get("coordinates"), GEOMETRIES[kind], name)
        if points > MAX_POINTS:
            raise MapFileProblem(
                f"has more than {MAX_POINTS:,} points (at {name}); the kiosk draws at most "
                f"{MAX_POINTS:,} points in all - simplify the shapes"
            )
        out.append(f)
    return out


ToPixel: TypeAlias = Callable[[float, float], tuple[float, float]]  # geo.pixel_projector


def _ring_to_pixels(coords: list[Any], to_pixel: ToPixel) -> list[XY]:
    out = []
    for point in coords:
        x, y = to_pixel(point[0], point[1])
        if not (-1e7 < x < 1e7 and -1e7 < y < 1e7):  # (also false for nan)
            raise ValueError("a point the projection cannot place")
        out.append([round(x, 1), round(y, 1)])
    return out


def _paths(geometry: dict[str, Any], to_pixel: ToPixel) -> list[list[XY]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [_ring_to_pixels(coords, to_pixel)]
    if kind == "MultiLineString":
        return [_ring_to_pixels(c, to_pixel) for c in coords]
    if kind == "Polygon":
        return [_ring_to_pixels(r, to_pixel) for r in coords]
    if kind == "MultiPolygon":
        return [_ring_to_pixels(r, to_pixel) for poly in coords for r in poly]
    return []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def check_map(
    section: object, pages: list[Any], base: Path, positions: Positions, file: str
) -> tuple[MapData | None, list[Issue]]:
    """Validate the map section (and pages' map views) against the map's files; return the
    projected map data and the issues."""
    issues: list[Issue] = []
    views = [
        (i, p["map_view"])
        for i, p in enumerate(pages)
        if isinstance(p, dict) and isinstance(p.get("map_view"), dict)
    ]
    if not isinstance(section, dict):
        for i, _ in views:
            issues.append(
                Issue(
                    file,
                    *positions.of(("pages", i, "map_view")),
                    ("pages", i, "map_view"),
                    "there is no map: add a 'map:' section or remove this",
                )
            )
        return None, issues

    def problem(loc: Loc, message: str) -> None:
        issues.append(Issue(file, *positions.of(loc), loc, message))

    stamps: dict[str, str] = {}

    def read(key: str, limit: int, max_points: int = 1_000) -> Any:
        value = section.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        path = base / value
        try:
            data, stamps[key] = load_json(path, limit, max_points)
            return data
        except safeio.NotAFile as e:
            problem(
                ("map", key), f"'{value}' is {e.kind}, not a file; give the path of the map's file"
            )
        except safeio.TooBig as e:
            what = (
                f"a layers file may be at most {limit // (1024 * 1024)} MB ({MAX_POINTS:,} points) - "
                "simplify the shapes"
                if key == "layers_file"
                else f"map.json may be at most {limit // (1024 * 1024)} MB - is this the right file?"
            )
            problem(("map", key), f"the file '{value}' is {e.size / 1e6:.1f} MB; {what}")
        except OSError as e:
            problem(
                ("map", key), f"the file '{value}' cannot be read: {e.strerror or e}; {REGENERATE}"
            )
        except MapFileProblem as e:
            problem(("map", key), f"the file '{value}' {e}")
        return None

    def checked(key: str, data: Any, check: Callable[[Any], _T]) -> _T | None:
        if data is None:
            return None
        try:
            return check(data)
        except MapFileProblem as e:
            problem(("map", key), f"the file '{section[key]}' {e}")
            return None

    info = checked("geometry", read("geometry", MAX_MAP_JSON_BYTES), check_info)
    layer_features = checked(
        "layers_file", read("layers_file", MAX_LAYERS_BYTES, MAX_POINTS), check_layers
    )
    features: dict[str, Feature] = {}
    if layer_features is not None and info is not None:
        to_pixel = geo.pixel_projector(info)
        for f in layer_features:
            props, geometry = f["properties"], f["geometry"]
            fid = props["id"]
            entry: Feature = {"kind": props.get("kind", ""), "area_km2": props.get("area_km2")}
            # (checked by check_layers: cannot fail here)
            if (style := _style(props.get("style"), fid)) is not None:
                entry["style"] = style
            try:
                if geometry["type"] == "Point":
                    lon, lat = geometry["coordinates"][:2]
                    entry["point"] = _ring_to_pixels([[lon, lat]], to_pixel)[0]
                else:
                    entry["closed"] = geometry["type"] in ("Polygon", "MultiPolygon")
                    entry["paths"] = _paths(geometry, to_pixel)
            except (ArithmeticError, ValueError):
                problem(
                    ("map", "geometry"),
                    f"the projection in '{section['geometry']}' cannot place '{fid}' "
                    f"of the layers file; {REGENERATE}",
                )
                break
            features[fid] = entry

    layers_read = layer_features is not None and info is not None
    for i, layer in enumerate(_list(section.get("layers"))):
        if not isinstance(layer, dict) or not layers_read:
            continue
        for j, fid in enumerate(_list(layer.get("show"))):
            if isinstance(fid, str) and fid not in features:
                problem(
                    ("map", "layers", i, "show", j),
                    f"'{fid}' is not in the layers file{did_you_mean(fid, features)} "
                    f"(it has: {', '.join(sorted(features)) or 'nothing with an id'})",
                )

    start = section.get("start_layer")
    layer_ids = [
        la["id"]
        for la in _list(section.get("layers"))
        if isinstance(la, dict) and isinstance(la.get("id"), str)
    ]
    if isinstance(start, str) and start not in layer_ids:
        problem(
            ("map", "start_layer"),
            f"'{start}' is not one of the layers{did_you_mean(start, layer_ids)}",
        )

    legend = section.get("legend")
    if isinstance(legend, dict) and layers_read:
        for fid in legend:
            if isinstance(fid, str) and fid not in features:
                issues.append(
                    Issue(
                        file,
                        *positions.of_key(("map", "legend", fid)),
                        ("map", "legend", fid),
                        f"'{fid}' is not in the layers file{did_you_mean(fid, features)}",
                    )
                )

    def place(loc: Loc, where: dict[str, Any]) -> tuple[float, float] | None:
        """The point in picture pixels, or None (and an issue) when it is off the map."""
        lon, lat = where.get("lon"), where.get("lat")
        if info is None or not (
            _number(lon) and _number(lat) and abs(lon) <= 180 and abs(lat) <= 90
        ):
            return None  # the model says what is wrong with them
        w, h = info["size"]["width"], info["size"]["height"]
        try:
            x, y = geo.lonlat_to_pixel(lon, lat, info)
        except (ArithmeticError, ValueError):
            x = y = math.nan
        if not (0 <= x <= w and 0 <= y <= h):
            try:
                west, _ = geo.pixel_to_lonlat(0, h, info)
                east, _ = geo.pixel_to_lonlat(w, h, info)
                shows = f" (it shows about {west:.0f}-{east:.0f} degrees east)"
            except (ArithmeticError, ValueError):
                shows = ""
            problem(loc + ("lon",), f"{lon}, {lat} is outside the map{shows}; check lon and lat")
            return None
        return round(x, 1), round(y, 1)

    def years(loc: Loc, item: dict[str, Any]) -> None:
        first, last = item.get("from"), item.get("until")
        if _number(first) and _number(last) and first > last:
            problem(loc + ("until",), f"{last} is before 'from' ({first}): swap them")

    def located(key: str, what: str) -> list[HotspotXY]:
        """The section's hotspots or names in picture pixels (each id once)."""
        out: list[HotspotXY] = []
        first: dict[str, int] = {}
        for i, item in enumerate(_list(section.get(key))):
            if not isinstance(item, dict):
                continue
            if xy := place(("map", key, i), item):
                out.append({"id": str(item.get("id")), "x": xy[0], "y": xy[1]})
            years(("map", key, i), item)
            ident = item.get("id")
            if isinstance(ident, str) and ident in first:
                line = positions.of(("map", key, first[ident], "id"))[0]
                problem(
                    ("map", key, i, "id"),
                    f"the {what} id '{ident}' is used twice (first at line {line}); "
                    f"each {what} needs its own id",
                )
            elif isinstance(ident, str):
                first[ident] = i
        return out

    hotspots = located("hotspots", "place")
    names = located("names", "name")
    focus: dict[str, PointXY] = {}
    for i, view in views:
        if isinstance(view.get("layer"), str) and view["layer"] not in layer_ids:
            problem(
                ("pages", i, "map_view", "layer"),
                f"'{view['layer']}' is not one of the map's layers{did_you_mean(view['layer'], layer_ids)}",
            )
        if xy := place(("pages", i, "map_view"), view):
            focus[str(pages[i].get("id"))] = {"x": xy[0], "y": xy[1]}
    if issues or info is None or layer_features is None:
        return None, issues
    files = [str((base / section[k]).resolve()) for k in ("geometry", "layers_file")]
    order = sorted(range(2), key=lambda n: files[n])
    return {
        "size": info["size"],
        "features": features,
        "hotspots": hotspots,
        "names": names,
        "focus": focus,
        "files": [files[n] for n in order],
        "stamps": [stamps[("geometry", "layers_file")[n]] for n in order],
    }, issues
