"""``kiosk report``'s numbers: read kiosks' analytics databases, merge them, count. Stdlib only.

Each file is opened read-only (a ``file:...?mode=ro`` URI), one at a time (SQLite attaches at
most 10 databases to a connection, and a fleet has more kiosks), and reduced at once to one
small record per session (its counts of pages, languages, layers, places and controls).
Merging keys every session by its database's ``meta.database_id`` and its id there, and
every day of totals by that id and the day: the same file named twice, or two copies of one
kiosk's file taken a week apart, count each session once. Sessions the kiosk deleted
(older than ``settings.analytics.keep_months``) count from the ``daily`` table, where it
added them as it deleted them: their number, bounces, time, page views and languages, but
no hours, lengths or map use.

Everything is sorted before it is counted, so the same files give the same numbers in the
same order, whatever order they are named in.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from math import fsum
from pathlib import Path
from typing import TypedDict

DB_NAME = "analytics.sqlite3"  # in the kiosk's data folder
BOUNCE_MAX_INTERACTIONS = 1  # a bounce: a session with at most this many interactions
NOT_STORY = frozenset({"map", "credits"})  # page ids that are not chapters of the story
TABLES = ("meta", "sessions", "events", "daily")


class ReportError(Exception):
    """A file that cannot be read as a kiosk's statistics: one line, naming the file."""


@dataclass(frozen=True)
class Session:
    """One closed session, reduced to what the report counts."""

    started: datetime  # UTC, rounded down to 15 minutes by the kiosk
    duration_s: float  # first touch to last touch
    interactions: int
    ended: str  # 'reset', 'closed', 'shutdown', 'recovered' ('' when not said)
    counts: tuple[tuple[str, str, int], ...]  # (event type, value, times), sorted

    def fullness(self) -> tuple[int, int, float, str, tuple[tuple[str, str, int], ...]]:
        """Of two copies of a session (a file copied twice, a week apart), the fuller wins."""
        events = sum(n for _t, _v, n in self.counts)
        return (events, self.interactions, self.duration_s, self.ended, self.counts)


@dataclass(frozen=True)
class Day:
    """A day's totals from the ``daily`` table (kept after the raw rows are deleted)."""

    sessions: int
    bounces: int
    duration_s: float
    page_views: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]

    def fullness(self) -> tuple[int, int, float, tuple[tuple[str, int], ...], tuple[str, ...]]:
        return (
            self.sessions,
            self.bounces,
            self.duration_s,
            self.page_views,
            tuple(f"{k}={v}" for k, v in self.languages),
        )


@dataclass
class Database:
    """One file, read."""

    path: Path
    database_id: str
    kiosk_name: str
    sessions: dict[int, Session] = field(default_factory=dict)
    open_sessions: set[int] = field(default_factory=set)  # not ended yet: not counted
    daily: dict[str, Day] = field(default_factory=dict)  # by UTC day 'YYYY-MM-DD'


@dataclass
class Fleet:
    """Many databases merged: every session and day once."""

    names: dict[str, str] = field(default_factory=dict)  # database_id -> kiosk name
    sessions: dict[tuple[str, int], Session] = field(default_factory=dict)
    open_sessions: set[tuple[str, int]] = field(default_factory=set)
    daily: dict[tuple[str, str], Day] = field(default_factory=dict)


class Period(TypedDict):
    first: str
    last: str


class KioskSummary(TypedDict):
    sessions: int
    bounce_rate: float | None
    median_session_s: float | None
    period: Period | None


class Summary(TypedDict):
    """``summary.json``: every key, always present (null where there is nothing to say)."""

    sessions: int
    sessions_detailed: int
    sessions_from_daily_totals: int
    sessions_open_not_counted: int
    median_session_s: float | None
    quartiles_session_s: list[float] | None
    mean_session_s: float | None
    total_session_s: float
    bounces: int
    bounce_rate: float | None
    bounce_max_interactions: int
    interactions_per_session: dict[str, int]
    page_views: dict[str, int]
    languages: dict[str, int]
    pages_reached: dict[str, int]
    sessions_with_map: int
    map_layers: dict[str, int]
    places: dict[str, int]
    controls: dict[str, int]
    sessions_ended: dict[str, int]
    sessions_per_hour: dict[str, int]
    sessions_per_day: dict[str, int]
    timezone: str
    period: Period | None
    kiosks: list[str]
    databases: int
    per_kiosk: dict[str, KioskSummary]


# -- reading one file ---------------------------------------------------------------------


