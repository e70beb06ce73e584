"""The list models QML reads the exhibit through: pages, map layers, their shapes, hotspots.

Each is a ``QAbstractListModel`` with named roles (as the Qt for Python *contactslist*
example does), so a delegate declares ``required property string pageId`` and a mistyped
role is an error at load time, not a silent ``undefined``.  Texts stay ``{language: text}``
maps: ``I18n.t()`` picks the visitor's language, so switching needs no new model.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEnum,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement

from .qttyping import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

Row = dict[str, Any]
# Qt.ItemDataRole.DisplayRole and .UserRole, as numbers: PySide makes its Qt namespace on
# first use (~14 ms), which must not be before the first frame
DISPLAY_ROLE, USER_ROLE = 0, 0x0100
_Index = QModelIndex | QPersistentModelIndex


class RowModel(QAbstractListModel):
    """Rows of plain values; ``ROLES`` names the keys QML sees, in order."""

    ROLES: ClassVar[tuple[str, ...]] = ()
    countChanged = Signal()

    def __init__(self, rows: Sequence[Row] = (), parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Row] = list(rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        base = USER_ROLE + 1
        return {base + i: QByteArray(name.encode()) for i, name in enumerate(self.ROLES)}

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        k = role - (USER_ROLE + 1)
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if 0 <= k < len(self.ROLES):
            return self._rows[index.row()].get(self.ROLES[k])
        return None

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New content: the model is reset only when the rows changed."""
        rows = list(rows)
        if rows == self._rows:
            return
        before = len(self._rows)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        if len(rows) != before:
            self.countChanged.emit()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def column(self, role: str) -> list[Any]:
        """One role of every row (e.g. the ids), for Python callers."""
        return [row.get(role) for row in self._rows]

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._rows)


@QmlElement
@QmlUncreatable("the exhibit's pages come from Exhibit.pages")
class PageList(RowModel):
    """The pages in order: the text pages, the map, the credits."""

    @QEnum
    class Kind(IntEnum):
        TextPage = 0
        MapPage = 1
        CreditsPage = 2

    # chapter: 1, 2, ... for the story's pages (0: the map, the credits), of `chapters`;
    # next: {pageId, label} of the page after a chapter; software: the credits' second part
    ROLES = (
        "pageId",
        "kind",
        "label",
        "title",
        "blocks",
        "image",
        "mapView",
        "figure",
        "chapter",
        "chapters",
        "next",
        "software",
    )


@QmlElement
@QmlUncreatable("the map's shapes come from Exhibit.map")
class ShapeList(RowModel):
    """One map layer's areas and lines, in picture pixels, each with its style (from the
    map data: ``stroke``, ``fill``, ``hatch`` colours and ``dash``) and its legend name."""

    ROLES = ("featureId", "closed", "areaKm2", "name", "paths", "stroke", "fill", "hatch", "dash")


@QmlElement
@QmlUncreatable("the map's hotspots come from Exhibit.map")
class HotspotList(RowModel):
    """The places on the map: where (picture pixels), their name (``title``; ``label``:
    with the other side's name, "Vladivostok (Haishenwai)"), their text, and the years
    they are shown (``fromYear``, ``untilYear``: 0 is no limit)."""

    ROLES = (
        "spotId",
        "title",
        "label",
        "text",
        "plainText",
        "labelLeft",
        "px",
        "py",
        "fromYear",
        "untilYear",
    )  # px, py: picture pixels

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> Row:
        """One place (for the popup); an empty map for no place."""
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}


@QmlElement
@QmlUncreatable("the map's names come from Exhibit.map")
class NameList(RowModel):
    """The names written on the map (empires, rivers, lakes, seas, ranges, islands): text,
    not buttons.  ``label`` is the name with the other side's ("Amur (Heilongjiang)"),
    ``px``/``py`` its middle in picture pixels, ``angle`` its slope (degrees, positive
    rising to the right), ``fromYear``/``untilYear`` the years it is shown (0: no limit)."""

    ROLES = ("nameId", "kind", "label", "px", "py", "angle", "fromYear", "untilYear")


@QmlElement
@QmlUncreatable("the map's layers come from Exhibit.map")
class LayerList(RowModel):
    """The map's layers (1689, 1858, 1860): label, title, year (0: none), and their shapes."""

    ROLES = ("layerId", "label", "title", "year")

    def __init__(self, rows: Sequence[Row] = (), parent: QObject | None = None):
        super().__init__(rows, parent)
        self._shapes: list[ShapeList] = []

    def set_layers(self, rows: Sequence[Row], shapes: Sequence[Sequence[Row]]) -> None:
        for old in self._shapes:
            old.deleteLater()
        self._shapes = [ShapeList(s, self) for s in shapes]
        self.set_rows(rows)

    @Slot(int, result=ShapeList)
    def shapes(self, row: int) -> ShapeList | None:
        """The shapes of layer ``row`` (None outside the list)."""
        return self._shapes[row] if 0 <= row < len(self._shapes) else None

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> Row:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}
