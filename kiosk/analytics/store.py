"""The visitor statistics file: ``<data folder>/analytics.sqlite3`` (schema.sql), written
by one thread of its own so that no frame ever waits for the disk.

- **Off the GUI thread**: :class:`Store` is a :class:`kiosk.analytics.sessions.Sink` whose
  calls only put a tuple on a queue.  Its writer thread opens the file (creating it from
  ``schema.sql`` with ``meta``), closes a session a crash left open, applies the retention,
  then writes what comes, committing once per batch (whatever is queued when it wakes).
- **Durability**: WAL with ``synchronous=NORMAL``.  A crash or ``kill -9`` of the kiosk
  loses nothing committed (the WAL is in the operating system's hands); a power cut may lose
  the last commits (about the last second of events), never the file: WAL never leaves it
  half-written.  ``FULL`` would fsync every batch, for visitor statistics not worth it.
  (Measured: ``tests/analytics/test_store.py`` kills a writer with SIGKILL.)
- **Never harmful**: a failure to open or write (a full disk, a read-only folder, a broken
  file) is logged once and the statistics stop for this run; nothing is ever raised to the
  kiosk.
- **Recovery**: a session with no ``ended`` when the file is opened (the kiosk crashed, or
  the power went) gets ``duration_s`` = its last event's ``t_s`` and ``ended='recovered'``.
- **Retention**: sessions that started before the UTC day ``keep_months`` months ago, and
  their events, are deleted - after being added to ``daily``: per UTC day the sessions,
  bounces (at most one interaction), the sum of durations, ``page_views`` (page events
  per page id) and ``languages`` (per code, the sessions that were in that language at any
  time: the one they started in and any chosen).  At the start, and once a day.
- ``meta``: ``database_id`` (uuid4) and ``created_utc`` are made with the file and never
  change; ``kiosk_name`` is this kiosk's name at each start.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import queue
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "analytics.sqlite3"
SCHEMA = Path(__file__).with_name("schema.sql")
SCHEMA_VERSION = 1
SYNCHRONOUS = "NORMAL"  # see the module's docstring
RETENTION_EVERY_S = 24 * 3600
CLOSE_WAIT_S = 5.0


def database_path(folder: Path | None = None) -> Path:
    """The statistics file in ``folder`` (default: the data folder, ``KIOSK_DATA_DIR``)."""
    if folder is None:
        from kiosk.paths import data_dir

        folder = data_dir()
    return folder / FILE_NAME


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in range(day.day, 0, -1):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def utc_now_text(wall: float) -> str:
    return dt.datetime.fromtimestamp(wall, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def connect(path: Path) -> sqlite3.Connection:
    """A connection as the writer uses it: WAL, ``synchronous`` as documented, foreign keys."""
    db = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def create(db: sqlite3.Connection, kiosk_name: str, wall: float) -> None:
    """The tables (``schema.sql``) and ``meta``."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"made by a newer kiosk (schema version {version})")
    db.executescript(SCHEMA.read_text(encoding="utf-8"))
    with db:  # one transaction
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('kiosk_name', ?)", (kiosk_name,))
        db.execute("INSERT OR IGNORE INTO meta VALUES ('database_id', ?)", (str(uuid.uuid4()),))
        db.execute("INSERT OR IGNORE INTO meta VALUES ('created_utc', ?)", (utc_now_text(wall),))


def recover(db: sqlite3.Connection) -> int:
    """Close the sessions a crash left open, at their last event; how many."""
    with db:
        db.execute("BEGIN IMMEDIATE")
        n = db.execute(
            "UPDATE sessions SET ended = 'recovered', duration_s = COALESCE("
            "(SELECT MAX(t_s) FROM events WHERE events.session_id = sessions.id), 0) "
            "WHERE ended IS NULL"
        ).rowcount
    return n


def retain(db: sqlite3.Connection, keep_months: int, wall: float) -> int:
    """Sessions that started before the UTC day ``keep_months`` months ago become per-day
    totals in ``daily``; they and their events are deleted.  How many sessions."""
    today = dt.datetime.fromtimestamp(wall, dt.UTC).date()
    cutoff = months_before(today, keep_months).isoformat()  # 'YYYY-MM-DD' < started_utc's
    with db:
        db.execute("BEGIN IMMEDIATE")
        rows = db.execute(
            "SELECT id, substr(started_utc, 1, 10), interactions, COALESCE(duration_s, 0) "
            "FROM sessions WHERE started_utc < ? AND ended IS NOT NULL",
            (cutoff,),
        ).fetchall()
        if not rows:
            return 0
        days: dict[str, dict[str, Any]] = {}
        for sid, day, interactions, duration in rows:
            d = days.setdefault(
                day, {"sessions": 0, "bounces": 0, "duration_s": 0.0, "pages": {}, "langs": {}}
            )
            d["sessions"] += 1
            d["bounces"] += interactions <= 1
            d["duration_s"] += duration
            for type_, value in db.execute(
                "SELECT type, value FROM events WHERE session_id = ? AND type IN "
                "('page', 'language')",
                (sid,),
            ):
                if type_ == "page":
                    d["pages"][value] = d["pages"].get(value, 0) + 1
                else:
                    d["langs"].setdefault(value, set()).add(sid)
        for day, d in sorted(days.items()):
            langs = {code: len(sids) for code, sids in d["langs"].items()}
            pages: dict[str, int] = d["pages"]
            old = db.execute(
                "SELECT sessions, bounces, duration_s, page_views, languages FROM daily "
                "WHERE day = ?",
                (day,),
            ).fetchone()
            if old is not None:  # a day rolled up in two goes: add to it
                d["sessions"] += old[0]
                d["bounces"] += old[1]
                d["duration_s"] += old[2]
                for k, v in json.loads(old[3]).items():
                    pages[k] = pages.get(k, 0) + v
                for k, v in json.loads(old[4]).items():
                    langs[k] = langs.get(k, 0) + v
            db.execute(
                "INSERT OR REPLACE INTO daily VALUES (?, ?, ?, ?, ?, ?)",
                (
                    day,
                    d["sessions"],
                    d["bounces"],
                    round(d["duration_s"], 3),
                    json.dumps(dict(sorted(pages.items())), ensure_ascii=False),
                    json.dumps(dict(sorted(langs.items())), ensure_ascii=False),
                ),
            )
        ids = [(r[0],) for r in rows]
        db.executemany("DELETE FROM events WHERE session_id = ?", ids)
        db.executemany("DELETE FROM sessions WHERE id = ?", ids)
    log.info(
        "visitor statistics: %d sessions older than %d months kept as daily totals",
        len(rows),
        keep_months,
    )
    return len(rows)


