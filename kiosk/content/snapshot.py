"""A validated exhibit as plain data, and a cache of it that makes every boot after the
first one fast - and keeps the last good content on screen when a later edit is broken.

A :class:`Snapshot` is what the kiosk shows: the model dumped to JSON-able values plus
the pictures' paths and sizes.  It is cached per content file, keyed by a fingerprint of
the file's bytes, its pictures and map files (size and modification time: a warm boot
reads no picture) and the code that validates it; while the fingerprint matches, the kiosk
starts without importing the validator at all (pydantic costs ~140 ms and ~25 MB at
start-up).  The cache keeps a copy of every picture of the version it holds, so the last
good version never shows a picture changed or broken on disk since.

This module must not import pydantic: it is the fast path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import manifest, safeio
from .issues import ContentError, Issue

if TYPE_CHECKING:  # (the TypedDicts are for the type checker: the fast path skips them)
    from .types import ContentData, ImageEntry, MapData

log = logging.getLogger(__name__)

_CODE = sorted(Path(__file__).parent.glob("*.py"))
_GEO = [Path(__file__).parent.parent / "geo.py"]
MAX_CACHE_BYTES = 256 * 1024 * 1024  # a cache entry bigger than this is not one the kiosk wrote
_COPY = re.compile(r"^[0-9a-f]{64}\.[a-z]{3,4}$")  # a cached picture: <sha256>.<format>


@dataclass(frozen=True)
class Snapshot:
    """A valid exhibit, as plain values."""

    source: str  # the content file, absolute
    data: ContentData  # the content model, dumped to JSON-able values
    # file as written -> path (what to show: the cache's copy, else the picture itself), original
    # (the picture), width, height, format, stamp, sha256
    images: dict[str, ImageEntry] = field(default_factory=dict)
    map: MapData | None = None  # layers and hotspots in picture pixels (kiosk.content.mapdata)
    # sha256 of the content file's bytes it was made from ("": not known); not compared (the
    # same exhibit is the same snapshot): the version's name for technicians (kiosk_build_info)
    digest: str = field(default="", compare=False)


def stamp(path: str | Path) -> str | None:
    """Size and modification time of a file: changes when the file does."""
    try:
        return safeio.stamp_of(os.stat(path))
    except (OSError, ValueError):
        return None


def _code_digest() -> bytes:
    h = hashlib.sha256()
    for code in _CODE + _GEO:
        h.update(code.read_bytes())
    return h.digest()


def fingerprint(
    content_digest: str,
    pictures: dict[str, str | None],
    files: Sequence[tuple[str, str | None]] = (),
) -> str:
    """What must be unchanged for a cached snapshot to stand: the validator's code, the
    content file's bytes (their sha256), the stamps of its pictures and other files."""
    h = hashlib.sha256(_code_digest())
    h.update(content_digest.encode())
    for file in sorted(pictures):
        h.update(f"{file}\0{pictures[file]}\0".encode())
    for file, file_stamp in files:  # other files the content uses (the map's data)
        h.update(f"{file}\0{file_stamp}\0".encode())
    return h.hexdigest()


def _original(info: ImageEntry) -> str:
    return info.get("original") or info["path"]  # (a cache written before #17 has no original)


def _files(snapshot: Snapshot) -> list[str]:
    return list(snapshot.map.get("files", [])) if snapshot.map else []


def current_fingerprint(source: Path, snapshot: Snapshot) -> str | None:
    """The fingerprint of what is on disk now, for the files ``snapshot`` was made from
    (None: the content file cannot be read).  Pictures are not read: their stamps count."""
    try:
        raw, _ = safeio.read_file(source, safeio.MAX_CONTENT_BYTES)
    except OSError:
        return None
    pictures = {file: stamp(_original(info)) for file, info in snapshot.images.items()}
    return fingerprint(
        hashlib.sha256(raw).hexdigest(), pictures, [(f, stamp(f)) for f in _files(snapshot)]
    )


