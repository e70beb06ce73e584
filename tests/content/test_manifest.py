"""All-or-nothing roll-out (kiosk/content/manifest.py): with a content.manifest a version is
taken only when every file matches it; a half-copied folder is never shown, the last good
version stays; without a manifest nothing changes; a broken manifest is one clear line."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import struct
import subprocess
import zlib

import pytest

from kiosk.backend.reload import Reload
from kiosk.cli import main
from kiosk.content import ContentError, manifest, open_content
from kiosk.content.snapshot import SnapshotCache


def png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    """A small valid PNG of one colour (stdlib only)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\0" + bytes(rgb) * size for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_of(files: dict[str, bytes]) -> str:
    return "".join(f"{sha(data)}  {name}\n" for name, data in files.items())


@pytest.fixture
def folder(tmp_path, minimal):
    """An exhibit folder with version A on disk (content.yaml + pic.png) and its manifest."""
    exhibit = tmp_path / "exhibit"
    exhibit.mkdir()
    a = {"content.yaml": minimal.encode(), "pic.png": png((200, 30, 30))}
    for name, data in a.items():
        (exhibit / name).write_bytes(data)
    (exhibit / "content.manifest").write_text(manifest_of(a), encoding="utf-8")
    manifest._waiting.clear()
    yield exhibit
    manifest._waiting.clear()


def version_b(minimal: str) -> dict[str, bytes]:
    return {
        "content.yaml": minimal.replace("title: Page one", "title: Version B").encode(),
        "pic.png": png((30, 30, 200)),
    }


def title(snapshot) -> str:
    return snapshot.data["pages"][0]["title"]


def test_no_manifest_changes_nothing(write_content, minimal, tmp_path):
    path = write_content(minimal)
    snapshot, issues = open_content(path, SnapshotCache(tmp_path / "cache"))
    assert title(snapshot) == "Page one" and issues == []
    path.write_text(minimal.replace("title: Page one", "title: Edited"), encoding="utf-8")
    snapshot, _ = open_content(path, SnapshotCache(tmp_path / "cache"))
    assert title(snapshot) == "Edited"  # edited in place, shown as before
    assert manifest.waiting(path.resolve()) is None


def test_a_half_copied_folder_is_not_taken_and_the_last_good_stays(folder, minimal, caplog):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    a, _ = open_content(content, cache)
    assert title(a) == "Page one"
    b = version_b(minimal)
    # the copy: the new manifest and content.yaml have arrived, the picture is still the old one
    (folder / "content.manifest").write_text(manifest_of(b), encoding="utf-8")
    (folder / "content.yaml").write_bytes(b["content.yaml"])
    with caplog.at_level(logging.INFO, logger="kiosk.content.manifest"):
        for _ in range(3):
            shown, issues = open_content(content, cache)
            assert title(shown) == "Page one" and issues == []  # no error: a copy under way
    said = [r.getMessage() for r in caplog.records if r.name == "kiosk.content.manifest"]
    assert len(said) == 1 and "not fully copied yet (pic.png differs" in said[0]
    assert manifest.waiting(content.resolve())
    # the picture arrives: version B, whole
    (folder / "pic.png").write_bytes(b["pic.png"])
    shown, issues = open_content(content, cache)
    assert title(shown) == "Version B" and issues == []
    assert shown.images["pic.png"]["sha256"] == sha(b["pic.png"])
    assert manifest.waiting(content.resolve()) is None


def test_files_in_any_order_the_manifest_first(folder, minimal):
    """Syncthing: the manifest may come first; nothing is taken until the last file."""
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    open_content(content, cache)
    b = version_b(minimal)
    (folder / "content.manifest").write_text(manifest_of(b), encoding="utf-8")
    (folder / "pic.png").write_bytes(b["pic.png"])  # the picture before content.yaml
    shown, _ = open_content(content, cache)
    assert title(shown) == "Page one"
    assert "content.yaml differs" in (manifest.waiting(content.resolve()) or "")
    (folder / "content.yaml").write_bytes(b["content.yaml"])
    assert title(open_content(content, cache)[0]) == "Version B"


def test_a_missing_file_waits(folder, minimal):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    open_content(content, cache)
    b = version_b(minimal)
    b["content.yaml"] = b["content.yaml"].replace(b"file: pic.png", b"file: new.png")
    b["new.png"] = b.pop("pic.png")
    (folder / "content.manifest").write_text(manifest_of(b), encoding="utf-8")
    (folder / "content.yaml").write_bytes(b["content.yaml"])
    assert title(open_content(content, cache)[0]) == "Page one"
    assert "new.png is missing" in (manifest.waiting(content.resolve()) or "")
    (folder / "new.png").write_bytes(b["new.png"])
    assert title(open_content(content, cache)[0]) == "Version B"


def test_a_broken_manifest_is_one_clear_line_and_the_last_good_stays(folder, minimal, caplog):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    open_content(content, cache)
    b = version_b(minimal)
    for name, data in b.items():
        (folder / name).write_bytes(data)
    text = manifest_of(b)
    (folder / "content.manifest").write_text(text[: len(text) - 20], encoding="utf-8")  # cut
    with caplog.at_level(logging.INFO, logger="kiosk.content.manifest"):
        for _ in range(2):
            shown, issues = open_content(content, cache)
            assert title(shown) == "Page one" and issues == []
    said = [r for r in caplog.records if r.name == "kiosk.content.manifest"]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    line = said[0].getMessage()
    assert "\n" not in line and "content.manifest: line 2 does not end" in line
    assert "kiosk manifest" in line
    (folder / "content.manifest").write_text(text, encoding="utf-8")
    assert title(open_content(content, cache)[0]) == "Version B"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not a manifest\n", "line 1 is not '<sha256>  <file>'"),
        ("", "lists no file"),
        (f"{'0' * 64}  /etc/passwd\n", "relative to its folder"),
        (f"{'0' * 64}  a\n{'1' * 64}  a\n", "names a a second time"),
    ],
)
def test_what_a_broken_manifest_says(text, words):
    with pytest.raises(manifest.ManifestError, match=words):
        manifest.parse(text)


