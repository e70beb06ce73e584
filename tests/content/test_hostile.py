"""Hostile content (tests/hostile.py makes each case): a file that passes `kiosk check` never
crashes the kiosk, every failure is a located error, and a restart comes back on the last
good version.  Whatever the input, load_content and open_content raise nothing but
ContentError."""

from __future__ import annotations

import math
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import (
    ContentError,
    SnapshotCache,
    load_content,
    loader,
    mapdata,
    open_content,
    safeio,
    yamlload,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import hostile


def errors_of(path) -> list[str]:
    """The located messages; anything but ContentError fails the test."""
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def checked(path, capsys) -> str:
    """`kiosk check` as a curator runs it: exit 1 (content errors), never 3, no traceback."""
    assert cli.main(["check", str(path)]) == cli.EXIT_CONTENT
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return out.out


# -- 1. characters YAML does not allow ----------------------------------------------------


@pytest.mark.parametrize(
    "char, said",
    [
        ("\x07", "control character (U+0007, BEL)"),
        ("\x00", "control character (U+0000, NUL)"),
        ("\x1b", "control character (U+001B, escape)"),
        ("\ufeff", "character (U+FEFF, zero-width no-break space)"),
    ],
)
def test_an_invisible_character_is_located(tmp_path, capsys, char, said):
    path = hostile.control_character(tmp_path, char)
    assert errors_of(path) == [
        f"content.yaml:11:17: remove the invisible {said} here: it was probably pasted from a word processor, "
        "and a content file cannot contain it"
    ]
    assert f"{path}:11:17: remove the invisible" in checked(path, capsys)


def test_many_invisible_characters_are_listed_once_each_up_to_a_limit(tmp_path):
    path = hostile.write(
        tmp_path, hostile.minimal().replace("Second page.", "Second\x07 page." * 30)
    )
    messages = errors_of(path)
    assert len(messages) == yamlload.MAX_ISSUES_HERE + 1
    assert messages[0].startswith(
        "content.yaml:12:17: remove the invisible control character (U+0007, BEL)"
    )
    assert messages[1].startswith(
        "content.yaml:12:30: remove the invisible control character (U+0007, BEL)"
    )
    assert (
        messages[-1]
        == "content.yaml:12:277: ... and 10 more such characters from here on; is this a text file?"
    )


# -- 2. numbers, and the map's files -----------------------------------------------------


def test_a_number_too_long_for_python(tmp_path, capsys):
    path = hostile.long_number(tmp_path)
    assert errors_of(path) == [
        "content.yaml:11:12: the 2nd page (two), title: '77777777777777777777... (5,000 characters)' is too long to be "
        "read as a number; write an ordinary number, or put text in quotes"
    ]
    checked(path, capsys)


@pytest.mark.parametrize(
    "value, said",
    [(".inf", "infinity (.inf)"), ("-.inf", "infinity (.inf)"), (".nan", "'not a number' (.nan)")],
)
def test_a_hotspot_at_infinity(tmp_path, capsys, value, said):
    path = hostile.hotspot_number(tmp_path, value)
    assert errors_of(path) == [
        f"content.yaml:29:12: the 1st map place (aigun), lat: expected an ordinary number, got {said}; write one"
    ]
    checked(path, capsys)


LAYERS = "content.yaml:20:16: map.layers_file: the file 'map/layers.geojson' "
REGENERATE = "regenerate it with tools/make_map.py"


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '{"type": "FeatureCollection", "features": 5}',
            f"is not a GeoJSON FeatureCollection: its 'features' is 5, not a list; {REGENERATE}",
        ),
        ("[1, 2]", f"is not a GeoJSON FeatureCollection; {REGENERATE}"),
        ('"features"', f"is not a GeoJSON FeatureCollection; {REGENERATE}"),
        ('{"features": ["x"]}', f'feature 1 is not a GeoJSON feature (found "x"); {REGENERATE}'),
        (
            '{"features": [{"properties": 7}]}',
            f"feature 1 has properties that are not a section; {REGENERATE}",
        ),
        (
            '{"features": [{"properties": {"id": ["a"]}}]}',
            f"feature 1 has an id that is not text (list); {REGENERATE}",
        ),
        (
            '{"features": [{"properties": {"id": "ceded-1858"}, "geometry": null}]}',
            "feature 1 ('ceded-1858') has no geometry the kiosk can draw (found null; it draws Point, LineString, "
            f"MultiLineString, Polygon, MultiPolygon); {REGENERATE}",
        ),
        (
            '{"features": [{"properties": {"id": "ceded-1858"}, "geometry": {"type": "Polygon", "coordinates": 3}}]}',
            f"feature 1 ('ceded-1858') has coordinates that are not lists (found 3); {REGENERATE}",
        ),
        (
            '{"features": [{"properties": {"id": "ceded-1858", "area_km2": "big"}}]}',
            f"feature 1 ('ceded-1858') has an area_km2 that is not a number of square kilometres (\"big\"); {REGENERATE}",
        ),
        (
            '{"features": [{"properties": {"id": "ceded-1858"}, "geometry": {"type": "Point", "coordinates": '
            "[127, 95]}}]}",
            "feature 1 ('ceded-1858') has a point off the earth (longitude 127, latitude 95; they go from -180 to 180 "
            f"and -90 to 90); {REGENERATE}",
        ),
        (
            '{"features": [' + "1e999" + "]}",
            f"feature 1 is not a GeoJSON feature (found Infinity); {REGENERATE}",
        ),
        ('{"features": [' + "9" * 50 + "]}", f"has a number 50 digits long; {REGENERATE}"),
        (
            "[" * 500_000 + "]" * 500_000,
            "has more than 100,000 points; the kiosk draws at most 100,000 points in all "
            "- simplify the shapes",
        ),
        ("[" * 100_000 + "]" * 100_000, f"is nested too deeply to be a map file; {REGENERATE}"),
        (
            "{not json",
            f"is not valid JSON (Expecting property name enclosed in double quotes at line 1, column 2); "
            f"{REGENERATE}",
        ),
    ],
)
def test_a_broken_layers_file_is_named_with_what_is_wrong(tmp_path, capsys, text, message):
    path = hostile.layers_file(tmp_path, text)
    assert errors_of(path) == [LAYERS + message]
    checked(path, capsys)


