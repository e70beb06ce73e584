"""A validated exhibit as plain data, and a cache of it that makes every boot after the
first one fast - and keeps the last good content on screen when a later edit is broken.

A :class:`Snapshot` is what the kiosk shows: the model dumped to JSON-able values plus
the pictures' resolved paths and sizes.  It is cached per content file, keyed by a
fingerprint of the file's bytes, its pictures (size and modification time) and the code
that validates it; while the fingerprint matches, the kiosk starts without importing the
validator at all (pydantic costs ~140 ms and ~25 MB at start-up).

This module must not import pydantic: it is the fast path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .issues import ContentError, Issue

log = logging.getLogger(__name__)

_CODE = sorted(Path(__file__).parent.glob("*.py"))
_GEO = [Path(__file__).parent.parent / "geo.py"]


@dataclass(frozen=True)
class Snapshot:
    """A valid exhibit, as plain values."""

    source: str  # the content file, absolute
    data: dict[str, Any]  # the content model, dumped to JSON-able values
    images: dict[str, dict[str, Any]] = field(default_factory=dict)  # file as written -> path/width/height
    map: dict[str, Any] | None = None  # layers and hotspots in picture pixels (kiosk.content.mapdata)


def stamp(path: str | Path) -> str | None:
    """Size and modification time of a file: changes when the file does."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def fingerprint(path: Path, images: dict[str, dict[str, Any]], files: list[str] = ()) -> str | None:
    """What must be unchanged for a cached snapshot to stand (None: the file cannot be read)."""
    h = hashlib.sha256()
    try:
        for code in _CODE + _GEO:
            h.update(code.read_bytes())
        if path.stat().st_size > 5 * 1024 * 1024:
            return None
        h.update(path.read_bytes())
    except OSError:
        return None
    for file in sorted(images):
        h.update(f"{file}\0{stamp(images[file]['path'])}\0".encode())
    for file in files:  # other files the content uses (the map's data)
        h.update(f"{file}\0{stamp(file)}\0".encode())
    return h.hexdigest()


def _files(snapshot: Snapshot) -> list[str]:
    return list((snapshot.map or {}).get("files", []))


class SnapshotCache:
    """One JSON file per content file in ``folder``; a damaged cache is only a slow start."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _file(self, source: Path) -> Path:
        return self.folder / f"content-{hashlib.sha256(str(source).encode()).hexdigest()[:16]}.json"

    def read(self, source: Path) -> tuple[str, Snapshot] | None:
        try:
            entry = json.loads(self._file(source).read_text(encoding="utf-8"))
            return entry["fingerprint"], Snapshot(**entry["snapshot"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, snapshot: Snapshot) -> None:
        target = self._file(Path(snapshot.source))
        fp = fingerprint(Path(snapshot.source), snapshot.images, _files(snapshot))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"fingerprint": fp, "snapshot": asdict(snapshot)}), encoding="utf-8")
            os.replace(tmp, target)
        except OSError as e:
            log.warning("cannot write the content cache %s: %s", target, e)


def open_content(path: str | Path, cache: SnapshotCache | None) -> tuple[Snapshot, list[Issue]]:
    """The snapshot to show, and the problems found on the way.

    Uses the cache when nothing changed; otherwise validates the file.  When the file has
    errors but an earlier version was good, returns that last good snapshot with the errors;
    with no good version at all, raises :class:`ContentError`.
    """
    source = Path(path).resolve()
    cached = cache.read(source) if cache else None
    if cached and cached[0] == fingerprint(source, cached[1].images, _files(cached[1])):
        return cached[1], []

    from .loader import load_content  # the validator: imported only when needed

    try:
        loaded = load_content(path)
    except ContentError as e:
        last_good = cached[1] if cached else None
        if last_good is None or any(stamp(i["path"]) != i.get("stamp") for i in last_good.images.values()):
            raise  # no good version, or its pictures changed since
        return last_good, list(e.issues)
    snapshot = loaded.snapshot()
    if cache:
        cache.write(snapshot)
    return snapshot, list(loaded.warnings)
