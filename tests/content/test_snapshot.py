"""The content cache: fast boots, and the last good content when an edit is broken."""

from __future__ import annotations

import os
import subprocess
import sys

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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Test exhibit False"


def test_an_edit_is_seen(write_content, minimal, cache):
    path = write_content(minimal)
    open_content(path, cache)
    write_content(minimal.replace("Page one", "Page 1"))
    snap, _ = open_content(path, cache)
    assert snap.data["pages"][0]["title"] == "Page 1"


def test_a_changed_picture_is_checked_again(write_content, minimal, cache):
    path = write_content(minimal)
    open_content(path, cache)
    pic = path.parent / "pic.png"
    pic.write_bytes(pic.read_bytes()[:60])  # damaged while the text stayed the same
    with pytest.raises(ContentError) as e:
        open_content(path, cache)
    assert "cut short" in str(e.value)


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


def test_without_a_cache(write_content, minimal):
    snap, _ = open_content(write_content(minimal), None)
    assert snap.source == os.fspath(write_content(minimal).resolve())
