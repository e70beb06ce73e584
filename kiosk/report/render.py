"""``kiosk report``'s files: ``summary.json`` and a self-contained ``report.html``.

The charts are drawn by matplotlib (the optional extra ``report``: ``pip install -e
".[report]"``), as SVG inlined in the page: no script, no link, no picture file, nothing
fetched, so the page opens offline in any browser and can be mailed as one file. Without
matplotlib the page has the same tables and says how to get the charts.

Deterministic: matplotlib's SVG ids come from a fixed salt, its date is left out, the type
is drawn as paths from one font file (the kiosk's Noto Sans, else matplotlib's own DejaVu
Sans), and nothing of the run (time, folder, host) is written.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from datetime import date
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.report.read import BOUNCE_MAX_INTERACTIONS, Summary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

INSTALL_HINT = 'for charts, install the report extra in the kiosk folder: .venv/bin/python -m pip install -e ".[report]"'

# the kiosk's sober palette, on paper: ink, its brass darkened for 3:1 and more on white
INK = "#1c2228"
MUTED = "#5f584c"
BAR = "#8a6a2f"
SOFT = "#eadfc6"  # the middle half of the sessions
BOUNCE = "#9c3d2e"
GRID = "#e4dfd5"
FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"  # the kiosk's own type
FONT_FILES = (FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf")


# -- numbers for people --------------------------------------------------------------------


def duration(seconds: float | None) -> str:
    """1 min 52 s, 40 s, 2 h 05 min."""
    if seconds is None:
        return "-"
    s = round(seconds)
    if s < 60:
        return f"{seconds:.1f} s" if seconds < 10 and seconds != s else f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def percent(fraction: float | None) -> str:
    if fraction is None:
        return "-"
    p = fraction * 100
    return f"{p:.0f} %" if p >= 10 or p == 0 else f"{p:.1f} %"


# -- charts (matplotlib) -------------------------------------------------------------------


def _rc() -> dict[RcKeyType, object]:
    family = "DejaVu Sans"  # matplotlib's own: when the kiosk's fonts are not beside the code
    if all(f.is_file() for f in FONT_FILES):
        from matplotlib import font_manager

        for f in FONT_FILES:
            font_manager.fontManager.addfont(str(f))
        family = font_manager.FontProperties(fname=str(FONT_FILES[0])).get_name()
    return {
        "svg.hashsalt": "aigun-kiosk-report",  # the same ids every run
        "svg.fonttype": "path",  # the type as drawn, whatever fonts the reader's PC has
        "font.family": [family, "DejaVu Sans"],
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.titlepad": 10,
        "axes.labelcolor": MUTED,
        "axes.edgecolor": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": GRID,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "text.color": INK,
        "legend.frameon": False,
        "figure.dpi": 100,
    }


def _figure(height: float = 3.0, width: float = 8.0) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _whole_numbers(ax: Axes, axis: str = "y") -> None:
    from matplotlib.ticker import MaxNLocator

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_locator(MaxNLocator(integer=True))


def _hours(s: Summary) -> Figure:
    fig, ax = _figure()
    hours = s["sessions_per_hour"]
    ax.bar([int(h) for h in hours], list(hours.values()), color=BAR, width=0.8)
    ax.set_xticks(range(24), [f"{h:02d}" for h in range(24)])
    ax.set_xlim(-0.7, 23.7)
    ax.set_title("Sessions per hour of day")
    ax.set_xlabel(f"hour the session started ({s['timezone']})")
    ax.set_ylabel("sessions")
    _whole_numbers(ax)
    return fig


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _days(s: Summary) -> Figure:
    import numpy as np

    fig, ax = _figure()
    names = list(s["sessions_per_day"])
    counts = list(s["sessions_per_day"].values())
    weekly = len(names) > 92  # a year of days is a blur: its weeks
    if weekly:
        first = date.fromisoformat(names[0])
        monday = first.toordinal() - first.weekday()
        weeks: dict[int, int] = {}
        for name, n in zip(names, counts):
            week = monday + (date.fromisoformat(name).toordinal() - monday) // 7 * 7
            weeks[week] = weeks.get(week, 0) + n
        names = [date.fromordinal(w).isoformat() for w in weeks]
        counts = list(weeks.values())
    days = np.array(names, dtype="datetime64[D]")
    ax.bar(
        days, counts, color=BAR, width=6 if weekly else 0.8, align="edge" if weekly else "center"
    )
    if len(names) <= 35:  # each day, with its weekday (in English, whatever the PC's locale)
        every = 1 if len(names) <= 14 else 7
        ticks = [date.fromisoformat(d) for d in names[::every]]
        ax.set_xticks(
            days[::every],
            [f"{WEEKDAYS[d.weekday()]}\n{d.day} {MONTHS[d.month - 1]}" for d in ticks],
        )
    else:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        locator = AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_title("Sessions per week" if weekly else "Sessions per day")
    zone = s["timezone"]
    if s["sessions_from_daily_totals"] and zone != "UTC":
        zone += "; the days kept only as daily totals: UTC"
    ax.set_xlabel(f"week from Monday ({zone})" if weekly else f"day ({zone})")
    ax.set_ylabel("sessions")
    _whole_numbers(ax)
    return fig


def _nice(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n not below x."""
    step = 10.0 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= x * (1 - 1e-9):
            return m * step
    return 10 * step


