"""The map answers "whose land?": names on the map in the visitor's language with both
sides' names, colour by owner, places only from their founding year, the years playing on
entry, popups beside their place - by real touches and keys on the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Q_ARG, QMetaObject, QObject, QPointF, QRectF, Qt

from kiosk import scene
from kiosk.proof import map_overlaps

REPO = Path(__file__).resolve().parents[2]
LAYERS = ["1689", "1858", "1860"]


def features() -> dict:
    layers = json.loads((REPO / "assets" / "map" / "layers.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["properties"] for f in layers["features"]}


def page(v):
    return v.find("page_map")


def layer_shown(v) -> str:
    return next(lid for lid in LAYERS if v.find(f"layer_{lid}").property("checked"))


def map_view(v):
    """The map page's map (the chapters have maps of their own)."""
    return next(i for i in scene.items(page(v)) if i.objectName() == "mapView")


def rest(v) -> None:
    """The map stands still: not flying, not cross-fading, not being flicked."""
    view = map_view(v)
    v.qtbot.waitUntil(lambda: not view.property("busy"), timeout=5000)
    v.next_frame()


def open_map(v) -> None:
    v.enter("background")
    v.tap("nav_map")
    v.go("map")


def choose_year(v, year: str) -> None:
    v.tap(f"layer_{year}")
    v.qtbot.waitUntil(lambda: v.find(f"layer_{year}").property("checked"))
    rest(v)


def choose_language(v, language: str) -> None:
    v.tap(f"lang_{language}")
    v.qtbot.waitUntil(lambda: v.window.property("language") == language)
    v.next_frame()


@pytest.fixture
def on_map(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content)
    open_map(v)
    return v


def accessible_names(v) -> set[str]:
    return {name for _role, name, _actions, _item in scene.accessible_nodes(v.window)}


# -- places exist from their founding year ----------------------------------------------------


def test_vladivostok_is_on_the_map_only_from_1860(on_map):
    v = on_map
    spot = v.find("hotspot_vladivostok")
    for year in ("1689", "1858"):
        choose_year(v, year)
        assert not scene.shown(spot), f"Vladivostok (founded 1860) shown in {year}"
        assert not any("Vladivostok" in n for n in accessible_names(v)), year
        v.tap(scene.centre(spot))  # where it would be: nothing opens
        v.next_frame()
        assert not v.find("hotspotPopup").isVisible()
    choose_year(v, "1860")
    assert scene.shown(spot)
    assert "Vladivostok (Haishenwai)" in accessible_names(v)
    v.tap("hotspotLabel_vladivostok")
    v.qtbot.waitUntil(v.find("hotspotPopup").isVisible)
    assert "July 1860" in v.find("hotspotText").property("text")


def test_places_appear_in_their_founding_year(on_map):
    v = on_map
    expected = {  # from the places' own texts: founded 1856, 1858 and 1860
        "1689": {"aigun", "nerchinsk", "sixty-four-villages"},
        "1858": {"aigun", "nerchinsk", "sixty-four-villages", "blagoveshchensk", "khabarovsk"},
        "1860": {
            "aigun",
            "nerchinsk",
            "sixty-four-villages",
            "blagoveshchensk",
            "khabarovsk",
            "vladivostok",
        },
    }
    for year, places in expected.items():
        choose_year(v, year)
        shown = {
            i.objectName()[len("hotspot_") :]
            for i in scene.items(page(v))
            if i.objectName().startswith("hotspot_") and scene.shown(i)
        }
        assert shown == places, year


# -- both names ---------------------------------------------------------------------------------

BOTH = {
    "en": {
        "mapName_amur": "Amur (Heilongjiang)",
        "mapName_sungari": "Sungari (Songhua)",
        "hotspotLabel_vladivostok": "Vladivostok (Haishenwai)",
        "hotspotLabel_khabarovsk": "Khabarovsk (Boli)",
        "hotspotLabel_blagoveshchensk": "Blagoveshchensk (Hailanpao)",
        "mapName_argun": "Argun",
    },
    "ru": {
        "mapName_amur": "Амур (Хэйлунцзян)",
        "mapName_sungari": "Сунгари (Сунхуацзян)",
        "hotspotLabel_vladivostok": "Владивосток (Хайшэньвай)",
        "hotspotLabel_khabarovsk": "Хабаровск (Боли)",
        "hotspotLabel_blagoveshchensk": "Благовещенск (Хайланьпао)",
        "mapName_argun": "Аргунь",
    },
    "zh-Hans": {
        "mapName_amur": "黑龙江（阿穆尔河）",
        "mapName_zeya": "结雅河（精奇里江）",
        "mapName_sungari": "松花江",
        "hotspotLabel_vladivostok": "符拉迪沃斯托克（海参崴）",
        "hotspotLabel_khabarovsk": "哈巴罗夫斯克（伯力）",
        "hotspotLabel_blagoveshchensk": "布拉戈维申斯克（海兰泡）",
        "mapName_argun": "额尔古纳河",
    },
}


