"""A navigation keypad (or a keyboard): arrows move a visible focus through the controls of
the screen in reading order and wrap, Enter presses, Backspace goes back.

The controls are exactly what assistive technology sees as pressable
(:func:`kiosk.scene.accessible_nodes`), so a control a screen reader can press is one a
keypad can reach, and pressing is the same accessibility action ("Press").  Focus is Qt's
own (``window.activeFocusItem()``); ``active`` says whether the focus ring shows: from the
first navigation key until the next touch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtQml import QmlElement, QmlSingleton
from PySide6.QtQuick import QQuickItem, QQuickWindow

from .qttyping import Property

if TYPE_CHECKING:
    from kiosk.content.types import KeypadData

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

ACTIONS = (
    "next",
    "previous",
    "activate",
    "back",
    "help",
    "audio",
    "volume_up",
    "volume_down",
    "repeat",
)
MODAL = ("idleWarning", "staffPanel", "pictureViewer")  # while one shows, the keys stay inside it
TOUCHES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
EVENTS = TOUCHES | {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}  # what eventFilter looks at
ROWS = 24  # reading order: rows of 1/24 of the window height, then left to right


def key_code(name: str) -> int:
    """Qt's key code for a key name of ``settings.keypad`` (0 if Qt knows no such key)."""
    sequence = QKeySequence.fromString(name)
    return sequence[0].key().value if sequence.count() else 0  # type: ignore[index]


@QmlElement
@QmlSingleton
class Keypad(QObject):
    """``active``: the focus ring shows.  Python wires it (``attach``) and tells it what to
    do for the audio keys (``on_action``)."""

    activeChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._names: dict[str, list[str]] = {}
        self._keys: dict[int, str] | None = None
        self._active = False
        self._window: QQuickWindow | None = None
        self.back: Callable[[], None] = lambda: None
        self.on_action: Callable[[str], None] = lambda action: None  # help, audio, volume ...
        self.on_focus: Callable[[QQuickItem, int, int], None] = lambda item, i, n: None
        self.on_input: Callable[[], None] = lambda: None  # any touch or key (speech stops)

    def configure(self, keypad: KeypadData | Mapping[str, list[str]]) -> None:
        """The keys of ``settings.keypad`` (turned into Qt's key codes at the first key:
        that needs PySide's Qt namespace, which the first frame must not wait for)."""
        names: Mapping[str, list[str]] = keypad  # type: ignore[assignment]
        self._names = {action: list(names.get(action, [])) for action in ACTIONS}
        self._keys = None

    def _codes(self) -> dict[int, str]:
        if self._keys is None:
            keys: dict[int, str] = {}
            for action, names in self._names.items():
                for name in names:
                    if code := key_code(name):
                        keys.setdefault(code, action)
                    else:
                        log.warning("settings.keypad.%s: Qt knows no key %r", action, name)
            self._keys = keys
        return self._keys

    def attach(self, window: QQuickWindow) -> None:
        """The window whose controls the keys move through (its events reach
        :meth:`eventFilter` through ``KioskApp``'s one window filter: ``EVENTS``)."""
        self._window = window

    def detach(self) -> None:
        self._window = None

    def action(self, event: QKeyEvent) -> str | None:
        """What a key does ('next', 'activate', ...), or None: not a keypad key."""
        return self._codes().get(event.key())

    def passes(self, event: QEvent) -> bool:
        """A key event the lockdown lets through: a keypad key, with no modifier but the
        numeric keypad's own (its Enter, + and - carry KeypadModifier)."""
        from PySide6.QtCore import Qt

        if not isinstance(event, QKeyEvent) or self.action(event) is None:
            return False
        return not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)

    @Property(bool, notify=activeChanged)
    def active(self) -> bool:
        return self._active

    def _set_active(self, on: bool) -> None:
        if on != self._active:
            self._active = on
            self.activeChanged.emit()

    def reset(self) -> None:
        """Part of a session reset: no focus ring until the next key."""
        self._set_active(False)

    # -- the controls -------------------------------------------------------------------------

    def controls(self) -> list[QQuickItem]:
        """The pressable controls of the screen now, in reading order."""
        from kiosk import scene  # (at the first key: not on the start-up path)

        window = self._window
        if window is None:
            return []
        nodes = [
            item
            for _, _, actions, item in scene.accessible_nodes(window)
            if item is not None and "Press" in actions  # (text once focused offers "SetFocus")
        ]
        for name in MODAL:
            layer = scene.find_shown(window, name)
            if layer is not None:
                nodes = [i for i in nodes if i is layer or layer.isAncestorOf(i)]
                break
        row = max(1.0, window.height() / ROWS)
        nodes = list(dict.fromkeys(nodes))
        return sorted(nodes, key=lambda i: (int(scene.rect(i).top() // row), scene.rect(i).left()))

    def focused(self, controls: list[QQuickItem]) -> int:
        """The index of the control that has the focus (or holds it inside), or -1."""
        item = self._window.activeFocusItem() if self._window else None
        while item is not None:
            if item in controls:
                return controls.index(item)
            item = item.parentItem()
        return -1

    def move(self, step: int) -> None:
        controls = self.controls()
        if not controls:
            return
        now = self.focused(controls)
        if now < 0:
            i = 0 if step > 0 else len(controls) - 1
        else:
            i = (now + step) % len(controls)  # wraps: no screen traps the focus
        self._focus(controls[i], i, len(controls))

    def _focus(self, item: QQuickItem, i: int, n: int) -> None:
        from PySide6.QtCore import Qt  # after the first frame (see kiosk/app.py)

        item.forceActiveFocus(Qt.FocusReason.TabFocusReason)
        self._set_active(True)
        self.on_focus(item, i, n)

    def activate(self) -> None:
        controls = self.controls()
        now = self.focused(controls)
        if now < 0:  # nothing chosen yet: the first control (on the attract screen: start)
            if not controls:
                return
            now = 0
        press(controls[now])

    # -- the keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in TOUCHES:
            self._set_active(False)  # a touch: the ring goes until the next key
            self.on_input()
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyPress:
            self.on_input()
        action = self.action(event)
        if action is None:
            return False
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.handle(action)
        return True  # the keypad's keys are the keypad's: no control sees them too

    def handle(self, action: str) -> None:
        if action == "next":
            self.move(1)
        elif action == "previous":
            self.move(-1)
        elif action == "activate":
            self._set_active(True)
            self.activate()
        elif action == "back":
            self.back()
        else:
            self.on_action(action)


def press(item: QQuickItem) -> bool:
    """Press a control the way assistive technology does (its "Press" action)."""
    from PySide6.QtGui import QAccessible

    node = QAccessible.queryAccessibleInterface(item)
    actions = node.actionInterface() if node is not None else None
    if actions is None or "Press" not in actions.actionNames():
        return False
    actions.doAction("Press")
    return True