@pytest.mark.parametrize(
    "value, message",
    [
        ("Infinity", f"has Infinity where a number belongs (JSON has no Infinity); {REGENERATE}"),
        ("NaN", f"has NaN where a number belongs (JSON has no NaN); {REGENERATE}"),
        (
            "east",
            f"feature 1 ('ceded-1858') has a coordinate that is not a number (\"east\"); {REGENERATE}",
        ),
        (
            None,
            f"feature 1 ('ceded-1858') has a coordinate that is not a number (null); {REGENERATE}",
        ),
        (
            True,
            f"feature 1 ('ceded-1858') has a coordinate that is not a number (true); {REGENERATE}",
        ),
    ],
)
def test_coordinates_that_are_not_numbers(tmp_path, value, message):
    assert errors_of(hostile.coordinate(tmp_path, value)) == [LAYERS + message]


GEOMETRY = "content.yaml:19:13: map.geometry: the file 'map/map.json' "


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda i: i.pop("bounds"), f"has no 'bounds' section; {REGENERATE}"),
        (
            lambda i: i["projection"].pop("lon_0"),
            f"has no usable projection.lon_0 (a number from -180 to 180, found null); {REGENERATE}",
        ),
        (
            lambda i: i["projection"].update(lat_1="45"),
            f'has no usable projection.lat_1 (a number from -90 to 90, found "45"); {REGENERATE}',
        ),
        (
            lambda i: i["projection"].update(lat_1=-50.0, lat_2=50.0, lat_0=0.0),
            f"has a projection the kiosk cannot compute; {REGENERATE}",
        ),
        (
            lambda i: i["bounds"].update(x_max=i["bounds"]["x_min"]),
            f"has bounds whose minimum is not below their maximum; {REGENERATE}",
        ),
        (
            lambda i: i["size"].update(width=0),
            f"has no usable size.width (whole pixels, 1 to 30,000; found 0); {REGENERATE}",
        ),
        (
            lambda i: i["size"].update(height=2400.5),
            f"has no usable size.height (whole pixels, 1 to 30,000; found 2400.5); {REGENERATE}",
        ),
        (lambda i: i.clear(), "has no projection, bounds and size: is it map.json?"),
    ],
)
def test_a_broken_map_json_is_named_with_what_is_wrong(tmp_path, capsys, change, message):
    path = hostile.map_json(tmp_path, change)
    assert errors_of(path) == [GEOMETRY + message]
    checked(path, capsys)


