"""The exhibit's content: YAML -> typed model -> located errors.  Knows nothing of Qt.

Names are imported lazily so that the kiosk's fast start-up path
(:mod:`kiosk.content.snapshot`) never imports the validator (pydantic).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ContentError": "issues",
    "Issue": "issues",
    "format_loc": "issues",
    "Snapshot": "snapshot",
    "SnapshotCache": "snapshot",
    "open_content": "snapshot",
    "ImageInfo": "images",
    "LoadedContent": "loader",
    "load_content": "loader",
    "words": "loader",
    "Content": "model",
    "Page": "model",
}

__all__ = [  # noqa: RUF022 (grouped by module, as _EXPORTS)
    "ContentError",
    "Content",
    "ImageInfo",
    "Issue",
    "LoadedContent",
    "Page",
    "Snapshot",
    "SnapshotCache",
    "format_loc",
    "load_content",
    "open_content",
    "words",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from .images import ImageInfo
    from .issues import ContentError, Issue, format_loc
    from .loader import LoadedContent, load_content, words
    from .model import Content, Page
    from .snapshot import Snapshot, SnapshotCache, open_content
