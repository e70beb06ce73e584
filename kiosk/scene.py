"""Walking the live Qt Quick scene: the one place the item tree is searched and the
layout checks that the proof, the tests and the benchmarks share.

Items in a ``Repeater`` are not found by ``findChild``: everything here walks
``childItems()``.  No pytest and no kiosk internals: tools and benchmarks import it too.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QTextLayout, QTextOption
from PySide6.QtQuick import QQuickItem, QQuickWindow


def items(root: QQuickItem) -> Iterator[QQuickItem]:
    """``root`` and every item under it, depth first."""
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def find(window: QQuickWindow, name: str) -> list[QQuickItem]:
    """Every item named ``name`` in the window, shown or not."""
    return [i for i in items(window.contentItem()) if i.objectName() == name]


def shown(item: QQuickItem) -> bool:
    """Visible to a visitor: it and every parent visible and not transparent."""
    it: QQuickItem | None = item
    while it is not None:
        if not it.isVisible() or it.opacity() <= 0.01:
            return False
        it = it.parentItem()
    return True


def find_shown(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The first item named ``name`` that a visitor can see, or None."""
    return next((i for i in find(window, name) if shown(i)), None)


def centre(item: QQuickItem) -> QPoint:
    """The item's centre in window coordinates."""
    return item.mapToScene(item.boundingRect().center()).toPoint()


def rect(item: QQuickItem) -> QRectF:
    """The item's box in window coordinates."""
    return item.mapRectToScene(item.boundingRect())


def class_name(item: QQuickItem) -> str:
    return item.metaObject().className()


def is_text(item: QQuickItem) -> bool:
    """A Text item (not a TextEdit) with something in it."""
    cls = class_name(item)
    return (
        cls.startswith("QQuickText")
        and not cls.startswith("QQuickTextEdit")
        and bool((item.property("text") or "").strip())
    )


def inside_flickable(item: QQuickItem) -> bool:
    """Inside something that scrolls (the pager, which turns pages, does not count)."""
    it = item.parentItem()
    while it is not None:
        if class_name(it).startswith(("QQuickFlickable", "QQuickListView")) and (
            it.objectName() != "pager"
        ):
            return True
        it = it.parentItem()
    return False


def page_of(item: QQuickItem) -> str:
    """The page an item is on (its ``page_<id>`` ancestor's name; '' if none)."""
    it: QQuickItem | None = item
    while it is not None:
        if it.objectName().startswith("page_"):
            return it.objectName()
        it = it.parentItem()
    return ""


def _off_page(item: QQuickItem, frame: QRectF) -> bool:
    """On a page of the pager that is not the one on screen (it only peeks in)."""
    it: QQuickItem | None = item
    while it is not None:
        if it.objectName().startswith("page_"):
            r = rect(it)
            return r.left() < frame.left() - 1 or r.right() > frame.right() + 1
        it = it.parentItem()
    return False


def clipped_out(item: QQuickItem) -> bool:
    """Wholly outside something that clips it (text scrolled out of view: nobody sees it
    there)."""
    r = rect(item)
    it = item.parentItem()
    while it is not None:
        if it.clip() and not r.intersects(rect(it)):
            return True
        it = it.parentItem()
    return False


def on_a_map(item: QQuickItem) -> bool:
    """Written on a map (a name of a river or sea): the map's edge cuts it as it cuts the
    land, by design."""
    it = item.parentItem()
    while it is not None:
        if it.objectName() == "mapView":
            return True
        it = it.parentItem()
    return False


def text_fit(item: QQuickItem, width: float, height: float) -> str:
    """What is wrong with how a text fits ('' if nothing) in a ``width`` x ``height``
    window: cut off (elided), wider than its box, or running off the screen (down only
    counts outside something that scrolls)."""
    r = rect(item)
    if item.property("truncated"):
        return "text cut off"
    if item.width() > 0 and item.property("contentWidth") > item.width() + 1:
        return "text wider than its box"
    if (
        r.right() > width + 0.5
        or r.left() < -0.5
        or (r.bottom() > height + 0.5 and not inside_flickable(item))
    ) and not on_a_map(item):
        return "text runs off the screen"
    return ""


