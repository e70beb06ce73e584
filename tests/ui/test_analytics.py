"""Visitor statistics from the real window: a visitor touches, reads, changes language, uses
the map, leaves; then the file (kiosk/analytics, <data folder>/analytics.sqlite3) says
exactly that."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from kiosk import scene


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    return folder


def written(visitor) -> Path:
    """Everything the kiosk noted so far is in the file: its path."""
    store = visitor.kiosk.analytics.store
    assert store is not None, "the statistics file was never opened"
    assert store.ready.wait(5) and store.flush(), "the statistics writer did not answer"
    assert not store.failed
    return store.path


def query(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def events(path: Path) -> list[tuple]:
    return query(path, "SELECT session_id, type, value FROM events ORDER BY id")


def test_a_visit_on_the_map_is_recorded_as_it_happened(open_kiosk, shipped_variant, data_dir):
    content = shipped_variant(("timeout_s: 90", "timeout_s: 3"), ("warning_s: 15", "warning_s: 1"))
    visitor = open_kiosk(content)
    visitor.target("attractScreen")
    before_first = time.monotonic()
    visitor.enter("background")
    after_first = time.monotonic()
    visitor.tap("lang_ru")
    visitor.qtbot.waitUntil(lambda: visitor.window.property("language") == "ru")
    visitor.tap("nav_map")
    visitor.go("map")
    visitor.tap("layer_1858")
    visitor.qtbot.waitUntil(lambda: visitor.find("layer_1858").property("checked"))
    popup = visitor.find("hotspotPopup")
    visitor.tap("hotspotLabel_aigun")
    visitor.qtbot.waitUntil(popup.isVisible)
    after_aigun = time.monotonic()
    # a pan of the map: touches (the session's last), not an interaction
    page = visitor.find("page_map")
    view = visitor.center(next(i for i in scene.items(page) if i.objectName() == "mapView"))
    before_last = time.monotonic()
    visitor.drag(view, view + QPoint(200, 120), steps=40)
    after_last = time.monotonic()
    # nobody touches it again: the warning, the countdown, the reset
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=10_000)
    reset_at = time.monotonic()

    path = written(visitor)
    assert path == data_dir / "analytics.sqlite3"
    (session,) = query(
        path, "SELECT id, started_utc, duration_s, interactions, ended FROM sessions"
    )
    sid, started_utc, duration, interactions, ended = session
    assert ended == "reset"
    assert interactions == 5  # the first page, Russian, the map, 1858, Aigun
    # first touch to last touch: not the 3 s timeout nor the 1 s warning after it
    assert after_last - after_first - 0.2 <= duration <= after_last - before_first + 0.15
    assert after_last - before_last > 0.4  # (so a last touch taken at Aigun would fail)
    assert duration < reset_at - before_first - 3
    assert started_utc[-1] == "Z" and int(started_utc[14:16]) % 15 == 0
    assert events(path) == [
        (sid, "language", "en"),
        (sid, "page", "background"),
        (sid, "language", "ru"),
        (sid, "page", "map"),
        (sid, "layer", "1858"),
        (sid, "place", "aigun"),
        (sid, "reset", None),
    ]
    t = [row[0] for row in query(path, "SELECT t_s FROM events ORDER BY id")]
    assert t[0] == 0 and t == sorted(t)
    assert t[-2] <= duration - (before_last - after_aigun) + 0.15  # Aigun: not the last touch
    assert t[-1] >= duration + 3  # the reset came after the timeout and the warning
    meta = dict(query(path, "SELECT key, value FROM meta"))
    assert set(meta) == {"kiosk_name", "database_id", "created_utc"}


def test_controls_count_once_per_touch_and_start_again_ends_it(
    open_kiosk, shipped_variant, data_dir
):
    content = shipped_variant(("timeout_s: 90", "timeout_s: 2"), ("warning_s: 15", "warning_s: 30"))
    visitor = open_kiosk(content)
    visitor.enter("background")
    visitor.tap("next_background")  # Next: the control and the page it opens, one interaction
    visitor.go("negotiations")
    warning = visitor.find("idleWarning")
    visitor.qtbot.waitUntil(warning.isVisible, timeout=5000)
    visitor.tap(visitor.target("idleContinue"))
    visitor.qtbot.waitUntil(lambda: not warning.isVisible())
    visitor.qtbot.waitUntil(warning.isVisible, timeout=5000)
    visitor.tap(visitor.target("idleRestart"))
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract")

    path = written(visitor)
    ((sid, interactions, ended),) = query(path, "SELECT id, interactions, ended FROM sessions")
    assert events(path) == [
        (sid, "language", "en"),
        (sid, "page", "background"),
        (sid, "control", "next"),
        (sid, "page", "negotiations"),
        (sid, "control", "idle_continue"),
        (sid, "control", "idle_restart"),
        (sid, "reset", None),
    ]
    assert (interactions, ended) == (4, "reset")


def test_no_touch_no_session_and_closing_ends_the_open_one(open_kiosk, shipped_content, data_dir):
    visitor = open_kiosk(shipped_content)
    for _ in range(3):
        visitor.next_frame()  # the attract screen plays; nobody comes
    path = written(visitor)
    assert query(path, "SELECT COUNT(*) FROM sessions") == [(0,)]
    assert query(path, "PRAGMA journal_mode") == [("wal",)]

    visitor.enter("background")  # one touch, then the kiosk stops: a bounce, 'shutdown'
    visitor.kiosk.close()
    assert query(path, "SELECT interactions, ended FROM sessions") == [(1, "shutdown")]
    assert [e[1:] for e in events(path)] == [("language", "en"), ("page", "background")]


@pytest.mark.parametrize("how", ["settings", "kiosk proof"])
def test_statistics_off_writes_nothing(open_kiosk, shipped_variant, data_dir, how):
    if how == "settings":
        content = shipped_variant(
            ("analytics: {enabled: true, keep_months: 25}", "analytics: {enabled: false}")
        )
        visitor = open_kiosk(content)
    else:  # kiosk proof's kiosk (create_app(..., statistics=False)) visits every screen
        visitor = open_kiosk(shipped_variant(), statistics=False)
    visitor.enter("background")
    visitor.tap("nav_map")
    visitor.go("map")
    assert visitor.kiosk.analytics.store is None
    visitor.kiosk.close()
    assert not (data_dir / "analytics.sqlite3").exists()


def test_taps_at_0_1_and_2_s_then_the_timeout_make_a_session_of_2_s(
    open_kiosk, shipped_variant, data_dir
):
    """The issue's scripted visit: the idle timeout that follows is not session time."""
    content = shipped_variant(("timeout_s: 90", "timeout_s: 3"), ("warning_s: 15", "warning_s: 1"))
    visitor = open_kiosk(content)
    visitor.target("attractScreen")
    t0 = time.monotonic()
    visitor.tap(visitor.find("attractScreen"))  # 0 s: the visit begins
    visitor.go("background")
    visitor.qtbot.waitUntil(lambda: time.monotonic() - t0 >= 1.0, timeout=5000)
    visitor.tap("lang_ru")  # 1 s
    visitor.qtbot.waitUntil(lambda: time.monotonic() - t0 >= 2.0, timeout=5000)
    visitor.tap("lang_zh-Hans")  # 2 s, the last touch
    t_last = time.monotonic() - t0
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=10_000)
    assert time.monotonic() - t0 > 2 + 3  # the timeout (and its warning) did pass

    path = written(visitor)
    ((duration, interactions, ended),) = query(
        path, "SELECT duration_s, interactions, ended FROM sessions"
    )
    assert ended == "reset" and interactions == 3
    assert abs(duration - 2.0) <= 0.3 and abs(duration - t_last) <= 0.3, duration


def test_one_tap_is_a_bounce_and_no_touch_no_session(open_kiosk, shipped_variant, data_dir):
    content = shipped_variant(("timeout_s: 90", "timeout_s: 3"), ("warning_s: 15", "warning_s: 1"))
    visitor = open_kiosk(content)
    visitor.target("attractScreen")
    visitor.tap(visitor.find("attractScreen"))
    visitor.go("background")
    visitor.qtbot.waitUntil(lambda: visitor.page == "attract", timeout=10_000)
    path = written(visitor)
    assert query(path, "SELECT interactions, ended FROM sessions") == [(1, "reset")]  # a bounce
    # and the attract screen, untouched, makes none
    visitor.qtbot.wait(500)
    assert query(path, "SELECT count(*) FROM sessions") == [(1,)]