def read_database(path: Path) -> Database:
    """One analytics database, read-only; ``ReportError`` names what is wrong with it."""
    shown = str(path)
    if path.is_dir():
        if not (path / DB_NAME).is_file():
            raise ReportError(f"{shown}: a folder, not a database file (and no {DB_NAME} in it)")
        path = path / DB_NAME
        shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportError(f"{shown}: no such file") from None
    except OSError as e:
        raise ReportError(f"{shown}: cannot be read ({_words(e)})") from None
    if not path.is_file():
        raise ReportError(f"{shown}: not a regular file")
    if size == 0:
        raise ReportError(f"{shown}: the file is empty, not a kiosk's statistics database")
    try:
        with path.open("rb") as f:
            header = f.read(16)
    except OSError as e:
        raise ReportError(f"{shown}: cannot be read ({_words(e)})") from None
    if header != b"SQLite format 3\0":
        raise ReportError(
            f"{shown}: not an SQLite database (a kiosk's statistics are its {DB_NAME})"
        )
    # read-only; and with no write-ahead log beside it (a copy, not a running kiosk's file)
    # immutable too: SQLite then makes no -shm/-wal files beside it, which it cannot on a
    # read-only USB stick and should not in a folder of copies
    live = path.with_name(path.name + "-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if live else "?mode=ro&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as e:
        raise ReportError(f"{shown}: cannot be opened ({e})") from None
    try:
        with closing(con):
            return _read(con, path, shown)
    except sqlite3.DatabaseError as e:
        why = str(e)
        if "malformed" in why or "corrupt" in why or "not a database" in why:
            raise ReportError(f"{shown}: the database is damaged (SQLite: {why})") from None
        raise ReportError(f"{shown}: cannot be read (SQLite: {why})") from None


def _words(error: OSError) -> str:
    words = error.strerror or str(error) or type(error).__name__
    return words[:1].lower() + words[1:]


def _read(con: sqlite3.Connection, path: Path, shown: str) -> Database:
    check = [str(r[0]) for r in con.execute("PRAGMA quick_check")]
    if check != ["ok"]:
        raise ReportError(f"{shown}: the database is damaged (SQLite: {check[0]})")
    tables = {str(r[0]) for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise ReportError(
            f"{shown}: not a kiosk's statistics database (no table {', '.join(missing)})"
        )
    meta = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta")}
    database_id = meta.get("database_id", "").strip()
    if not database_id:
        raise ReportError(f"{shown}: the database has no database_id in its meta table")
    name = meta.get("kiosk_name", "").strip() or f"kiosk {database_id[:8]}"
    db = Database(path, database_id, name)

    counts: dict[int, list[tuple[str, str, int]]] = {}
    for sid, kind, value, n in con.execute(
        "SELECT session_id, type, COALESCE(value, ''), COUNT(*) FROM events "
        "GROUP BY session_id, type, value ORDER BY session_id, type, value"
    ):
        counts.setdefault(int(sid), []).append((str(kind), str(value), int(n)))
    for sid, started, duration, interactions, ended in con.execute(
        "SELECT id, started_utc, duration_s, interactions, ended FROM sessions ORDER BY id"
    ):
        if duration is None:
            db.open_sessions.add(int(sid))
            continue
        db.sessions[int(sid)] = Session(
            started=_started(started, sid, shown),
            duration_s=max(0.0, float(duration)),
            interactions=int(interactions or 0),
            ended=str(ended or ""),
            counts=tuple(counts.get(int(sid), ())),
        )
    for day, sessions, bounces, duration, page_views, languages in con.execute(
        "SELECT day, sessions, bounces, duration_s, page_views, languages FROM daily ORDER BY day"
    ):
        where = f"{shown}: the daily totals of {day}"
        try:
            utc_day = date.fromisoformat(str(day)).isoformat()
        except ValueError:
            raise ReportError(f"{where} have a day that is not YYYY-MM-DD") from None
        db.daily[utc_day] = Day(
            sessions=int(sessions),
            bounces=int(bounces),
            duration_s=max(0.0, float(duration)),
            page_views=_json_counts(page_views, f"{where}: page_views"),
            languages=_json_counts(languages, f"{where}: languages"),
        )
    return db


def _started(text: object, sid: object, shown: str) -> datetime:
    """'YYYY-MM-DDTHH:MMZ' as an aware UTC datetime."""
    try:
        t = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise ReportError(
            f"{shown}: session {sid} has the start time {text!r}, not YYYY-MM-DDTHH:MMZ"
        ) from None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _json_counts(text: object, where: str) -> tuple[tuple[str, int], ...]:
    try:
        value = json.loads(str(text))
    except ValueError:
        raise ReportError(f"{where} is not JSON") from None
    if not isinstance(value, dict) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in value.values()
    ):
        raise ReportError(f"{where} is not a JSON object of counts")
    return tuple(sorted((str(k), int(n)) for k, n in value.items()))


# -- merging -------------------------------------------------------------------------------


def merge(databases: Iterable[Database]) -> Fleet:
    """Every session and every day once, keyed by (database_id, session id or day).

    The kiosk deletes the sessions it adds to a day's totals (``kiosk/analytics/store.py``,
    ``retain``), so a day's totals and its remaining sessions add up - but an older copy of
    the same file may still hold sessions that a newer copy has in its totals: a session of
    a day with totals counts only when a copy with those totals still holds it."""
    dbs = list(databases)
    fleet = Fleet()
    for db in dbs:
        old_name = fleet.names.get(db.database_id)
        fleet.names[db.database_id] = min(db.kiosk_name, old_name or db.kiosk_name)
        for sid, session in db.sessions.items():
            key = (db.database_id, sid)
            known = fleet.sessions.get(key)
            if known is None or session.fullness() > known.fullness():
                fleet.sessions[key] = session
        fleet.open_sessions.update((db.database_id, sid) for sid in db.open_sessions)
        for day, totals in db.daily.items():
            dkey = (db.database_id, day)
            known_day = fleet.daily.get(dkey)
            if known_day is None or totals.fullness() > known_day.fullness():
                fleet.daily[dkey] = totals
    fleet.open_sessions -= fleet.sessions.keys()  # ended in a later copy of the file
    holders: dict[tuple[str, str], list[Database]] = {}
    for key, session in list(fleet.sessions.items()):
        dkey = (key[0], session.started.date().isoformat())
        rolled_up = fleet.daily.get(dkey)
        if rolled_up is None:
            continue
        if dkey not in holders:
            holders[dkey] = [
                db for db in dbs if db.database_id == key[0] and db.daily.get(dkey[1]) == rolled_up
            ]
        if not any(key[1] in db.sessions or key[1] in db.open_sessions for db in holders[dkey]):
            del fleet.sessions[key]  # counted in the totals
    return fleet


# -- counting ------------------------------------------------------------------------------


def zone(name: str) -> tzinfo:
    """A time zone by its IANA name ('UTC', 'Europe/Moscow'); ValueError if unknown."""
    if name.upper() in ("UTC", "Z"):
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        from zoneinfo import available_timezones

        if not available_timezones():
            raise ValueError(
                f"this computer has no time zone data to find '{name}' in: install it with "
                '.venv/bin/python -m pip install -e ".[report]" (or pip install tzdata)'
            ) from None
        raise ValueError(
            f"unknown time zone '{name}': give an IANA name such as Europe/Moscow or "
            "Asia/Shanghai, or UTC"
        ) from None


def _quartiles(durations: list[float]) -> list[float] | None:
    if not durations:
        return None
    if len(durations) == 1:
        return [durations[0]] * 3
    # 'inclusive': linear interpolation between the sorted values (numpy's and Excel's
    # QUARTILE.INC): for 10, 20, 30, 40, 100 the quartiles are 20, 30 and 40
    return [_s(q) for q in statistics.quantiles(durations, n=4, method="inclusive")]


def _s(seconds: float) -> float:
    return round(seconds, 3)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _sorted_counts(counter: Mapping[str, int]) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter)}


