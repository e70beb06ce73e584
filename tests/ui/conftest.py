"""Drive the real kiosk window the way a visitor does: touches and clicks on the glass."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk import scene
from kiosk.app import create_app

_touch_device = None


def touch_device():
    global _touch_device
    if _touch_device is None:
        _touch_device = QTest.createTouchDevice()
    return _touch_device


class Visitor:
    """A person in front of the kiosk: finds things on screen and touches them."""

    def __init__(self, qtbot, kiosk):
        self.qtbot = qtbot
        self.kiosk = kiosk
        self.window = kiosk.window
        self.touchscreen = touch_device()

    # -- looking ------------------------------------------------------------------------

    @property
    def page(self) -> str:
        return self.window.property("currentPage")

    def find(self, name: str) -> QQuickItem:
        """The item with this objectName (Repeater children included), or fail."""
        found = self.find_all(name)
        assert found, f"no item named {name!r} on screen"
        return found[0]

    def find_all(self, name: str) -> list[QQuickItem]:
        return scene.find(self.window, name)

    def shows(self, item: QQuickItem) -> bool:
        """Visible, not empty, and at least partly inside the window."""
        if not item.isVisible() or item.opacity() == 0 or item.width() <= 0 or item.height() <= 0:
            return False
        r = item.mapRectToScene(item.boundingRect())
        return (
            r.right() > 0
            and r.bottom() > 0
            and r.left() < self.window.width()
            and r.top() < self.window.height()
        )

    def target(self, name: str) -> QQuickItem:
        """The named item once it is on screen, as a visitor sees it before touching it."""
        loader = self.find("exhibitLoader")
        self.qtbot.waitUntil(
            lambda: loader.property("item") is not None, timeout=5000
        )  # built after start
        self.qtbot.waitUntil(lambda: any(self.shows(i) for i in self.find_all(name)), timeout=5000)
        self.next_frame()  # layouts are done when a frame has been drawn
        return next(
            i for i in self.find_all(name) if self.shows(i)
        )  # e.g. the languages: attract or bar

    def next_frame(self) -> None:
        """Wait until the window has drawn a new frame: what is on screen is laid out."""
        with self.qtbot.waitSignal(self.window.frameSwapped, timeout=5000):
            self.window.update()

    def center(self, item_or_name) -> QPoint:
        item = self.target(item_or_name) if isinstance(item_or_name, str) else item_or_name
        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return QPoint(round(p.x()), round(p.y()))

    # -- touching -----------------------------------------------------------------------

    def tap(self, where) -> None:
        """A finger touches and lifts (a real touch event, not a synthesized click)."""
        pt = self.center(where) if not isinstance(where, QPoint) else where
        QTest.touchEvent(self.window, touch_device()).press(0, pt, self.window).commit()
        QTest.touchEvent(self.window, touch_device()).release(0, pt, self.window).commit()

    def click(self, where) -> None:
        pt = self.center(where) if not isinstance(where, QPoint) else where
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pt)

    def drag(self, start: QPoint, end: QPoint, steps: int = 12) -> None:
        """One finger presses, moves in steps and lifts (a swipe or a scroll)."""
        dev = touch_device()
        QTest.touchEvent(self.window, dev).press(0, start, self.window).commit()
        for i in range(1, steps + 1):
            p = start + (end - start) * (i / steps)
            # a finger takes time to move: Flickable measures drags and flicks over time,
            # and ignores moves that all arrive in the same millisecond
            QTest.qWait(10)
            QTest.touchEvent(self.window, dev).move(0, p, self.window).commit()
        QTest.touchEvent(self.window, dev).release(0, end, self.window).commit()

    def pinch(self, center: QPoint, start: int, end: int, steps: int = 10) -> None:
        """Two fingers, ``start`` px apart, move to ``end`` px apart around ``center``."""
        dev, w = touch_device(), self.window
        QTest.touchEvent(w, dev).press(0, center - QPoint(start // 2, 0), w).press(
            1, center + QPoint(start // 2, 0), w
        ).commit()
        for i in range(1, steps + 1):
            d = start + (end - start) * i // steps
            QTest.qWait(10)
            QTest.touchEvent(w, dev).move(0, center - QPoint(d // 2, 0), w).move(
                1, center + QPoint(d // 2, 0), w
            ).commit()
        QTest.touchEvent(w, dev).release(0, center - QPoint(end // 2, 0), w).release(
            1, center + QPoint(end // 2, 0), w
        ).commit()

    # -- a keypad (or keyboard) ------------------------------------------------------------

    def key(self, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.window, key, modifiers)

    def focused(self) -> str:
        """The objectName of the control that has the keyboard focus (or holds it)."""
        item = self.window.activeFocusItem()
        while item is not None and not item.objectName():
            item = item.parentItem()
        return item.objectName() if item is not None else ""

    def focus_on(self, name: str, limit: int = 80) -> None:
        """Press Right until ``name`` has the focus, as a visitor with a keypad does."""
        for _ in range(limit):
            if self.focused() == name:
                return
            self.key(Qt.Key.Key_Right)
        raise AssertionError(f"the keypad never reached {name} (stuck at {self.focused()!r})")

    def choose(self, name: str) -> None:
        """Move the keypad's focus to ``name`` and press Enter."""
        self.focus_on(name)
        self.key(Qt.Key.Key_Return)

    def swipe(self, direction: str) -> None:
        w, h = self.window.width(), self.window.height()
        left, right = QPoint(int(w * 0.2), int(h * 0.45)), QPoint(int(w * 0.8), int(h * 0.45))
        if direction == "left":  # finger moves right-to-left: the next page
            self.drag(right, left)
        else:
            self.drag(left, right)

    def wait_settled(self) -> None:
        """Wait until the current page stands still, fully on screen, as a visitor waits."""
        page = self.page
        if page == "attract":
            self.qtbot.waitUntil(lambda: self.shows(self.find("attractScreen")), timeout=5000)
            return
        self.qtbot.waitUntil(
            lambda: bool(self.find_all(f"page_{page}")), timeout=5000
        )  # pages load after start
        loader = self.find("exhibitLoader")  # ... and the navigation bar with them
        self.qtbot.waitUntil(lambda: loader.property("item") is not None, timeout=5000)
        view = self.find("pager")
        item = self.find(f"page_{page}")

        def settled():
            x = item.mapToScene(QPointF(0, 0)).x()
            return not view.property("moving") and abs(x - self.find("pager").x()) < 0.5

        try:
            self.qtbot.waitUntil(settled, timeout=5000)
        except Exception:
            pager = self.find("pager")
            raise AssertionError(
                f"page {page!r} did not come to rest: at x={item.mapToScene(QPointF(0, 0)).x()}, "
                f"pager index {pager.property('currentIndex')}, backend index "
                f"{self.kiosk.navigation.currentIndex}, moving {view.property('moving')}"
            ) from None

    def enter(self, first_page: str) -> None:
        """Tap the attract screen, as a visitor walking up does, and wait for the first page."""
        self.tap(self.find("attractScreen"))
        self.go(first_page)

    def go(self, page: str) -> None:
        """Wait for ``page`` to be the current page and to stand still."""
        try:
            self.qtbot.waitUntil(lambda: self.page == page, timeout=5000)
        except Exception:
            raise AssertionError(f"expected page {page!r}, still on {self.page!r}") from None
        self.wait_settled()


