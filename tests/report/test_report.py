"""kiosk report: the numbers of summary.json against a hand calculation, merging, the
daily totals of pruned days, determinism, a self-contained page, and bad files."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys

import pytest
from reportdata import KIOSK_A, add_session, make_db

from kiosk import cli

KEYS = {"sessions", "median_session_s", "bounce_rate", "page_views", "languages"}
CHARTS = ("hours", "days", "lengths", "reached", "pages", "bounce", "languages", "map")


def report(*args, out) -> tuple[int, dict]:
    code = cli.main(["report", *map(str, args), "--out", str(out)])
    summary = (
        json.loads((out / "summary.json").read_text(encoding="utf-8"))
        if (out / "summary.json").exists()
        else {}
    )
    return code, summary


def files(out) -> tuple[bytes, bytes]:
    return (out / "summary.json").read_bytes(), (out / "report.html").read_bytes()


def test_the_numbers_match_a_hand_calculation(kiosk_a, kiosk_b, tmp_path):
    code, s = report(kiosk_a, kiosk_b, out=tmp_path / "out")
    assert code == cli.EXIT_OK
    assert s.keys() >= KEYS
    # lengths 0, 10, 20, 30, 40, 60, 100 s: the median is the 4th; the quartiles interpolate
    # at positions 1.5 and 4.5 of 0..6: 10 + 0.5 x 10 and 40 + 0.5 x 20
    assert s["sessions"] == 7
    assert s["median_session_s"] == 30.0
    assert s["quartiles_session_s"] == [15.0, 30.0, 50.0]
    assert s["mean_session_s"] == round(260 / 7, 3)
    assert s["bounces"] == 2  # one touch each: a's first session and b's first
    assert s["bounce_rate"] == round(2 / 7, 4)
    assert s["page_views"] == {
        "background": 8,  # a's third session shows it twice
        "negotiations": 3,
        "terms": 2,
        "aftermath": 1,
        "credits": 1,
        "map": 2,
    }
    assert s["languages"] == {"en": 5, "ru": 2, "zh-Hans": 1}  # a session that switched: both
    assert s["pages_reached"] == {"0": 0, "1": 4, "2": 1, "3": 1, "4": 1}  # map, credits not
    assert s["map_layers"] == {"1689": 1, "1858": 2}
    assert s["places"] == {"aigun": 3}
    assert s["sessions_with_map"] == 2
    assert s["controls"] == {"next": 1}
    assert s["sessions_per_day"] == {"2026-03-02": 3, "2026-03-03": 3, "2026-03-04": 1}
    hours = {h: n for h, n in s["sessions_per_hour"].items() if n}
    assert hours == {"09": 3, "10": 1, "11": 1, "14": 1, "15": 1}
    assert len(s["sessions_per_hour"]) == 24
    assert s["timezone"] == "UTC"
    assert s["period"] == {"first": "2026-03-02", "last": "2026-03-04"}
    assert s["kiosks"] == ["entrance", "upper hall"]
    assert s["sessions_open_not_counted"] == 1  # a's visit under way: no length yet
    assert s["sessions_ended"] == {"closed": 1, "reset": 5, "shutdown": 1}


def test_two_kiosks_add_up(kiosk_a, kiosk_b, tmp_path):
    _, a = report(kiosk_a, out=tmp_path / "a")
    _, b = report(kiosk_b, out=tmp_path / "b")
    _, both = report(kiosk_a, kiosk_b, out=tmp_path / "both")
    assert (a["sessions"], b["sessions"], both["sessions"]) == (5, 2, 7)
    assert a["median_session_s"] == 30.0 and a["quartiles_session_s"] == [20.0, 30.0, 40.0]
    assert (a["bounce_rate"], b["bounce_rate"]) == (0.2, 0.5)
    for key in ("page_views", "languages", "map_layers", "places", "sessions_per_hour"):
        assert both[key] == {
            k: a[key].get(k, 0) + b[key].get(k, 0) for k in a[key].keys() | b[key].keys()
        }, key
    assert both["per_kiosk"]["entrance"]["sessions"] == 5
    assert both["per_kiosk"]["upper hall"] == {
        "sessions": 2,
        "bounce_rate": 0.5,
        "median_session_s": 30.0,
        "period": {"first": "2026-03-03", "last": "2026-03-04"},
    }


def test_merging_the_same_files_twice_counts_nothing_twice(kiosk_a, kiosk_b, tmp_path):
    copy = shutil.copy(kiosk_a, tmp_path / "entrance-copy.sqlite3")
    report(kiosk_a, kiosk_b, out=tmp_path / "once")
    report(kiosk_b, kiosk_a, copy, kiosk_b, kiosk_a, out=tmp_path / "twice")
    assert files(tmp_path / "twice") == files(tmp_path / "once")


def test_a_later_copy_of_a_kiosks_file_adds_only_its_new_sessions(kiosk_a, tmp_path):
    old = shutil.copy(kiosk_a, tmp_path / "entrance-last-week.sqlite3")
    con = sqlite3.connect(kiosk_a)
    with con:  # a week later: the open visit ended, and one more came
        con.execute("UPDATE sessions SET duration_s = 50, ended = 'reset' WHERE duration_s IS NULL")
        add_session(con, "2026-03-09T12:00Z", 70.0, 4, "reset", [(0, "language", "ru")])
    con.close()
    _, s = report(old, kiosk_a, out=tmp_path / "out")
    assert s["sessions"] == 5 + 2
    assert s["sessions_open_not_counted"] == 0
    assert s["median_session_s"] == 40.0  # 10 20 30 40 50 70 100
    assert s["languages"]["ru"] == 3


def test_sessions_kept_only_as_daily_totals_count(tmp_path):
    daily = [  # the kiosk deleted these sessions as it added them here (store.retain)
        ("2026-02-27", 4, 1, 200.0, {"background": 4, "map": 1}, {"en": 3, "ru": 1}),
        ("2026-02-28", 0, 0, 0.0, {}, {}),
    ]
    db = make_db(tmp_path / "a.sqlite3", "entrance", "a-id", KIOSK_A, daily=daily)
    _, s = report(db, out=tmp_path / "out")
    assert s["sessions"] == 5 + 4
    assert (s["sessions_detailed"], s["sessions_from_daily_totals"]) == (5, 4)
    assert s["bounces"] == 1 + 1
    assert s["bounce_rate"] == round(2 / 9, 4)
    assert s["mean_session_s"] == round((200 + 200) / 9, 3)
    assert s["median_session_s"] == 30.0  # lengths: the detailed sessions only
    assert s["page_views"]["background"] == 6 + 4 and s["page_views"]["map"] == 1 + 1
    assert s["languages"] == {"en": 3 + 3, "ru": 2 + 1, "zh-Hans": 1}
    assert s["sessions_per_day"] == {
        "2026-02-27": 4,
        "2026-02-28": 0,
        "2026-03-01": 0,
        "2026-03-02": 3,
        "2026-03-03": 2,
    }
    assert s["period"] == {"first": "2026-02-27", "last": "2026-03-03"}
    assert sum(s["sessions_per_hour"].values()) == 5  # hours: the detailed sessions only
    assert s["per_kiosk"]["entrance"]["sessions"] == 9


def test_a_day_rolled_up_in_a_newer_copy_counts_once(tmp_path):
    """Last month's copy still has the 2nd of March's sessions; this month's has them as
    that day's totals (and one session of that day the kiosk had not closed yet)."""
    old = make_db(tmp_path / "old.sqlite3", "entrance", "a-id", KIOSK_A)
    new = shutil.copy(old, tmp_path / "new.sqlite3")
    con = sqlite3.connect(new)
    with con:  # as kiosk/analytics/store.py's retain does it: totals in, sessions out
        add_session(con, "2026-03-02T17:00Z", 50.0, 2, "recovered", [])  # open at the time
        con.execute(
            "INSERT INTO daily VALUES ('2026-03-02', 3, 1, 60.0, ?, ?)",
            ('{"background": 4, "negotiations": 2, "terms": 1}', '{"en": 3, "ru": 1}'),
        )
        con.execute("DELETE FROM events WHERE session_id <= 3")
        con.execute("DELETE FROM sessions WHERE id <= 3")
    con.close()
    _, s = report(old, new, out=tmp_path / "out")
    # the 2nd: 3 in the totals + the late one; the 3rd: a's 4th and 5th (in both copies)
    assert s["sessions"] == 3 + 1 + 2
    assert s["sessions_per_day"] == {"2026-03-02": 4, "2026-03-03": 2}
    assert s["bounces"] == 1
    assert s["median_session_s"] == 50.0  # 40, 50, 100: the old copy's 2nd are in the totals


