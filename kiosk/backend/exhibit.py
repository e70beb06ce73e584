"""The exhibit's content, as QML reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.content.i18n import resolve
from kiosk.content.markup import blocks, plain, styled
from kiosk.content.snapshot import Snapshot

if TYPE_CHECKING:  # types only: the fast start-up path imports no more than it needs
    from kiosk.content.types import MapStyle, PageData

from .models import HotspotList, LayerList, PageList
from .qttyping import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

CREDITS_ID = "credits"
MAP_ID = "map"
TEXT, MAP = PageList.Kind.TextPage.value, PageList.Kind.MapPage.value


def languages(snapshot: Snapshot) -> tuple[list[str], str]:
    settings = snapshot.data["settings"]
    return [la["code"] for la in settings["languages"]], settings["default_language"]


def texts(snapshot: Snapshot):
    """``t(text)`` -> ``{code: text}`` for every offered language, fallback filled in."""
    codes, default = languages(snapshot)
    return lambda value: resolve(value, codes, default)


def _image(snapshot: Snapshot, file: str | None, caption=None, credit=None):
    info = snapshot.images.get(file) if file else None
    if info is None:
        return None
    t = texts(snapshot)
    return {
        "url": QUrl.fromLocalFile(info["path"]),
        "width": info["width"],
        "height": info["height"],
        "caption": t(caption),
        "credit": t(credit),
    }


def present(snapshot: Snapshot) -> dict:
    """The content as QML reads it: the one place where the content meets the UI.
    Every text is ``{language code: text}``, so QML shows ``text[Language.code]``.
    (The map, thousands of points, is presented on demand: :func:`present_map`.)"""
    c = snapshot.data
    t = texts(snapshot)

    def image(file: str | None, caption=None, credit=None) -> dict | None:
        return _image(snapshot, file, caption, credit)

    def map_view(p: PageData) -> dict | None:
        focus = snapshot.map["focus"].get(p["id"]) if snapshot.map else None
        view, section = p.get("map_view"), c.get("map")
        if not view or not focus or not section:
            return None
        layers = [la["id"] for la in section["layers"]]
        return {
            "layer": layers.index(view["layer"]),
            "x": focus["x"],
            "y": focus["y"],
            "zoom": view["zoom"],
        }

    def page(pid: str, label, title, body, img: dict | None, kind: int = TEXT) -> dict:
        body = t(body)
        return {
            "pageId": pid,
            "kind": kind,
            "label": t(label),
            "title": t(title),
            "body": body,
            "blocks": {code: blocks(text) for code, text in body.items()},
            "image": img,
        }

    def picture(p: PageData) -> dict | None:
        img = p.get("image")
        return image(img["file"], img["caption"], img["credit"]) if img else None

    pages = [
        page(p["id"], p["label"], p["title"], p["body"], picture(p)) | {"mapView": map_view(p)}
        for p in c["pages"]
    ]
    section = c.get("map")
    if section and snapshot.map:
        pages.append(page(MAP_ID, section["label"], section["title"], "", None, kind=MAP))
    pages.append(
        page(CREDITS_ID, c["ui"]["credits"], c["credits"]["title"], c["credits"]["body"], None)
    )
    return {
        "attract": {
            "title": t(c["attract"]["title"]),
            "subtitle": t(c["attract"].get("subtitle")),
            "prompt": t(c["attract"]["prompt"]),
            "image": image(c["attract"].get("image")),
        },
        "pages": pages,
        "ui": {key: t(value) for key, value in c["ui"].items()},
        "screenDiagonalIn": float(c["settings"]["screen"]["diagonal_in"]),
        "buttonMm": float(c["settings"]["screen"].get("button_mm") or 0),
        "reducedMotion": bool(c["settings"]["reduced_motion"]),
    }


def _color(value: str | None) -> QColor:
    """A map style colour, CSS ``#rrggbb`` or ``#rrggbbaa`` (alpha last, unlike Qt's
    ``#aarrggbb``); none is transparent."""
    if not value:
        return QColor(0, 0, 0, 0)  # transparent (not Qt.GlobalColor: see kiosk/app.py)
    v = value.lstrip("#")
    r, g, b = int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)
    return QColor(r, g, b, int(v[6:8], 16) if len(v) == 8 else 255)