class Store:
    """The statistics file, written by a thread of its own (see the module's docstring).
    Nothing happens until :meth:`start`; :meth:`close` writes what is queued and stops."""

    def __init__(
        self,
        path: Path,
        *,
        kiosk_name: str | None = None,
        keep_months: int = 25,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.path = Path(path)
        self.kiosk_name = kiosk_name or socket.gethostname()
        self.keep_months = keep_months
        self._wall = wall
        self._mono = monotonic
        self._queue: queue.SimpleQueue[tuple | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.failed = False  # the statistics stopped (logged once)
        self.recovered = 0  # sessions closed at the start, after a crash
        self.ready = threading.Event()  # the file is open (or failed to)
        self._rowids: dict[int, int] = {}  # this run's session keys -> sessions.id

    # -- the Sink: called on the GUI thread, never blocks -----------------------------------

    def open_session(self, key: int, started_utc: str) -> None:
        self._put(("open", key, started_utc))

    def event(self, key: int, t_s: float, type: str, value: str | None) -> None:
        self._put(("event", key, t_s, type, value))

    def interactions(self, key: int, n: int) -> None:
        self._put(("interactions", key, n))

    def close_session(self, key: int, duration_s: float, interactions: int, ended: str) -> None:
        self._put(("close", key, duration_s, interactions, ended))

    def _put(self, item: tuple) -> None:
        if not self.failed:
            self._queue.put(item)

    # -- life ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="analytics", daemon=True)
            self._thread.start()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued so far is committed (tests, the shutdown)."""
        if self._thread is None or self.failed or not self._thread.is_alive():
            return False
        done = threading.Event()
        self._queue.put(("flush", done))
        return done.wait(timeout)

    def close(self) -> None:
        """Write what is queued, close the file, end the thread (waits at most 5 s)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(CLOSE_WAIT_S)
            if thread.is_alive():
                log.error("visitor statistics: the writer did not finish in %.0f s", CLOSE_WAIT_S)

    # -- the writer thread -----------------------------------------------------------------

    def _fail(self, doing: str, error: BaseException) -> None:
        if not self.failed:
            self.failed = True
            log.error(
                "visitor statistics stopped: could not %s %s (%s); the kiosk runs on",
                doing,
                self.path,
                error,
            )

    def _run(self) -> None:
        db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = connect(self.path)
            create(db, self.kiosk_name, self._wall())
            self.recovered = recover(db)
            if self.recovered:
                log.info(
                    "visitor statistics: %d session(s) left open by a crash closed", self.recovered
                )
            retain(db, self.keep_months, self._wall())
        except Exception as e:  # (sqlite3.Error, OSError, ...): never the kiosk's problem
            self._fail("open", e)
        finally:
            self.ready.set()
        last_retention = self._mono()
        running = True
        while running:
            try:
                item = self._queue.get(timeout=3600.0)
            except queue.Empty:
                item = ("tick",)
            batch = [item]
            while True:  # whatever else is queued: one commit
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if None in batch:
                running = False
            if db is not None and not self.failed:
                try:
                    self._write(db, [i for i in batch if i is not None and i[0] != "flush"])
                    if self._mono() - last_retention >= RETENTION_EVERY_S:
                        last_retention = self._mono()
                        retain(db, self.keep_months, self._wall())
                except Exception as e:  # a full disk, a read-only file, ...
                    self._fail("write to", e)
            for i in batch:
                if i is not None and i[0] == "flush":
                    i[1].set()
        if db is not None:
            try:
                db.close()
            except sqlite3.Error as e:
                self._fail("close", e)

    def _write(self, db: sqlite3.Connection, batch: list[tuple]) -> None:
        if not any(i[0] != "tick" for i in batch):
            return
        rowids = self._rowids
        with db:
            db.execute("BEGIN IMMEDIATE")
            for item in batch:
                op = item[0]
                if op == "open":
                    cur = db.execute("INSERT INTO sessions (started_utc) VALUES (?)", (item[2],))
                    assert cur.lastrowid is not None
                    rowids[item[1]] = cur.lastrowid
                elif op == "event":
                    _, key, t_s, type_, value = item
                    if key in rowids:
                        db.execute(
                            "INSERT INTO events (session_id, t_s, type, value) VALUES (?,?,?,?)",
                            (rowids[key], t_s, type_, value),
                        )
                elif op == "interactions":
                    if item[1] in rowids:
                        db.execute(
                            "UPDATE sessions SET interactions = ? WHERE id = ?",
                            (item[2], rowids[item[1]]),
                        )
                elif op == "close":
                    _, key, duration, interactions, ended = item
                    sid = rowids.pop(key, None)
                    if sid is not None:
                        db.execute(
                            "UPDATE sessions SET duration_s = ?, interactions = ?, ended = ? "
                            "WHERE id = ?",
                            (duration, interactions, ended, sid),
                        )
