"""Where the visitor is: the attract screen or one of the pages."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from .qttyping import Property

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

ATTRACT = "attract"
MAP = "map"
log = logging.getLogger(__name__)


@QmlElement
@QmlSingleton
class Navigation(QObject):
    """The current page id (``"attract"`` or a page id) and the moves between pages.

    The page list comes from the content; every move is checked against it, so no input,
    however wild, can leave the kiosk on a page that does not exist.
    """

    currentPageChanged = Signal()
    pageIdsChanged = Signal()
    mapRequestChanged = Signal()
    visitingChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._page_ids: list[str] = []
        self._current = ATTRACT
        self._history: list[str] = []  # where the visitor was, for back()
        self._map_request: dict = {}
        self._visiting = False  # a visit is under way (Home's title screen included)

    # -- state ------------------------------------------------------------------------

    def _set_current(self, page_id: str) -> None:
        if page_id != ATTRACT and page_id not in self._page_ids:
            log.warning("ignored a move to unknown page %r", page_id)
            return
        if page_id != self._current:
            if page_id == ATTRACT:
                self._history = []
            else:
                self._history.append(self._current)
                self._set_visiting(True)
            self._current = page_id
            self.currentPageChanged.emit()

    def _set_visiting(self, on: bool) -> None:
        if on != self._visiting:
            self._visiting = on
            self.visitingChanged.emit()

    @Property(bool, notify=visitingChanged)
    def visiting(self) -> bool:
        """A visit is under way: from the first touch until the reset (Home's title screen
        is part of the visit, so the idle reset still comes for it)."""
        return self._visiting

    @Property(str, notify=currentPageChanged)
    def currentPage(self) -> str:
        return self._current

    @Property(int, notify=currentPageChanged)
    def currentIndex(self) -> int:
        """Index of the current page in :attr:`pageIds`; -1 on the attract screen."""
        return self._page_ids.index(self._current) if self._current in self._page_ids else -1

    @Property("QStringList", notify=pageIdsChanged)
    def pageIds(self) -> list[str]:
        return list(self._page_ids)

    def set_page_ids(self, ids: list[str]) -> None:
        """New content: keep the current page if it still exists, else go to the first."""
        ids = list(ids)
        if ids == self._page_ids:
            return
        before = (self._current, self.currentIndex)
        self._page_ids = ids
        self.pageIdsChanged.emit()
        if self._current != ATTRACT and self._current not in ids:
            self._current = ids[0] if ids else ATTRACT
        if (self._current, self.currentIndex) != before:
            self.currentPageChanged.emit()

    # -- moves (called from QML on a visitor's tap or swipe) ---------------------------

    @Slot(str)
    def show(self, page_id: str) -> None:
        self._set_current(page_id)

    @Slot(int)
    def showIndex(self, index: int) -> None:
        if 0 <= index < len(self._page_ids):
            self._set_current(self._page_ids[index])

    @Slot()
    def enter(self) -> None:
        """Leave the attract screen for the first page."""
        if self._page_ids:
            self._set_current(self._page_ids[0])

    @Slot()
    def home(self) -> None:
        """Home: back to the story's title screen (the attract screen) within the visit -
        the language and display choices stay; a touch there starts the story again."""
        self._set_current(ATTRACT)
        self._map_request = {}

    @Slot()
    def back(self) -> None:
        """To the screen before this one (a page that still exists), else the attract screen."""
        while self._history:
            previous = self._history.pop()
            if previous == ATTRACT or previous in self._page_ids:
                self._current, before = previous, self._current
                if before != previous:
                    self.currentPageChanged.emit()
                if previous == ATTRACT:
                    self._map_request = {}
                return
        self.toAttract()

    @Slot()
    def toAttract(self) -> None:
        """The end of a visit (the session reset)."""
        self._set_current(ATTRACT)
        self._map_request = {}
        self._set_visiting(False)

    @Property("QVariantMap", notify=mapRequestChanged)
    def mapRequest(self) -> dict:
        """Where a page asked the map to open: layer index, x/y in picture pixels, zoom."""
        return self._map_request

    @Slot("QVariantMap")
    def showOnMap(self, view: dict) -> None:
        """A page's "See it on the map": open the map page there."""
        if MAP not in self._page_ids or not view:
            return
        self._map_request = dict(view)
        self.mapRequestChanged.emit()
        self._set_current(MAP)