def test_hours_and_days_in_the_museums_time_zone(kiosk_a, kiosk_b, tmp_path):
    _, s = report(kiosk_a, kiosk_b, "--timezone", "Asia/Vladivostok", out=tmp_path / "out")
    assert s["timezone"] == "Asia/Vladivostok"
    hours = {h: n for h, n in s["sessions_per_hour"].items() if n}
    assert hours == {"19": 3, "20": 1, "21": 1, "00": 1, "01": 1}  # UTC+10
    # 14:45 and 15:00 UTC on the 3rd are past midnight on the 4th in Vladivostok
    assert s["sessions_per_day"] == {"2026-03-02": 3, "2026-03-03": 1, "2026-03-04": 3}
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "hours and days in Asia/Vladivostok" in page


def test_an_unknown_time_zone_is_a_usage_error(kiosk_a, tmp_path, capsys):
    code, _ = report(kiosk_a, "--timezone", "Mars/Olympus", out=tmp_path / "out")
    assert code == cli.EXIT_USAGE
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_same_databases_give_byte_identical_files(kiosk_a, kiosk_b, tmp_path):
    report(kiosk_a, kiosk_b, out=tmp_path / "first")
    report(kiosk_a, kiosk_b, out=tmp_path / "second")
    report(kiosk_b, kiosk_a, out=tmp_path / "reversed")
    assert files(tmp_path / "first") == files(tmp_path / "second") == files(tmp_path / "reversed")
    assert b"<svg" in files(tmp_path / "first")[1]  # charts and all


