-- The kiosk's visitor statistics (kiosk/analytics): an ordinary SQLite file,
-- <data folder>/analytics.sqlite3. Anonymous: no visitor id, no coordinates, no free
-- text - every value is an id from content.yaml (a page, a map layer, a place, a
-- language code) or a control's fixed name. Written by kiosk/analytics/store.py, read by
-- kiosk report (kiosk/report/).

PRAGMA user_version = 1;

-- who wrote this file: 'kiosk_name' (settings.kiosk_name or the host name), 'database_id'
-- (a random UUID made when the file is created: merging the same file twice in a report
-- counts nothing twice), 'created_utc'
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- a session: from the first touch on the attract screen to the last touch. The idle
-- reset is an event ('reset'), never session time.
CREATE TABLE IF NOT EXISTS sessions (
    id           INTEGER PRIMARY KEY,
    started_utc  TEXT NOT NULL,   -- 'YYYY-MM-DDTHH:MMZ', UTC, rounded down to 15 minutes
    duration_s   REAL,            -- first touch to last touch (monotonic clock); NULL: open
    interactions INTEGER NOT NULL DEFAULT 0,  -- touches that did something (1: a bounce)
    ended        TEXT             -- 'reset' (idle timeout, or Start again in its warning),
                                  -- 'closed' (schedule), 'shutdown' (the kiosk stopped),
                                  -- 'recovered' (closed at the next start, after a crash or
                                  -- a power cut, at its last touch); NULL while open
);

-- what happened in a session, in order; t_s: seconds since the session's first touch
-- (monotonic). type and value:
--   page      a page id (attract excluded), the map 'map', the credits 'credits'
--   language  a language code (also at t_s 0: the language the session started in)
--   layer     a map layer id chosen on the map page
--   place     a map hotspot id opened
--   control   one of: text_size, contrast, audio, see_on_map, picture, picture_spot, next,
--             home, idle_continue, idle_restart
--   reset     (no value) the idle timeout ended the session
CREATE TABLE IF NOT EXISTS events (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    t_s        REAL NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('page', 'language', 'layer', 'place', 'control', 'reset')),
    value      TEXT
);
CREATE INDEX IF NOT EXISTS events_session ON events(session_id);

-- per day (UTC) totals, kept when the raw sessions and events older than
-- settings.analytics.keep_months are deleted
CREATE TABLE IF NOT EXISTS daily (
    day          TEXT PRIMARY KEY,   -- 'YYYY-MM-DD' (UTC)
    sessions     INTEGER NOT NULL,
    bounces      INTEGER NOT NULL,
    duration_s   REAL NOT NULL,      -- the sum of the sessions' durations
    page_views   TEXT NOT NULL,      -- JSON {page id: views}
    languages    TEXT NOT NULL       -- JSON {code: sessions}
);
