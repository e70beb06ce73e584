"""Analytics databases made with the kiosk's own schema.sql (as kiosk/analytics writes
them), with known numbers: two kiosks, seven closed sessions and one still open."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

SCHEMA = Path(__file__).resolve().parents[2] / "kiosk" / "analytics" / "schema.sql"

# (started_utc, duration_s, interactions, ended, [(t_s, type, value)])
KIOSK_A = [
    ("2026-03-02T09:00Z", 10.0, 1, "reset", [(0, "language", "en"), (0, "page", "background")]),
    (
        "2026-03-02T09:15Z",
        20.0,
        3,
        "reset",
        [
            (0, "language", "en"),
            (0, "page", "background"),
            (8, "control", "next"),
            (9, "page", "negotiations"),
        ],
    ),
    (
        "2026-03-02T10:30Z",
        30.0,
        5,
        "reset",
        [
            (0, "language", "en"),
            (0, "page", "background"),
            (4, "language", "ru"),
            (10, "page", "negotiations"),
            (20, "page", "terms"),
            (30, "page", "background"),
        ],
    ),
    (
        "2026-03-03T14:45Z",
        40.0,
        4,
        "closed",
        [
            (0, "language", "ru"),
            (0, "page", "background"),
            (5, "page", "map"),
            (10, "layer", "1858"),
            (20, "place", "aigun"),
            (40, "place", "aigun"),
        ],
    ),
    (
        "2026-03-03T15:00Z",
        100.0,
        8,
        "reset",
        [
            (0, "language", "zh-Hans"),
            (0, "page", "background"),
            (20, "page", "negotiations"),
            (40, "page", "terms"),
            (60, "page", "aftermath"),
            (100, "page", "credits"),
        ],
    ),
]
KIOSK_B = [
    ("2026-03-03T09:00Z", 0.0, 1, "reset", [(0, "language", "en"), (0, "page", "background")]),
    (
        "2026-03-04T11:00Z",
        60.0,
        6,
        "shutdown",
        [
            (0, "language", "en"),
            (0, "page", "background"),
            (10, "page", "map"),
            (20, "layer", "1689"),
            (30, "layer", "1858"),
            (60, "place", "aigun"),
            (61, "reset", None),
        ],
    ),
]


def make_db(
    path: Path,
    name: str,
    database_id: str,
    sessions: list,
    *,
    open_session: bool = False,
    daily: list | None = None,
) -> Path:
    """A database as the kiosk writes it: its schema.sql, meta, sessions, events, daily."""
    con = sqlite3.connect(path)
    with con:
        con.executescript(SCHEMA.read_text(encoding="utf-8"))
        con.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("kiosk_name", name),
                ("database_id", database_id),
                ("created_utc", "2026-01-01T00:00Z"),
            ],
        )
        for started, duration, interactions, ended, events in sessions:
            add_session(con, started, duration, interactions, ended, events)
        if open_session:  # a visit under way when the file was copied
            add_session(con, "2026-03-04T16:00Z", None, 2, None, [(0, "page", "background")])
        for day, n, bounces, duration, views, languages in daily or []:
            con.execute(
                "INSERT INTO daily VALUES (?, ?, ?, ?, ?, ?)",
                (day, n, bounces, duration, json.dumps(views), json.dumps(languages)),
            )
    con.close()
    return path


def add_session(con, started, duration, interactions, ended, events) -> int:
    sid = con.execute(
        "INSERT INTO sessions (started_utc, duration_s, interactions, ended) VALUES (?, ?, ?, ?)",
        (started, duration, interactions, ended),
    ).lastrowid
    con.executemany(
        "INSERT INTO events (session_id, t_s, type, value) VALUES (?, ?, ?, ?)",
        [(sid, t, kind, value) for t, kind, value in events],
    )
    return sid