def test_the_page_is_self_contained_with_a_chart_each(kiosk_a, kiosk_b, tmp_path):
    report(kiosk_a, kiosk_b, out=tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "http" not in page  # no address of anything: nothing to fetch
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "@import" not in page and "url(" not in page.replace("url(#", "")
    assert "sessions, not visitors" in page.lower()
    assert page.count("<svg") == len(CHARTS)
    for name in CHARTS:  # each chart's ids its own: charts in one page never share one
        assert f'id="{name}-' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'href="#([^"]+)"', page)) | set(re.findall(r"url\(#([^)]+)\)", page))
    assert refs <= set(ids)
    assert "at most 1 interaction" in page
    assert "entrance" in page and "upper hall" in page


def test_without_matplotlib_the_page_has_tables_and_says_how_to_get_charts(
    kiosk_a, kiosk_b, tmp_path, monkeypatch, capsys
):
    report(kiosk_a, kiosk_b, out=tmp_path / "with")
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib: ImportError
    code, s = report(kiosk_a, kiosk_b, out=tmp_path / "without")
    assert code == cli.EXIT_OK
    assert s["median_session_s"] == 30.0
    assert files(tmp_path / "without")[0] == files(tmp_path / "with")[0]  # the same numbers
    page = (tmp_path / "without" / "report.html").read_text(encoding="utf-8")
    assert "<svg" not in page
    assert "sessions, not visitors" in page.lower()
    assert "pip install -e &quot;.[report]&quot;" in page
    assert '<td>background</td><td class="n">8</td>' in page
    assert 'pip install -e ".[report]"' in capsys.readouterr().out