def test_a_manifest_that_does_not_list_a_used_picture_is_refused(folder, minimal):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    open_content(content, cache)
    b = version_b(minimal)
    for name, data in b.items():
        (folder / name).write_bytes(data)
    (folder / "content.manifest").write_text(
        manifest_of({"content.yaml": b["content.yaml"]}), encoding="utf-8"
    )
    assert title(open_content(content, cache)[0]) == "Page one"
    assert "does not list pic.png" in (manifest.waiting(content.resolve()) or "")


def test_without_a_good_version_a_half_copy_cannot_start(folder, minimal):
    b = version_b(minimal)
    (folder / "content.manifest").write_text(manifest_of(b), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        open_content(folder / "content.yaml", None)
    assert "not fully copied yet" in str(e.value.issues[0])


def test_a_warm_boot_hashes_nothing(folder, monkeypatch):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    open_content(content, cache)

    def no(_path):
        raise AssertionError("hashed on a warm boot")

    monkeypatch.setattr(manifest, "file_sha256", no)
    assert title(open_content(content, cache)[0]) == "Page one"


def test_an_unchanged_file_is_hashed_once(folder, monkeypatch):
    reads: list[str] = []
    real_read = os.read

    def counting_read(fd, n):
        reads.append(fd)
        return real_read(fd, n)

    pic = folder / "pic.png"
    assert manifest.file_sha256(pic) == sha(pic.read_bytes())
    monkeypatch.setattr(os, "read", counting_read)
    assert manifest.file_sha256(pic) == sha(pic.read_bytes())
    assert reads == []


# -- the live reload: a completed copy is shown at the attract screen ------------------------


def test_reload_waits_for_the_copy_then_for_the_attract_screen(qapp, folder, minimal):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    current, _ = open_content(content, cache)
    applied: list = []
    safe = [False]
    reload = Reload()
    reload.start(content, current, cache, apply=applied.append, safe=lambda: safe[0], preview=False)
    try:
        b = version_b(minimal)
        (folder / "content.manifest").write_text(manifest_of(b), encoding="utf-8")
        (folder / "content.yaml").write_bytes(b["content.yaml"])
        reload.check_now()
        assert applied == [] and not reload.waiting and reload.last_errors == []
        assert reload._poll.isActive()  # it looks again by itself
        safe[0] = True  # on the attract screen: still nothing, the copy is not complete
        reload.apply_if_safe()
        assert applied == []
        safe[0] = False
        (folder / "pic.png").write_bytes(b["pic.png"])
        reload.check_now()
        assert applied == [] and reload.waiting  # whole and good: waits for the attract screen
        assert not reload._poll.isActive()
        safe[0] = True
        reload.apply_if_safe()
        assert [title(s) for s in applied] == ["Version B"]
    finally:
        reload.stop()


def test_the_manifest_and_its_files_are_watched(qapp, folder):
    cache = SnapshotCache(folder.parent / "cache")
    content = folder / "content.yaml"
    current, _ = open_content(content, cache)
    reload = Reload()
    reload.start(content, current, cache, apply=lambda s: None, safe=lambda: True, preview=False)
    try:
        watched = set(reload._watcher.files())
        assert str(folder.resolve() / "content.manifest") in watched
        assert str(folder.resolve() / "pic.png") in watched
    finally:
        reload.stop()


# -- kiosk manifest --------------------------------------------------------------------------


def test_kiosk_manifest_writes_every_used_file_in_sha256sum_format(tmp_path, minimal, capsys):
    exhibit = tmp_path / "exhibit"
    (exhibit / "assets").mkdir(parents=True)
    (exhibit / "assets" / "pic.png").write_bytes(png((1, 2, 3)))
    text = minimal.replace("file: pic.png", "file: assets/pic.png")
    (exhibit / "content.yaml").write_text(text, encoding="utf-8")
    assert main(["manifest", "--content", str(exhibit / "content.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"content {sha(text.encode())[:12]}" in out and "2 files" in out
    written = (exhibit / "content.manifest").read_text(encoding="utf-8")
    assert written == manifest_of({"content.yaml": text.encode(), "assets/pic.png": png((1, 2, 3))})
    assert not [p for p in exhibit.iterdir() if p.name.endswith(".tmp")]
    if shutil.which("sha256sum"):  # the technician's own check
        subprocess.run(["sha256sum", "--quiet", "-c", "content.manifest"], cwd=exhibit, check=True)
    manifest._waiting.clear()
    assert manifest.check(exhibit / "content.yaml") is None


def test_kiosk_manifest_refuses_a_broken_version(write_content, minimal, capsys):
    path = write_content(minimal.replace("title: Page one", "titel: Page one"))
    assert main(["manifest", "--content", str(path)]) == 1
    assert "no manifest written" in capsys.readouterr().out
    assert not path.with_suffix(".manifest").exists()


def test_the_shipped_exhibit_gets_a_manifest(shipped_variant, capsys):
    path = shipped_variant()
    assert main(["manifest", "--content", str(path)]) == 0
    names = manifest.parse(path.with_suffix(".manifest").read_text(encoding="utf-8"))
    assert next(iter(names)) == "content.yaml"
    assert any(n.startswith("assets/map/") for n in names)
    manifest._waiting.clear()
    assert manifest.check(path) is None
