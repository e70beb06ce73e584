"""The map page: pinch, pan, double-tap, reset, layers and hotspots - by real touches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import scene

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def on_map(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap("nav_map")
    visitor.go("map")
    return visitor


def map_view(visitor):
    """The map page's map (each chapter has a map of its own)."""
    page = visitor.find("page_map")
    return next(i for i in scene.items(page) if i.objectName() == "mapView")


def zoom(visitor) -> float:
    return map_view(visitor).property("zoom")


def test_the_map_opens_at_the_whole_map(on_map):
    assert zoom(on_map) == pytest.approx(1.0)
    assert on_map.shows(map_view(on_map))


def settled(visitor) -> None:
    """A person's next gesture comes when the map has stopped moving."""
    view = map_view(visitor)
    visitor.qtbot.waitUntil(lambda: not view.property("moving") and not view.property("flicking"))
    visitor.next_frame()


def test_pinch_zooms_within_bounds_and_reset_returns(on_map):
    center = on_map.center(map_view(on_map))
    on_map.pinch(center, 200, 500)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) > 1.8)
    for _ in range(2):
        settled(on_map)
        on_map.pinch(center, 100, 1400)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) > 4)
    assert zoom(on_map) <= 6.0 + 1e-6
    for _ in range(2):  # pinch in past the whole map: stays at 1x
        settled(on_map)
        on_map.pinch(center, 1200, 100)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(1.0, abs=0.01))
    on_map.pinch(center, 200, 600)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) > 1.5)
    on_map.tap("mapReset")
    on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(1.0))


def test_pan_is_clamped_so_the_map_never_leaves_the_screen(on_map):
    center = on_map.center(map_view(on_map))
    on_map.pinch(center, 200, 700)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) > 2)
    view = map_view(on_map)
    flick = next(
        i for i in view.childItems() if i.metaObject().className().startswith("QQuickFlickable")
    )
    on_map.drag(center, center + QPoint(1500, 900))  # far beyond the map's edge
    on_map.qtbot.waitUntil(lambda: not flick.property("moving"), timeout=5000)
    assert flick.property("contentX") >= -flick.property("leftMargin") - 0.5
    assert flick.property("contentY") >= -flick.property("topMargin") - 0.5
    on_map.drag(center, center - QPoint(2500, 1500))
    on_map.qtbot.waitUntil(lambda: not flick.property("moving"), timeout=5000)
    right = flick.property("contentX") + flick.width()
    assert right <= flick.property("contentWidth") + flick.property("rightMargin") + 0.5


def test_double_tap_zooms_in(on_map):
    p = on_map.center(map_view(on_map)) + QPoint(250, -200)  # open map, away from the places
    on_map.tap(p)
    on_map.tap(p)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(2.0, abs=0.05))
    QTest.mouseDClick(on_map.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(4.0, abs=0.1))


def test_a_hotspot_opens_its_popup_and_a_tap_elsewhere_closes_it(on_map):
    popup = on_map.find("hotspotPopup")
    assert not popup.isVisible()
    on_map.tap(
        "hotspotLabel_aigun"
    )  # its name: at the whole map, the markers of near places overlap
    on_map.qtbot.waitUntil(popup.isVisible)
    assert "signed here on 28 May 1858" in on_map.find("hotspotText").property("text")
    on_map.tap(on_map.center(map_view(on_map)) + QPoint(0, -250))
    on_map.qtbot.waitUntil(lambda: not popup.isVisible())


def test_layers_change_what_is_shown(on_map):
    title = on_map.find("layerTitle")
    on_map.tap("layer_1689")
    on_map.qtbot.waitUntil(lambda: "Nerchinsk" in title.property("text"))
    assert on_map.find("layer_1689").property("checked")
    on_map.tap("layer_1860")
    on_map.qtbot.waitUntil(
        lambda: "1860" in title.property("text") or "coast" in title.property("text")
    )


