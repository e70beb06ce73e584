"""All-or-nothing content roll-out: a manifest of sha256 sums, written last.

A technician who copies a new version of the exhibit folder to many kiosks (rsync, git,
Syncthing: files arrive one by one, in any order) makes ``content.manifest`` beside the
content file with ``kiosk manifest``: one line per file the version uses - the content file,
its pictures, the map's files, the recordings - in ``sha256sum``'s format
(``<sha256>  <path relative to the folder>``), so ``sha256sum -c content.manifest`` checks
it too.  It is written to a temporary name and renamed, and copied last.

When the content file has a manifest, the kiosk takes a new version only when every file
matches it (:func:`check`); until then the copy is "not fully copied yet": said once in the
log, and the version on screen stays (no error banner: nothing is wrong, it is under way).
A manifest that cannot be read is said in one line, and the kiosk waits too.  Without a
manifest nothing changes: a curator editing one kiosk in place needs none.

Hashing costs: a file is hashed again only when its size, modification or change time or
inode differ from the last time (a memo in the process), the content file first, and the
check stops at the first file that differs.  :func:`check` runs only when the snapshot
cache's fingerprint says something changed (``snapshot.open_content``): a warm boot reads
no picture.

No Qt, no pydantic: ``open_content`` (the fast path) calls it.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .snapshot import Snapshot

log = logging.getLogger(__name__)

SUFFIX = ".manifest"  # content.yaml -> content.manifest
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024  # nothing an exhibit uses is bigger; /dev/zero is not read
_CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")

# the process's memo: absolute path -> (size, mtime_ns, ctime_ns, inode), sha256
_memo: dict[str, tuple[tuple[int, int, int, int], str]] = {}
# content file -> why its new version is not taken yet (said once while it stays the same)
_waiting: dict[Path, str] = {}


class ManifestError(ValueError):
    """A manifest that cannot be used; the message is the sentence that says why."""


def manifest_path(content: Path) -> Path:
    """The manifest of a content file: ``content.yaml`` -> ``content.manifest`` beside it."""
    return content.with_suffix(SUFFIX)


def file_sha256(path: Path) -> str | None:
    """The sha256 of a regular file (memoised while its stat is unchanged); None when it is
    missing, not a regular file, too big or unreadable."""
    try:
        fd = os.open(path, _FLAGS)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        key = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        memo = _memo.get(str(path))
        if memo is not None and memo[0] == key:
            return memo[1]
        h = hashlib.sha256()
        read = 0
        while chunk := os.read(fd, _CHUNK):
            read += len(chunk)
            if read > MAX_FILE_BYTES:
                return None
            h.update(chunk)
        digest = h.hexdigest()
        _memo[str(path)] = (key, digest)
        return digest
    except OSError:
        return None
    finally:
        os.close(fd)


def relative_name(path: Path, folder: Path) -> str:
    """``path`` as a manifest names it: relative to ``folder``, with ``/`` (``..`` when it
    lies outside).  ValueError for a name sha256sum's format cannot carry."""
    name = PurePosixPath(*Path(os.path.relpath(path, folder)).parts).as_posix()
    if any(c in name for c in "\n\r\\"):
        raise ValueError(f"{name!r}: a file name with a line break or a backslash")
    return name


def parse(text: str) -> dict[str, str]:
    """``{relative path: sha256}`` from a manifest's text; :class:`ManifestError` naming
    the line that is wrong (a manifest cut short by a copy is one)."""
    entries: dict[str, str] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        raise ManifestError(
            f"line {len(lines)} does not end (the manifest is cut short: still being copied?)"
        )
    for n, line in enumerate(lines, 1):
        m = _LINE.fullmatch(line.rstrip("\r"))
        if m is None:
            raise ManifestError(f"line {n} is not '<sha256>  <file>' as kiosk manifest writes it")
        name = m.group(2)
        if name in entries:
            raise ManifestError(f"line {n} names {name} a second time")
        if PurePosixPath(name).is_absolute() or re.match(r"[A-Za-z]:", name):
            raise ManifestError(f"line {n} names {name}: files are named relative to its folder")
        entries[name] = m.group(1).lower()
    if not entries:
        raise ManifestError("it lists no file")
    return entries


