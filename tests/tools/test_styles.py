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
    assert len(features) == 12
    for f in features:
        props = f["properties"]
        fid, style = props["id"], props.get("style")
        assert isinstance(style, dict), f"{fid} has no style"
        assert list(style) == STYLE_KEYS, fid
        assert re.fullmatch(r"#[0-9a-f]{6}", style["stroke"]), fid
        for key in ("fill", "hatch"):
            assert style[key] is None or re.fullmatch(r"#[0-9a-f]{8}", style[key]), (fid, key)
        assert isinstance(style["dash"], bool), fid
        if props["kind"] == "area":  # filled or hatched, never both
            assert (style["fill"] is None) != (style["hatch"] is None), fid
        else:  # lines and places are not filled
            assert style["fill"] is None and style["hatch"] is None, fid


def qt_rgba(r, g, b, a):
    """Qt.rgba(r, g, b, a) as #rrggbbaa, 8 bits a channel as Qt rounds them (a tie goes up:
    0.30 * 255 = 76.5 gives 77, as QColor.fromRgbF(...).alpha() does)."""
    return "#" + "".join(f"{int(v * 255 + 0.5):02x}" for v in (r, g, b, a))


def former_map_style(fid: str, kind: str) -> dict:
    """What the kiosk's MapStyle.qml gave a feature from substrings of its id, before the
    styles were data: the layers' styles must look exactly the same."""
    stroke = "#8c2f23" if "1689" in fid else "#7b1f4f" if "1860" in fid else "#b5482f"
    hatched = "undetermined" in fid
    if "joint" in fid:
        fill = qt_rgba(0.48, 0.12, 0.31, 0.30)
    else:
        fill = qt_rgba(0.78, 0.35, 0.18, 0.32)
    return {
        "stroke": stroke,
        # the app fills only closed areas, and a hatched one with its stripes alone
        "fill": fill if kind == "area" and not hatched else None,
        "hatch": qt_rgba(0.55, 0.18, 0.14, 0.45) if hatched else None,
        "dash": "1689" in fid,
    }


def test_styles_look_as_the_former_id_rules_did(features):
    for f in features:
        props = f["properties"]
        assert props["style"] == former_map_style(props["id"], props["kind"]), props["id"]


def test_qt_rgba_rounds_as_qt_does():
    qtgui = pytest.importorskip("PySide6.QtGui")
    for rgba in [(0.78, 0.35, 0.18, 0.32), (0.48, 0.12, 0.31, 0.30), (0.55, 0.18, 0.14, 0.45)]:
        c = qtgui.QColor.fromRgbF(*rgba)
        assert qt_rgba(*rgba) == f"#{c.red():02x}{c.green():02x}{c.blue():02x}{c.alpha():02x}"


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
    assert [f["id"] for f in history.FEATURES][:6] == [
        "border-1689",
        "undetermined-1689",
        "ceded-1858",
        "border-1858",
        "joint-1858",
        "border-1860",
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
        (_set_style("ceded", "stroke", "#B5482F"), "stroke must be #rrggbb"),
        (_set_style("ceded", "fill", "#c7592e"), "fill must be #rrggbbaa"),
        (_set_style("undetermined", "fill", "#c7592e52"), "filled or hatched, not both"),
        (_set_style("line-1858", "dash", "no"), "dash must be true or false"),
        (_set_style("line-1858", "width", 3), "a style has stroke, fill, hatch, dash"),
        (_set_feature(0, "style", "ceded"), "only an area has a fill or a hatch"),
        (_set_feature(0, "style", "nerchinsk"), "no style 'nerchinsk'"),
        (_set_feature(6, "lonlat", [127.49]), "expected [lon, lat]"),
    ],
)
def test_the_data_file_is_checked(history, region, tmp_path, change, message):
    path = tmp_path / "aigun.json"
    path.write_text(json.dumps(_broken(region, change)), encoding="utf-8")
    with pytest.raises(history.RegionFileError, match=re.escape(message)):
        history.load_region(path)
