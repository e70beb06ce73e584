"""``kiosk report``: visitor statistics from one kiosk's or many kiosks' analytics databases.

``read`` merges the databases and counts (stdlib only); ``render`` writes ``summary.json``
and a self-contained ``report.html`` (charts with the optional extra ``report``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.report.read import DB_NAME, ReportError, Summary, read_all, summarize, zone

__all__ = ["DB_NAME", "Made", "ReportError", "make_report", "zone"]


@dataclass(frozen=True)
class Made:
    summary: Summary
    charts: bool  # False: matplotlib is not installed, the page has tables only


def make_report(paths: list[Path], out: Path, tz_name: str = "UTC", *, charts: bool = True) -> Made:
    """Read ``paths`` (one at a time, read-only), merge them, write ``out/summary.json`` and
    ``out/report.html``. ``ReportError``: a file that cannot be read (a line each), nothing
    written; ``ValueError``: an unknown time zone; ``OSError``: ``out`` cannot be written."""
    from kiosk.report import render

    tz = zone(tz_name)
    fleet = read_all(paths)
    summary = summarize(fleet, tz, tz_name)
    durations = sorted(s.duration_s for s in fleet.sessions.values())
    drawn = render.write(summary, durations, out, charts=charts)
    return Made(summary, drawn)