@pytest.mark.parametrize("language", ["en", "ru", "zh-Hans"])
def test_places_and_rivers_carry_both_names_in_each_language(on_map, language):
    v = on_map
    choose_language(v, language)
    choose_year(v, "1860")
    for name, text in BOTH[language].items():
        item = next(i for i in scene.items(page(v)) if i.objectName() == name)
        assert scene.shown(item), name
        assert item.property("text") == text, name
    # the place's button is named by both names too, and the popup's heading says them
    assert BOTH[language]["hotspotLabel_khabarovsk"] in accessible_names(v)
    v.tap("hotspotLabel_khabarovsk")
    v.qtbot.waitUntil(v.find("hotspotPopup").isVisible)
    assert v.find("hotspotPopup").property("heading") == BOTH[language]["hotspotLabel_khabarovsk"]


def test_names_on_the_map_are_text_not_buttons(on_map):
    v = on_map
    roles = {
        item.objectName(): role
        for role, _name, _actions, item in scene.accessible_nodes(v.window)
        if item is not None and item.objectName().startswith("mapName_")
    }
    assert {"mapName_amur", "mapName_russia", "mapName_qing", "mapName_okhotsk"} <= set(roles)
    assert set(roles.values()) == {"StaticText"}
    # a touch on a name goes to the map: it opens nothing
    v.tap(scene.centre(v.find("mapName_qing")))
    v.next_frame()
    assert not v.find("hotspotPopup").isVisible()


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_names_are_at_least_the_small_size_and_outlined(on_map, language):
    v = on_map
    choose_language(v, language)
    small = v.kiosk.engine.singletonInstance("Kiosk", "Theme").property("smallSize")
    letters = [
        item
        for name in scene.items(page(v))
        if name.objectName().startswith("mapName_") and scene.shown(name)
        for item in scene.items(name)
        if scene.is_text(item) and scene.shown(item)
    ]
    assert len(letters) >= 14
    for item in letters:
        assert item.property("font").pixelSize() >= small, item.property("text")
        assert item.property("outlined"), item.property("text")  # Text.Outline: a halo


# -- colour means owner -----------------------------------------------------------------------


def shown_shapes(v) -> dict[str, QObject]:
    """The map's shapes a visitor sees now: {feature id: its MapShapePath}."""
    out = {}
    for item in scene.items(map_view(v)):
        name = item.objectName()
        if name.startswith("mapShape_") and scene.shown(item):
            (path,) = [c for c in item.children() if c.objectName() == "mapPath"]
            out[name[len("mapShape_") :]] = path
    return out


def colour(hex_rgba: str | None) -> tuple[int, int, int, int]:
    if not hex_rgba:
        return (0, 0, 0, 0)
    v = hex_rgba.lstrip("#")
    return tuple(int(v[i : i + 2], 16) for i in (0, 2, 4)) + (
        int(v[6:8], 16) if len(v) == 8 else 255,
    )


def rgba(c) -> tuple[int, int, int, int]:
    return (c.red(), c.green(), c.blue(), c.alpha())


def test_each_year_shows_its_own_land_coloured_by_its_owner(on_map, shipped_content):
    v = on_map
    props = features()
    qing = colour(props["qing-1689"]["style"]["fill"])
    russian = colour(props["ceded-1858"]["style"]["fill"])
    assert qing != russian
    expected = {
        "1689": {"qing-1689", "undetermined-1689", "border-1689"},
        "1858": {"ceded-1858", "joint-1858", "undetermined-1689", "border-1858"},
        "1860": {"ceded-1858", "russian-1860", "undetermined-1689", "border-1860"},
    }
    for year, ids in expected.items():
        choose_year(v, year)
        shapes = shown_shapes(v)
        assert set(shapes) == ids, year
        for fid, path in shapes.items():  # each drawn with its style from the map data
            style = props[fid]["style"]
            if props[fid]["kind"] == "area":
                assert rgba(path.property("fill")) == colour(style["fill"]), fid
                assert rgba(path.property("hatch")) == colour(style["hatch"]), fid
    # 1689: the land north of the Amur and the coast are the Qing's; 1858: the left bank is
    # Russia's, the coast striped in both; 1860: both Russia's
    choose_year(v, "1689")
    assert rgba(shown_shapes(v)["qing-1689"].property("fill")) == qing
    choose_year(v, "1858")
    joint = shown_shapes(v)["joint-1858"]
    assert {rgba(joint.property("fill")), rgba(joint.property("hatch"))} == {qing, russian}
    assert rgba(shown_shapes(v)["ceded-1858"].property("fill")) == russian
    choose_year(v, "1860")
    assert rgba(shown_shapes(v)["russian-1860"].property("fill")) == russian
    assert not any(rgba(p.property("fill")) == qing for p in shown_shapes(v).values())


