"""The exhibit's content, as QML reads it."""

from __future__ import annotations

import re

from PySide6.QtCore import Property, QObject, QUrl, Signal
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.content.snapshot import Snapshot

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

CREDITS_ID = "credits"


def blocks(markdown: str) -> list[str]:
    """Markdown split at blank lines, so QML can space paragraphs like a printed label."""
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", markdown) if b.strip()]


def present(snapshot: Snapshot) -> dict:
    """The content as QML reads it: the one place where the content meets the UI."""
    c = snapshot.data

    def image(file: str | None, caption: str | None = None, credit: str | None = None) -> dict | None:
        info = snapshot.images.get(file) if file else None
        if info is None:
            return None
        return {
            "url": QUrl.fromLocalFile(info["path"]),
            "width": info["width"],
            "height": info["height"],
            "caption": caption or "",
            "credit": credit or "",
        }

    def page(pid: str, label: str, title: str, body: str, img: dict | None) -> dict:
        return {"id": pid, "label": label, "title": title, "body": body, "blocks": blocks(body), "image": img}

    pages = [
        page(p["id"], p["label"], p["title"], p["body"],
             image(p["image"]["file"], p["image"]["caption"], p["image"]["credit"]) if p.get("image") else None)
        for p in c["pages"]
    ]
    pages.append(page(CREDITS_ID, c["ui"]["credits"], c["credits"]["title"], c["credits"]["body"], None))
    return {
        "attract": {
            "title": c["attract"]["title"],
            "subtitle": c["attract"].get("subtitle") or "",
            "prompt": c["attract"]["prompt"],
            "image": image(c["attract"].get("image")),
        },
        "pages": pages,
        "ui": dict(c["ui"]),
        "screenDiagonalIn": float(c["settings"]["screen"]["diagonal_in"]),
        "reducedMotion": bool(c["settings"]["reduced_motion"]),
    }


@QmlElement
@QmlSingleton
class Exhibit(QObject):
    """Read-only view of the current content; ``changed`` fires when new content is set."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._data: dict = {"attract": {}, "pages": [], "ui": {}, "screenDiagonalIn": 32.0,
                            "reducedMotion": False}

    def set_content(self, snapshot: Snapshot) -> None:
        data = present(snapshot)
        if data != self._data:
            self._data = data
            self.changed.emit()

    def page_ids(self) -> list[str]:
        return [p["id"] for p in self._data["pages"]]

    @Property("QVariantMap", notify=changed)
    def attract(self) -> dict:
        return self._data["attract"]

    @Property("QVariantList", notify=changed)
    def pages(self) -> list:
        return self._data["pages"]

    @Property("QVariantMap", notify=changed)
    def ui(self) -> dict:
        return self._data["ui"]

    @Property(float, notify=changed)
    def screenDiagonalIn(self) -> float:
        return self._data["screenDiagonalIn"]

    @Property(bool, notify=changed)
    def reducedMotion(self) -> bool:
        return self._data["reducedMotion"]
