"""properties.style of the historic layers (assets/map/layers.geojson), and the data file
it comes from (tools/mapgen/aigun.json).

The tests of the committed layers are standard library only; the ones of the data file's
checks import the generator's package (numpy, skipped without it).
"""

import copy
import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAP_DIR = REPO / "assets" / "map"
REGION_FILE = REPO / "tools" / "mapgen" / "aigun.json"
STYLE_KEYS = ["stroke", "fill", "hatch", "dash"]


@pytest.fixture(scope="module")
def features():
    return json.loads((MAP_DIR / "layers.geojson").read_text(encoding="utf-8"))["features"]


def test_every_feature_has_a_well_formed_style(features):
    assert len(features) == 14
    for f in features:
        props = f["properties"]
        fid, style = props["id"], props.get("style")
        assert isinstance(style, dict), f"{fid} has no style"
        assert list(style) == STYLE_KEYS, fid
        assert re.fullmatch(r"#[0-9a-f]{6}", style["stroke"]), fid
        for key in ("fill", "hatch"):
            assert style[key] is None or re.fullmatch(r"#[0-9a-f]{8}", style[key]), (fid, key)
        assert isinstance(style["dash"], bool), fid
        if props["kind"] == "area":  # filled, hatched, or striped in two colours
            assert style["fill"] is not None or style["hatch"] is not None, fid
        else:  # lines and places are not filled
            assert style["fill"] is None and style["hatch"] is None, fid


# -- colour means owner: one hue per empire, far apart for every eye -----------------------

PARCHMENT = (212, 200, 170)  # the picture's lowland (tools/mapgen/palette.py: land_low)

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB
CVD = {
    "protan": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deutan": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritan": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def on_parchment(rgba: str) -> tuple[float, float, float]:
    """An area's fill as it looks on the map's land (0-255)."""
    v = rgba.lstrip("#")
    r, g, b, a = (int(v[i : i + 2], 16) for i in (0, 2, 4, 6))
    t = a / 255
    return tuple(c * t + p * (1 - t) for c, p in zip((r, g, b), PARCHMENT))


def seen(rgb, how: str | None) -> tuple[float, float, float]:
    """A colour as an eye with a colour vision deficiency sees it (None: typical vision)."""
    if how is None:
        return tuple(rgb)

    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def enc(c):
        c = min(1.0, max(0.0, c))
        return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)

    x = [lin(c) for c in rgb]
    return tuple(enc(sum(m * v for m, v in zip(row, x))) for row in CVD[how])


def distance(a, b) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b)) ** 0.5


def hue(rgb) -> float:
    import colorsys

    return colorsys.rgb_to_hsv(*(c / 255 for c in rgb))[0] * 360


def test_one_hue_per_empire_far_apart_for_every_eye(features):
    by_id = {f["properties"]["id"]: f["properties"]["style"] for f in features}
    qing, russian = (
        on_parchment(by_id["qing-1689"]["fill"]),
        on_parchment(by_id["ceded-1858"]["fill"]),
    )
    # every area an empire holds has its one colour
    assert by_id["russian-1860"]["fill"] == by_id["ceded-1858"]["fill"]
    for how in (None, *CVD):
        assert distance(seen(qing, how), seen(russian, how)) > 60, how
    assert abs(hue(qing) - hue(russian)) > 120  # orange and blue: across the wheel
    # both apart from the borders' reds
    for border in ("border-1689", "border-1858", "border-1860"):
        stroke = by_id[border]["stroke"] + "ff"
        for empire in (qing, russian):
            assert distance(empire, on_parchment(stroke)) > 90, border


def test_the_jointly_run_land_is_striped_in_both_empires_colours(features):
    by_id = {f["properties"]["id"]: f["properties"]["style"] for f in features}
    joint = by_id["joint-1858"]
    assert {joint["fill"], joint["hatch"]} == {
        by_id["qing-1689"]["fill"],
        by_id["ceded-1858"]["fill"],
    }
    # land left to neither side is striped grey: no empire's colour
    undetermined = by_id["undetermined-1689"]
    assert undetermined["fill"] is None
    r, g, b = (int(undetermined["hatch"][i : i + 2], 16) for i in (1, 3, 5))
    assert max(r, g, b) - min(r, g, b) < 25


