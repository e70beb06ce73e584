"""A curator's broken edit never reaches visitors: the kiosk starts with the last good content."""

from __future__ import annotations

import logging


def test_broken_content_at_start_shows_the_last_good_version(
    open_kiosk, write_content, minimal, caplog
):
    path = write_content(minimal)
    first = open_kiosk(path)
    assert first.find("attractTitle").property("text") == "Test exhibit"
    first.kiosk.close()

    write_content(
        minimal.replace("title: Test exhibit", "title: New exhibit").replace(
            "label: Two", "label: no"
        )
    )
    with caplog.at_level(logging.ERROR):
        visitor = open_kiosk(path)
    assert visitor.find("attractTitle").property("text") == "Test exhibit"
    messages = [r.getMessage() for r in caplog.records]
    assert (
        f"{path}:10:12: the 2nd page (two), label: expected text, but YAML reads yes/no/on/off/true/false as a "
        "yes-or-no value; put the text in quotes" in messages
    )
    assert any("showing its last good version" in m for m in messages)


def test_the_last_good_version_is_not_in_the_cache_that_is_safe_to_delete(
    open_kiosk, write_content, minimal
):
    import shutil

    from kiosk.paths import cache_dir, last_good_dir

    path = write_content(minimal.replace("title: Test exhibit", "title: Kept exhibit"))
    first = open_kiosk(path)
    first.kiosk.close()
    assert any(last_good_dir().iterdir())
    shutil.rmtree(cache_dir(), ignore_errors=True)  # the guide says: safe to delete
    write_content(minimal.replace("label: Two", "label: no"))  # and then a broken edit
    visitor = open_kiosk(path)
    assert visitor.find("attractTitle").property("text") == "Kept exhibit"


def test_a_last_good_version_kept_by_an_earlier_kiosk_in_the_cache_moves_once(
    tmp_path, monkeypatch
):
    from kiosk.paths import cache_dir, last_good_dir

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    (cache_dir() / "speech").mkdir(parents=True)
    (cache_dir() / "content-abc.json").write_text("{}", encoding="utf-8")
    folder = last_good_dir()
    assert sorted(p.name for p in folder.iterdir()) == ["content-abc.json"]
    assert sorted(p.name for p in cache_dir().iterdir()) == ["speech"]  # made again if deleted
