"""The exhibit's content, as QML reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.content.i18n import resolve
from kiosk.content.markup import blocks, plain, styled
from kiosk.content.snapshot import Snapshot
from kiosk.content.typography import names_in, typeset

if TYPE_CHECKING:  # types only: the fast start-up path imports no more than it needs
    from kiosk.content.types import MapStyle, PageData, PictureFocusData, PictureSpotData

from .maplabels import both_names
from .models import HotspotList, LayerList, NameList, PageList
from .qttyping import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

CREDITS_ID = "credits"
MAP_ID = "map"
TEXT, MAP, CREDITS = (
    PageList.Kind.TextPage.value,
    PageList.Kind.MapPage.value,
    PageList.Kind.CreditsPage.value,
)


def languages(snapshot: Snapshot) -> tuple[list[str], str]:
    settings = snapshot.data["settings"]
    return [la["code"] for la in settings["languages"]], settings["default_language"]


def texts(snapshot: Snapshot):
    """``t(text)`` -> ``{code: text}`` for every offered language, fallback filled in."""
    codes, default = languages(snapshot)
    return lambda value: resolve(value, codes, default)


def proper_names(snapshot: Snapshot) -> dict[str, list[str]]:
    """Names that never break across lines, in each language (longest first): the map's
    places and names, both names of each (kiosk.content.typography keeps them whole)."""
    codes, _ = languages(snapshot)
    t = texts(snapshot)
    section: dict = dict(snapshot.data.get("map") or {})
    found: dict[str, set[str]] = {code: set() for code in codes}
    for code in found:  # the curators' own list (people's names, mostly)
        found[code].update(snapshot.data["settings"].get("keep_together", []))
    entries: list = [*section.get("hotspots", []), *section.get("names", [])]
    for entry in entries:
        for key in ("title", "name", "also"):
            if entry.get(key):
                for code, text in t(entry[key]).items():
                    found.setdefault(code, set()).update(names_in([text]))
    return {code: sorted(v, key=lambda n: (-len(n), n)) for code, v in found.items()}


def typeset_texts(snapshot: Snapshot):
    """``ts(text)`` -> ``{code: text}`` as :func:`texts`, set for the screen in each language
    (no-break spaces, names kept whole: :func:`kiosk.content.typography.typeset`)."""
    t, names = texts(snapshot), proper_names(snapshot)
    return lambda value: {
        code: typeset(text, code, names.get(code, ())) for code, text in t(value).items()
    }


def _image(
    snapshot: Snapshot,
    file: str | None,
    caption=None,
    credit=None,
    focus: PictureFocusData | None = None,
    spots: list[PictureSpotData] | None = None,
):
    """A picture for QML: ``url``, ``width``, ``height``, ``caption``, ``credit``, ``focus``
    (``{x, y}``: the point kept in view when it is cropped; the middle by default) and
    ``spots`` (its "look closer" spots: ``spotId``, ``title``, ``text`` as StyledText,
    ``plainText``, ``labelLeft``, ``x``, ``y`` as fractions of the picture)."""
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
        "focus": {"x": focus["x"], "y": focus["y"]} if focus else {"x": 0.5, "y": 0.5},
        "spots": [
            {
                "spotId": s["id"],
                "title": t(s["title"]),
                "text": {code: styled(text) for code, text in t(s["text"]).items()},
                "plainText": {code: plain(text) for code, text in t(s["text"]).items()},
                "labelLeft": s["label_side"] == "left",
                "x": s["x"],
                "y": s["y"],
            }
            for s in spots or []
        ],
    }


def page_ids(snapshot: Snapshot) -> list[str]:
    """The pages' ids in order: the chapters, the map (if any), the credits."""
    c = snapshot.data
    return [
        *(p["id"] for p in c["pages"]),
        *([MAP_ID] if c.get("map") and snapshot.map else []),
        CREDITS_ID,
    ]


