"""Live reload: the kiosk notices when content.yaml (or a file it uses) changes, checks the
new version, and shows it when that is safe - never a broken one, never under a finger.

- Watched: the content file, every picture and map file it uses, and their folders (an
  editor that saves by writing a temporary file and renaming it replaces the watched file;
  the folder's change brings the watch back).
- Changes are gathered for a moment (``DEBOUNCE_MS``) so a save in several writes is read
  once, when it is complete.  A version that fails the check is looked at once more a
  little later, in case the editor was still writing.
- When the content file has a manifest (``content.manifest``, made by ``kiosk manifest``:
  deploy/FLEET.md), a version is read only when every file matches it; while a copy is
  under way the version shown stays, the log says so once, and the files are looked at
  again every ``WAIT_POLL_MS`` (and whenever the manifest or a file it lists changes).
- A good version is applied at once in the curator's preview (``--windowed``); in kiosk
  mode only while the kiosk stands on its attract screen (so, at the latest, after the next
  idle reset).  A broken version is never applied: the errors go to the log and, in the
  preview only, to a staff banner (``errors``); fixing the file clears them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk import metrics
from kiosk.content import manifest
from kiosk.content.issues import ContentError
from kiosk.content.snapshot import Snapshot, SnapshotCache, open_content

from .qttyping import Property

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
RECHECK_MS = 1500  # a broken version is read once more after this, in case the save was not done
WAIT_POLL_MS = 5000  # a copy under way (its manifest does not match yet): looked at this often


def used_files(snapshot: Snapshot) -> list[Path]:
    """The content file and every file it uses."""
    files = [Path(snapshot.source)]
    files += [
        Path(i.get("original") or i["path"]) for i in snapshot.images.values()
    ]  # not the cached copies
    files += [Path(f) for f in (snapshot.map["files"] if snapshot.map else [])]
    return list(dict.fromkeys(files))


def _manifest_files(content: Path) -> list[Path]:
    """The content's manifest and the files it lists (none when there is no manifest)."""
    path = manifest.manifest_path(content)
    try:
        listed = manifest.read_manifest(content) or {}
    except manifest.ManifestError:
        listed = {}
    return [path] + [Path(os.path.normpath(content.parent / name)) for name in listed]


def _idle_wait(snapshot: Snapshot) -> str:
    """How long a good new version waits at most, in words (``settings.idle``)."""
    idle = snapshot.data["settings"]["idle"]
    if not idle["timeout_s"]:
        return (
            "the idle reset is off (timeout_s: 0), so when a visitor touches Home or staff "
            "choose 'Reload content now'"
        )
    return (
        f"at the latest {idle['timeout_s'] + idle['warning_s']:g} s after the last touch "
        f"(the idle timeout of {idle['timeout_s']:g} s and its {idle['warning_s']:g} s warning)"
    )