def test_map_files_have_caps_on_features_and_points(tmp_path, monkeypatch):
    monkeypatch.setattr(mapdata, "MAX_POINTS", 100)
    load_content(hostile.huge_polygon(tmp_path / "at", 100))  # at the cap: fine
    assert errors_of(hostile.huge_polygon(tmp_path / "over", 101)) == [
        LAYERS
        + "has more than 100 points (at feature 1 ('ceded-1858')); the kiosk draws at most 100 points in "
        "all - simplify the shapes"
    ]
    features = ",".join(['{"properties": {}}'] * 201)
    assert errors_of(
        hostile.layers_file(tmp_path / "features", '{"features": [' + features + "]}")
    ) == [
        LAYERS
        + "has 201 features; the kiosk shows at most 200 - keep the borders, areas and places the exhibit shows"
    ]


def test_a_million_point_polygon_is_refused_before_it_is_read(tmp_path):
    assert errors_of(hostile.huge_polygon(tmp_path)) == [
        LAYERS
        + "is 9.0 MB; a layers file may be at most 4 MB (100,000 points) - simplify the shapes"
    ]


def test_a_layers_file_with_no_ids_still_has_layers_checked(tmp_path):
    path = hostile.layers_file(tmp_path, '{"type": "FeatureCollection", "features": []}')
    assert errors_of(path) == [
        "content.yaml:25:14: the 1st map layer (1858), show, the 1st item: 'ceded-1858' is not in the layers file (it has: nothing with an id)"
    ]


# -- 3. limits while reading -------------------------------------------------------------


def test_a_million_keys_are_refused_at_once(tmp_path, capsys):
    path = hostile.million_keys(tmp_path)
    assert path.stat().st_size > 2_000_000
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    assert [str(i) for i in e.value.issues] == [
        "content.yaml:1:2002: this section has more than 1,000 entries (it starts at line 1); an exhibit needs far "
        "fewer - is this the right file?"
    ]
    assert e.value.total == 1
    assert len(checked(path, capsys).splitlines()) == 2  # the error, and the summary line


def test_values_are_counted_while_the_file_is_read(tmp_path, monkeypatch):
    def never(*args):
        raise AssertionError("the whole file was read before the limit was checked")

    monkeypatch.setattr(yamlload._Builder, "build", never)
    assert errors_of(hostile.many_values(tmp_path)) == [
        "content.yaml:50000:9: the file has more than 50,000 values; an exhibit needs far fewer - is this the "
        "right file?"
    ]


def test_an_alias_used_inside_itself_is_refused(tmp_path):
    path = hostile.write(tmp_path, "a: &a [x, *a]\n")
    assert errors_of(path) == [
        "content.yaml:1:8: values are nested more than 40 levels deep (is a YAML alias used inside itself?); "
        "write the content out plainly"
    ]