def _valid(entry: Any) -> bool:
    """A cache entry, as read from JSON, has the shape the kiosk writes (a damaged one is only
    a slow start).  Checked before it is taken for a :class:`Snapshot`."""
    snap = entry.get("snapshot") if isinstance(entry, dict) else None
    if not (isinstance(snap, dict) and isinstance(entry.get("fingerprint"), str)):
        return False
    images, themap = snap.get("images", {}), snap.get("map")
    return (
        isinstance(snap.get("source"), str)
        and isinstance(snap.get("data"), dict)
        and isinstance(images, dict)
        and isinstance(snap.get("digest", ""), str)
        and all(
            isinstance(i, dict)
            and isinstance(i.get("path"), str)
            and isinstance(i.get("original", ""), str)
            for i in images.values()
        )
        and (
            themap is None
            or (
                isinstance(themap, dict)
                and isinstance(themap.get("files", []), list)
                and all(isinstance(f, str) for f in themap.get("files", []))
            )
        )
    )


class SnapshotCache:
    """One JSON file per content file in ``folder``, and beside it a copy of each picture of
    that (last good) version, named by its sha256 - so the last good version shows the
    pictures it was checked with, whatever happens to them later.  A damaged cache is only
    a slow start; a cache that cannot be written, the pictures shown from where they are."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _file(self, source: Path) -> Path:
        return self.folder / f"content-{hashlib.sha256(str(source).encode()).hexdigest()[:16]}.json"

    def pictures_folder(self, source: Path) -> Path:
        return self._file(source).with_suffix(".pictures")

    def read(self, source: Path) -> tuple[str, Snapshot] | None:
        try:
            raw, _ = safeio.read_file(self._file(source), MAX_CACHE_BYTES)
            entry = json.loads(bytes(raw).decode("utf-8"))
            if _valid(entry):
                return entry["fingerprint"], Snapshot(**entry["snapshot"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            pass
        return None

    def write(self, snapshot: Snapshot, content_digest: str) -> Snapshot:
        """Cache ``snapshot`` (made from content bytes with this sha256) with copies of its
        pictures; returns it showing the copies (or the pictures themselves, where no copy
        could be made)."""
        source = Path(snapshot.source)
        target = self._file(source)
        fp = fingerprint(
            content_digest,
            {f: i.get("stamp") for f, i in snapshot.images.items()},
            list(zip(_files(snapshot), snapshot.map["stamps"] if snapshot.map else [])),
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            log.warning("cannot write the content cache %s: %s", self.folder, e)
            return snapshot
        snapshot = self._keep_pictures(snapshot)
        try:
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(
                json.dumps({"fingerprint": fp, "snapshot": asdict(snapshot)}), encoding="utf-8"
            )
            os.replace(tmp, target)
        except OSError as e:
            log.warning("cannot write the content cache %s: %s", target, e)
        else:
            self._forget_other_pictures(snapshot)
        return snapshot

    def _keep_pictures(self, snapshot: Snapshot) -> Snapshot:
        folder = self.pictures_folder(Path(snapshot.source))
        images: dict[str, ImageEntry] = {}
        for file, info in snapshot.images.items():
            images[file] = info
            sha, fmt = info["sha256"], info["format"]
            if not re.fullmatch(r"[0-9a-f]{64}", sha):  # no digest of its bytes: no copy
                continue
            copy = folder / f"{sha}.{fmt}"
            try:
                size = int(info["stamp"].split(":")[0])
            except ValueError:
                size = -1
            try:
                if not (copy.is_file() and copy.stat().st_size == size):  # a copy is made once
                    from .images import MAX_IMAGE_BYTES

                    data, _ = safeio.read_file(_original(info), MAX_IMAGE_BYTES)
                    if hashlib.sha256(data).hexdigest() != sha:
                        log.warning(
                            "%s changed while it was checked: shown from where it is",
                            _original(info),
                        )
                        continue
                    folder.mkdir(exist_ok=True)
                    tmp = folder / f".{sha}.{os.getpid()}.tmp"
                    tmp.write_bytes(data)
                    os.replace(tmp, copy)
            except OSError as e:
                log.warning(
                    "cannot keep a copy of %s in the cache (%s): shown from where it is",
                    _original(info),
                    e.strerror or e,
                )
                continue
            images[file] = {**info, "path": str(copy)}
        return replace(snapshot, images=images)

    def _forget_other_pictures(self, snapshot: Snapshot) -> None:
        """Delete the copies the cache entry no longer uses (and copies a crash left half-made)."""
        folder = self.pictures_folder(Path(snapshot.source))
        used = {Path(i["path"]).name for i in snapshot.images.values()}
        try:
            for f in folder.iterdir():
                old_tmp = f.name.endswith(".tmp") and f.stat().st_mtime < time.time() - 3600
                if (_COPY.match(f.name) and f.name not in used) or old_tmp:
                    f.unlink()
        except OSError:
            pass  # no folder, or read-only: nothing to tidy


def _resolved(path: str | Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, ValueError, RuntimeError):
        return Path(os.path.abspath(path))


def _showable(snapshot: Snapshot) -> bool:
    return all(safeio.is_regular_file(i["path"]) for i in snapshot.images.values())


def _last_good(snapshot: Snapshot) -> Snapshot:
    """The last good version as cached; a picture whose copy is gone is shown from where it is."""
    images: dict[str, ImageEntry] = {}
    for f, i in snapshot.images.items():
        images[f] = i if safeio.is_regular_file(i["path"]) else {**i, "path": _original(i)}
    return replace(snapshot, images=images)


def _digests(snapshot: Snapshot) -> dict[Path, str]:
    """The sha256 of each file as the validator read it (the content file, the pictures), by
    its name beside the content file (as :func:`manifest.files_of` names it)."""
    folder = Path(snapshot.source).parent
    known = {folder / f: i["sha256"] for f, i in snapshot.images.items() if i["sha256"]}
    known[Path(snapshot.source)] = snapshot.digest
    return known


def _keep(
    path: str | Path, cached: tuple[str, Snapshot] | None, waiting: str
) -> tuple[Snapshot, list[Issue]]:
    """A copy of a new version is under way (its manifest says so): the last good version
    stays, with no issue to show; with none, the kiosk cannot start yet."""
    if cached is None:
        raise ContentError([Issue(str(path), 1, 1, (), waiting)])
    return _last_good(cached[1]), []


def open_content(path: str | Path, cache: SnapshotCache | None) -> tuple[Snapshot, list[Issue]]:
    """The snapshot to show, and the problems found on the way.

    Uses the cache when nothing changed; otherwise validates the file.  When the file (or
    anything it uses) has errors - whatever they are - but an earlier version was good,
    returns that last good snapshot (with the copies of its pictures) and the errors;
    with no good version at all, raises :class:`ContentError`.
    """
    source = _resolved(path)
    cached = cache.read(source) if cache else None
    if cached and _showable(cached[1]) and cached[0] == current_fingerprint(source, cached[1]):
        manifest.settled(source)
        return cached[1], []
    # a folder with a manifest (kiosk manifest): only a completely copied version is read
    if (waiting := manifest.check(source)) is not None:
        return _keep(path, cached, waiting)

    from .loader import load_content  # the validator: imported only when needed

    try:
        loaded = load_content(path)
        snapshot = replace(loaded.snapshot(), digest=loaded.digest)
    except Exception as e:
        if isinstance(e, ContentError):
            issues = list(e.issues)
        else:
            log.exception("checking %s failed", path)
            issues = [
                Issue(
                    str(path),
                    1,
                    1,
                    (),
                    f"the kiosk could not check this file ({type(e).__name__}); "
                    "the details are in the kiosk's log",
                )
            ]
        if cached is None:
            if isinstance(e, ContentError):
                raise
            raise ContentError(issues) from None
        return _last_good(cached[1]), issues
    waiting = manifest.confirm(source, manifest.files_of(snapshot), _digests(snapshot))
    if waiting is not None:  # a file changed while it was read: a copy is under way
        return _keep(path, cached, waiting)
    if cache:
        try:
            snapshot = cache.write(snapshot, loaded.digest)
        except Exception:
            log.exception("cannot write the content cache")
    return snapshot, list(loaded.warnings)