def present_map(snapshot: Snapshot) -> dict:
    """The map for QML: picture, layers with their shapes, hotspots - all in picture pixels."""
    section, data = snapshot.data.get("map"), snapshot.map
    if not section or not data:
        return {}
    features = data["features"]
    t = texts(snapshot)

    def shape(fid: str) -> dict:
        f = features[fid]
        style: MapStyle | dict = f.get("style") or {}  # none: a cache written before styles
        return {
            "featureId": fid,
            "closed": f.get("closed", False),
            "areaKm2": f.get("area_km2") or 0,
            "name": t(section.get("legend", {}).get(fid)),
            "paths": [[QPointF(x, y) for x, y in path] for path in f.get("paths", [])],
            "stroke": _color(style.get("stroke") or "#b5482f"),
            "fill": _color(style.get("fill")),
            "hatch": _color(style.get("hatch")),
            "dash": bool(style.get("dash")),
        }

    spots = {h["id"]: h for h in data["hotspots"]}
    return {
        "picture": _image(snapshot, section["picture"]),
        "width": data["size"]["width"],
        "height": data["size"]["height"],
        "startLayer": next(
            (i for i, la in enumerate(section["layers"]) if la["id"] == section.get("start_layer")),
            0,
        ),
        "layers": [
            {"layerId": layer["id"], "label": t(layer["label"]), "title": t(layer["title"])}
            for layer in section["layers"]
        ],
        "shapes": [[shape(fid) for fid in layer["show"]] for layer in section["layers"]],
        "hotspots": [
            {
                "spotId": h["id"],
                "title": t(h["title"]),
                "text": {code: styled(text) for code, text in t(h["text"]).items()},
                "plainText": {code: plain(text) for code, text in t(h["text"]).items()},
                "labelLeft": h["label_side"] == "left",
                "px": spots[h["id"]]["x"],
                "py": spots[h["id"]]["y"],
            }
            for h in section["hotspots"]
        ],
    }


@QmlElement
@QmlUncreatable("the map comes from Exhibit.map")
class ExhibitMap(QObject):
    """The map as QML reads it (``Exhibit.map``): its picture and size, and typed models of
    its layers (each with its shapes) and hotspots.  Built when the map page first asks."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._layers = LayerList(parent=self)
        self._hotspots = HotspotList(parent=self)
        self._picture: dict | None = None
        self._size = (1, 1)
        self._start = 0

    def fill(self, snapshot: Snapshot | None) -> None:
        m = present_map(snapshot) if snapshot else {}
        self._picture = m.get("picture")
        self._size = (m.get("width", 1), m.get("height", 1))
        self._start = m.get("startLayer", 0)
        self._layers.set_layers(m.get("layers", []), m.get("shapes", []))
        self._hotspots.set_rows(m.get("hotspots", []))
        self.changed.emit()

    @Property("QVariantMap", notify=changed)
    def picture(self) -> dict:
        """``url``, ``width``, ``height`` of the map picture (empty: none)."""
        return self._picture or {}

    @Property(int, notify=changed)
    def width(self) -> int:
        """The picture's size in its own pixels, in which every position is given."""
        return self._size[0]

    @Property(int, notify=changed)
    def height(self) -> int:
        return self._size[1]

    @Property(int, notify=changed)
    def startLayer(self) -> int:
        return self._start

    @Property(LayerList, constant=True)
    def layers(self) -> LayerList:
        return self._layers

    @Property(HotspotList, constant=True)
    def hotspots(self) -> HotspotList:
        return self._hotspots


@QmlElement
@QmlSingleton
class Exhibit(QObject):
    """Read-only view of the current content; ``changed`` fires when new content is set.
    Pages are a :class:`PageList`, the map an :class:`ExhibitMap` (both typed models)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._data: dict = {
            "attract": {},
            "pages": [],
            "ui": {},
            "screenDiagonalIn": 32.0,
            "buttonMm": 0.0,
            "reducedMotion": False,
        }
        self._pages = PageList(parent=self)
        self._snapshot: Snapshot | None = None
        self._map = ExhibitMap(self)
        self._map_stale = True  # the map (thousands of points) is built when first asked

    def set_content(self, snapshot: Snapshot) -> None:
        data = present(snapshot)
        same_map = self._snapshot is not None and (
            self._snapshot.data.get("map"),
            self._snapshot.map,
        ) == (snapshot.data.get("map"), snapshot.map)
        self._snapshot = snapshot
        if data != self._data or not same_map:
            self._data = data
            self._pages.set_rows(data["pages"])
            if not same_map and not self._map_stale:  # shown already: new content, new map
                self._map.fill(snapshot)
            self.changed.emit()

    def page_ids(self) -> list[str]:
        return [p["pageId"] for p in self._data["pages"]]

    @Property("QVariantMap", notify=changed)
    def attract(self) -> dict:
        return self._data["attract"]

    @Property(PageList, constant=True)
    def pages(self) -> PageList:
        return self._pages

    @Property("QVariantMap", notify=changed)
    def ui(self) -> dict:
        return self._data["ui"]

    @Property(float, notify=changed)
    def screenDiagonalIn(self) -> float:
        return self._data["screenDiagonalIn"]

    @Property(float, notify=changed)
    def buttonMm(self) -> float:
        """The buttons' height on the glass in mm, as configured; 0: the design size."""
        return self._data["buttonMm"]

    @Property(bool, notify=changed)
    def reducedMotion(self) -> bool:
        return self._data["reducedMotion"]

    @Property(ExhibitMap, constant=True)
    def map(self) -> ExhibitMap:
        if self._map_stale:
            self._map_stale = False
            self._map.fill(self._snapshot)
        return self._map