def test_a_curator_gets_at_most_fifty_problems_and_how_many_more(tmp_path, capsys):
    path = hostile.duplicate_keys(tmp_path, 900)
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    messages = [str(i) for i in e.value.issues]
    assert len(messages) == 51 and e.value.total == e.value.error_count == 900
    assert messages[0] == (
        "content.yaml:20:3: credits.body: duplicate key 'body' (first at line 18); keep only one "
        "of them"
    )
    assert messages[-1] == (
        "content.yaml:70:3: ... and 850 more problems from here on, not listed; fix the ones "
        "above and check again"
    )
    assert len(checked(path, capsys).splitlines()) == 52


def test_many_model_errors_are_capped_too(tmp_path):
    pages = "".join(
        f"  - id: p{i}\n    label: L\n    title: T\n    body: B\n    colour: red\n"
        for i in range(300)
    )
    text = (
        hostile.minimal().split("pages:")[0]
        + "pages:\n"
        + pages
        + "credits:\n  title: C\n  body: B\n"
    )
    with pytest.raises(ContentError) as e:
        load_content(hostile.write(tmp_path, text), display_name="content.yaml")
    assert e.value.total == 300 and len(e.value.issues) == 51
    assert str(e.value.issues[0]) == (
        "content.yaml:9:5: the 1st page (p0), colour: unknown key 'colour' (allowed here: id, "
        "label, title, body, image, map_view, figure, allow_scrolling)"
    )


# -- 4. names that are not regular files --------------------------------------------------


@pytest.fixture
def fifo(tmp_path):
    """A FIFO; should a test open it blocking, a writer comes after 10 s (the test fails, it does not hang)."""
    path = hostile.fifo(tmp_path / "special")

    def unblock():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    timer = threading.Timer(10, unblock)
    timer.start()
    yield path
    timer.cancel()


@pytest.fixture
def unix_socket(tmp_path):
    path = tmp_path / "special" / "socket"
    path.parent.mkdir(exist_ok=True)
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        yield path


def special_file(request, tmp_path, special: str):
    """A device by name, or the fixture's FIFO or socket, or a folder."""
    fixture = {"fifo": "fifo", "socket": "unix_socket"}.get(special)
    if fixture:
        return request.getfixturevalue(fixture)
    return tmp_path if special == "folder" else special


@pytest.mark.parametrize(
    "role, where", [("geometry", "19:13: map.geometry"), ("layers_file", "20:16: map.layers_file")]
)
@pytest.mark.parametrize(
    "special, kind",
    [
        ("/dev/zero", "a device"),
        ("/dev/urandom", "a device"),
        ("fifo", "a pipe (FIFO)"),
        ("socket", "a socket"),
        ("folder", "a folder"),
    ],
)
def test_a_map_file_that_is_not_a_file(tmp_path, request, role, where, special, kind):
    target = special_file(request, tmp_path, special)
    assert errors_of(hostile.special_file(tmp_path / "case", str(target), role)) == [
        f"content.yaml:{where}: '{target}' is {kind}, not a file; give the path of the map's file"
    ]


@pytest.mark.parametrize(
    "special, kind",
    [
        ("/dev/zero", "a device"),
        ("fifo", "a pipe (FIFO)"),
        ("socket", "a socket"),
        ("folder", "a folder"),
    ],
)
def test_a_picture_that_is_not_a_file(tmp_path, request, special, kind):
    target = special_file(request, tmp_path, special)
    assert errors_of(hostile.special_file(tmp_path / "case", str(target), "picture")) == [
        f"content.yaml:14:13: the 2nd page (two), image.file: the picture '{target}' is {kind}, not a picture file"
    ]