def present(snapshot: Snapshot) -> dict:
    """The content as QML reads it: the one place where the content meets the UI.
    Every text is ``{language code: text}``, so QML shows ``text[Language.code]``.
    What the first frame does not show is presented on demand: the pages
    (:func:`present_pages`, their texts set for the screen in each language) and the map
    (thousands of points: :func:`present_map`)."""
    c = snapshot.data
    t, ts = texts(snapshot), typeset_texts(snapshot)
    return {
        "attract": {
            "title": ts(c["attract"]["title"]),
            "subtitle": ts(c["attract"].get("subtitle")),
            "prompt": ts(c["attract"]["prompt"]),
            "image": _image(snapshot, c["attract"].get("image")),
        },
        "pageIds": page_ids(snapshot),
        "ui": {key: t(value) for key, value in c["ui"].items()},
        "screenDiagonalIn": float(c["settings"]["screen"]["diagonal_in"]),
        "buttonMm": float(c["settings"]["screen"].get("button_mm") or 0),
        "reducedMotion": bool(c["settings"]["reduced_motion"]),
    }


def present_pages(snapshot: Snapshot) -> list[dict]:
    """The pages in order, as :class:`PageList` rows: each chapter with its map state, key
    figure, place in the story and the page after it; then the map and the credits."""
    c = snapshot.data
    t, ts, names = texts(snapshot), typeset_texts(snapshot), proper_names(snapshot)

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

    def blocks_of(body) -> dict:
        return {code: blocks(text, code, names.get(code, ())) for code, text in t(body).items()}

    def page(pid: str, label, title, body, img: dict | None, kind: int = TEXT) -> dict:
        return {
            "pageId": pid,
            "kind": kind,
            "label": t(label),
            "title": ts(title),
            "body": t(body),
            "blocks": blocks_of(body),
            "image": img,
            "mapView": None,
            "figure": None,
            "chapter": 0,
            "chapters": 0,
            "next": None,
            "software": None,
        }

    def picture(p: PageData) -> dict | None:
        img = p.get("image")
        if not img:
            return None
        return _image(
            snapshot, img["file"], img["caption"], img["credit"], img.get("focus"), img.get("spots")
        )

    def figure(p: PageData) -> dict | None:
        f = p.get("figure")
        return {"value": ts(f["value"]), "caption": ts(f["caption"])} if f else None

    # the story's chapters are the content's pages; the map and the credits follow them
    chapters = c["pages"]
    pages = [
        page(p["id"], p["label"], p["title"], p["body"], picture(p))
        | {"mapView": map_view(p), "figure": figure(p), "chapter": n, "chapters": len(chapters)}
        for n, p in enumerate(chapters, start=1)
    ]
    section = c.get("map")
    if section and snapshot.map:
        pages.append(page(MAP_ID, section["label"], section["title"], "", None, kind=MAP))
    credits = c["credits"]
    pages.append(
        page(CREDITS_ID, c["ui"]["credits"], credits["title"], credits["body"], None, kind=CREDITS)
        | {"software": blocks_of(credits.get("software") or "")}
    )
    # each chapter ends with "Next: <the next page>" (the last one leads to the map)
    for here, there in zip(pages, pages[1:], strict=False):
        if here["kind"] == TEXT:
            here["next"] = {"pageId": there["pageId"], "label": there["label"]}
    return pages


def _color(value: str | None) -> QColor:
    """A map style colour, CSS ``#rrggbb`` or ``#rrggbbaa`` (alpha last, unlike Qt's
    ``#aarrggbb``); none is transparent."""
    if not value:
        return QColor(0, 0, 0, 0)  # transparent (not Qt.GlobalColor: see kiosk/app.py)
    v = value.lstrip("#")
    r, g, b = int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)
    return QColor(r, g, b, int(v[6:8], 16) if len(v) == 8 else 255)


