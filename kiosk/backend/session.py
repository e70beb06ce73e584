"""One visitor's session, and the one way to end it: :meth:`Session.reset`.

Every part of the kiosk that a visitor can change registers here how to put itself back
(Python: a callable; QML: a function), so a reset reaches everything - including parts
added later, by construction.  ``parts`` lists them (tests enumerate it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QJSValue, QmlElement, QmlSingleton

from .qttyping import Property

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlSingleton
class Session(QObject):
    """The registry of resettable parts; ``resetDone`` fires after every reset."""

    resetDone = Signal()
    partsChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._parts: dict[str, Callable[[], object] | QJSValue] = {}
        self.resets = 0

    def add(self, name: str, reset: Callable[[], object]) -> None:
        """Python parts: ``reset()`` puts the part back to its default."""
        self._parts[name] = reset
        self.partsChanged.emit()

    @Slot(str, QJSValue)
    def register(self, name: str, reset: QJSValue) -> None:
        """QML parts: ``Session.register("scroll:" + id, () => flick.contentY = 0)``."""
        if not reset.isCallable():
            log.error("Session.register(%r): the second argument must be a function", name)
            return
        self._parts[name] = reset
        self.partsChanged.emit()

    @Slot(str)
    def unregister(self, name: str) -> None:
        if self._parts.pop(name, None) is not None:
            self.partsChanged.emit()

    @Property("QStringList", notify=partsChanged)
    def parts(self) -> list[str]:
        return sorted(self._parts)

    @Slot()
    def reset(self) -> None:
        """Everything a visitor changed goes back to how the next visitor should find it."""
        for name, reset in list(self._parts.items()):
            try:
                if isinstance(reset, QJSValue):
                    result = reset.call()
                    if result.isError():
                        log.error("resetting %s failed: %s", name, result.toString())
                else:
                    reset()
            except Exception:  # one broken part must not stop the others
                log.exception("resetting %s failed", name)
        self.resets += 1
        log.info("session reset (%d parts)", len(self._parts))
        self.resetDone.emit()