def test_a_legend_swatch_is_drawn_as_the_map_draws_its_area(on_map):
    v = on_map
    for year in LAYERS:
        choose_year(v, year)
        shapes = shown_shapes(v)
        swatches = {
            i.objectName()[len("swatch_") :]: i
            for i in scene.items(page(v))
            if i.objectName().startswith("swatch_") and scene.shown(i)
        }
        assert set(swatches) == set(shapes), year
        for fid, item in swatches.items():
            (swatch,) = [c for c in item.findChildren(QObject) if c.objectName() == "swatchPath"]
            drawn = shapes[fid]
            for key in ("area", "fill", "hatch", "stroke", "dash", "hatched"):
                assert swatch.property(key) == drawn.property(key), (year, fid, key)
            # the same stripes, on the screen: the map's are in picture pixels times its scale
            k = map_view(v).property("k")
            assert swatch.property("stripeStep") == pytest.approx(
                drawn.property("stripeStep") * k, rel=1e-3
            ), (year, fid)


def test_the_legend_says_whose_land(on_map):
    v = on_map
    choose_year(v, "1689")
    assert "Qing Empire" in v.find("legend_qing-1689").property("text")
    choose_year(v, "1858")
    assert "Russian Empire" in v.find("legend_ceded-1858").property("text")
    assert "Qing and Russian" in v.find("legend_joint-1858").property("text")
    choose_year(v, "1860")
    assert "Russian Empire in 1860" in v.find("legend_russian-1860").property("text")


# -- the years play once on entering ---------------------------------------------------------


@pytest.fixture
def quick_tour(open_kiosk, shipped_content):
    """The kiosk (with its keypad) with its map's years stepping every 400 ms (the
    exhibit: 2.5 s)."""
    v = open_kiosk(shipped_content)
    v.qtbot.waitUntil(lambda: v.kiosk.keypad._window is not None)
    v.enter("background")
    v.qtbot.waitUntil(lambda: bool(v.find_all("page_map")))
    page(v).setProperty("tourStep", 400)
    return v


