"""Monkey test: a storm of random touches, clicks, keys and wheel turns over the whole window.

Seeded, so a failure replays: KIOSK_MONKEY_SEED=... KIOSK_MONKEY_EVENTS=100000 pytest tests/ui/test_monkey.py
for a longer run outside CI.  Nothing may raise, warn, or leave the kiosk on a page that
does not exist; after the idle period it is always back on the attract screen.
"""

from __future__ import annotations

import os
import random
import shutil

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest

EVENTS = int(os.environ.get("KIOSK_MONKEY_EVENTS", "10000"))
SEED = int(os.environ.get("KIOSK_MONKEY_SEED", "1858"))
KEYS = [
    Qt.Key.Key_Escape,
    Qt.Key.Key_F4,
    Qt.Key.Key_F11,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Q,
    Qt.Key.Key_W,
    Qt.Key.Key_T,
    Qt.Key.Key_A,
]
MODIFIERS = [
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
]


SHORT_IDLE = "  idle:\n    timeout_s: 1\n    warning_s: 1\n"


@pytest.fixture(params=["small", "exhibit"])
def content(request, write_content, minimal, shipped_content):
    """A small content file, and the real exhibit with its map (pinch storms on the map)."""
    if request.param == "small":
        return write_content("settings:\n" + SHORT_IDLE + minimal)
    text = shipped_content.read_text(encoding="utf-8")
    path = write_content(_drop_idle(text))
    shutil.copytree(shipped_content.parent / "assets" / "map", path.parent / "assets" / "map")
    shutil.copytree(
        shipped_content.parent / "assets" / "pictures", path.parent / "assets" / "pictures"
    )
    return path


def _drop_idle(text: str) -> str:
    """The shipped settings.idle block replaced by a short one."""
    lines, out, skip = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("  idle:"):
            skip = True
            out.append(SHORT_IDLE)
            continue
        if skip and (line.startswith("    ") or not line.strip()):
            continue
        skip = False
        out.append(line)
    return "".join(out)


def test_monkey(open_kiosk, content):
    path = content
    visitor = open_kiosk(path)
    window, kiosk = visitor.window, visitor.kiosk
    valid = {"attract", *kiosk.navigation.pageIds}
    rng = random.Random(SEED)
    w, h = window.width(), window.height()
    down: set[int] = set()  # touch points currently pressed
    mouse_down = False

    def point() -> QPoint:
        return QPoint(rng.randrange(w), rng.randrange(h))

    for i in range(EVENTS):
        kind = rng.random()
        if kind < 0.45:  # touch: up to five fingers, some never lifted for a while
            tid = rng.randrange(5)
            seq = QTest.touchEvent(window, visitor.touchscreen)
            if tid in down and rng.random() < 0.6:
                seq.move(tid, point(), window)
            elif tid in down:
                seq.release(tid, point(), window)
                down.discard(tid)
            else:
                seq.press(tid, point(), window)
                down.add(tid)
            for other in down - {tid}:
                seq.stationary(other)
            seq.commit()
        elif kind < 0.75:  # mouse, including presses with no release and releases with no press
            p = point()
            r = rng.random()
            if r < 0.4:
                QTest.mouseMove(window, p)
            elif r < 0.7:
                QTest.mouseClick(
                    window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
                )
            elif not mouse_down:
                QTest.mousePress(
                    window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
                )
                mouse_down = True
            else:
                QTest.mouseRelease(
                    window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
                )
                mouse_down = False
        elif kind < 0.9:
            QTest.keyClick(window, rng.choice(KEYS), rng.choice(MODIFIERS))
        else:
            p = QPointF(point())
            delta = QPoint(0, rng.choice([-360, -120, 120, 360]))
            QGuiApplication.sendEvent(
                window,
                QWheelEvent(
                    p,
                    window.mapToGlobal(p),
                    QPoint(),
                    delta,
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    Qt.ScrollPhase.NoScrollPhase,
                    False,
                ),
            )
        if i % 250 == 0:
            QGuiApplication.processEvents()
            assert kiosk.navigation.currentPage in valid, (
                f"event {i}: page {kiosk.navigation.currentPage!r}"
            )

    # the visitor walks away: lift every finger and the mouse button, then wait
    if down:
        seq = QTest.touchEvent(window, visitor.touchscreen)
        for tid in down:
            seq.release(tid, point(), window)
        seq.commit()
    if mouse_down:
        QTest.mouseRelease(
            window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point()
        )
    assert kiosk.navigation.currentPage in valid
    if kiosk.navigation.currentPage != "attract":
        visitor.qtbot.waitUntil(lambda: kiosk.navigation.currentPage == "attract", timeout=5000)
    assert not visitor.find("idleWarning").isVisible()
