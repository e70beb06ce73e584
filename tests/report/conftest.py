"""The two kiosks' databases of reportdata.py, in a test's own folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reportdata, simulate
from reportdata import KIOSK_A, KIOSK_B, make_db


@pytest.fixture
def kiosk_a(tmp_path) -> Path:
    (tmp_path / "entrance").mkdir()
    return make_db(
        tmp_path / "entrance" / "analytics.sqlite3",
        "entrance",
        "aaaaaaaa-0000-4000-8000-000000000001",
        KIOSK_A,
        open_session=True,
    )


@pytest.fixture
def kiosk_b(tmp_path) -> Path:
    (tmp_path / "upper-hall").mkdir()
    return make_db(
        tmp_path / "upper-hall" / "analytics.sqlite3",
        "upper hall",
        "bbbbbbbb-0000-4000-8000-000000000002",
        KIOSK_B,
    )
