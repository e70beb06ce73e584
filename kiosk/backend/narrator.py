"""Audio mode's script: what the kiosk says, and when (the Speech singleton says it).

- Turning audio mode on (the keypad's audio key, or three fingers held on the glass for
  2 s: :class:`ThreeFingerHold`) says so, then how to use the keypad.
- A page opening says its title, then (when the title has been said) its text; the
  attract screen its title and invitation; the map its title and the layer's legend.
- The keypad's focus says "name, role, i of n. hint" (as the Canadian Museum for Human
  Rights' keypad does).
- Any touch or key interrupts; Repeat says the last thing again; volume in steps.

Everything is said in the visitor's language, from the presented exhibit (which has every
text in every offered language).  No Qt Quick here: the QML stays presentation only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAccessible, QTouchEvent
from PySide6.QtQuick import QQuickItem

from .exhibit import Exhibit
from .idle import Idle
from .language import Language
from .navigation import ATTRACT, MAP, Navigation
from .speech import Speech

log = logging.getLogger(__name__)

HOLD_FINGERS = 3
HOLD_MS = 2000


class Narrator:
    """Connects the screens to :class:`Speech`; ``KioskApp`` owns one."""

    def __init__(
        self, speech: Speech, exhibit: Exhibit, language: Language, navigation: Navigation
    ):
        self.speech, self.exhibit, self.language, self.navigation = (
            speech,
            exhibit,
            language,
            navigation,
        )
        self._queue: list[str] = []  # what is still to say after the current utterance
        self._idle: Idle | None = None
        speech.finished.connect(self._next)
        navigation.currentPageChanged.connect(self.page_opened)

    # -- words ----------------------------------------------------------------------------

    def _pick(self, text: object) -> str:
        if isinstance(text, dict):
            return str(text.get(self.language.code) or "")
        return str(text or "")

    def word(self, key: str, **values: object) -> str:
        text = self._pick(self.exhibit.ui.get(key))
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def page_script(self, page_id: str) -> list[str]:
        """What opening ``page_id`` says, in order (title first)."""
        if page_id == ATTRACT:
            a = self.exhibit.attract
            return [s for s in (self._pick(a.get("title")), self._pick(a.get("prompt"))) if s]
        row = next((r for r in self.exhibit.pages.rows() if r["pageId"] == page_id), None)
        if row is None:
            return []
        parts = [self._pick(row["title"])]
        if page_id == MAP:
            themap = self.exhibit.map
            layer = themap.layers.get(themap.startLayer)
            shapes = themap.layers.shapes(themap.startLayer)
            legend = [self._pick(s["name"]) for s in (shapes.rows() if shapes else [])]
            parts += [self._pick(layer.get("title")), *[n for n in legend if n]]
        else:
            blocks = row["blocks"].get(self.language.code) or []
            parts.append("\n".join(b["plain"] for b in blocks))
            image = row.get("image") or {}
            parts.append(self._pick(image.get("caption")))
        return [p for p in parts if p.strip()]

    # -- saying ---------------------------------------------------------------------------

    def say(self, *parts: str) -> None:
        """Say ``parts`` one after the other (interrupting what is being said)."""
        parts_left = [p for p in parts if p and p.strip()]
        if not self.speech.active or not parts_left:
            return
        self._queue = parts_left[1:]
        self.speech.say(parts_left[0], self.language.code)

    def _next(self) -> None:
        if self._queue and self.speech.active:
            self.speech.say(self._queue.pop(0), self.language.code)

    def interrupt(self) -> None:
        """A touch or a key: silence at once (the next thing said starts afresh)."""
        self._queue = []
        if self.speech.speaking:
            self.speech.stop()

    def watch_idle(self, idle: Idle) -> None:
        """Say the idle warning when it appears (``KioskApp`` wires it once; again is harmless)."""
        if self._idle is idle:
            return
        self._idle = idle
        idle.warningChanged.connect(self.idle_warning)

    def idle_warning(self) -> None:
        """Say "Are you still there? Starting again in 15 s" (the focus is on Continue)."""
        idle = self._idle
        if idle is not None and idle.warning:
            self.say(
                self.word("idle_question"), self.word("idle_countdown", seconds=idle.secondsLeft)
            )

    def page_opened(self) -> None:
        self.say(*self.page_script(self.navigation.currentPage))

    def focused(self, item: QQuickItem, index: int, count: int) -> None:
        node = QAccessible.queryAccessibleInterface(item)
        name = node.text(QAccessible.Text.Name) if node is not None else ""
        self.say(
            ", ".join(
                p
                for p in (
                    name,
                    self.word("role_button"),
                    self.word("position", index=index + 1, count=count),
                )
                if p
            )
            + ". "
            + self.word("select_hint")
        )

    def keypad(self, action: str) -> None:
        """The keypad's audio keys."""
        if action == "audio":
            self.toggle()
        elif action == "help":
            self.say(self.word("audio_help"))
        elif action == "repeat":
            self.speech.repeat()
        elif action in ("volume_up", "volume_down"):
            (self.speech.volumeUp if action == "volume_up" else self.speech.volumeDown)()
            self.say(
                self.word("volume_level", level=self.speech.volume, steps=self.speech.volumeSteps)
            )

    def toggle(self) -> None:
        """Audio mode on (saying so, how to use the keypad, and where the visitor is) or off."""
        if self.speech.active:
            self.say(self.word("audio_off"))
            self.speech.setActive(False)
            return
        self.speech.setActive(True)
        self.say(
            self.word("audio_on"),
            self.word("audio_help"),
            *self.page_script(self.navigation.currentPage),
        )


TOUCH_EVENTS = frozenset(
    {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
)


class ThreeFingerHold(QObject):
    """Three fingers held on the glass for 2 s, anywhere: ``on_hold`` (audio mode on or off,
    as Open Exhibits' audio layer does).  Watches the window's touches, never takes them."""

    def __init__(self, on_hold: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_hold = on_hold
        self._timer = QTimer(self, singleShot=True, interval=HOLD_MS)
        self._timer.timeout.connect(self._held)
        self._fired = False

    def _held(self) -> None:
        self._fired = True
        log.info("three fingers held: audio mode toggled")
        self._on_hold()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            assert isinstance(event, QTouchEvent)
            down = sum(1 for p in event.points() if not p.state().name.endswith("Released"))
            if down >= HOLD_FINGERS and not self._timer.isActive() and not self._fired:
                self._timer.start()
            elif down < HOLD_FINGERS:
                self._timer.stop()
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._timer.stop()
            self._fired = False
        return False