@QmlElement
@QmlSingleton
class Reload(QObject):
    """Watches the content; ``errors`` (preview only) lists what is wrong with the file."""

    errorsChanged = Signal()
    applied = Signal()  # a new version is on screen
    checked = Signal()  # a changed file was read and checked (good or not)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check_now)
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._recheck.timeout.connect(self.check_now)
        self._poll = QTimer(self, singleShot=True, interval=WAIT_POLL_MS)
        self._poll.timeout.connect(self.check_now)
        self._errors: list[str] = []
        self._preview = False
        self._current: Snapshot | None = None
        self._pending: Snapshot | None = None
        self._path: Path | None = None
        self._cache: SnapshotCache | None = None
        self._apply: Callable[[Snapshot], None] = lambda s: None
        self._safe: Callable[[], bool] = lambda: True
        self._stamps: dict[str, object] = {}
        self._retry = False  # read a broken version once more (the editor may still be writing)

    def start(
        self,
        path: str | Path,
        current: Snapshot,
        cache: SnapshotCache | None,
        *,
        apply: Callable[[Snapshot], None],
        safe: Callable[[], bool],
        preview: bool,
    ) -> None:
        """Watch ``path``; ``apply(snapshot)`` shows a new version when ``safe()`` (or at once in preview)."""
        self._path, self._current, self._cache = Path(path), current, cache
        self._apply, self._safe, self._preview = apply, safe, preview
        self._watch(current)

    def stop(self) -> None:
        self._debounce.stop()
        self._recheck.stop()
        self._poll.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def _watch(self, snapshot: Snapshot) -> None:
        files = used_files(snapshot)
        if self._path is not None and self._path.resolve() not in files:
            files.insert(0, self._path.resolve())
        if self._path is not None:  # the manifest, and the files it lists (a copy's new files)
            files += _manifest_files(self._path.resolve())
        wanted = [str(f) for f in files if f.exists()] + sorted(
            {str(f.parent) for f in files if f.parent.exists()}
        )
        self._stamps = {str(f): self._stamp(f) for f in files}
        old = set(self._watcher.files() + self._watcher.directories())
        if set(wanted) != old:
            if old:
                self._watcher.removePaths(list(old))
            self._watcher.addPaths(wanted)

    @staticmethod
    def _stamp(path: Path) -> object:
        try:
            st = path.stat()
            return st.st_size, st.st_mtime_ns, st.st_ino
        except OSError:
            return None

    def _changed(self, _path: str = "") -> None:
        # a file replaced by a rename is no longer watched: watch the new one
        for f in self._stamps:
            if f not in self._watcher.files() and Path(f).exists():
                self._watcher.addPath(f)
        changed = [f for f, s in self._stamps.items() if self._stamp(Path(f)) != s]
        if changed:
            if not self._debounce.isActive():
                log.info("noticed a change to %s: checking it", ", ".join(changed))
            self._retry = True
            self._debounce.start()

    # -- checking and applying --------------------------------------------------------------

    def check_now(self) -> None:
        """Read and check the content file now (the watcher calls this after a change)."""
        if self._path is None:
            return
        self._recheck.stop()
        self._poll.stop()
        try:
            snapshot, issues = open_content(self._path, self._cache)
        except ContentError as e:
            snapshot, issues = None, list(e.issues)
        except OSError as e:
            snapshot, issues = None, []
            self._set_errors([f"{self._path}: cannot be read ({e.strerror or e})"])
        if manifest.waiting(self._path.resolve()):  # a copy under way: said once; no banner
            if self._current is not None:
                self._watch(self._current)  # the manifest may list new files: watched too
            self._poll.start()
            self.checked.emit()
            return
        errors = [str(i) for i in issues if i.severity == "error"]
        news = (
            not errors or errors != self._errors
        )  # the same errors are said once, not at every look
        if news:
            for issue in issues:
                log.log(
                    logging.ERROR if issue.severity == "error" else logging.WARNING, "%s", issue
                )
        self._stamps = {f: self._stamp(Path(f)) for f in self._stamps}
        if errors or snapshot is None:
            if errors and news:
                log.error(
                    "%s has errors: the kiosk keeps showing its last good version", self._path
                )
                metrics.content_reload("rejected")
                self._set_errors(errors)
            if self._retry:
                self._retry = False
                self._recheck.start()
        else:
            if self._errors:
                log.info("%s is fixed: no errors any more", self._path)
            self._set_errors([])
            if snapshot == self._current:  # the same exhibit (a comment changed): its new name
                self._current = snapshot
                metrics.content_shown(snapshot)
            else:
                self._pending = snapshot
                self.apply_if_safe()
                if self._pending is not None:
                    log.info(
                        "a new version of %s is good; it is shown when the kiosk stands on its "
                        "attract screen: %s",
                        self._path,
                        _idle_wait(snapshot),
                    )
        self.checked.emit()

    def report(self, issues) -> None:
        """Errors found elsewhere (at start-up) in the file on disk: shown until it is fixed."""
        errors = [str(i) for i in issues if i.severity == "error"]
        if errors:
            self._set_errors(errors)
            metrics.content_reload("rejected")

    def apply_if_safe(self) -> None:
        """Show a checked new version if one waits and nobody is using the kiosk."""
        if self._pending is None or not (self._preview or self._safe()):
            return
        snapshot, self._pending = self._pending, None
        self._current = snapshot
        self._apply(snapshot)
        self._watch(snapshot)
        log.info("new version shown: %s", snapshot.source)
        metrics.content_reload("applied")
        metrics.content_shown(snapshot)
        self.applied.emit()

    def apply_now(self) -> None:
        """Show a waiting good version even though the kiosk is in use (the staff asked)."""
        if self._pending is not None:
            self._safe, safe = (lambda: True), self._safe
            try:
                self.apply_if_safe()
            finally:
                self._safe = safe

    @property
    def last_errors(self) -> list[str]:
        """The errors of the file on disk (in kiosk mode too), for the staff's diagnostics."""
        return list(self._errors)

    def _set_errors(self, errors: list[str]) -> None:
        if errors != self._errors:
            self._errors = errors
            self.errorsChanged.emit()

    @property
    def waiting(self) -> bool:
        """A good new version waits for the kiosk to be idle."""
        return self._pending is not None

    @Property("QStringList", notify=errorsChanged)
    def errors(self) -> list[str]:
        """The located errors of the file on disk (empty when it is good), for the staff banner."""
        return self._errors if self._preview else []

    @Property(bool, constant=True)
    def preview(self) -> bool:
        return self._preview
