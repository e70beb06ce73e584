"""Map markers are moved apart only as far as needed, north staying north."""

from __future__ import annotations

import pytest

from kiosk.backend.maplabels import GAP, Box, place


def _rects(boxes, moves):
    return [b.rect(dx, dy) for b, (dx, dy) in zip(boxes, moves)]


def _apart(rects) -> bool:
    return all(
        a[2] + GAP - 0.01 <= b[0]
        or b[2] + GAP - 0.01 <= a[0]
        or a[3] + GAP - 0.01 <= b[1]
        or b[3] + GAP - 0.01 <= a[1]
        for i, a in enumerate(rects)
        for b in rects[i + 1 :]
    )


def test_places_far_apart_stay_on_their_places():
    boxes = [Box(0, 0, 20, 120, 20, 20), Box(400, 300, 20, 120, 20, 20)]
    assert place(boxes) == [(0.0, 0.0), (0.0, 0.0)]


def test_three_near_places_are_stacked_north_to_south():
    # Blagoveshchensk (north), the villages, Aigun (south): a few pixels apart at 1x
    boxes = [
        Box(100, 110, 150, 20, 22, 22),
        Box(104, 100, 200, 20, 22, 22),
        Box(101, 90, 20, 180, 22, 22),
    ]
    moves = place(boxes)
    rects = _rects(boxes, moves)
    assert _apart(rects)
    ys = [r[1] for r in rects]
    assert ys[2] < ys[1] < ys[0]  # north stays north


def test_places_on_one_spot_are_still_separated():
    boxes = [Box(50, 50, 10, 10, 10, 10) for _ in range(4)]
    assert _apart(_rects(boxes, place(boxes)))


# -- the names written on the map stay; markers keep off them ------------------------------------

from kiosk.backend.maplabels import Label, both_names  # noqa: E402


def _clear(box: Box, move, label: Label) -> bool:
    from kiosk.backend.maplabels import _corners, _separated

    return _separated(_corners(box.rect(*move)), label.corners())


def test_a_marker_on_a_name_moves_off_it_and_the_name_stays():
    box = Box(100, 100, 20, 120, 20, 20)  # a marker with its name to the right
    level = Label(150, 105, 200, 30)  # a river's name across it
    (move,) = place([box], [level])
    assert move != (0.0, 0.0)
    assert _clear(box, move, level)
    assert abs(move[1]) > abs(move[0])  # up or down, as the places move


def test_a_turned_name_is_cleared_by_its_true_outline_not_its_box():
    """A steep river's name: a marker beside it, inside its upright box but clear of the
    name itself, stays on its place."""
    steep = Label(0, 0, 300, 30, angle=60)
    box = Box(90, 90, 15, 15, 15, 15)  # within the turned name's bounding box, off the name
    assert place([box], [steep]) == [(0.0, 0.0)]
    near = Box(10, 10, 15, 15, 15, 15)  # on it
    (move,) = place([near], [steep])
    assert move != (0.0, 0.0) and _clear(near, move, steep)


def test_markers_keep_apart_and_off_the_names_together():
    boxes = [
        Box(100, 110, 150, 20, 22, 22),
        Box(104, 100, 200, 20, 22, 22),
        Box(101, 90, 20, 180, 22, 22),
    ]
    names = [Label(100, 40, 160, 28, angle=-20), Label(260, 150, 120, 28)]
    moves = place(boxes, names)
    assert _apart(_rects(boxes, moves))
    assert all(_clear(b, m, n) for b, m in zip(boxes, moves) for n in names)


@pytest.mark.parametrize(
    "name, also, language, shown",
    [
        ("Amur", "Heilongjiang", "en", "Amur (Heilongjiang)"),
        ("Амур", "Хэйлунцзян", "ru", "Амур (Хэйлунцзян)"),
        ("黑龙江", "阿穆尔河", "zh-Hans", "黑龙江（阿穆尔河）"),
        ("符拉迪沃斯托克", "海参崴", "zh-Hans", "符拉迪沃斯托克（海参崴）"),
        ("Argun", None, "en", "Argun"),
        ("Argun", "  ", "en", "Argun"),
        ("Ussuri", "Ussuri", "en", "Ussuri"),
    ],
)
def test_both_names_in_the_brackets_of_the_language(name, also, language, shown):
    assert both_names(name, also, language) == shown


def test_the_qml_slot_takes_names_as_maps():
    from kiosk.backend.maplabels import MapLabels

    labels = MapLabels()
    boxes = [{"x": 100, "y": 100, "left": 20, "right": 120, "top": 20, "bottom": 20}]
    (move,) = labels.placeAround(
        boxes, [{"x": 150, "y": 105, "width": 200, "height": 30, "angle": 0}]
    )
    assert move["dy"] != 0
    assert labels.place(boxes) == [{"dx": 0.0, "dy": 0.0}]
    assert labels.placeAround(boxes, [{"x": "?"}]) == [{"dx": 0.0, "dy": 0.0}]