def present_map(snapshot: Snapshot) -> dict:
    """The map for QML: picture, layers with their shapes, hotspots and names - all in
    picture pixels.  Places and names carry both names (:func:`both_names`: "Vladivostok
    (Haishenwai)") and the years they are shown (0: no limit)."""
    section, data = snapshot.data.get("map"), snapshot.map
    if not section or not data:
        return {}
    features = data["features"]
    t = texts(snapshot)
    codes, _ = languages(snapshot)

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

    def both(name, also) -> dict[str, str]:
        """``{code: "name (also)"}``: the other name only in the languages that give one
        (no fallback: another language's name in brackets would be no help)."""
        names = t(name)
        return {
            code: both_names(names[code], also.get(code) if isinstance(also, dict) else also, code)
            for code in codes
        }

    def year(layer) -> int:
        if layer.get("year"):
            return int(layer["year"])
        return int(layer["id"]) if layer["id"].isdigit() else 0

    spots = {h["id"]: h for h in data["hotspots"]}
    where = {n["id"]: n for n in data.get("names", [])}
    return {
        "picture": _image(snapshot, section["picture"]),
        "width": data["size"]["width"],
        "height": data["size"]["height"],
        "startLayer": next(
            (i for i, la in enumerate(section["layers"]) if la["id"] == section.get("start_layer")),
            0,
        ),
        "layers": [
            {
                "layerId": layer["id"],
                "label": t(layer["label"]),
                "title": t(layer["title"]),
                "year": year(layer),
            }
            for layer in section["layers"]
        ],
        "shapes": [[shape(fid) for fid in layer["show"]] for layer in section["layers"]],
        "hotspots": [
            {
                "spotId": h["id"],
                "title": t(h["title"]),
                "label": both(h["title"], h.get("also")),
                "text": {code: styled(text) for code, text in t(h["text"]).items()},
                "plainText": {code: plain(text) for code, text in t(h["text"]).items()},
                "labelLeft": h["label_side"] == "left",
                "px": spots[h["id"]]["x"],
                "py": spots[h["id"]]["y"],
                "fromYear": h.get("from_") or 0,
                "untilYear": h.get("until") or 0,
            }
            for h in section["hotspots"]
        ],
        "names": [
            {
                "nameId": n["id"],
                "kind": n["kind"],
                "label": both(n["name"], n.get("also")),
                "px": where[n["id"]]["x"],
                "py": where[n["id"]]["y"],
                "angle": float(n.get("angle") or 0),
                "fromYear": n.get("from_") or 0,
                "untilYear": n.get("until") or 0,
            }
            for n in section.get("names", [])
            if n["id"] in where
        ],
    }


@QmlElement
@QmlUncreatable("the map comes from Exhibit.map")
class ExhibitMap(QObject):
    """The map as QML reads it (``Exhibit.map``): its picture and size, and typed models of
    its layers (each with its shapes and year), hotspots and names.  Built when the map
    page first asks."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._layers = LayerList(parent=self)
        self._hotspots = HotspotList(parent=self)
        self._names = NameList(parent=self)
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
        self._names.set_rows(m.get("names", []))
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

    @Property(NameList, constant=True)
    def names(self) -> NameList:
        """The names written on the map (rivers, seas, empires ...): text, not buttons."""
        return self._names


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
            "pageIds": [],
            "ui": {},
            "screenDiagonalIn": 32.0,
            "buttonMm": 0.0,
            "reducedMotion": False,
        }
        self._pages = PageList(parent=self)
        self._pages_shown = (
            False  # the pages are presented when first asked (after the first frame)
        )
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
        if self._pages_shown:
            self._pages.set_rows(present_pages(snapshot))  # (a reset only if they changed)
        if data != self._data or not same_map:
            self._data = data
            if not same_map and not self._map_stale:  # shown already: new content, new map
                self._map.fill(snapshot)
            self.changed.emit()

    def page_ids(self) -> list[str]:
        return list(self._data["pageIds"])

    @Property("QVariantMap", notify=changed)
    def attract(self) -> dict:
        return self._data["attract"]

    @Property(PageList, constant=True)
    def pages(self) -> PageList:
        if not self._pages_shown and self._snapshot is not None:
            self._pages_shown = True
            self._pages.set_rows(present_pages(self._snapshot))
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