def test_the_owners_copies_are_the_same_land(features):
    """qing-1689 is the left bank and the coast (ceded-1858 and joint-1858) in the Qing's
    colour; russian-1860 the coast again in Russia's: the same polygons, the same areas."""
    by_id = {f["properties"]["id"]: f for f in features}

    def polygons(fid):
        g = by_id[fid]["geometry"]
        return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]

    assert polygons("qing-1689") == polygons("ceded-1858") + polygons("joint-1858")
    assert polygons("russian-1860") == polygons("joint-1858")
    area = {fid: f["properties"].get("area_km2") for fid, f in by_id.items()}
    assert area["qing-1689"] == area["ceded-1858"] + area["joint-1858"]
    assert area["russian-1860"] == area["joint-1858"]


def test_the_data_file_names_a_style_for_every_feature():
    region = json.loads(REGION_FILE.read_text(encoding="utf-8"))
    styles = region["styles"]["by_name"]
    for f in region["features"]["list"]:
        assert f["style"] in styles, f["id"]


# ------------------------------------------------- the data file's checks --
@pytest.fixture(scope="module")
def history():
    pytest.importorskip("numpy")
    for folder in (REPO / "tools", REPO):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    from mapgen import history

    return history


@pytest.fixture
def region():
    return json.loads(REGION_FILE.read_text(encoding="utf-8"))


def test_the_data_file_loads(history):
    assert [f["id"] for f in history.FEATURES][:8] == [
        "border-1689",
        "qing-1689",
        "undetermined-1689",
        "ceded-1858",
        "border-1858",
        "joint-1858",
        "russian-1860",
        "border-1860",
    ]
    assert [f.get("same_as") for f in history.FEATURES if "same_as" in f] == [
        ["ceded-1858", "joint-1858"],
        ["joint-1858"],
    ]
    assert all(list(f["style"]) == STYLE_KEYS for f in history.FEATURES)
    assert [p[0] for p in history.PLACES] == [
        f["id"] for f in history.FEATURES if f["kind"] == "place"
    ]


def _broken(region, change):
    broken = copy.deepcopy(region)
    change(broken)
    return broken


def _set_style(name, key, value):
    def change(r):
        r["styles"]["by_name"][name][key] = value

    return change


def _set_feature(k, key, value):
    def change(r):
        r["features"]["list"][k][key] = value

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (_set_style("russian", "stroke", "#B5482F"), "stroke must be #rrggbb"),
        (_set_style("russian", "fill", "#c7592e"), "fill must be #rrggbbaa"),
        (_set_style("joint", "hatch", "#2166c2"), "hatch must be #rrggbbaa"),
        (_set_style("line-1858", "dash", "no"), "dash must be true or false"),
        (_set_style("line-1858", "width", 3), "a style has stroke, fill, hatch, dash"),
        (_set_feature(0, "style", "russian"), "only an area has a fill or a hatch"),
        (_set_feature(0, "style", "nerchinsk"), "no style 'nerchinsk'"),
        (_set_feature(8, "lonlat", [127.49]), "expected [lon, lat]"),
        (_set_feature(1, "same_as", ["ceded-1858", "nowhere"]), "same_as names 'nowhere'"),
        (_set_feature(1, "same_as", "ceded-1858"), "same_as is a list of areas' ids"),
        (_set_feature(0, "same_as", ["ceded-1858"]), "same_as is a list of areas' ids"),
    ],
)
def test_the_data_file_is_checked(history, region, tmp_path, change, message):
    path = tmp_path / "aigun.json"
    path.write_text(json.dumps(_broken(region, change)), encoding="utf-8")
    with pytest.raises(history.RegionFileError, match=re.escape(message)):
        history.load_region(path)