def test_entering_the_map_plays_the_years_once_and_a_touch_stops_them(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    assert layer_shown(v) == "1689"
    v.qtbot.waitUntil(lambda: layer_shown(v) == "1858", timeout=2000)
    v.qtbot.waitUntil(lambda: layer_shown(v) == "1860", timeout=2000)
    assert not page(v).property("touring")  # once: it stays on the last
    # away and back again: not again (once a visit)
    v.tap("nav_terms")
    v.go("terms")
    v.tap("nav_map")
    v.go("map")
    assert layer_shown(v) == "1860" and not page(v).property("touring")


def test_a_touch_on_the_map_stops_the_years_and_still_does_what_it_does(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    assert page(v).property("touring")
    v.tap("hotspotLabel_aigun")  # stops the years, and opens Aigun
    v.qtbot.waitUntil(v.find("hotspotPopup").isVisible)
    assert not page(v).property("touring")
    year = layer_shown(v)
    with v.qtbot.assertNotEmitted(page(v).layerIndexChanged, wait=1200):
        pass
    assert layer_shown(v) == year


def test_a_touch_on_a_year_stops_the_years_on_that_year(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    v.tap("layer_1860")
    v.qtbot.waitUntil(lambda: layer_shown(v) == "1860")
    assert not page(v).property("touring")
    v.tap("layer_1689")
    with v.qtbot.assertNotEmitted(page(v).layerIndexChanged, wait=1200):
        pass
    assert layer_shown(v) == "1689"


def test_a_pinch_stops_the_years(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    v.pinch(v.center("mapView"), 200, 420)
    v.qtbot.waitUntil(lambda: map_view(v).property("zoom") > 1.5)
    assert not page(v).property("touring")


def test_a_key_stops_the_years(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    assert page(v).property("touring")
    v.key(Qt.Key.Key_Right)
    v.qtbot.waitUntil(lambda: not page(v).property("touring"))


def test_see_it_on_the_map_does_not_play_the_years_and_the_reset_plays_them_again(quick_tour):
    v = quick_tour
    v.tap("nav_aftermath")
    v.go("aftermath")
    v.kiosk.navigation.showOnMap(v.kiosk.exhibit.pages.rows()[3]["mapView"])  # its button
    v.go("map")
    assert layer_shown(v) == "1860" and not page(v).property("touring")
    v.kiosk.session.reset()
    v.qtbot.waitUntil(lambda: v.page == "attract")
    open_map(v)
    assert page(v).property("touring")


# -- nothing overlaps ---------------------------------------------------------------------------


def view_at(v, layer: int, x: float, y: float, zoom: float) -> None:
    """The map page on that layer, (x, y) of the picture in the middle, that close (at
    once: the layout is what is checked here, not the flight)."""
    page(v).setProperty("layerIndex", layer)
    view = map_view(v)
    QMetaObject.invokeMethod(
        view,
        "centreOn",
        Qt.ConnectionType.DirectConnection,
        Q_ARG("QVariant", x),
        Q_ARG("QVariant", y),
        Q_ARG("QVariant", zoom),
    )
    v.qtbot.waitUntil(lambda: view.property("zoom") == pytest.approx(zoom, abs=0.02))
    rest(v)


@pytest.mark.parametrize("language", ["en", "ru", "zh-Hans"])
def test_no_names_or_places_overlap_at_1x_2x_4x_on_any_layer(on_map, language):
    v = on_map
    choose_language(v, language)
    themap = v.kiosk.exhibit.map
    w, h = themap.width, themap.height
    spots = [(r["px"], r["py"]) for r in themap.hotspots.rows()]
    names = [(r["px"], r["py"]) for r in themap.names.rows()]
    for layer in range(themap.layers.count):
        view_at(v, layer, w / 2, h / 2, 1)
        assert map_overlaps(v.window) == [], (language, LAYERS[layer], 1)
        for zoom in (2, 4):
            # the view round every place and every name, and a grid over the map
            grid = [
                (w * (i + 0.5) / zoom, h * (j + 0.5) / zoom)
                for i in range(zoom)
                for j in range(zoom)
            ]
            for x, y in spots + names + grid:
                view_at(v, layer, x, y, zoom)
                assert map_overlaps(v.window) == [], (language, LAYERS[layer], zoom, x, y)


# -- popups ----------------------------------------------------------------------------------------


def test_a_popup_stands_beside_its_place_never_over_it(on_map):
    v = on_map
    view = map_view(v)
    for year in ("1689", "1860"):
        choose_year(v, year)
        for row in v.kiosk.exhibit.map.hotspots.rows():
            spot = v.find(f"hotspot_{row['spotId']}")
            if not scene.shown(spot):
                continue
            v.tap(f"hotspotLabel_{row['spotId']}")
            popup = v.find("hotspotPopup")
            v.qtbot.waitUntil(popup.isVisible)
            v.next_frame()
            box = scene.rect(popup)
            frame = view.mapRectToScene(view.property("pictureArea"))  # the map on the screen
            # the place itself (where the picture has it) and its marker with its ring
            k = view.property("k")
            at = view.mapToScene(
                QPointF(
                    row["px"] * k - view.property("contentX"),
                    row["py"] * k - view.property("contentY"),
                )
            )
            assert not box.contains(at), row["spotId"]
            assert not box.intersects(scene.rect(spot)), row["spotId"]
            assert frame.contains(box), (row["spotId"], box, frame)
            assert scene.shown(v.find(f"hotspotRing_{row['spotId']}"))
            leader = v.find("popupLeader")
            assert scene.shown(leader) and leader.width() > 0
            v.tap(scene.centre(popup))  # a tap on it closes it
            v.qtbot.waitUntil(lambda: not v.find("hotspotPopup").isVisible())


def test_the_chosen_place_is_ringed(on_map):
    v = on_map
    ring = v.find("hotspotRing_aigun")
    assert not scene.shown(ring)
    v.tap("hotspotLabel_aigun")
    v.qtbot.waitUntil(lambda: scene.shown(ring))
    # the ring stands out at the whole map: wider than the marker's disc, on the screen
    assert ring.width() >= v.find("hotspot_aigun").width() * 0.9
    assert QRectF(scene.rect(ring)).width() >= 30


# -- audio -------------------------------------------------------------------------------------------


def test_audio_mode_says_the_year_a_visitor_chooses(quick_tour):
    v = quick_tour
    v.tap("nav_map")
    v.go("map")
    v.key(Qt.Key.Key_F2)  # the audio key
    v.qtbot.waitUntil(lambda: v.window.property("audioMode"))
    v.tap("layer_1860")
    title = v.find("layerTitle")
    v.qtbot.waitUntil(lambda: "Convention of Peking" in title.property("text"))
    v.qtbot.waitUntil(lambda: v.window.property("lastSpoken") == title.property("text"))


def test_the_years_do_not_play_in_audio_mode(quick_tour):
    v = quick_tour
    v.key(Qt.Key.Key_F2)
    v.qtbot.waitUntil(lambda: v.window.property("audioMode"))
    v.tap("nav_map")
    v.go("map")
    assert not page(v).property("touring")
