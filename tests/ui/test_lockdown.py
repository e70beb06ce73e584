"""Kiosk mode: no key, close request or screen change gets a visitor out of the exhibit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest

K, M = Qt.Key, Qt.KeyboardModifier
ESCAPES = [
    (K.Key_Escape, M.NoModifier),
    (K.Key_F4, M.AltModifier),
    (K.Key_F11, M.NoModifier),
    (K.Key_Q, M.ControlModifier),
    (K.Key_W, M.ControlModifier),
    (K.Key_T, M.ControlModifier),
    (K.Key_Tab, M.AltModifier),
    (
        K.Key_Backspace,
        M.AltModifier,
    ),  # (Backspace alone is the keypad's Back: tests/ui/test_keypad.py)
    (K.Key_Menu, M.NoModifier),
]


@pytest.fixture
def kiosk_mode(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content, fullscreen=True, size=None)
    visitor.qtbot.waitUntil(lambda: visitor.window.visibility() == QWindow.Visibility.FullScreen)
    return visitor


class KeyProbe(QObject):
    """Counts the key events that reach the window (the lockdown takes them before)."""

    def __init__(self):
        super().__init__()
        self.keys = 0

    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            self.keys += 1
        return False


def full_screen(visitor) -> bool:
    w = visitor.window
    return (
        w.isVisible()
        and w.visibility() == QWindow.Visibility.FullScreen
        and w.geometry() == w.screen().geometry()
    )


@pytest.mark.parametrize("key, modifiers", ESCAPES, ids=lambda k: getattr(k, "name", str(k)))
def test_escape_keys_do_nothing(kiosk_mode, key, modifiers):
    kiosk_mode.enter("background")
    probe = KeyProbe()
    kiosk_mode.window.installEventFilter(probe)
    QTest.keyClick(kiosk_mode.window, key, modifiers)
    kiosk_mode.window.removeEventFilter(probe)
    kiosk_mode.next_frame()
    assert probe.keys == 0, "the key reached the window"
    assert full_screen(kiosk_mode)
    assert kiosk_mode.page == "background"


def test_a_close_request_is_ignored(kiosk_mode):
    assert kiosk_mode.window.close() is False
    kiosk_mode.next_frame()
    assert full_screen(kiosk_mode)


def test_leaving_full_screen_comes_back(kiosk_mode):
    kiosk_mode.window.showNormal()  # as a window manager or a resolution change might
    kiosk_mode.qtbot.waitUntil(lambda: full_screen(kiosk_mode))


def test_the_pointer_is_hidden_on_a_touch_screen(kiosk_mode):
    from PySide6.QtGui import QGuiApplication

    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


def test_the_preview_is_an_ordinary_window(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content)  # --windowed
    probe = KeyProbe()
    visitor.window.installEventFilter(probe)
    QTest.keyClick(visitor.window, K.Key_Escape)
    visitor.window.removeEventFilter(probe)
    assert probe.keys > 0  # keys work as usual (the probe can see them)
    assert visitor.window.visibility() != QWindow.Visibility.FullScreen
    assert visitor.kiosk.lockdown is None
