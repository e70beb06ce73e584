"""Hostile content: each function writes one case into ``folder`` and returns the content
file to check.  Nothing big is committed: the cases are made when a test (or
``bench/check_limits.py``) needs them.

Every case is a small valid exhibit (tests/data/minimal.yaml, with its picture) with one
thing wrong - or, for :func:`worst_legal`, an exhibit at every limit that is still valid.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ASSETS_MAP = ROOT / "assets" / "map"

MAP = """\
map:
  title: Whose land?
  picture: map/amur-region.png
  geometry: {geometry}
  layers_file: {layers}
  layers:
    - id: "1858"
      label: "1858"
      title: The Amur becomes the border.
      show: [ceded-1858]
  hotspots:
    - id: aigun
      lon: {lon}
      lat: {lat}
      title: Aigun
      text: Signed here.
"""


def minimal() -> str:
    return (DATA / "minimal.yaml").read_text(encoding="utf-8")


def write(folder: Path, text: str | bytes, name: str = "content.yaml") -> Path:
    """``text`` as the content file in ``folder``, beside the picture it uses (pic.png)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "pic.png", folder / "pic.png")
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- 1. characters YAML does not allow -----------------------------------------------------


def control_character(folder: Path, char: str = "\x07") -> Path:
    """A character pasted from a word processor into a page title (line 11, column 17)."""
    return write(folder, minimal().replace("title: Page two", f"title: Page {char}two"))


# -- 2. numbers and map files --------------------------------------------------------------


def long_number(folder: Path, digits: int = 5000) -> Path:
    """A number longer than Python reads (line 11, column 12)."""
    return write(folder, minimal().replace("title: Page two", "title: " + "7" * digits))


def with_map(
    folder: Path,
    *,
    lon: str = "127.49",
    lat: str = "49.98",
    geometry: str = "map/map.json",
    layers: str = "map/layers.geojson",
) -> Path:
    """The minimal exhibit with a map (the shipped map files in ``folder/map``); the
    ``map:`` section starts at line 17."""
    (folder / "map").mkdir(parents=True, exist_ok=True)
    for name in ("map.json", "layers.geojson"):
        shutil.copy(ASSETS_MAP / name, folder / "map" / name)
    (folder / "map" / "amur-region.png").symlink_to(ASSETS_MAP / "amur-region.png")
    section = MAP.format(geometry=geometry, layers=layers, lon=lon, lat=lat)
    return write(folder, minimal().replace("credits:", section + "credits:"))


def hotspot_number(folder: Path, lat: str = ".inf") -> Path:
    """A hotspot's latitude that is no ordinary number (line 30, column 12)."""
    return with_map(folder, lat=lat)


def layers_file(folder: Path, text: str) -> Path:
    """The map with ``text`` as its layers file (named at line 20, column 16)."""
    path = with_map(folder)
    (folder / "map" / "layers.geojson").write_text(text, encoding="utf-8")
    return path


def map_json(folder: Path, change) -> Path:
    """The map with map.json changed by ``change(info)`` (named at line 19, column 13)."""
    path = with_map(folder)
    info = json.loads((ASSETS_MAP / "map.json").read_text(encoding="utf-8"))
    change(info)
    (folder / "map" / "map.json").write_text(json.dumps(info), encoding="utf-8")
    return path


def coordinate(folder: Path, value: str = "Infinity") -> Path:
    """A layers file whose feature 'ceded-1858' has ``value`` as a longitude."""
    polygon = [[[127.0, 50.0], [value, 50.5], [128.0, 51.0], [127.0, 50.0]]]
    text = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"id": "ceded-1858", "kind": "area"},
                    "geometry": {"type": "Polygon", "coordinates": polygon},
                }
            ],
        }
    )
    return layers_file(
        folder, text.replace(json.dumps(value), value) if value in ("Infinity", "NaN") else text
    )


def huge_polygon(folder: Path, points: int = 1_000_000) -> Path:
    """One polygon of ``points`` points (a GIS export that was never simplified)."""
    ring = ",".join(["[127,50]"] * (points - 1) + ["[127,50]"])
    text = (
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"ceded-1858"},'
        '"geometry":{"type":"Polygon","coordinates":[[' + ring + "]]}}]}"
    )
    return layers_file(folder, text)


# -- 3. limits while reading ---------------------------------------------------------------


def million_keys(folder: Path) -> Path:
    """2 MB: one section with a million keys (all the same)."""
    return write(folder, "{" + "a," * 1_000_000 + "}\n")


def many_values(folder: Path, sections: int = 300, keys: int = 500) -> Path:
    """150,000 values in sections of 500 keys each (none over the per-section limit)."""
    lines = []
    for s in range(sections):
        lines.append(f"s{s}:")
        lines += [f"  k{k}: {k}" for k in range(keys)]
    return write(folder, "\n".join(lines) + "\n")


def duplicate_keys(folder: Path, n: int = 900) -> Path:
    """The same key ``n`` times in the credits section."""
    return write(folder, minimal() + "".join("\n  body: again" for _ in range(n)) + "\n")


# -- 4. names that are not files -----------------------------------------------------------


