"""The map section of content.yaml: its files, layers and hotspots, with located errors."""

from __future__ import annotations

import json
import shutil

import pytest

from kiosk.content import ContentError, load_content

MAP = """\
map:
  title: Whose land?
  picture: map/amur-region.png
  geometry: map/map.json
  layers_file: map/layers.geojson
  layers:
    - id: "1858"
      label: "1858"
      title: The Amur becomes the border.
      show: [ceded-1858, border-1858]
  hotspots:
    - id: aigun
      lon: 127.49
      lat: 49.98
      title: Aigun
      text: Signed here.
"""


@pytest.fixture
def with_map(write_content, minimal, shipped_content):
    def make(map_text: str = MAP):
        path = write_content(minimal.replace("credits:", map_text + "credits:"))
        shutil.copytree(
            shipped_content.parent / "assets" / "map", path.parent / "map", dirs_exist_ok=True
        )
        return path

    return make


def errors_of(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def test_a_valid_map_is_projected_to_picture_pixels(with_map):
    loaded = load_content(with_map())
    data = loaded.map
    assert data["size"] == {"width": 3000, "height": 2400}
    (aigun,) = data["hotspots"]
    assert 0 < aigun["x"] < 3000 and 0 < aigun["y"] < 2400
    assert data["features"]["ceded-1858"]["closed"] is True
    assert data["features"]["ceded-1858"]["area_km2"] > 500_000
    snapshot = loaded.snapshot()
    assert snapshot.map == data


def test_unknown_layer_feature(with_map):
    path = with_map(
        MAP.replace("show: [ceded-1858, border-1858]", "show: [ceded-1858, border-1885]")
    )
    (msg,) = errors_of(path)
    assert msg.startswith(
        "content.yaml:25:26: map.layers[0].show[1]: 'border-1885' is not in the layers file"
        " - did you mean 'border-1858'?"
    )


def test_hotspot_outside_the_map(with_map):
    path = with_map(MAP.replace("lon: 127.49", "lon: 27.49"))
    (msg,) = errors_of(path)
    assert msg.startswith(
        "content.yaml:28:12: map.hotspots[0].lon: 27.49, 49.98 is outside the map (it shows about 111-144 degrees east)"
    )


def test_missing_or_broken_map_files(with_map):
    path = with_map(MAP.replace("map/layers.geojson", "map/layers.json"))
    assert errors_of(path) == [
        "content.yaml:20:16: map.layers_file: the file 'map/layers.json' cannot be read: No such file or "
        "directory; regenerate it with tools/make_map.py"
    ]
    path = with_map()
    (path.parent / "map" / "map.json").write_text("{not json", encoding="utf-8")
    (msg,) = errors_of(path)
    assert msg.startswith(
        "content.yaml:19:13: map.geometry: the file 'map/map.json' is not valid JSON"
    )


def test_map_is_a_reserved_page_id(write_content, minimal):
    path = write_content(minimal.replace("id: two", "id: map"))
    assert errors_of(path) == [
        "content.yaml:9:9: pages[1].id: 'map' is reserved by the kiosk; choose another id"
    ]


STYLE = {"stroke": "#8b1a1a", "fill": "#c0392b40", "hatch": None, "dash": False}
NO_STYLE = object()


def with_style(path, style, fid: str = "ceded-1858"):
    """The map's layers file with ``style`` as the style of feature ``fid`` (NO_STYLE: none)."""
    layers_file = path.parent / "map" / "layers.geojson"
    layers = json.loads(layers_file.read_text(encoding="utf-8"))
    for f in layers["features"]:
        if f["properties"].get("id") == fid:
            f["properties"].pop("style", None)
            if style is not NO_STYLE:
                f["properties"]["style"] = style
    layers_file.write_text(json.dumps(layers), encoding="utf-8")
    return path


def test_a_features_style_is_passed_on(with_map):
    path = with_style(with_map(), STYLE)
    assert load_content(path).snapshot().map["features"]["ceded-1858"]["style"] == STYLE
    for style in (NO_STYLE, None):  # no style (or null): the kiosk's own look
        features = load_content(with_style(path, style)).snapshot().map["features"]
        assert "style" not in features["ceded-1858"]


FEATURE = (
    "content.yaml:20:16: map.layers_file: the file 'map/layers.geojson' feature 3 ('ceded-1858') "
)


@pytest.mark.parametrize(
    "style, message",
    [
        ("red", 'has a style that is not a section of stroke, fill, hatch, dash (found "red")'),
        (
            {**STYLE, "stroke": "red"},
            'has a style.stroke that is not a colour #rrggbb (found "red")',
        ),
        (
            {**STYLE, "stroke": "#8b1a1a80"},
            'has a style.stroke that is not a colour #rrggbb (found "#8b1a1a80")',
        ),
        (
            {**STYLE, "fill": "#c0392b"},
            'has a style.fill that is not a colour #rrggbbaa or null (found "#c0392b")',
        ),
        (
            {**STYLE, "hatch": 7},
            "has a style.hatch that is not a colour #rrggbbaa or null (found 7)",
        ),
        ({**STYLE, "dash": "yes"}, 'has a style.dash that is not true or false (found "yes")'),
        ({**STYLE, "dash": 1}, "has a style.dash that is not true or false (found 1)"),
        ({k: v for k, v in STYLE.items() if k != "hatch"}, "has a style with no 'hatch'"),
        (
            {**STYLE, "strok": "#000000"},
            "has a style with an unknown key \"strok\" - did you mean 'stroke'? (a style has "
            "stroke, fill, hatch, dash)",
        ),
    ],
)
def test_a_malformed_style_is_a_located_error_naming_the_feature(with_map, style, message):
    path = with_style(with_map(), style)
    assert errors_of(path) == [f"{FEATURE}{message}; regenerate it with tools/make_map.py"]