def test_the_legend_names_each_area_with_its_km2_from_the_layers_file(on_map):
    layers = json.loads((REPO / "assets" / "map" / "layers.geojson").read_text(encoding="utf-8"))
    km2 = {f["properties"]["id"]: f["properties"].get("area_km2") for f in layers["features"]}

    def legend(fid):
        return on_map.find(f"legend_{fid}").property("text")

    on_map.tap(
        "layer_1689"
    )  # the Uda valley, which 1689 left open, is shown (hatched) with its area
    on_map.qtbot.waitUntil(lambda: bool(on_map.find_all("legend_undetermined-1689")))
    assert legend("undetermined-1689").endswith(
        f" — {round(km2['undetermined-1689'], -3):,}\u00a0km²"
    )
    assert legend("border-1689") == "Border of 1689"
    on_map.tap("layer_1858")
    on_map.qtbot.waitUntil(lambda: bool(on_map.find_all("legend_ceded-1858")))
    # the Uda valley was never Qing land: 1858 shows it apart from what the Qing ceded
    assert legend("undetermined-1689").endswith(
        f" — {round(km2['undetermined-1689'], -3):,}\u00a0km²"
    )
    ceded, joint = legend("ceded-1858"), legend("joint-1858")
    assert ceded == f"To the Russian Empire in 1858 — {round(km2['ceded-1858'], -3):,}\u00a0km²"
    assert joint.endswith(f" — {round(km2['joint-1858'], -3):,}\u00a0km²")


def test_the_session_reset_puts_the_map_back(on_map):
    assert "map" in on_map.kiosk.session.parts
    center = on_map.center(map_view(on_map))
    on_map.pinch(center, 200, 600)
    on_map.qtbot.waitUntil(lambda: zoom(on_map) > 1.5)
    on_map.tap("layer_1689")
    on_map.tap("hotspotLabel_aigun")
    on_map.qtbot.waitUntil(on_map.find("hotspotPopup").isVisible)
    on_map.kiosk.session.reset()
    on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(1.0))
    assert not on_map.find("hotspotPopup").isVisible()
    assert not on_map.find("layer_1689").property("checked")


def test_see_it_on_the_map_opens_the_map_there(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap("nav_aftermath")
    visitor.go("aftermath")
    visitor.tap("seeOnMap_aftermath")
    visitor.go("map")
    asked = visitor.kiosk.navigation.mapRequest["zoom"]  # the page's map_view: 2 or so
    assert asked > 1.5
    visitor.qtbot.waitUntil(lambda: zoom(visitor) == pytest.approx(asked, abs=0.05))
    assert visitor.find("layer_1860").property("checked")
    assert visitor.shows(visitor.find("hotspot_vladivostok"))  # the coast is in view
    assert (
        not visitor.find_all("seeOnMap_negotiations")
        or not visitor.find("seeOnMap_negotiations").isVisible()
    )


def test_no_two_places_overlap_at_any_zoom_in_any_language(on_map):
    """Aigun, the Sixty-Four Villages and Blagoveshchensk lie within 30 km of each other:
    their markers and names are moved apart (with a line back to the place) at every zoom,
    from the whole map to the closest, in every language - and off the names written on
    the map (rivers, seas, empires)."""
    from kiosk.proof import map_overlaps as overlapping_markers

    center = on_map.center(map_view(on_map))
    for language in ["en", "ru", "zh-Hans"]:
        on_map.tap(f"lang_{language}")
        on_map.qtbot.waitUntil(
            lambda language=language: on_map.window.property("language") == language
        )
        on_map.tap("mapReset")
        on_map.qtbot.waitUntil(lambda: zoom(on_map) == pytest.approx(1.0))
        seen = []
        while True:
            settled(on_map)
            assert overlapping_markers(on_map.window) == [], (language, zoom(on_map))
            seen.append(zoom(on_map))
            if zoom(on_map) >= 5.99:
                break
            on_map.pinch(center, 300, 420)  # a little closer each time
            on_map.qtbot.waitUntil(lambda seen=seen: zoom(on_map) > seen[-1] + 0.05)
        assert len(seen) >= 6, seen


def test_a_moved_marker_still_points_to_its_place(on_map):
    """At the whole map the Aigun marker stands off its place; a line leads back to it, and
    tapping the marker opens Aigun."""
    spot = on_map.find("hotspot_aigun")
    moved = spot.property("moved")
    assert moved > 1, "at 1x Aigun's marker should have been moved off the villages' marker"
    popup = on_map.find("hotspotPopup")
    on_map.tap(spot)
    on_map.qtbot.waitUntil(popup.isVisible)
    assert "28 May 1858" in on_map.find("hotspotText").property("text")