@pytest.mark.parametrize(
    "special, kind", [("/dev/zero", "a device"), ("fifo", "a pipe (FIFO)"), ("folder", "a folder")]
)
def test_a_content_file_that_is_not_a_file(tmp_path, request, capsys, special, kind):
    target = special_file(request, tmp_path, special)
    assert errors_of(target) == [
        f"content.yaml:1:1: this is {kind}, not a content file; give the path of content.yaml"
    ]
    assert checked(target, capsys).splitlines()[0] == (
        f"{target}:1:1: this is {kind}, not a content file; give the path of content.yaml"
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_size_limit_does_not_trust_stat():
    assert os.stat("/proc/self/status").st_size == 0  # says empty, holds a page of text
    with pytest.raises(safeio.TooBig):
        safeio.read_file("/proc/self/status", 100)
    data, _ = safeio.read_file("/proc/self/status", 1_000_000)
    assert data.startswith(b"Name:")


def test_a_name_no_file_can_have(tmp_path):
    path = hostile.write(tmp_path, hostile.minimal().replace("file: pic.png", 'file: "pic\\0.png"'))
    assert errors_of(path) == [
        "content.yaml:14:13: the 2nd page (two), image.file: the picture 'pic\x00.png' cannot be read: its name contains a "
        "character no file name can have"
    ]


# -- 5. numbers in sane ranges ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        (
            "3000000",
            "3000000 s is more than an hour: the idle reset would wait for ever in practice. Museums use "
            "60-120 s (at most 3600; 0 turns the reset off)",
        ),
        (".inf", "expected an ordinary number, got infinity (.inf); write one such as 90"),
        (".nan", "expected an ordinary number, got 'not a number' (.nan); write one such as 90"),
        ("9" * 400, "999999999999... (400 digits) is far too large a number; write one such as 90"),
    ],
)
def test_idle_timeouts_out_of_range_are_errors(tmp_path, value, message):
    assert errors_of(hostile.idle_timeout(tmp_path, value)) == [
        f"content.yaml:3:16: settings.idle.timeout_s: {message}"
    ]


def test_warning_and_screen_numbers_must_be_finite(tmp_path):
    path = hostile.write(
        tmp_path,
        "settings:\n  idle:\n    warning_s: .inf\n  screen:\n    diagonal_in: .nan\n"
        + hostile.minimal(),
    )
    assert errors_of(path) == [
        "content.yaml:3:16: settings.idle.warning_s: expected an ordinary number, got infinity (.inf); "
        "write one such as 15",
        "content.yaml:5:18: settings.screen.diagonal_in: expected an ordinary number, got 'not a number' (.nan); "
        "write one such as 32",
    ]


@pytest.mark.parametrize(
    "timeout, warning",
    [
        (3e6, 15),
        (math.inf, math.inf),
        (math.nan, math.nan),
        (-5, -1),
        ("soon", None),
        (1e300, 1e300),
    ],
)
def test_the_idle_timer_clamps_what_it_is_given(qapp, timeout, warning):
    from kiosk.backend.idle import Idle

    idle = Idle()
    idle.configure(timeout, warning)
    idle.set_active(True)  # would raise OverflowError for a timer of more than 24 days
    assert 0 <= idle._timeout <= 3600 and 0 <= idle._warning_s <= 600
    assert idle._idle_timer.interval() <= 3_600_000
    idle.set_active(False)


# -- 6. a restart always comes back on the last good version -------------------------------


@pytest.fixture
def cache(tmp_path):
    return SnapshotCache(tmp_path / "cache")


def test_any_failure_of_the_checks_is_a_located_error(tmp_path, monkeypatch):
    def broken(*args):
        raise KeyError("surprise")

    monkeypatch.setattr(loader, "_check", broken)
    assert errors_of(hostile.write(tmp_path, hostile.minimal())) == [
        "content.yaml:1:1: the kiosk could not check this file (KeyError: 'surprise'); the details are in the "
        "kiosk's log - please report them with the file"
    ]


def test_whatever_fails_a_restart_shows_the_last_good_version(tmp_path, cache, monkeypatch):
    path = hostile.write(tmp_path, hostile.minimal())
    good, _ = open_content(path, cache)
    hostile.write(tmp_path, hostile.minimal().replace("Page one", "Page 1"))

    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(loader, "load_content", broken)
    shown, issues = open_content(path, cache)
    assert shown == good
    assert [str(i) for i in issues] == [
        f"{path}:1:1: the kiosk could not check this file (MemoryError); the details are in the kiosk's log"
    ]
    with pytest.raises(ContentError):  # with no good version, still nothing but ContentError
        open_content(path, None)


