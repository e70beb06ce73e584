"""The content cache: fast boots, and the last good content when an edit is broken."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import ContentError, SnapshotCache, open_content


@pytest.fixture
def cache(tmp_path):
    return SnapshotCache(tmp_path / "cache")


def test_first_open_validates_and_caches_then_reuses(write_content, minimal, cache):
    path = write_content(minimal)
    snap, issues = open_content(path, cache)
    assert issues == []
    assert snap.data["pages"][0]["title"] == "Page one"
    assert snap.images["pic.png"]["width"] == 64
    assert list(cache.folder.glob("content-*.json"))
    again, _ = open_content(path, cache)
    assert again == snap


def test_a_warm_start_does_not_import_the_validator(write_content, minimal, cache):
    path = write_content(minimal)
    open_content(path, cache)
    code = (
        "import sys; from kiosk.content.snapshot import open_content, SnapshotCache;"
        f"s, _ = open_content({str(path)!r}, SnapshotCache({str(cache.folder)!r}));"
        "print(s.data['attract']['title'], 'pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "Test exhibit False"


def test_an_edit_is_seen(write_content, minimal, cache):
    path = write_content(minimal)
    open_content(path, cache)
    write_content(minimal.replace("Page one", "Page 1"))
    snap, _ = open_content(path, cache)
    assert snap.data["pages"][0]["title"] == "Page 1"


def test_a_changed_picture_is_checked_again_and_the_last_good_one_stays(
    write_content, minimal, cache
):
    path = write_content(minimal)
    good, _ = open_content(path, cache)
    pic = path.parent / "pic.png"
    pixels = pic.read_bytes()
    pic.write_bytes(pixels[:60])  # damaged while the text stayed the same
    snap, issues = open_content(path, cache)
    assert [i.message for i in issues] == [
        "the picture 'pic.png' is a PNG file that was cut short (copy it again)"
    ]
    assert snap == good
    shown = Path(snap.images["pic.png"]["path"])
    assert shown.parent.parent == cache.folder and shown.read_bytes() == pixels  # the cache's copy


def test_pictures_are_shown_from_the_caches_copies(write_content, minimal, cache):
    path = write_content(minimal)
    snap, _ = open_content(path, cache)
    info = snap.images["pic.png"]
    pixels = (path.parent / "pic.png").read_bytes()
    assert info["original"] == str((path.parent / "pic.png").resolve())
    assert Path(info["path"]).name == hashlib.sha256(pixels).hexdigest() + ".png"
    assert Path(info["path"]).read_bytes() == pixels
    assert open_content(path, cache)[0] == snap  # the warm start shows the same copies


def test_copies_no_version_uses_are_deleted(write_content, minimal, cache, tmp_path):
    path = write_content(minimal)
    first = Path(open_content(path, cache)[0].images["pic.png"]["path"])
    other = tmp_path / "other.png"
    other.write_bytes(
        (tmp_path / "pic.png").read_bytes() + b"\0"
    )  # another picture (a trailing byte)
    write_content(minimal.replace("file: pic.png", "file: other.png"))
    second = Path(open_content(path, cache)[0].images["other.png"]["path"])
    assert second.exists() and second != first
    assert not first.exists()
    assert sorted(p.name for p in second.parent.iterdir()) == [second.name]


def test_a_copy_is_made_once(write_content, minimal, cache):
    path = write_content(minimal)
    copy = Path(open_content(path, cache)[0].images["pic.png"]["path"])
    made = copy.stat().st_mtime_ns
    write_content(minimal.replace("Page one", "Page 1"))  # a new version, the same picture
    assert Path(open_content(path, cache)[0].images["pic.png"]["path"]) == copy
    assert copy.stat().st_mtime_ns == made


def test_a_missing_copy_is_made_again(write_content, minimal, cache):
    path = write_content(minimal)
    copy = Path(open_content(path, cache)[0].images["pic.png"]["path"])
    copy.unlink()
    snap, issues = open_content(path, cache)
    assert issues == [] and Path(snap.images["pic.png"]["path"]) == copy and copy.exists()


def test_a_cache_that_cannot_keep_pictures_shows_them_where_they_are(write_content, minimal, cache):
    path = write_content(minimal)
    cache.folder.mkdir()
    cache.pictures_folder(path.resolve()).write_text(
        ""
    )  # a file where the copies' folder should be
    snap, issues = open_content(path, cache)
    assert issues == []
    assert snap.images["pic.png"]["path"] == str((path.parent / "pic.png").resolve())


def test_a_broken_edit_keeps_the_last_good_content(write_content, minimal, cache):
    path = write_content(minimal)
    good, _ = open_content(path, cache)
    write_content(minimal.replace("label: Two", "label: yes"))
    snap, issues = open_content(path, cache)
    assert snap == good
    assert [str(i).split(": ", 1)[0] for i in issues] == [f"{path}:10:12"]
    write_content(minimal.replace("Page two", "Page 2"))  # fixed: the new version is shown
    assert open_content(path, cache)[0].data["pages"][1]["title"] == "Page 2"


def test_a_broken_file_with_no_good_version_raises(write_content, minimal, cache):
    with pytest.raises(ContentError):
        open_content(write_content(minimal.replace("label: Two", "label: yes")), cache)


def test_a_damaged_cache_only_costs_time(write_content, minimal, cache):
    path = write_content(minimal)
    open_content(path, cache)
    for f in cache.folder.glob("content-*.json"):
        f.write_text('{"fingerprint": "x", "snap')
    snap, issues = open_content(path, cache)
    assert snap.data["attract"]["title"] == "Test exhibit" and issues == []


def test_an_unwritable_cache_is_not_fatal(write_content, minimal, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    snap, _ = open_content(write_content(minimal), SnapshotCache(blocker / "cache"))
    assert snap.data["attract"]["title"] == "Test exhibit"
    assert snap.images["pic.png"]["path"] == str((tmp_path / "pic.png").resolve())


def test_without_a_cache(write_content, minimal):
    snap, _ = open_content(write_content(minimal), None)
    assert snap.source == os.fspath(write_content(minimal).resolve())
