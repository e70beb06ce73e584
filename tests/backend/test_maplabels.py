"""Map markers are moved apart only as far as needed, north staying north."""

from __future__ import annotations

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