def _period(days: Iterable[str]) -> Period | None:
    ordered = sorted(days)
    return {"first": ordered[0], "last": ordered[-1]} if ordered else None


def summarize(fleet: Fleet, tz: tzinfo = UTC, tz_name: str = "UTC") -> Summary:
    """The numbers of ``summary.json`` (hours and days of the detailed sessions in ``tz``;
    the days of the daily totals are UTC days, as stored)."""
    raw = sorted(fleet.sessions.items())
    days_only = sorted(fleet.daily.items(), key=lambda kd: kd[0])  # their sessions: deleted

    durations = sorted(s.duration_s for _k, s in raw)
    quartiles = _quartiles(durations)
    sessions = len(raw) + sum(d.sessions for _k, d in days_only)
    bounces = sum(s.interactions <= BOUNCE_MAX_INTERACTIONS for _k, s in raw) + sum(
        d.bounces for _k, d in days_only
    )
    total = fsum([s.duration_s for _k, s in raw] + [d.duration_s for _k, d in days_only])

    page_views: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    layers: Counter[str] = Counter()
    places: Counter[str] = Counter()
    controls: Counter[str] = Counter()
    reached: Counter[int] = Counter()
    interactions: Counter[int] = Counter()
    ended: Counter[str] = Counter()
    hours: Counter[int] = Counter()
    per_day: Counter[str] = Counter()
    with_map = 0
    by_kind = {"page": page_views, "layer": layers, "place": places, "control": controls}
    for _key, s in raw:
        story: set[str] = set()
        map_used = False
        for kind, value, n in s.counts:
            if kind in by_kind:
                by_kind[kind][value] += n
            if kind == "language":
                languages[value] += 1  # sessions that used it: one (type, value) a session
            if kind == "page" and value not in NOT_STORY:
                story.add(value)
            map_used = map_used or (kind == "page" and value == "map") or kind == "place"
        with_map += map_used
        reached[len(story)] += 1
        interactions[s.interactions] += 1
        ended[s.ended or "unknown"] += 1
        local = s.started.astimezone(tz)
        hours[local.hour] += 1
        per_day[local.date().isoformat()] += 1
    for (_db_id, utc_day), d in days_only:
        page_views.update(dict(d.page_views))
        languages.update(dict(d.languages))
        if d.sessions:
            per_day[utc_day] += d.sessions

    days = _all_days(per_day)
    kiosks: dict[str, list[str]] = {}
    for db_id, name in sorted(fleet.names.items()):
        kiosks.setdefault(name, []).append(db_id)
    return {
        "sessions": sessions,
        "sessions_detailed": len(raw),
        "sessions_from_daily_totals": sessions - len(raw),
        "sessions_open_not_counted": len(fleet.open_sessions),
        "median_session_s": _s(statistics.median(durations)) if durations else None,
        "quartiles_session_s": quartiles,
        "mean_session_s": _s(total / sessions) if sessions else None,
        "total_session_s": _s(total),
        "bounces": bounces,
        "bounce_rate": _rate(bounces, sessions),
        "bounce_max_interactions": BOUNCE_MAX_INTERACTIONS,
        "interactions_per_session": {str(n): interactions[n] for n in sorted(interactions)},
        "page_views": _sorted_counts(page_views),
        "languages": _sorted_counts(languages),
        "pages_reached": {str(n): reached[n] for n in range(max(reached, default=-1) + 1)},
        "sessions_with_map": with_map,
        "map_layers": _sorted_counts(layers),
        "places": _sorted_counts(places),
        "controls": _sorted_counts(controls),
        "sessions_ended": _sorted_counts(ended),
        "sessions_per_hour": {f"{h:02d}": hours[h] for h in range(24)},
        "sessions_per_day": {d: per_day[d] for d in days},
        "timezone": tz_name,
        "period": _period(per_day),
        "kiosks": sorted(kiosks),
        "databases": len(fleet.names),
        "per_kiosk": {name: _kiosk(fleet, set(ids), tz) for name, ids in sorted(kiosks.items())},
    }


