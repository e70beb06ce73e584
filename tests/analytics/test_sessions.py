"""The session logic (kiosk/analytics/sessions.py) with fake clocks, and retention and
recovery on a real file (kiosk/analytics/store.py), without Qt."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3

import pytest

from kiosk.analytics import store as store_mod
from kiosk.analytics.sessions import SessionEnd, SessionLog, quarter_hour
from kiosk.analytics.store import Store

IDS = {
    "page": ["background", "terms", "map", "credits"],
    "language": ["en", "ru", "zh-Hans"],
    "layer": ["1689", "1858", "1860"],
    "place": ["aigun", "nerchinsk"],
}


class Clock:
    """A hand-moved clock: ``mono`` (monotonic) and ``wall`` (the epoch) move together
    unless someone sets the wall clock."""

    def __init__(self, wall: float = calendar.timegm((2025, 5, 14, 10, 37, 12))):
        self.mono = 1000.0
        self.wall_t = wall

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> float:
        return self.wall_t

    def advance(self, s: float) -> None:
        self.mono += s
        self.wall_t += s


class Recorder:
    """A sink that keeps the calls."""

    def __init__(self) -> None:
        self.sessions: dict[int, dict] = {}
        self.events: list[tuple] = []

    def open_session(self, key: int, started_utc: str) -> None:
        self.sessions[key] = {"started_utc": started_utc, "interactions": 0, "ended": None}

    def event(self, key: int, t_s: float, type: str, value: str | None) -> None:
        self.events.append((key, t_s, type, value))

    def interactions(self, key: int, n: int) -> None:
        self.sessions[key]["interactions"] = n

    def close_session(self, key: int, duration_s: float, interactions: int, ended: str) -> None:
        self.sessions[key].update(duration_s=duration_s, interactions=interactions, ended=ended)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sink() -> Recorder:
    return Recorder()


@pytest.fixture
def log(sink, clock) -> SessionLog:
    return SessionLog(sink, IDS, monotonic=clock.monotonic, wall=clock.wall)


def visit(log: SessionLog, clock: Clock, taps=(0.0, 1.0, 2.0), wait=90.0) -> SessionEnd | None:
    """A visitor touches the attract screen, then taps Next at the other times; nobody
    touches for ``wait`` s; the idle reset."""
    first = clock.mono
    log.begin("en", first)
    log.record("page", "background")
    for t in taps[1:]:
        clock.mono = first + t
        clock.wall_t += t
        log.touch()
        log.record("control", "next")
        log.record("page", "terms", follows=True)
    last = clock.mono
    clock.advance(wait)
    return log.end("reset", last_touch=last)


def test_a_touch_starts_a_session_and_the_idle_timeout_is_not_session_time(log, sink, clock):
    ended = visit(log, clock, taps=(0.0, 1.0, 2.0), wait=90 + 15)
    assert ended is not None
    (s,) = sink.sessions.values()
    assert s["ended"] == "reset"
    assert s["duration_s"] == pytest.approx(2.0)  # the last touch, not the reset at 107 s
    assert s["interactions"] == 3  # the first page, then Next twice (each with its page)
    assert ended.duration_s == pytest.approx(2.0) and not ended.bounce
    assert sink.events[0] == (1, 0.0, "language", "en")
    assert sink.events[-1] == (1, pytest.approx(107.0), "reset", None)


def test_an_attract_screen_nobody_touches_makes_no_session(log, sink, clock):
    clock.advance(3600)
    log.touch()  # input noted on the attract screen (the session opens with the visit)
    assert log.record("page", "background") is False
    assert log.end("reset") is None and log.end("closed") is None
    assert sink.sessions == {} and sink.events == []


def test_one_interaction_is_a_bounce(log, sink, clock):
    ends: list[SessionEnd] = []
    log.on_session_end(ends.append)
    log.begin("en", clock.mono)
    log.record("page", "background")  # the touch that opened the story
    clock.advance(0.4)
    log.touch()  # a tap on nothing: a touch, not an interaction
    clock.advance(60)
    log.end("reset")
    (s,) = sink.sessions.values()
    assert s["interactions"] == 1
    assert ends and ends[0].bounce and ends[0].duration_s == pytest.approx(0.4)
    # a second session with two interactions is not
    log.begin("en", clock.mono)
    log.record("page", "background")
    log.record("language", "ru")
    log.end("reset")
    assert not ends[1].bounce and ends[1].interactions == 2


def test_what_one_touch_sets_off_counts_once(log, sink, clock):
    log.begin("en", clock.mono)
    log.record("control", "see_on_map")
    log.record("page", "map", follows=True)
    log.end("shutdown")
    assert sink.sessions[1]["interactions"] == 1
    assert [e[2:] for e in sink.events] == [
        ("language", "en"),
        ("control", "see_on_map"),
        ("page", "map"),
    ]
    assert sink.sessions[1]["ended"] == "shutdown"


def test_moving_the_wall_clock_changes_no_duration(log, sink, clock):
    first = clock.mono
    log.begin("en", first)
    log.record("page", "background")
    clock.mono += 30
    clock.wall_t -= 3 * 3600  # the clock is set back three hours mid-visit
    log.record("layer", "1858")
    clock.mono += 12.5
    clock.wall_t += 86400  # and forward a day
    log.record("place", "aigun")
    log.end("closed")
    s = sink.sessions[1]
    assert s["duration_s"] == pytest.approx(42.5) and s["ended"] == "closed"
    assert [e[1] for e in sink.events] == [0.0, 0.0, 30.0, 42.5]


def test_the_start_is_in_utc_rounded_down_to_15_minutes(log, sink, clock):
    assert quarter_hour(calendar.timegm((2025, 5, 14, 10, 44, 59))) == "2025-05-14T10:30Z"
    assert quarter_hour(calendar.timegm((2025, 5, 14, 10, 45, 0))) == "2025-05-14T10:45Z"
    assert quarter_hour(calendar.timegm((2025, 12, 31, 23, 59, 59))) == "2025-12-31T23:45Z"
    # the first touch was 3 s before the visit began (the press; the visit starts on release)
    clock.wall_t = calendar.timegm((2025, 5, 14, 10, 45, 1))
    log.begin("en", clock.mono - 3)
    assert sink.sessions[1]["started_utc"] == "2025-05-14T10:30Z"


def test_unknown_ids_are_dropped(log, sink, clock):
    log.begin("en", clock.mono)
    for type_, value in [
        ("page", "attract"),
        ("page", "no-such-page"),
        ("language", "de"),
        ("layer", "1900"),
        ("place", "Moscow"),
        ("control", "self-destruct"),
        ("reset", None),  # only the logic ends a session
        ("visitor", "alice"),
        ("page", "Hello, I am free text"),
    ]:
        assert log.record(type_, value) is False
    assert log.record("place", "aigun") is True
    log.end("shutdown")
    assert [e[2:] for e in sink.events] == [("language", "en"), ("place", "aigun")]
    assert log.dropped == 9 and sink.sessions[1]["interactions"] == 1
    # new content: its ids
    log.set_ids({**IDS, "place": ["albazin"]})
    log.begin("en", clock.mono)
    assert log.record("place", "aigun") is False and log.record("place", "albazin") is True


def test_a_touch_long_before_the_visit_is_not_its_first(log, sink, clock):
    log.begin("en", clock.mono - 600)  # the last input was ten minutes ago
    clock.advance(2)
    log.touch()
    log.end("shutdown")
    assert sink.sessions[1]["duration_s"] == pytest.approx(2.0)


def test_a_broken_listener_breaks_nothing(log, sink, clock):
    log.on_session_end(lambda ended: 1 / 0)
    seen: list[SessionEnd] = []
    log.on_session_end(seen.append)
    log.begin("en", clock.mono)
    log.end("reset")
    assert len(seen) == 1 and sink.sessions[1]["ended"] == "reset"


# -- the file: recovery and retention ------------------------------------------------------


def rows(path, sql):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_after_a_crash_the_open_session_is_closed_at_its_last_event(tmp_path, clock):
    path = tmp_path / "analytics.sqlite3"
    store = Store(path, kiosk_name="hall-2")
    log = SessionLog(store, IDS, monotonic=clock.monotonic, wall=clock.wall)
    store.start()
    log.begin("en", clock.mono)
    log.record("page", "background")
    clock.advance(7.25)
    log.record("layer", "1860")
    clock.advance(20)
    log.touch()  # touches after the last event are not known after a crash
    assert store.flush()
    store._queue.put(None)  # the writer stops without the session's end: a crash
    store._thread.join(5)  # type: ignore[union-attr]
    assert rows(path, "SELECT duration_s, ended FROM sessions") == [(None, None)]
    again = Store(path, kiosk_name="hall-2")
    again.start()
    assert again.ready.wait(5) and again.recovered == 1
    again.close()
    assert rows(path, "SELECT duration_s, interactions, ended FROM sessions") == [
        (7.25, 2, "recovered")
    ]


def test_old_sessions_become_daily_totals(tmp_path, clock, monkeypatch):
    path = tmp_path / "analytics.sqlite3"
    day = 86400
    now = calendar.timegm((2025, 5, 14, 12, 0, 0))
    clock.wall_t = now - 800 * day  # visits long ago (26+ months), then recent ones
    store = Store(path, keep_months=25, wall=clock.wall)
    log = SessionLog(store, IDS, monotonic=clock.monotonic, wall=clock.wall)
    store.start()
    # 2023-03-05: two sessions; one a bounce in Russian, one reading two pages in en and zh
    log.begin("ru", clock.mono)
    log.record("page", "background")
    clock.advance(5)
    log.touch()
    clock.advance(90)
    log.end("reset")
    clock.advance(600)
    log.begin("en", clock.mono)
    log.record("page", "background")
    clock.advance(10)
    log.record("language", "zh-Hans")
    clock.advance(10)
    log.record("page", "terms")
    log.end("reset")
    old_day = dt.datetime.fromtimestamp(clock.wall_t, dt.UTC).date().isoformat()
    clock.wall_t = now - 5 * day  # a recent one stays as it is
    log.begin("en", clock.mono)
    log.record("page", "map")
    clock.advance(3)
    log.record("place", "aigun")
    log.end("closed")
    store.close()
    assert rows(path, "SELECT COUNT(*) FROM sessions") == [(3,)]

    clock.wall_t = now  # the next start: retention
    again = Store(path, keep_months=25, wall=clock.wall)
    again.start()
    again.close()
    daily = rows(path, "SELECT * FROM daily")
    assert len(daily) == 1
    d, sessions, bounces, duration, pages, langs = daily[0]
    assert (d, sessions, bounces, duration) == (old_day, 2, 1, 25.0)
    assert json.loads(pages) == {"background": 2, "terms": 1}
    assert json.loads(langs) == {"en": 1, "ru": 1, "zh-Hans": 1}
    assert rows(path, "SELECT ended FROM sessions") == [("closed",)]
    assert rows(path, "SELECT type, value FROM events ORDER BY id") == [
        ("language", "en"),
        ("page", "map"),
        ("place", "aigun"),
    ]
    # a later roll-up of the same day adds to it
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO sessions (started_utc, duration_s, interactions, ended) "
        f"VALUES ('{old_day}T23:45Z', 4, 1, 'reset')"
    )
    db.commit()
    db.close()
    store_mod.retain(store_mod.connect(path), 25, now)
    assert rows(path, "SELECT sessions, bounces, duration_s FROM daily") == [(3, 2, 29.0)]


def test_months_before():
    assert store_mod.months_before(dt.date(2025, 5, 14), 25) == dt.date(2023, 4, 14)
    assert store_mod.months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert store_mod.months_before(dt.date(2025, 1, 15), 1) == dt.date(2024, 12, 15)