def _lengths(s: Summary, durations: list[float]) -> Figure:
    fig, ax = _figure(3.2)
    q1, median, q3 = s["quartiles_session_s"] or (0.0, 0.0, 0.0)
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    minutes = max(p95, q3) > 180
    unit, name = (60.0, "min") if minutes else (1.0, "s")
    top = _nice(max(p95, q3 * 1.5, 10.0) / unit)  # longer sessions: the last bar
    width = _nice(top / 25)
    edges = [i * width for i in range(round(top / width) + 1)]
    values = [min(d / unit, top - width / 2) for d in ordered]
    ax.axvspan(
        q1 / unit,
        q3 / unit,
        color=SOFT,
        zorder=0,
        label=f"middle half: {duration(q1)} to {duration(q3)} (quartiles)",
    )
    heights, _edges, _bars = ax.hist(values, bins=edges, color=BAR, rwidth=0.9)
    ax.axvline(median / unit, color=INK, linewidth=2, label=f"median: {duration(median)}")
    if ordered[-1] >= top * unit:
        ax.text(
            edges[-1] - width / 2,
            float(heights[-1]),
            f"{edges[-2]:g} {name}\nor more",
            ha="center",
            va="bottom",
            fontsize=8,
            color=MUTED,
        )
    ax.set_xlim(0, edges[-1])
    ax.margins(y=0.15)
    ax.set_title("Session length, first touch to last")
    ax.set_xlabel(f"session length ({'minutes' if minutes else 'seconds'})")
    ax.set_ylabel("sessions")
    fig.legend(loc="outside lower center", ncols=2)
    _whole_numbers(ax)
    return fig


def _reached(s: Summary) -> Figure:
    fig, ax = _figure()
    reached = s["pages_reached"]
    n = sum(reached.values())
    bars = ax.bar([int(k) for k in reached], list(reached.values()), color=BAR, width=0.7)
    ax.bar_label(
        bars,
        labels=[percent(v / n) if n else "" for v in reached.values()],
        padding=2,
        color=MUTED,
        fontsize=9,
    )
    ax.set_xticks([int(k) for k in reached])
    ax.set_title("How far visitors get: story pages reached in a session")
    ax.set_xlabel("different chapters seen (the map and the sources not counted)")
    ax.set_ylabel("sessions")
    ax.margins(y=0.15)
    _whole_numbers(ax)
    return fig


def _interactions(s: Summary) -> Figure:
    fig, ax = _figure()
    cap = 20
    counts: dict[int, int] = {}
    for k, v in s["interactions_per_session"].items():
        counts[min(int(k), cap)] = counts.get(min(int(k), cap), 0) + v
    xs = list(range(0 if 0 in counts else 1, max(counts, default=1) + 1))
    colours = [BOUNCE if x <= BOUNCE_MAX_INTERACTIONS else BAR for x in xs]
    ax.bar(xs, [counts.get(x, 0) for x in xs], color=colours, width=0.8)
    ax.set_xticks(xs, [f"{x}+" if x == cap else str(x) for x in xs])
    rate = s["bounce_rate"]
    ax.set_title(
        f"Bounce rate {percent(rate)}: sessions with at most {BOUNCE_MAX_INTERACTIONS} interaction (red)"
    )
    ax.set_xlabel("interactions in a session (touches that did something)")
    ax.set_ylabel("sessions")
    _whole_numbers(ax)
    return fig


