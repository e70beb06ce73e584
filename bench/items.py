"""Finding the kiosk's items by objectName, for the benchmarks (the tests have their own
Visitor in tests/ui/conftest.py; benchmarks do not depend on pytest)."""

from __future__ import annotations


def find_item(item, name: str):
    """The visible item with this objectName under ``item`` (Repeater items included)."""
    if not item.isVisible() or item.opacity() == 0:
        return None
    if item.objectName() == name:
        return item
    for child in item.childItems():
        if (hit := find_item(child, name)) is not None:
            return hit
    return None


def centre(item):
    """The item's centre in window coordinates (a QPoint)."""
    return item.mapToScene(item.boundingRect().center()).toPoint()