def special_file(folder: Path, target: str = "/dev/zero", role: str = "geometry") -> Path:
    """``target`` (a device, a FIFO ...) named as the map's ``geometry``/``layers_file``, or
    as a page's ``picture``."""
    if role == "picture":
        return write(folder, minimal().replace("file: pic.png", f"file: {target}"))
    return with_map(folder, **{{"geometry": "geometry", "layers_file": "layers"}[role]: target})


def fifo(folder: Path, name: str = "pipe") -> Path:
    """A FIFO (named pipe) in ``folder``: opening it for reading would wait for a writer."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    os.mkfifo(path)
    return path


# -- 5. settings out of range --------------------------------------------------------------


def idle_timeout(folder: Path, value: str = "3000000") -> Path:
    """``settings.idle.timeout_s`` (line 3, column 16)."""
    return write(folder, f"settings:\n  idle:\n    timeout_s: {value}\n" + minimal())


# -- 7. words ------------------------------------------------------------------------------


def long_body(folder: Path, words: int = 71) -> Path:
    """Page one's body (line 8, column 11) of ``words`` words."""
    return write(
        folder, minimal().replace("body: First page.", "body: " + " ".join(["word"] * words))
    )


# -- the worst valid exhibit ---------------------------------------------------------------

LANGS = ("en", "ru", "zh-Hans")
WORDS = {
    "en": "Treaty border river town ",
    "ru": "Договор граница река город ",
    "zh-Hans": "条约边界河流城市",
}


def _text(key: str, n: int, indent: str) -> str:
    return f"{indent}{key}:\n" + "".join(f"{indent}  {code}: {WORDS[code] * n}\n" for code in LANGS)


def worst_legal(
    folder: Path,
    *,
    pages: int = 500,
    body: int = 72,
    hotspots: int = 500,
    layers: int = 500,
    show: int = 50,
    features: int = 200,
    points: int = 100_000,
) -> Path:
    """A valid exhibit at the limits: close to 5 MB and 50,000 values, lists of 500
    entries, a layers file of 200 features and 100,000 points (about 2 MB)."""
    from kiosk import geo

    (folder / "map").mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSETS_MAP / "map.json", folder / "map" / "map.json")
    (folder / "map" / "amur-region.png").symlink_to(ASSETS_MAP / "amur-region.png")
    info = geo.load_map_info(folder / "map" / "map.json")
    w, h = info["size"]["width"], info["size"]["height"]
    per = (points - 6) // (features - 6)
    feats = []
    for f in range(features - 6):  # polygons: a ring of `per` points inside the map
        cx, cy = 0.2 * w + 0.6 * w * f / features, 0.5 * h
        ring = []
        for i in range(per - 1):
            x, y = cx + 40 * ((i % 7) - 3), cy + 0.3 * h * (i / per - 0.5)
            lon, lat = geo.pixel_to_lonlat(x, y, info)
            ring.append([round(lon, 4), round(lat, 4)])
        ring.append(ring[0])
        feats.append(
            {
                "type": "Feature",
                "properties": {"id": f"f{f}", "kind": "area", "area_km2": 1000 + f},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    for p in range(6):
        lon, lat = geo.pixel_to_lonlat(w * (p + 1) / 8, h / 2, info)
        feats.append(
            {
                "type": "Feature",
                "properties": {"id": f"p{p}", "kind": "place"},
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            }
        )
    (folder / "map" / "layers.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")),
        encoding="utf-8",
    )
    ids = [f["properties"]["id"] for f in feats]
    lon, lat = geo.pixel_to_lonlat(w / 2, h / 2, info)

    out = [
        "settings:",
        "  languages:",
        "    - {code: en, name: English}",
        "    - {code: ru, name: Русский}",
        "    - {code: zh-Hans, name: 中文}",
        "attract:",
        _text("title", 2, "  ").rstrip("\n"),
        "  prompt: Touch",
        "  image: pic.png",
        "pages:",
    ]
    for p in range(pages):
        out += [
            f"  - id: p{p}",
            _text("label", 1, "    ").rstrip("\n"),
            _text("title", 2, "    ").rstrip("\n"),
            _text("body", body, "    ").rstrip("\n"),
            "    image:",
            "      file: pic.png",
            _text("caption", 2, "      ").rstrip("\n"),
            f"    map_view: {{layer: l{p % layers}, lon: {lon:.4f}, lat: {lat:.4f}, zoom: 3}}",
        ]
    out += [
        "map:",
        "  title: Map",
        "  picture: map/amur-region.png",
        "  geometry: map/map.json",
        "  layers_file: map/layers.geojson",
        "  layers:",
    ]
    for la in range(layers):
        shown = ", ".join(ids[(la + k) % len(ids)] for k in range(show))
        out += [
            f"    - id: l{la}",
            f"      label: L{la}",
            f"      title: Layer {la}",
            f"      show: [{shown}]",
        ]
    out += ["  legend:"] + [f"    {fid}: {{en: Area, ru: Область, zh-Hans: 区域}}" for fid in ids]
    out += ["  hotspots:"]
    for s in range(hotspots):
        out += [
            f"    - {{id: h{s}, lon: {lon:.4f}, lat: {lat:.4f}, title: Place {s}, text: Something happened.}}"
        ]
    out += ["credits:", "  title: Credits", "  body: Nobody."]
    return write(folder, "\n".join(out) + "\n")
