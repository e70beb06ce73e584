"""Where the map's place markers stand, so that no two markers or names overlap.

Near places (Aigun, the Sixty-Four Villages and Blagoveshchensk lie within 30 km of each
other) would sit on top of each other at the whole-map zoom.  Each marker starts on its
place; overlapping ones are pushed apart, mostly up and down so north stays north, and the
map draws a thin line from the place to a marker that had to move.  The map asks again
whenever the zoom or the language changes; at a closer zoom the places have room and every
marker sits on its place again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

GAP = 4.0  # pixels kept between two markers' boxes
ROUNDS = 60


@dataclass
class Box:
    """A marker with its name, around the point (x, y) the marker is centred on:
    ``left``/``right``/``top``/``bottom`` reach out from that point (all >= 0)."""

    x: float
    y: float
    left: float
    right: float
    top: float
    bottom: float

    def rect(self, dx: float, dy: float) -> tuple[float, float, float, float]:
        cx, cy = self.x + dx, self.y + dy
        return cx - self.left, cy - self.top, cx + self.right, cy + self.bottom


def _overlap(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> tuple[float, float]:
    """How far two rectangles overlap across and down (with GAP); <= 0: they do not."""
    return (min(a[2], b[2]) - max(a[0], b[0]) + GAP, min(a[3], b[3]) - max(a[1], b[1]) + GAP)


def place(boxes: list[Box]) -> list[tuple[float, float]]:
    """How far each marker moves from its place, ``(dx, dy)``, so that none overlap."""
    moves = [[0.0, 0.0] for _ in boxes]
    for _ in range(ROUNDS):
        moved = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i].rect(*moves[i]), boxes[j].rect(*moves[j])
                across, down = _overlap(a, b)
                if across <= 0 or down <= 0:
                    continue
                moved = True
                # the one further north (or, level, the first) goes up; each moves half
                upper, lower = (i, j) if (boxes[i].y, i) <= (boxes[j].y, j) else (j, i)
                if down <= across * 1.5:  # up and down unless that is much further
                    moves[upper][1] -= down / 2
                    moves[lower][1] += down / 2
                else:
                    west, east = (i, j) if (boxes[i].x, i) <= (boxes[j].x, j) else (j, i)
                    moves[west][0] -= across / 2
                    moves[east][0] += across / 2
        if not moved:
            break
    return [(round(dx, 2), round(dy, 2)) for dx, dy in moves]


@QmlElement
@QmlSingleton
class MapLabels(QObject):
    """``place(boxes)`` for QML: boxes as ``{x, y, left, right, top, bottom}``, answers
    ``[{dx, dy}]`` in the same order."""

    @Slot("QVariantList", result="QVariantList")
    def place(self, boxes: list) -> list:
        try:
            found = [
                Box(*(float(b[k]) for k in ("x", "y", "left", "right", "top", "bottom")))
                for b in boxes
            ]
        except (KeyError, TypeError, ValueError):
            return [{"dx": 0.0, "dy": 0.0} for _ in boxes]
        return [{"dx": dx, "dy": dy} for dx, dy in place(found)]