def lone_last_character(text_item: QQuickItem) -> str:
    """The character a wrapped text leaves alone on its last line ('' if none): a Chinese
    title must not end with one character on a line of its own."""
    text = text_item.property("text") or ""
    width = text_item.width()
    if not text.strip() or width <= 0:
        return ""
    layout = QTextLayout(text, text_item.property("font"))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines[-1] if len(lines) > 1 and len(lines[-1]) == 1 else ""


def overlapping_markers(window: QQuickWindow) -> list[tuple[str, str]]:
    """Pairs of map places whose markers or names overlap on the screen now (each map on
    its own: a chapter's map and the map page are different maps)."""
    frame = QRectF(0, 0, window.width(), window.height())
    found = []
    for view in find(window, "mapView"):
        if not shown(view) or not rect(view).intersects(frame) or _off_page(view, frame):
            continue
        boxes = []
        for spot in items(view):
            name = spot.objectName()
            if not name.startswith("hotspot_") or not shown(spot):
                continue
            box = rect(spot)
            label_name = "hotspotLabel_" + name[len("hotspot_") :]
            for label in (i for i in items(spot) if i.objectName() == label_name):
                box = box.united(rect(label))
            boxes.append((name[len("hotspot_") :], box))
        found += [
            (a, b)
            for i, (a, ra) in enumerate(boxes)
            for b, rb in boxes[i + 1 :]
            if ra.intersects(rb)
        ]
    return found


def covers(box: QRectF, point: QPointF) -> bool:
    """``box`` holds ``point`` (a popup over its marker's centre)."""
    return box.contains(point)


def popup_covers_marker(window: QQuickWindow, spot_id: str) -> bool:
    """The open popup (``hotspotPopup``) stands over the centre of the marker of the place
    ``spot_id`` (``hotspot_<id>``) on the screen now; False when either is not shown."""
    popup = find_shown(window, "hotspotPopup")
    marker = find_shown(window, f"hotspot_{spot_id}")
    if popup is None or marker is None:
        return False
    return covers(rect(popup), marker.mapToScene(marker.boundingRect().center()))


def accessible_nodes(
    window: QQuickWindow,
) -> Iterator[tuple[str, str, list[str], QQuickItem | None]]:
    """What assistive technology sees (Qt's accessibility tree, as the AT-SPI bridge
    exports it): ``(role, name, actions, item)`` of every node a visitor could see."""
    from PySide6.QtGui import QAccessible

    root = QAccessible.queryAccessibleInterface(window)
    stack = [root] if root is not None else []
    frame = QRectF(0, 0, window.width(), window.height())
    while stack:
        node = stack.pop()
        if not node.isValid() or node.state().invisible:
            continue
        obj = node.object()
        item = obj if isinstance(obj, QQuickItem) else None
        if item is not None and (
            not shown(item) or not rect(item).intersects(frame) or _off_page(item, frame)
        ):
            continue  # hidden, or another page of the pager (the next one peeks in)
        actions = node.actionInterface().actionNames() if node.actionInterface() else []
        yield node.role().name, node.text(QAccessible.Text.Name), actions, item
        stack.extend(node.child(i) for i in range(node.childCount()))


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_contrast(image: QImage, item: QQuickItem) -> float | None:
    """The contrast of a text item with what is behind it, from the rendered pixels of the
    window (``image``): its colour against the commonest colour in its box (glyphs cover
    less of a box than the ground does); an outlined text against its outline.  None when
    the box is off the picture."""
    from collections import Counter

    text = QColor(item.property("color"))
    if item.property("outlined"):  # Text.Outline (QML says so): the outline is the ground
        return contrast_ratio(text, QColor(item.property("styleColor")))
    box = rect(item).toAlignedRect().intersected(image.rect())
    if box.width() < 2 or box.height() < 2:
        return None
    counts: Counter[int] = Counter(
        image.pixel(x, y) & 0xF0F0F0  # a colour, to 4 bits a channel
        for y in range(box.top(), box.bottom() + 1, 2)
        for x in range(box.left(), box.right() + 1, 2)
    )
    ground = next(
        (
            QColor.fromRgb(rgb | 0x080808)
            for rgb, _ in counts.most_common(4)
            if contrast_ratio(QColor.fromRgb(rgb | 0x080808), text) > 1.3  # not the glyphs
        ),
        None,
    )
    return contrast_ratio(text, ground) if ground is not None else None