def test_with_no_database_named_it_reads_this_kiosks(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    make_db(data / "analytics.sqlite3", "entrance", "a-id", KIOSK_A)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    out = tmp_path / "out"
    assert cli.main(["report", "--out", str(out)]) == cli.EXIT_OK
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s.keys() >= KEYS
    assert (s["sessions"], s["median_session_s"], s["bounce_rate"]) == (5, 30.0, 0.2)
    assert s["kiosks"] == ["entrance"]
    assert "<svg" in (out / "report.html").read_text(encoding="utf-8")


def test_with_no_database_yet_it_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    assert cli.main(["report", "--out", str(tmp_path / "out")]) == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert f"{tmp_path / 'analytics.sqlite3'}: no such file" in err
    assert "recorded no session yet" in err
    assert "Traceback" not in err


def _corrupt(path):
    make_db(path, "x", "x-id", KIOSK_A)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # the schema page, overwritten
    path.write_bytes(bytes(data))


def _other_apps(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (text TEXT)")
    con.commit()
    con.close()


def _no_id(path):
    make_db(path, "x", "x-id", KIOSK_A)
    con = sqlite3.connect(path)
    with con:
        con.execute("DELETE FROM meta WHERE key = 'database_id'")
    con.close()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (None, "no such file"),
        (lambda p: p.write_bytes(b""), "the file is empty"),
        (lambda p: p.write_text("kiosk_name,sessions\nentrance,7\n"), "not an SQLite database"),
        (_corrupt, "the database is damaged"),
        (_other_apps, "not a kiosk's statistics database (no table meta, sessions, events, daily)"),
        (_no_id, "the database has no database_id in its meta table"),
        (lambda p: p.mkdir(), "a folder, not a database file"),
    ],
    ids=["missing", "empty", "not-sqlite", "corrupt", "another-apps", "no-id", "folder"],
)
def test_a_bad_file_is_one_line_naming_it_and_exit_1(make, says, kiosk_b, tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    if make:
        make(bad)
    out = tmp_path / "out"
    code, _ = report(kiosk_b, bad, out=out)
    assert code == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert f"kiosk report: {bad}: {says}" in err
    assert "Traceback" not in err and "sqlite3." not in err
    assert err.count("\n") == 2  # the file's line, and "nothing written"
    assert not out.exists()


def test_every_bad_file_is_named(tmp_path, capsys):
    code, _ = report(tmp_path / "one.sqlite3", tmp_path / "two.sqlite3", out=tmp_path / "out")
    assert code == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert "one.sqlite3: no such file" in err and "two.sqlite3: no such file" in err


def test_the_files_are_opened_read_only(kiosk_a, tmp_path, monkeypatch):
    opened = []
    connect = sqlite3.connect

    def spy(database, *args, **kwargs):
        opened.append((database, kwargs.get("uri")))
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", spy)
    before = kiosk_a.read_bytes()
    kiosk_a.chmod(0o444)
    code, s = report(kiosk_a, out=tmp_path / "out")
    assert code == cli.EXIT_OK and s["sessions"] == 5
    assert opened == [(kiosk_a.resolve().as_uri() + "?mode=ro&immutable=1", True)]
    assert kiosk_a.read_bytes() == before


def test_a_running_kiosks_file_is_read_with_its_latest_sessions(tmp_path):
    db = make_db(tmp_path / "analytics.sqlite3", "entrance", "a-id", KIOSK_A[:2])
    kiosk = sqlite3.connect(db)  # the kiosk, running: write-ahead log, not checkpointed
    kiosk.execute("PRAGMA journal_mode=WAL")
    kiosk.execute("PRAGMA wal_autocheckpoint=0")
    with kiosk:
        add_session(kiosk, "2026-03-02T12:00Z", 30.0, 5, "reset", [(0, "language", "en")])
    assert (tmp_path / "analytics.sqlite3-wal").stat().st_size > 0
    try:
        code, s = report(db, out=tmp_path / "out")
        assert code == cli.EXIT_OK
        assert s["sessions"] == 3
    finally:
        kiosk.close()


def test_reading_copies_leaves_nothing_beside_them(tmp_path):
    db = make_db(tmp_path / "analytics.sqlite3", "entrance", "a-id", KIOSK_A)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")  # as the kiosk writes it
    con.close()  # (the last connection checkpoints and removes the log)
    copies = tmp_path / "copies"
    copies.mkdir()
    shutil.copy(db, copies / "entrance.sqlite3")
    code, _ = report(copies / "entrance.sqlite3", out=tmp_path / "out")
    assert code == cli.EXIT_OK
    assert sorted(p.name for p in copies.iterdir()) == ["entrance.sqlite3"]


def test_a_folder_that_cannot_be_written_is_one_line(kiosk_a, tmp_path, capsys):
    (tmp_path / "out").write_text("a file in the way")
    code = cli.main(["report", str(kiosk_a), "--out", str(tmp_path / "out")])
    assert code == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert err.startswith("kiosk report: cannot write") and err.count("\n") == 1


def test_a_simulated_week_on_three_kiosks(tmp_path):
    from simulate import week

    paths = week(tmp_path / "fleet")
    code, s = report(*paths, out=tmp_path / "out")
    assert code == cli.EXIT_OK
    assert s["kiosks"] == ["entrance", "map room", "upper hall"]
    assert s["sessions"] == sum(k["sessions"] for k in s["per_kiosk"].values()) > 500
    assert s["sessions"] == sum(s["sessions_per_day"].values())
    assert s["sessions"] == sum(s["pages_reached"].values())
    assert 0.15 < s["bounce_rate"] < 0.3
    q1, median, q3 = s["quartiles_session_s"]
    assert q1 <= median == s["median_session_s"] <= q3
