"""Anonymous visitor statistics, without Qt: the session logic (:mod:`.sessions`) and the
SQLite file it is written to (:mod:`.store`, its tables in ``schema.sql``), which
``kiosk report`` reads.  Imported after the first frame (sqlite3 costs ~3 ms)."""
