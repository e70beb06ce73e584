"""The map page's data: the picture's projection (map.json) and the historic layers
(layers.geojson), checked and projected to picture pixels once, when content is loaded.
No Qt: the result is plain data for the :class:`~kiosk.content.snapshot.Snapshot`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk import geo

from .issues import Issue, Loc, did_you_mean
from .yamlload import Positions


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _ring_to_pixels(coords: list, info: dict) -> list[list[float]]:
    out = []
    for lon, lat, *_ in coords:
        x, y = geo.lonlat_to_pixel(lon, lat, info)
        out.append([round(x, 1), round(y, 1)])
    return out


def _paths(geometry: dict, info: dict) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "LineString":
        return [_ring_to_pixels(coords, info)]
    if kind == "MultiLineString":
        return [_ring_to_pixels(c, info) for c in coords]
    if kind == "Polygon":
        return [_ring_to_pixels(r, info) for r in coords]
    if kind == "MultiPolygon":
        return [_ring_to_pixels(r, info) for poly in coords for r in poly]
    return []


def check_map(section: dict | None, pages: list, base: Path, positions: Positions,
              file: str) -> tuple[dict | None, list[Issue]]:
    """Validate the map section (and pages' map views) against the map's files; return the
    projected map data and the issues."""
    issues: list[Issue] = []
    views = [(i, p["map_view"]) for i, p in enumerate(pages)
             if isinstance(p, dict) and isinstance(p.get("map_view"), dict)]
    if not isinstance(section, dict):
        for i, _ in views:
            issues.append(Issue(file, *positions.of(("pages", i, "map_view")), ("pages", i, "map_view"),
                                "there is no map: add a 'map:' section or remove this"))
        return None, issues

    def problem(loc: Loc, message: str) -> None:
        issues.append(Issue(file, *positions.of(loc), loc, message))

    def read(key: str) -> Any:
        value = section.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        path = base / value
        try:
            return _load_json(path)
        except OSError as e:
            problem(("map", key), f"the file '{value}' cannot be read: {e.strerror or e}; "
                                  "regenerate it with tools/make_map.py")
        except ValueError as e:
            problem(("map", key), f"the file '{value}' is not valid JSON ({e}); "
                                  "regenerate it with tools/make_map.py")
        return None

    info, layers = read("geometry"), read("layers_file")
    if info is not None and not all(k in info for k in ("projection", "bounds", "size")):
        problem(("map", "geometry"), "this file has no projection, bounds and size: is it map.json?")
        info = None
    features: dict[str, dict] = {}
    if isinstance(layers, dict) and info is not None:
        for f in layers.get("features", []):
            props = f.get("properties") or {}
            fid, geometry = props.get("id"), f.get("geometry") or {}
            if not fid:
                continue
            entry: dict[str, Any] = {"kind": props.get("kind", ""), "area_km2": props.get("area_km2")}
            if geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                entry["point"] = [round(v, 1) for v in geo.lonlat_to_pixel(lon, lat, info)]
            else:
                entry["closed"] = geometry.get("type") in ("Polygon", "MultiPolygon")
                entry["paths"] = _paths(geometry, info)
            features[fid] = entry
    elif layers is not None and not isinstance(layers, dict):
        problem(("map", "layers_file"), "this file is not a GeoJSON FeatureCollection")

    for i, layer in enumerate(section.get("layers") or []):
        if not isinstance(layer, dict) or not features:
            continue
        for j, fid in enumerate(layer.get("show") or []):
            if isinstance(fid, str) and fid not in features:
                problem(("map", "layers", i, "show", j),
                        f"'{fid}' is not in the layers file{did_you_mean(fid, features)} "
                        f"(it has: {', '.join(sorted(features))})")

    start = section.get("start_layer")
    layer_ids = [la.get("id") for la in section.get("layers") or [] if isinstance(la, dict)]
    if isinstance(start, str) and start not in layer_ids:
        problem(("map", "start_layer"), f"'{start}' is not one of the layers{did_you_mean(start, layer_ids)}")

    legend = section.get("legend")
    if isinstance(legend, dict) and features:
        for fid in legend:
            if isinstance(fid, str) and fid not in features:
                issues.append(Issue(file, *positions.of_key(("map", "legend", fid)), ("map", "legend", fid),
                                    f"'{fid}' is not in the layers file{did_you_mean(fid, features)}"))

    def place(loc: Loc, where: dict) -> tuple[float, float] | None:
        """The point in picture pixels, or None (and an issue) when it is off the map."""
        lon, lat = where.get("lon"), where.get("lat")
        if info is None or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lon, lat)):
            return None
        x, y = geo.lonlat_to_pixel(lon, lat, info)
        w, h = info["size"]["width"], info["size"]["height"]
        if not (0 <= x <= w and 0 <= y <= h):
            west, _ = geo.pixel_to_lonlat(0, h, info)
            east, _ = geo.pixel_to_lonlat(w, h, info)
            problem(loc + ("lon",), f"{lon}, {lat} is outside the map (it shows about {west:.0f}-{east:.0f} "
                                    "degrees east); check lon and lat")
            return None
        return round(x, 1), round(y, 1)

    hotspots = []
    for i, spot in enumerate(section.get("hotspots") or []):
        if isinstance(spot, dict) and (xy := place(("map", "hotspots", i), spot)):
            hotspots.append({"id": spot.get("id"), "x": xy[0], "y": xy[1]})
    focus = {}
    for i, view in views:
        if isinstance(view.get("layer"), str) and view["layer"] not in layer_ids:
            problem(("pages", i, "map_view", "layer"),
                    f"'{view['layer']}' is not one of the map's layers{did_you_mean(view['layer'], layer_ids)}")
        if xy := place(("pages", i, "map_view"), view):
            focus[str(pages[i].get("id"))] = {"x": xy[0], "y": xy[1]}
    if issues or info is None:
        return None, issues
    files = sorted(str((base / section[k]).resolve()) for k in ("geometry", "layers_file"))
    return {"size": info["size"], "features": features, "hotspots": hotspots, "focus": focus,
            "files": files}, issues
