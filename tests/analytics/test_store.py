"""The statistics file (kiosk/analytics/store.py): where it is, its tables, WAL, its writer
thread, a failure that harms nothing, and kill -9."""

from __future__ import annotations

import logging
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from kiosk.analytics import store as store_mod
from kiosk.analytics.sessions import SessionLog
from kiosk.analytics.store import Store, database_path

IDS = {"page": ["background", "terms"], "language": ["en", "ru"], "layer": [], "place": []}
SCHEMA = Path(store_mod.__file__).with_name("schema.sql")


def query(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def started(path: Path, **kw) -> Store:
    store = Store(path, **kw)
    store.start()
    assert store.ready.wait(5)
    return store


def test_the_file_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert database_path() == tmp_path / "data" / "analytics.sqlite3"
    store = started(database_path())
    store.close()
    assert (tmp_path / "data" / "analytics.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_tables_are_schema_sql_and_meta_is_filled(tmp_path):
    path = tmp_path / "analytics.sqlite3"
    started(path, kiosk_name="hall-2", wall=lambda: 1747219032.0).close()
    expected = sqlite3.connect(":memory:")
    expected.executescript(SCHEMA.read_text(encoding="utf-8"))
    shape = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert query(path, shape) == expected.execute(shape).fetchall()
    assert query(path, "PRAGMA user_version") == [(1,)]
    meta = dict(query(path, "SELECT key, value FROM meta"))
    assert meta["kiosk_name"] == "hall-2"
    assert meta["created_utc"] == "2025-05-14T10:37:12Z"
    assert uuid.UUID(meta["database_id"]).version == 4
    # the next start keeps the file's id and birth, and writes the kiosk's name of now
    started(path, wall=lambda: 1800000000.0).close()
    again = dict(query(path, "SELECT key, value FROM meta"))
    assert again["database_id"] == meta["database_id"]
    assert again["created_utc"] == meta["created_utc"]
    assert again["kiosk_name"] == socket.gethostname()


def test_wal_and_the_documented_synchronous(tmp_path):
    path = tmp_path / "analytics.sqlite3"
    store = started(path)
    assert query(path, "PRAGMA journal_mode") == [("wal",)]  # (a property of the file)
    db = store_mod.connect(path)
    assert db.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    db.close()
    assert store_mod.SYNCHRONOUS == "NORMAL"
    store.close()


def test_writes_are_on_a_thread_of_their_own(tmp_path):
    path = tmp_path / "analytics.sqlite3"
    store = Store(path)
    log = SessionLog(store, IDS)
    log.begin("en")  # before the thread runs: only queued, nothing touches the disk
    log.record("page", "background")
    assert not path.exists()
    store.start()
    log.end("shutdown")
    assert store.flush()
    assert store._thread is not None and store._thread.name == "analytics"
    store.close()
    assert query(path, "SELECT ended, interactions FROM sessions") == [("shutdown", 1)]
    assert query(path, "SELECT type, value FROM events") == [
        ("language", "en"),
        ("page", "background"),
    ]


@pytest.mark.parametrize("broken", ["folder", "not a database", "newer schema"])
def test_a_file_that_cannot_be_opened_stops_the_statistics_harmlessly(tmp_path, caplog, broken):
    path = tmp_path / "analytics.sqlite3"
    if broken == "folder":
        path.mkdir()
    elif broken == "not a database":
        path.write_bytes(b"this is no database at all" * 100)
    else:
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 7")
        db.close()
    store = started(path)
    log = SessionLog(store, IDS)
    for _ in range(3):
        log.begin("en")
        log.record("page", "background")
        log.end("reset")
    store.close()
    assert store.failed
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "visitor statistics stopped" in errors[0].getMessage()


def test_a_full_disk_stops_the_statistics_harmlessly(tmp_path, caplog, monkeypatch):
    """SQLITE_FULL, as a full disk gives it: the connection may not grow the file."""
    path = tmp_path / "analytics.sqlite3"

    def full(p):
        db = connect(p)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {max(pages, 8) + 2}")
        return db

    connect = store_mod.connect
    monkeypatch.setattr(store_mod, "connect", full)
    store = started(path)
    log = SessionLog(store, IDS)
    for _ in range(300):
        log.begin("en")
        log.record("page", "background")
        log.end("reset", None)
        store.flush()
    store.close()
    assert store.failed
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "full" in errors[0].getMessage()
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


WRITER = textwrap.dedent(
    """
    import sys, time
    from kiosk.analytics.sessions import SessionLog
    from kiosk.analytics.store import Store

    store = Store(sys.argv[1], kiosk_name="killed")
    store.start()
    log = SessionLog(store, {"page": ["a", "b"], "language": ["en"]})
    log.begin("en")
    for i in range(1000):
        log.record("page", "ab"[i % 2])
        if i % 7 == 0 or i > 50:
            store.flush()
            print(i + 1, flush=True)  # committed: i + 1 page events
        time.sleep(0.0005)
    print("done", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_while_writing_loses_nothing_committed(tmp_path, seed):
    path = tmp_path / "analytics.sqlite3"
    kill_after = random.Random(seed).randrange(1, 900)
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    committed = 0
    assert child.stdout is not None
    for line in child.stdout:
        if not re.fullmatch(r"\d+\n", line):
            break
        committed = int(line)
        if committed >= kill_after:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert committed >= kill_after
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    pages = query(path, "SELECT COUNT(*) FROM events WHERE type = 'page'")[0][0]
    assert pages >= committed  # every committed event is there
    assert query(path, "SELECT ended FROM sessions") == [(None,)]
    # the next start closes the session at its last event
    store = started(path)
    store.close()
    assert store.recovered == 1
    last_t = query(path, "SELECT MAX(t_s) FROM events")[0][0]
    assert query(path, "SELECT duration_s, ended FROM sessions") == [(last_t, "recovered")]
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