def read_manifest(content: Path) -> dict[str, str] | None:
    """The manifest's entries; None when there is none; :class:`ManifestError` otherwise."""
    path = manifest_path(content)
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise ManifestError(f"cannot be read ({getattr(e, 'strerror', None) or e})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ManifestError("is not a regular file")
        raw = os.read(fd, MAX_MANIFEST_BYTES + 1)
    except OSError as e:
        if e.errno == errno.EISDIR:
            raise ManifestError("is a folder, not a file") from None
        raise ManifestError(f"cannot be read ({e.strerror or e})") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"is bigger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("is not UTF-8 text") from None
    return parse(text)


def _wait(content: Path, reason: str, *, level: int = logging.INFO) -> str:
    """Note that ``content``'s new version waits; said once while the reason is the same."""
    if _waiting.get(content) != reason:
        log.log(level, "%s", reason)
    _waiting[content] = reason
    return reason


def _complete(content: Path, count: int) -> None:
    if _waiting.pop(content, None) is not None:
        log.info(
            "%s: all %d files match %s: the copy is complete",
            content,
            count,
            manifest_path(content).name,
        )


def settled(content: Path) -> None:
    """The files are those of the version the kiosk has (the cache said so): not waiting."""
    _waiting.pop(content, None)


def waiting(content: Path) -> str | None:
    """Why ``content``'s new version is not taken yet (the last :func:`check`), or None."""
    return _waiting.get(content)


def check(content: Path) -> str | None:
    """None when the folder may be read (no manifest, or every file matches it); else why
    not, in one line (logged once while it stays the same)."""
    content = Path(content)
    mpath = manifest_path(content)
    try:
        entries = read_manifest(content)
    except ManifestError as e:
        return _wait(
            content,
            f"{mpath}: {e}; the kiosk keeps the version it has until the manifest is whole "
            f"(make it with: kiosk manifest --content {content.name})",
            level=logging.WARNING,
        )
    if entries is None:
        settled(content)
        return None
    if content.name not in entries:
        return _wait(
            content,
            f"{mpath}: does not list {content.name}; the kiosk keeps the version it has "
            f"(make it with: kiosk manifest --content {content.name})",
            level=logging.WARNING,
        )
    folder = content.parent
    names = [content.name] + [n for n in entries if n != content.name]
    for name in names:
        found = file_sha256(folder / name)
        if found != entries[name]:
            how = "is missing" if found is None and not (folder / name).exists() else "differs"
            return _wait(
                content,
                f"{content}: not fully copied yet ({name} {how} from {mpath.name}): waiting; "
                "the kiosk keeps the version it has",
            )
    _complete(content, len(entries))
    return None


def confirm(content: Path, used: Iterable[Path], known: dict[Path, str]) -> str | None:
    """After the version was read: every file it ``used`` is listed in the manifest, and the
    bytes the validator read (``known``: path -> sha256, e.g. the content file's digest and
    the pictures') are those listed - nothing changed between :func:`check` and the reading.
    None when there is no manifest or all is well; else why not (logged once)."""
    content = Path(content)
    try:
        entries = read_manifest(content)
    except ManifestError:
        return check(content)  # changed since: check says how
    if entries is None:
        return None
    folder = content.parent
    for path in used:
        try:
            name = relative_name(path, folder)
        except ValueError:
            name = str(path)
        if name not in entries:
            return _wait(
                content,
                f"{manifest_path(content)}: does not list {name}, which {content.name} uses; "
                f"the kiosk keeps the version it has (make the manifest again: kiosk manifest "
                f"--content {content.name})",
                level=logging.WARNING,
            )
        sha = known.get(path) or file_sha256(path)
        if sha != entries[name]:
            return _wait(
                content,
                f"{content}: not fully copied yet ({name} changed while it was read): waiting; "
                "the kiosk keeps the version it has",
            )
    return None


def files_of(snapshot: Snapshot) -> list[Path]:
    """Every file a version uses, by the names its content file gives them (beside it): the
    content file, the pictures, the map's files, the recordings there are."""
    source = Path(snapshot.source)
    folder = source.parent
    files = [source] + [folder / name for name in snapshot.images]
    themap = snapshot.data.get("map")
    if themap:
        files += [folder / themap["geometry"], folder / themap["layers_file"]]
    for entry in snapshot.data.get("recordings") or []:  # (a recording not there: a warning)
        if (folder / entry["file"]).is_file():
            files.append(folder / entry["file"])
    return list(dict.fromkeys(files))


def manifest_text(content: Path, files: Iterable[Path]) -> str:
    """The manifest of ``content`` and the ``files`` it uses (each hashed now)."""
    folder = content.parent
    lines: dict[str, str] = {}
    for path in [content, *files]:
        name = relative_name(path, folder)
        sha = file_sha256(path)
        if sha is None:
            raise OSError(errno.ENOENT, "cannot be read as a regular file", str(path))
        lines.setdefault(name, f"{sha}  {name}\n")
    first = lines.pop(relative_name(content, folder))
    return first + "".join(lines[n] for n in sorted(lines))


def write_manifest(content: Path, files: Iterable[Path]) -> Path:
    """Write ``content``'s manifest (a temporary file renamed over it: never half written)."""
    text = manifest_text(content, files)
    target = manifest_path(content)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
