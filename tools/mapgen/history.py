"""The historic layers: ``layers.geojson``, from the data and ``aigun.json``.

The generator also writes assets/map/layers.geojson: the borders of 1689, 1858
and 1860, the land ceded in 1858, the land run jointly from 1858 (Russian from
1860) and a few places, in lon/lat (WGS84, RFC 7946).  The app draws them over
the picture (kiosk.geo converts lon/lat to pixels).  Where a border follows a
river, its geometry is the river's in the data (traced through the river
network as MAIN_RIVERS); where it follows the coast, GSHHG's coastline.  What
is approximate is listed in SOURCES.md.

The Aigun-specific points (river waypoints, key points, the Gorbitsa, the
watershed seeds, the places) and the features' ids and notes are in
``aigun.json`` next to this file; they are read once, here, into the module's
constants (``MAIN_RIVERS``, ``KEY``, ``GORBITSA``, ``WATERSHED_*``, ``PLACES``,
``FEATURES``), which SOURCES.md names.  How each feature's geometry is made from
them stays in code (``historic_layers``).

aigun.json also decides how the app draws each feature: a feature names one of
its ``styles``, written into the feature as ``properties.style`` = ``{"stroke":
"#rrggbb", "fill": "#rrggbbaa" or null, "hatch": "#rrggbbaa" or null, "dash":
bool}`` (so the app need not guess a colour from the id).  Colour means owner: the
same land is drawn Qing in 1689 and Russian in 1860, so an area may be a copy of
other areas' land under its own id and style (``same_as``: ``qing-1689``,
``russian-1860``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np

from kiosk.geo import area_km2, geodesic_area_km2

from .frame import Frame, to_km
from .geometry import (
    border_piece,
    mainland,
    nearest_distances,
    nearest_index,
    ring_arc,
    ring_arc_indices,
    simplify,
)
from .rivers import branch_off, build_river_graph, river_components, river_course
from .watershed import fork_index, watershed_line

LAYERS_NAME = "layers.geojson"
LAYER_DECIMALS = 4  # ~10 m
REGION_FILE = Path(__file__).with_name("aigun.json")
KINDS = ("border", "area", "place")


class RegionFileError(ValueError):
    """aigun.json is not what the generator expects."""


def _lonlat(value, where: str) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise RegionFileError(f"{where}: expected [lon, lat], found {value!r}")
    lon, lat = float(value[0]), float(value[1])
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise RegionFileError(f"{where}: [{lon}, {lat}] is not a longitude and latitude")
    return lon, lat


STYLE_KEYS = ("stroke", "fill", "hatch", "dash")  # properties.style, in this order
_RGB = re.compile(r"#[0-9a-f]{6}")
_RGBA = re.compile(r"#[0-9a-f]{8}")  # as CSS writes it: the alpha last


def _style(value, where: str) -> dict:
    """A named style of aigun.json, checked: {stroke, fill, hatch, dash} without its note."""
    if not isinstance(value, dict) or set(value) - {"note"} != set(STYLE_KEYS):
        raise RegionFileError(f"{where}: a style has {', '.join(STYLE_KEYS)} (and a note)")
    style = {key: value[key] for key in STYLE_KEYS}
    if not (isinstance(style["stroke"], str) and _RGB.fullmatch(style["stroke"])):
        raise RegionFileError(f"{where}: stroke must be #rrggbb (lower case)")
    for key in ("fill", "hatch"):
        colour = style[key]
        if colour is not None and not (isinstance(colour, str) and _RGBA.fullmatch(colour)):
            raise RegionFileError(f"{where}: {key} must be #rrggbbaa (lower case) or null")
    if not isinstance(style["dash"], bool):
        raise RegionFileError(f"{where}: dash must be true or false")
    return style


def _seeds(section: dict, where: str) -> list[tuple[float, float]]:
    return [_lonlat(s["lonlat"], f"{where}[{k}]") for k, s in enumerate(section["seeds"])]


def load_region(path: Path = REGION_FILE) -> dict:
    """Read and check aigun.json: points become (lon, lat) tuples of floats, the
    comments ("note", except a feature's) are dropped."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RegionFileError(f"{path}: {exc}") from exc
    try:
        main_rivers = []
        for r in raw["main_rivers"]["rivers"]:
            wps = [
                None if wp is None else _lonlat(wp, f"main_rivers {r['name']}")
                for wp in r["waypoints"]
            ]
            main_rivers.append((r["name"], r["style"], wps))
        key = {
            name: _lonlat(p["lonlat"], f"key_points {name}")
            for name, p in raw["key_points"]["points"].items()
        }
        gorbitsa = [_lonlat(p, "gorbitsa") for p in raw["gorbitsa"]["line"]]
        ws = raw["watershed"]
        grid = ws["grid"]
        styles = {name: _style(s, f"styles {name}") for name, s in raw["styles"]["by_name"].items()}
        features = []
        for k, f in enumerate(raw["features"]["list"]):
            where = f"features[{k}] ({f.get('id')!r})"
            if f["kind"] not in KINDS:
                raise RegionFileError(f"{where}: kind must be one of {KINDS}")
            if not isinstance(f["note"], str) or not f["note"]:
                raise RegionFileError(f"{where}: a feature needs a note")
            if ("lonlat" in f) != (f["kind"] == "place"):
                raise RegionFileError(f"{where}: places, and only places, have a lonlat")
            if f["style"] not in styles:
                raise RegionFileError(f"{where}: no style {f['style']!r} in styles")
            style = styles[f["style"]]
            if f["kind"] != "area" and (style["fill"] or style["hatch"]):
                raise RegionFileError(f"{where}: only an area has a fill or a hatch")
            spec = {"id": f["id"], "kind": f["kind"], "note": f["note"], "style": dict(style)}
            if "year" in f:
                spec["year"] = f["year"]
            if "same_as" in f:
                same = f["same_as"]
                if f["kind"] != "area" or not (
                    isinstance(same, list) and same and all(isinstance(x, str) for x in same)
                ):
                    raise RegionFileError(f"{where}: same_as is a list of areas' ids, for an area")
                spec["same_as"] = list(same)
            if "lonlat" in f:
                spec["lonlat"] = _lonlat(f["lonlat"], where)
            features.append(spec)
        ids = [f["id"] for f in features]
        if len(set(ids)) != len(ids):
            raise RegionFileError("features: ids must be unique")
        made = {f["id"] for f in features if f["kind"] == "area" and "same_as" not in f}
        for f in features:
            for other in f.get("same_as", ()):
                if other not in made:
                    raise RegionFileError(
                        f"features ({f['id']!r}): same_as names {other!r}, which is no area "
                        "the generator makes"
                    )
        return {
            "main_rivers": main_rivers,
            "key": key,
            "gorbitsa": gorbitsa,
            "watershed_amur": _seeds(ws["amur"], "watershed amur"),
            "watershed_lena": _seeds(ws["lena"], "watershed lena"),
            "watershed_uda": _seeds(ws["uda"], "watershed uda"),
            "watershed_grid": {
                name: float(grid[name])
                for name in ("west_of_start_deg", "east_lon", "south_lat", "north_lat")
            },
            "bolshoy_shantar": _lonlat(raw["bolshoy_shantar"]["lonlat"], "bolshoy_shantar"),
            "features": features,
        }
    except (KeyError, TypeError) as exc:
        raise RegionFileError(f"{path}: missing or malformed entry {exc}") from exc


REGION = load_region()
MAIN_RIVERS = REGION["main_rivers"]  # (name, style, [waypoints or None])
KEY = REGION["key"]  # {name: (lon, lat)}
GORBITSA = REGION["gorbitsa"]
WATERSHED_AMUR = REGION["watershed_amur"]  # drains to the Amur, or to the sea before the Uda
WATERSHED_LENA = REGION["watershed_lena"]
WATERSHED_UDA = REGION["watershed_uda"]
WATERSHED_GRID = REGION["watershed_grid"]
BOLSHOY_SHANTAR = REGION["bolshoy_shantar"]
FEATURES = REGION["features"]
PLACES = [  # id, lon, lat, note
    (f["id"], *f["lonlat"], f["note"]) for f in FEATURES if f["kind"] == "place"
]


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
    start, grid = GORBITSA[-1], WATERSHED_GRID
    box = (
        start[0] - grid["west_of_start_deg"],
        grid["south_lat"],
        grid["east_lon"],
        grid["north_lat"],
    )
    stanovoy, k_stan = watershed_line(
        graph, comp, coast, start, WATERSHED_AMUR + WATERSHED_UDA, WATERSHED_LENA, box
    )
    divide, k_div = watershed_line(
        graph, comp, coast, start, WATERSHED_AMUR, WATERSHED_LENA + WATERSHED_UDA, box
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

    # the geometries (and areas) of the features aigun.json lists, by id
    geometries = {
        "border-1689": {"type": "LineString", "coordinates": border_1689},
        "undetermined-1689": {"type": "Polygon", "coordinates": [undetermined]},
        "ceded-1858": ceded_geom,
        "border-1858": {"type": "LineString", "coordinates": border_1858},
        "joint-1858": joint_geom,
        "border-1860": {"type": "LineString", "coordinates": border_1860},
    }
    areas = {
        "undetermined-1689": geodesic_area_km2(undetermined),
        "ceded-1858": area_km2(ceded_geom),
        "joint-1858": area_km2(joint_geom),
    }
    shapes = dict(geometries)  # (geometries is emptied as the features take theirs)
    features = []
    for spec in FEATURES:
        fid, kind = spec["id"], spec["kind"]
        props = {}
        if "year" in spec:
            props["year"] = spec["year"]
        if kind == "place":
            geometry = {"type": "Point", "coordinates": list(spec["lonlat"])}
        elif "same_as" in spec:  # a copy of other areas' land, styled by its owner that year
            geometry = _union([shapes[other] for other in spec["same_as"]])
            props["area_km2"] = sum(int(round(areas[other])) for other in spec["same_as"])
        elif fid in geometries:
            geometry = geometries.pop(fid)
            if (kind == "area") != (fid in areas):
                raise RuntimeError(f"aigun.json: {fid!r} is an area here and not there, or so")
            if kind == "area":
                props["area_km2"] = int(round(areas[fid]))
        else:
            raise RuntimeError(f"aigun.json lists {fid!r}, which the generator cannot make")
        features.append(
            _feature(fid, kind, geometry, **props, note=spec["note"], style=dict(spec["style"]))
        )
    if geometries:
        raise RuntimeError(f"aigun.json lists no feature {sorted(geometries)}")
    return {"type": "FeatureCollection", "features": features}


def _union(geometries: list[dict]) -> dict:
    """Areas' Polygons and MultiPolygons as one MultiPolygon (they do not overlap)."""
    polygons = []
    for g in geometries:
        polygons += [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return {"type": "MultiPolygon", "coordinates": polygons}


def write_layers(collection: dict, path: Path) -> None:
    """Compact, deterministic JSON: one feature per line."""
    lines = ",\n".join(
        json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]
    )
    text = '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