@pytest.mark.parametrize(
    "case",
    [
        lambda folder: hostile.control_character(folder),
        lambda folder: hostile.long_number(folder),
        lambda folder: hostile.million_keys(folder),
        lambda folder: hostile.write(folder, b"\xff\xfe binary"),
    ],
)
def test_a_broken_edit_after_a_good_one_starts_on_the_good_one(tmp_path, cache, case):
    path = hostile.write(tmp_path, hostile.minimal())
    good, _ = open_content(path, cache)
    case(tmp_path)
    shown, issues = open_content(path, cache)
    assert shown == good and issues and all(i.severity == "error" for i in issues)


def test_a_content_file_replaced_by_a_fifo_starts_on_the_last_good_version(tmp_path, cache):
    path = hostile.write(tmp_path, hostile.minimal())
    good, _ = open_content(path, cache)
    path.unlink()
    os.mkfifo(path)
    shown, issues = open_content(path, cache)
    assert shown == good
    assert [i.message for i in issues] == [
        "this is a pipe (FIFO), not a content file; give the path of content.yaml"
    ]


def test_the_last_good_pictures_are_shown_even_when_replaced_on_disk(tmp_path, cache):
    path = hostile.write(tmp_path, hostile.minimal())
    pixels = (tmp_path / "pic.png").read_bytes()
    good, _ = open_content(path, cache)
    (tmp_path / "pic.png").unlink()
    (tmp_path / "pic.png").mkdir()  # the picture became a folder, and the text changed too
    hostile.write(tmp_path, hostile.minimal().replace("Page one", "Page 1"))
    shown, issues = open_content(path, cache)
    assert shown == good
    assert [i.message for i in issues] == ["the picture 'pic.png' is a folder, not a picture file"]
    assert Path(shown.images["pic.png"]["path"]).read_bytes() == pixels


def test_the_ui_shows_the_cached_copy(tmp_path, cache):
    from kiosk.backend.exhibit import present_pages

    path = hostile.write(tmp_path, hostile.minimal())
    snap, _ = open_content(path, cache)
    url = present_pages(snap)[1]["image"]["url"]
    assert Path(url.toLocalFile()).parent == cache.pictures_folder(path.resolve())
    assert load_content(path).picture_at(url.toLocalFile()) == "pic.png"  # what kiosk proof asks


def test_a_warm_start_reads_no_picture(tmp_path, cache, monkeypatch):
    path = hostile.write(tmp_path, hostile.minimal())
    open_content(path, cache)
    read = []
    real = safeio.read_file
    monkeypatch.setattr(
        safeio, "read_file", lambda p, limit: read.append(Path(p).name) or real(p, limit)
    )
    _snap, issues = open_content(path, cache)
    assert issues == [] and all(not name.endswith(".png") for name in read)


# -- 7. words --------------------------------------------------------------------------------


def test_a_body_over_seventy_words_is_a_warning(tmp_path):
    assert load_content(hostile.long_body(tmp_path / "70", 70)).warnings == ()
    (warning,) = load_content(
        hostile.long_body(tmp_path / "71", 71), display_name="content.yaml"
    ).warnings
    assert str(warning) == (
        "content.yaml:8:11: warning: the 1st page (one), body: 71 words; visitors read at most 70 words "
        "on a screen - shorten it (settings.words_per_section sets the limit)"
    )


# -- and a legal exhibit at every limit still passes ---------------------------------------


def test_the_worst_legal_exhibit_passes(tmp_path):
    loaded = load_content(
        hostile.worst_legal(tmp_path, pages=20, hotspots=20, layers=20, features=20, points=2_000)
    )
    assert len(loaded.model.pages) == 20 and len(loaded.map["features"]) == 20
    assert all(i.severity == "warning" for i in loaded.warnings)
