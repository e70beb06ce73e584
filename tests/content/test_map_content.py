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
        "content.yaml:25:26: the 1st map layer (1858), show, the 2nd item: 'border-1885' is not in the layers file"
        " - did you mean 'border-1858'?"
    )


def test_hotspot_outside_the_map(with_map):
    path = with_map(MAP.replace("lon: 127.49", "lon: 27.49"))
    (msg,) = errors_of(path)
    assert msg.startswith(
        "content.yaml:28:12: the 1st map place (aigun), lon: 27.49, 49.98 is outside the map (it shows about 111-144 degrees east)"
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
        "content.yaml:9:9: the 2nd page (map), id: 'map' is reserved by the kiosk; choose another id"
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
    "content.yaml:20:16: map.layers_file: the file 'map/layers.geojson' feature 4 ('ceded-1858') "
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


# -- names written on the map, both names, years ------------------------------------------------

LANGUAGES = """\
settings:
  languages:
    - {code: en, name: English}
    - {code: zh-Hans, name: 中文}
"""

NAMES = """\
  names:
    - id: amur
      kind: river
      lon: 129.0
      lat: 49.4
      angle: -39
      name: Amur
      also: Heilongjiang
    - id: zeya
      kind: river
      lon: 128.6
      lat: 53.0
      name: Zeya
      from: 1700
      until: 1900
"""

# in two languages: the other name only where it exists; a name missing a language
NAMES_TWO = """\
  names:
    - id: amur
      kind: river
      lon: 129.0
      lat: 49.4
      name: {en: Amur, zh-Hans: 黑龙江}
      also: {en: Heilongjiang, zh-Hans: 阿穆尔河}
    - id: zeya
      kind: river
      lon: 128.6
      lat: 53.0
      name: {en: Zeya}
      also: {zh-Hans: 精奇里江}
"""


def with_names(with_map, names: str = NAMES, spot: str = "") -> object:
    text = MAP.replace("      text: Signed here.\n", "      text: Signed here.\n" + spot) + names
    return with_map(text)


def test_names_are_projected_and_carry_their_years(with_map, write_content, minimal):
    loaded = load_content(with_names(with_map))
    amur, zeya = loaded.map["names"]
    assert (amur["id"], zeya["id"]) == ("amur", "zeya")
    assert 0 < amur["x"] < 3000 and 0 < amur["y"] < 2400
    section = loaded.snapshot().data["map"]
    assert section["names"][1]["from_"] == 1700 and section["names"][1]["until"] == 1900
    assert section["names"][0]["angle"] == -39
    assert section["layers"][0]["year"] is None  # the id's year, in the app


def test_a_place_has_a_founding_year_and_another_name(with_map):
    path = with_names(with_map, "", "      also: Aihui\n      from: 1683\n")
    spot = load_content(path).snapshot().data["map"]["hotspots"][0]
    assert (spot["also"], spot["from_"], spot["until"]) == ("Aihui", 1683, None)


def test_an_other_name_in_some_languages_only_is_no_missing_translation(
    write_content, minimal, shipped_content
):
    path = write_content(LANGUAGES + minimal.replace("credits:", MAP + NAMES_TWO + "credits:"))
    shutil.copytree(
        shipped_content.parent / "assets" / "map", path.parent / "map", dirs_exist_ok=True
    )
    warnings = [str(w) for w in load_content(path).warnings]
    assert not any(".also" in w for w in warnings), warnings
    assert any("the 2nd map name (zeya), name: no text in zh-Hans" in w for w in warnings), warnings


def test_a_name_used_twice_and_years_the_wrong_way_round_are_located(with_map):
    names = NAMES.replace("id: zeya", "id: amur").replace("until: 1900", "until: 1600")
    errors = errors_of(with_names(with_map, names))
    assert any(
        "the 2nd map name (amur), id: the name id 'amur' is used twice (first at line" in e
        for e in errors
    ), errors
    assert any(
        "the 2nd map name (amur), until: 1600 is before 'from' (1700): swap them" in e
        for e in errors
    )


def test_a_misspelt_from_suggests_from(with_map):
    errors = errors_of(with_names(with_map, NAMES.replace("from: 1700", "form: 1700")))
    assert any("unknown key 'form' - did you mean 'from'?" in e for e in errors), errors


def test_a_name_of_an_unknown_kind_is_refused(with_map):
    errors = errors_of(with_names(with_map, NAMES.replace("kind: river", "kind: town", 1)))
    assert any(e.split(": ")[1].startswith("the 1st map name (amur), kind") for e in errors), errors