@pytest.fixture
def open_kiosk(qtbot):
    """Open the kiosk on a content file; closed and deleted again after the test."""
    opened = []

    def open_(content_path, size=(1920, 1080), **options) -> Visitor:
        kiosk = create_app(content_path, **options)
        warnings = []
        kiosk.engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
        if size is not None:  # None: the size kiosk mode gives it (the screen's)
            kiosk.window.resize(*size)
        qtbot.waitExposed(kiosk.window)
        root = kiosk.window.contentItem()
        if size is not None:
            qtbot.waitUntil(lambda: (root.width(), root.height()) == size)  # laid out at that size
        visitor = Visitor(qtbot, kiosk)
        visitor.next_frame()  # the visitor sees the first frame before touching
        visitor.qml_warnings = warnings
        opened.append(visitor)
        return visitor

    yield open_
    for visitor in opened:
        warnings = visitor.qml_warnings
        if visitor.kiosk.engine is None:  # the test closed it itself
            assert warnings == [], f"QML warnings: {warnings}"
            continue
        freed = []
        visitor.kiosk.engine.destroyed.connect(lambda *_, freed=freed: freed.append(True))
        visitor.kiosk.close()
        assert warnings == [], f"QML warnings: {warnings}"
        assert freed, (
            "KioskApp.close() left the QML engine alive: something still holds a reference to it"
        )