def _barh(ax: Axes, counts: Mapping[str, int], *, of: int | None = None, top: int = 15) -> None:
    """Horizontal bars, the largest on top, labelled with the count (and share of ``of``)."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    if not items:
        ax.text(0.5, 0.5, "none yet", transform=ax.transAxes, ha="center", va="center", color=MUTED)
        ax.set_yticks([])
        ax.set_xticks([])
        return
    labels = [k for k, _v in items][::-1]
    values = [v for _k, v in items][::-1]
    bars = ax.barh(range(len(labels)), values, color=BAR, height=0.6)
    ax.set_yticks(range(len(labels)), labels)  # ids as names, never as numbers ('1858')
    text = [f"{v}" + (f" ({percent(v / of)})" if of else "") for v in values]
    ax.bar_label(bars, labels=text, padding=3, color=MUTED, fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.margins(x=0.2)
    _whole_numbers(ax, "x")


def _rows(n: int) -> float:
    return 1.2 + 0.32 * min(max(n, 2), 15)


def _languages(s: Summary) -> Figure:
    fig, ax = _figure(_rows(len(s["languages"])))
    _barh(ax, s["languages"], of=s["sessions"])
    ax.set_title("Languages: sessions that used each")
    ax.set_xlabel("sessions (a visitor who switched counts in each language)")
    return fig


def _page_views(s: Summary) -> Figure:
    fig, ax = _figure(_rows(len(s["page_views"])))
    _barh(ax, s["page_views"])
    ax.set_title("Page views")
    ax.set_xlabel("times a page was shown (page ids from content.yaml)")
    return fig


def _map(s: Summary) -> Figure:
    from matplotlib.figure import Figure

    n = max(len(s["map_layers"]), len(s["places"]))
    fig = Figure(figsize=(8.0, _rows(n) + 0.3), layout="constrained")
    left, right = fig.subplots(1, 2)
    _barh(left, s["map_layers"])
    left.set_title("Map layers chosen", fontsize=11)
    left.set_xlabel("times chosen")
    _barh(right, s["places"])
    right.set_title("Places opened on the map", fontsize=11)
    right.set_xlabel("times opened")
    detailed = s["sessions_detailed"]
    share = f" ({percent(s['sessions_with_map'] / detailed)} of sessions)" if detailed else ""
    fig.suptitle(
        f"The map: opened in {s['sessions_with_map']} sessions{share}",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=12,
    )
    return fig


def figures(summary: Summary, durations: list[float]) -> dict[str, Figure]:
    """The report's charts as matplotlib figures, by name, in the page's order. Hours,
    lengths, pages reached, bounces and the map need the detailed sessions (days kept only
    as daily totals do not say them)."""
    detailed = summary["sessions_detailed"] > 0
    charts: list[tuple[str, bool, Callable[[], Figure]]] = [
        ("hours", detailed, lambda: _hours(summary)),
        ("days", summary["sessions"] > 0, lambda: _days(summary)),
        ("lengths", bool(durations), lambda: _lengths(summary, durations)),
        ("reached", detailed, lambda: _reached(summary)),
        ("pages", bool(summary["page_views"]), lambda: _page_views(summary)),
        ("bounce", detailed, lambda: _interactions(summary)),
        ("languages", bool(summary["languages"]), lambda: _languages(summary)),
        ("map", detailed, lambda: _map(summary)),
    ]
    return {name: draw() for name, wanted, draw in charts if wanted}


def charts_svg(summary: Summary, durations: list[float]) -> dict[str, str] | None:
    """Each chart as inline SVG, or None when matplotlib is not installed."""
    try:
        import matplotlib
    except ImportError:
        return None
    with matplotlib.rc_context(_rc()):
        made = figures(summary, durations)
        out = {}
        for name, fig in made.items():
            buf = StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
            out[name] = _inline(buf.getvalue(), name)
    return out


def _inline(svg: str, name: str) -> str:
    """matplotlib's SVG file made an element of the page: no XML prolog, DOCTYPE, comments
    or metadata (their namespaces are web addresses), sized by the page, and its ids
    prefixed so that several charts in one page never share one."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", svg)
    svg = re.sub(r'<svg([^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", '<svg role="img" aria-hidden="true"', 1).strip()


# -- the page ------------------------------------------------------------------------------

CSS = """
body{margin:0;background:#f7f5f0;color:#1c2228;font:16px/1.5 "Noto Sans","Segoe UI",
Helvetica,Arial,sans-serif}
main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2.5rem 0 .5rem;
border-top:1px solid #d9d2c3;padding-top:1.25rem}
.lede{font-size:1.1rem;margin:.25rem 0 1.5rem}.muted{color:#5f584c}
.note{background:#fff;border-left:4px solid #8a6a2f;padding:.6rem 1rem}
dl.key{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:0}
dl.key div{background:#fff;border:1px solid #e4dfd5;border-radius:6px;padding:.6rem .9rem}
dl.key dt{font-size:.85rem;color:#5f584c}dl.key dd{margin:0;font-size:1.5rem;font-weight:700}
figure{margin:1rem 0;background:#fff;border:1px solid #e4dfd5;border-radius:6px;padding:.5rem}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:.9rem;color:#5f584c;padding:.25rem .5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.95rem}
th,td{text-align:left;padding:.2rem .9rem .2rem 0;border-bottom:1px solid #e4dfd5}
td.n,th.n{text-align:right}details{margin:.5rem 0}summary{cursor:pointer;color:#5f584c}
@media print{body{background:#fff}figure,dl.key div{border-color:#ccc}}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table(
    head: tuple[str, ...], rows: list[tuple[object, ...]], numeric: tuple[int, ...] = (1,)
) -> str:
    if not rows:
        return '<p class="muted">None yet.</p>'

    def cell(tag: str, i: int, value: object) -> str:
        cls = ' class="n"' if i in numeric else ""
        return f"<{tag}{cls}>{_e(value)}</{tag}>"

    th = "".join(cell("th", i, h) for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _counts_table(what: str, counts: Mapping[str, int], of: int | None = None) -> str:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if of:
        return _table(
            (what, "sessions", "share of sessions"),
            [(k, v, percent(v / of)) for k, v in rows],
            (1, 2),
        )
    return _table((what, "times"), [(k, v) for k, v in rows])


def page(summary: Summary, charts: Mapping[str, str] | None) -> str:
    """``report.html``."""
    s = summary
    parts: list[str] = []
    add = parts.append

    def chart(name: str, caption: str) -> None:
        if charts and name in charts:
            add(f"<figure>{charts[name]}<figcaption>{_e(caption)}</figcaption></figure>")

    kiosks = s["kiosks"]
    period = s["period"]
    when = f"{period['first']} to {period['last']}" if period else "no sessions yet"
    title = "Visitor statistics: " + (
        ", ".join(kiosks) if len(kiosks) <= 3 else f"{len(kiosks)} kiosks"
    )
    add(f"<h1>{_e(title)}</h1>")
    add(
        f'<p class="lede"><strong>Sessions, not visitors.</strong> A session runs from the first touch '
        f"to the last; a family at the screen together is one session, and one visitor who comes back "
        f"after the screen reset is two. {_e(when)}; hours and days in {_e(s['timezone'])}.</p>"
    )
    if not s["sessions"]:
        add("<p><strong>No sessions recorded yet.</strong></p>")
    if charts is None:
        add(
            f'<p class="note">This report has tables only: {_e(INSTALL_HINT)}, and run <code>kiosk report</code> again.</p>'
        )
    q = s["quartiles_session_s"]
    key = [
        ("sessions", f"{s['sessions']:,}".replace(",", "\u202f")),
        ("median session", duration(s["median_session_s"])),
        ("middle half", f"{duration(q[0])} to {duration(q[2])}" if q else "-"),
        ("bounce rate", percent(s["bounce_rate"])),
        ("kiosks", str(len(kiosks))),
    ]
    add(
        '<dl class="key">'
        + "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in key)
        + "</dl>"
    )
    if s["sessions_from_daily_totals"]:
        add(
            f'<p class="muted">{s["sessions_from_daily_totals"]} sessions are older than the kiosk keeps its '
            f"detailed records: they count in the sessions, bounces, page views, languages and days, "
            f"not in the hours, lengths, pages reached or map use.</p>"
        )

    add("<h2>When</h2>")
    chart("hours", f"Sessions by the hour they started ({s['timezone']}).")
    chart(
        "days",
        "Sessions per day (per week over more than three months); a day without a bar had "
        "no session: was the kiosk on, the museum open?",
    )
    add("<details><summary>Sessions per hour, the numbers</summary>")
    add(
        _table(
            (f"hour ({s['timezone']})", "sessions"),
            [(h, n) for h, n in s["sessions_per_hour"].items()],
        )
    )
    add("</details><details><summary>Sessions per day, the numbers</summary>")
    add(
        _table(
            (f"day ({s['timezone']})", "sessions"),
            [(d, n) for d, n in s["sessions_per_day"].items()],
        )
    )
    add("</details>")

    add("<h2>How long</h2>")
    chart(
        "lengths",
        "Each bar counts the sessions of that length. Half of all sessions are shorter than the "
        "median; the shaded band holds the middle half (first to third quartile).",
    )
    add(
        _table(
            ("session length", "seconds", ""),
            [
                (
                    "first quartile (a quarter of sessions are shorter)",
                    q[0] if q else "-",
                    duration(q[0] if q else None),
                ),
                (
                    "median (half are shorter)",
                    s["median_session_s"] if s["median_session_s"] is not None else "-",
                    duration(s["median_session_s"]),
                ),
                (
                    "third quartile (three quarters are shorter)",
                    q[2] if q else "-",
                    duration(q[2] if q else None),
                ),
                (
                    "mean",
                    s["mean_session_s"] if s["mean_session_s"] is not None else "-",
                    duration(s["mean_session_s"]),
                ),
            ],
            (1,),
        )
    )

    add("<h2>How far visitors get</h2>")
    chart("reached", "How many different chapters of the story a session reached.")
    add(_table(("chapters reached", "sessions"), [(k, v) for k, v in s["pages_reached"].items()]))
    chart(
        "pages",
        "Every time a page was shown, by its id in content.yaml (map: the map page, credits: the sources).",
    )
    add(_counts_table("page", s["page_views"]))

    add("<h2>Bounces</h2>")
    add(
        f"<p>A <strong>bounce</strong> is a session with at most {BOUNCE_MAX_INTERACTIONS} interaction "
        f"(a touch that did something): someone touched the screen once and left. "
        f"{s['bounces']} of {s['sessions']} sessions bounced: {_e(percent(s['bounce_rate']))}.</p>"
    )
    chart("bounce", "Sessions by their number of interactions; the bounces in red.")

    add("<h2>Languages</h2>")
    chart(
        "languages",
        "Sessions that used each language: the language a session started in, and any it switched to.",
    )
    add(_counts_table("language", s["languages"], s["sessions"]))

    add("<h2>The map</h2>")
    chart("map", "How often each year of the map was chosen, and each place opened.")
    add(f"<p>The map page was opened, or a place on it, in {s['sessions_with_map']} sessions.</p>")
    add(_counts_table("map layer", s["map_layers"]))
    add(_counts_table("place", s["places"]))
    add("<h2>Controls</h2>")
    add(_counts_table("control", s["controls"]))

    add("<h2>Kiosks</h2>")
    add(
        _table(
            ("kiosk", "sessions", "median session", "bounce rate", "first day", "last day"),
            [
                (
                    name,
                    k["sessions"],
                    duration(k["median_session_s"]),
                    percent(k["bounce_rate"]),
                    k["period"]["first"] if k["period"] else "-",
                    k["period"]["last"] if k["period"] else "-",
                )
                for name, k in s["per_kiosk"].items()
            ],
            (1, 2, 3),
        )
    )
    ended = s["sessions_ended"]
    add(
        '<p class="muted">How sessions ended: '
        + _e(", ".join(f"{k} {v}" for k, v in ended.items()) or "-")
        + " (reset: the idle timeout or Start again; closed: closing time; shutdown: the kiosk "
        "stopped; recovered: closed at the next start after a crash or power cut)."
        + (
            f" {s['sessions_open_not_counted']} sessions still under way when the files were copied are not counted."
            if s["sessions_open_not_counted"]
            else ""
        )
        + "</p>"
    )
    add(
        "<h2>What the numbers mean</h2><ul>"
        "<li><strong>Sessions, not visitors</strong>: the kiosk records no person, only touches. "
        "A session starts with the first touch on the welcome screen and ends at the last touch; "
        "the idle timeout that follows is not counted as session time.</li>"
        "<li><strong>Session length</strong>: from the first touch to the last touch. A session of one "
        "touch lasts 0 seconds.</li>"
        f"<li><strong>Bounce</strong>: a session with at most {BOUNCE_MAX_INTERACTIONS} interaction.</li>"
        "<li><strong>Start times</strong> are stored rounded down to 15 minutes, in UTC.</li>"
        "<li>Sessions from several kiosks add up; the same database file read twice counts once.</li>"
        "</ul>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def summary_json(summary: Summary) -> str:
    return json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _write(path: Path, text: str) -> None:
    """All or nothing: a temporary file beside it, then renamed over it."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write(summary: Summary, durations: list[float], out: Path, *, charts: bool = True) -> bool:
    """Write ``out/summary.json`` and ``out/report.html``; True when the page has charts."""
    svgs = charts_svg(summary, durations) if charts else None
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "summary.json", summary_json(summary))
    _write(out / "report.html", page(summary, svgs))
    return svgs is not None
