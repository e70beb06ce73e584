"""The window's one Python event filter.

Every event the window gets passes a window event filter, and a Python filter costs a
Python call per event: three of them (the staff corner, the keypad, the three-finger hold)
more than doubled the cost of a mouse move (measured: 3.9 -> 9.0 us).  This one filter
hands each event only to the parts that asked for its type, so an event nobody wants (a
flood of moves) costs one call and one set lookup.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject


class WindowInput(QObject):
    """``add(types, part)``: ``part.eventFilter(watched, event)`` sees the events of those
    types, in the order added; the first that returns True takes the event."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._parts: list[tuple[frozenset[QEvent.Type], QObject]] = []
        self._wanted: frozenset[QEvent.Type] = frozenset()

    def add(self, types: Iterable[QEvent.Type], part: QObject) -> None:
        self._parts.append((frozenset(types), part))
        self._wanted = self._wanted.union(types)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in self._wanted:
            return False
        return any(
            kind in types and part.eventFilter(watched, event) for types, part in self._parts
        )
