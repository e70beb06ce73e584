"""Where the map's place markers stand, so that no two markers or names overlap.

Near places (Aigun, the Sixty-Four Villages and Blagoveshchensk lie within 30 km of each
other) would sit on top of each other at the whole-map zoom.  Each marker starts on its
place; overlapping ones are pushed apart, mostly up and down so north stays north, and the
map draws a thin line from the place to a marker that had to move.  The map asks again
whenever the zoom or the language changes; at a closer zoom the places have room and every
marker sits on its place again.  The names written on the map (rivers, seas, empires) stay
where the content puts them: markers are kept off them too (``fixed``).

:func:`both_names` writes a name with the other side's name ("Amur (Heilongjiang)"): the
one way the map's places and names are given both names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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


Rect = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Label:
    """A name written on the map, which stays where it is: its middle (x, y), its size
    and its slope (degrees, positive rising to the right, as the content gives it)."""

    x: float
    y: float
    width: float
    height: float
    angle: float = 0.0

    def corners(self) -> list[tuple[float, float]]:
        a = math.radians(-self.angle)  # screen y runs down: a rising name turns anticlockwise
        c, s = math.cos(a), math.sin(a)
        w, h = self.width / 2 + GAP / 2, self.height / 2 + GAP / 2
        return [
            (self.x + u * c - v * s, self.y + u * s + v * c)
            for u, v in ((-w, -h), (w, -h), (w, h), (-w, h))
        ]


def _separated(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> bool:
    """Whether two convex polygons do not overlap (a line between them exists: the
    separating axis test over both polygons' edges)."""
    for poly in (a, b):
        for k in range(len(poly)):
            (x0, y0), (x1, y1) = poly[k], poly[(k + 1) % len(poly)]
            nx, ny = y0 - y1, x1 - x0
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return True
    return False


def _corners(r: Rect) -> list[tuple[float, float]]:
    return [(r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3])]


def _clear_of(
    box: Box, move: list[float], label: list[tuple[float, float]], dx: float, dy: float
) -> float:
    """How far the marker must go in the direction (dx, dy) to clear the label (0: it is)."""

    def clear(t: float) -> bool:
        return _separated(_corners(box.rect(move[0] + dx * t, move[1] + dy * t)), label)

    if clear(0):
        return 0.0
    hi = 16.0
    while not clear(hi):
        hi *= 2
        if hi > 1e5:
            return hi
    lo = 0.0
    for _ in range(16):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if clear(mid) else (mid, hi)
    return hi


def _shares(
    boxes: list[Box],
    moves: list[list[float]],
    outlines: list[list[tuple[float, float]]],
    first: int,
    second: int,
    axis: int,
    step: float,
) -> float:
    """How much of ``step`` the ``first`` marker takes (back, up or left) when two are
    pushed apart along ``axis``; the ``second`` takes the rest (on, down or right): half
    each, unless that would push one onto a name and the whole way would not."""

    def free(k: int, delta: float) -> bool:
        move = list(moves[k])
        move[axis] += delta
        corners = _corners(boxes[k].rect(*move))
        return all(_separated(corners, label) for label in outlines)

    if not outlines or (free(first, -step / 2) and free(second, step / 2)):
        return 0.5
    if free(second, step):
        return 0.0
    if free(first, -step):
        return 1.0
    return 0.5


def place(boxes: list[Box], fixed: Sequence[Label] = ()) -> list[tuple[float, float]]:
    """How far each marker moves from its place, ``(dx, dy)``, so that none overlap each
    other or any of the ``fixed`` labels (the names written on the map, which stay).  If
    both cannot be had, markers apart come first."""
    moves = [[0.0, 0.0] for _ in boxes]
    outlines = [f.corners() for f in fixed]
    for _ in range(ROUNDS):
        moved = _off_names(boxes, moves, outlines)
        moved = _apart(boxes, moves, outlines) or moved
        if not moved:
            break
    else:  # no way found for both: keep the markers apart at least
        for _ in range(ROUNDS):
            if not _apart(boxes, moves, []):
                break
    return [(dx, dy) for dx, dy in moves]


def _off_names(
    boxes: list[Box], moves: list[list[float]], outlines: list[list[tuple[float, float]]]
) -> bool:
    """Move each marker off the names on it; whether any moved."""
    moved = False
    for i, box in enumerate(boxes):
        for label in outlines:
            if _separated(_corners(box.rect(*moves[i])), label):
                continue
            moved = True  # the marker alone moves, the shortest way up or down (or
            # across, when that is much shorter)
            up = _clear_of(box, moves[i], label, 0, -1)
            down = _clear_of(box, moves[i], label, 0, 1)
            left = _clear_of(box, moves[i], label, -1, 0)
            right = _clear_of(box, moves[i], label, 1, 0)
            if min(up, down) <= min(left, right) * 1.5:
                moves[i][1] += -up if up <= down else down
            else:
                moves[i][0] += -left if left <= right else right
    return moved


