"""How the picture is drawn: its colours and the pen of each kind of line.

Only the base picture (``amur-region.png``) and the ``--check-image`` preview use
these; the app draws the historic layers itself.
"""

from __future__ import annotations

from dataclasses import dataclass

PALETTE = {
    "sea_deep": (24, 41, 56),  # open, deep water
    "sea_shallow": (39, 66, 88),  # shelves and coastal water
    "lake": (44, 77, 103),
    "lake_edge": (79, 134, 173),
    "land_low": (212, 200, 170),  # lowlands: warm parchment
    "land_high": (194, 177, 142),  # mountains: a little darker and browner
    "coast": (92, 82, 66),
    "river": (79, 134, 173),  # #4f86ad
    "border": (104, 88, 72),
    "border_band": (158, 112, 92),
}


@dataclass(frozen=True)
class Style:
    """How a line or polygon layer is drawn (widths in pixels at --width 3000)."""

    color: tuple = (0, 0, 0)
    alpha: float = 1.0
    width: float = 1.0
    dash: tuple = ()  # in units of width, Qt convention
    fill: tuple | None = None
    fill_alpha: float = 1.0
    cap: str = "round"


STYLES = {
    "minor": Style(PALETTE["river"], 0.5, 1.2),
    "medium": Style(PALETTE["river"], 0.75, 1.8),
    "main": Style(PALETTE["river"], 1.0, 3.2),
    "amur": Style(PALETTE["river"], 1.0, 5.0),
    "border": Style(PALETTE["border"], 0.8, 2.2, dash=(4.0, 2.5), cap="flat"),
    "border_band": Style(PALETTE["border_band"], 0.22, 10.0),
    "coast": Style(PALETTE["coast"], 0.85, 1.3),
    "lake_edge": Style(PALETTE["lake_edge"], 0.7, 1.0),
    # for --geojson layers (later: historic borders)
    "geojson": Style((200, 162, 90), 1.0, 3.0, dash=(3.0, 2.0)),
}

# for --check-image: loud colours, to see at a glance where each layer lies
CHECK_STYLES = {
    "undetermined-1689": Style((110, 0, 150), 0.9, 1.0, fill=(110, 0, 150), fill_alpha=0.25),
    "ceded-1858": Style((200, 60, 40), 0.9, 1.5, fill=(220, 60, 40), fill_alpha=0.35),
    "joint-1858": Style((200, 140, 0), 0.9, 1.5, fill=(240, 170, 0), fill_alpha=0.35),
    "border-1689": Style((110, 0, 150), 1.0, 4.0, dash=(3.0, 2.0), cap="flat"),
    "border-1858": Style((190, 0, 0), 1.0, 3.0),
    "border-1860": Style((0, 110, 0), 1.0, 2.0),
}