def _all_days(per_day: Mapping[str, int]) -> list[str]:
    """Every day from the first to the last (days without a session too)."""
    if not per_day:
        return []
    day, last = date.fromisoformat(min(per_day)), date.fromisoformat(max(per_day))
    days = []
    while day <= last:
        days.append(day.isoformat())
        day += timedelta(days=1)
    return days


def _kiosk(fleet: Fleet, ids: set[str], tz: tzinfo) -> KioskSummary:
    """One kiosk's own numbers (all its databases: a kiosk set up again keeps its name)."""
    part = Fleet(
        names={i: n for i, n in fleet.names.items() if i in ids},
        sessions={k: s for k, s in fleet.sessions.items() if k[0] in ids},
        daily={k: d for k, d in fleet.daily.items() if k[0] in ids},
    )
    days_only = list(part.daily.values())
    durations = sorted(s.duration_s for s in part.sessions.values())
    sessions = len(durations) + sum(d.sessions for d in days_only)
    bounces = sum(s.interactions <= BOUNCE_MAX_INTERACTIONS for s in part.sessions.values()) + sum(
        d.bounces for d in days_only
    )
    days = {s.started.astimezone(tz).date().isoformat() for s in part.sessions.values()}
    days |= {day for (_i, day), d in part.daily.items() if d.sessions}
    return {
        "sessions": sessions,
        "bounce_rate": _rate(bounces, sessions),
        "median_session_s": _s(statistics.median(durations)) if durations else None,
        "period": _period(days),
    }


def read_all(paths: Iterable[Path]) -> Fleet:
    """Read every file (one at a time) and merge them. ``ReportError`` names every file
    that cannot be read, a line each."""
    read: list[Database] = []
    problems: list[str] = []
    for path in paths:
        try:
            read.append(read_database(path))
        except ReportError as e:
            problems.append(str(e))
    if problems:
        raise ReportError("\n".join(problems))
    return merge(read)