def _apart(
    boxes: list[Box], moves: list[list[float]], outlines: list[list[tuple[float, float]]]
) -> bool:
    """Push overlapping markers apart; whether any moved."""
    moved = False
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i].rect(*moves[i]), boxes[j].rect(*moves[j])
            across, down = _overlap(a, b)
            if across <= 0 or down <= 0:
                continue
            moved = True
            # the one further north (or, level, the first) goes up; each moves half -
            # unless a name is in the way of one: then the other moves the whole way
            upper, lower = (i, j) if (boxes[i].y, i) <= (boxes[j].y, j) else (j, i)
            if down <= across * 1.5:  # up and down unless that is much further
                first, second, axis, step = upper, lower, 1, down
            else:
                west, east = (i, j) if (boxes[i].x, i) <= (boxes[j].x, j) else (j, i)
                first, second, axis, step = west, east, 0, across
            share = _shares(boxes, moves, outlines, first, second, axis, step)
            moves[first][axis] -= step * share
            moves[second][axis] += step * (1 - share)
    return moved


def arrange(
    boxes: list[Box], labels: Sequence[Label]
) -> tuple[list[tuple[float, float]], list[int]]:
    """The markers' moves (:func:`place`) and which names to leave out, where names crowd
    (large text at the whole map): a name that overlaps one before it in the list, or a
    marker however the markers move, is left out (the content lists the most important
    first); zoomed in, there is room and it shows again."""
    outlines = [label.corners() for label in labels]
    kept: list[int] = []
    for i, outline in enumerate(outlines):
        if all(_separated(outline, outlines[j]) for j in kept):
            kept.append(i)
    moves = place(boxes, [labels[i] for i in kept])
    markers = [_corners(box.rect(*move)) for box, move in zip(boxes, moves)]
    hidden = [
        i
        for i in range(len(labels))
        if i not in kept or not all(_separated(outlines[i], m) for m in markers)
    ]
    return moves, hidden


def both_names(name: str, also: str | None, language: str) -> str:
    """A name with the other side's name after it, in the brackets of ``language``:
    "Amur (Heilongjiang)", "Амур (Хэйлунцзян)", "黑龙江（阿穆尔河）" (full-width in Chinese
    and Japanese, with no space); the name alone when there is no other name."""
    if not also or not also.strip() or also.strip() == name.strip():
        return name
    if language.split("-")[0].lower() in ("zh", "ja"):
        return f"{name}（{also.strip()}）"
    return f"{name} ({also.strip()})"


@QmlElement
@QmlSingleton
class MapLabels(QObject):
    """``place(boxes)`` for QML: boxes as ``{x, y, left, right, top, bottom}``, answers
    ``[{dx, dy}]`` in the same order; ``placeAround(boxes, fixed)`` keeps them off the
    ``fixed`` names too, each ``{x, y, width, height, angle}`` (its middle, size and slope)."""

    @Slot("QVariantList", result="QVariantList")
    def place(self, boxes: list) -> list:
        return self.placeAround(boxes, [])

    @staticmethod
    def _read(boxes: list, fixed: list) -> tuple[list[Box], list[Label]] | None:
        """QML's markers and names as boxes and labels (None: not what was expected)."""
        try:
            found = [
                Box(*(float(b[k]) for k in ("x", "y", "left", "right", "top", "bottom")))
                for b in boxes
            ]
            labels = [
                Label(*(float(f.get(k, 0)) for k in ("x", "y", "width", "height", "angle")))
                for f in fixed
            ]
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        return found, labels

    @Slot("QVariantList", "QVariantList", result="QVariantList")
    def placeAround(self, boxes: list, fixed: list) -> list:
        read = self._read(boxes, fixed)
        if read is None:
            return [{"dx": 0.0, "dy": 0.0} for _ in boxes]
        return [{"dx": dx, "dy": dy} for dx, dy in place(*read)]

    @Slot("QVariantList", "QVariantList", result="QVariantMap")
    def arrange(self, boxes: list, names: list) -> dict:
        """:func:`arrange` for QML: ``{moves: [{dx, dy}], hidden: [row of names]}``."""
        read = self._read(boxes, names)
        if read is None:
            return {"moves": [{"dx": 0.0, "dy": 0.0} for _ in boxes], "hidden": []}
        found, labels = read
        moves, hidden = arrange(found, labels)
        return {"moves": [{"dx": dx, "dy": dy} for dx, dy in moves], "hidden": hidden}
