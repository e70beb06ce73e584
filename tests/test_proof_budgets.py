"""kiosk proof: never a picture of what the file does not say, the budgets it enforces (a page
that scrolls, a title of more than two lines, the word budget), pictures people can open
(a scrolled page under a band, never taller than four screens) and the map's popups."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from kiosk import cli, proof, scene

BAND = QColor("#2b3440")  # the label bands' ground
BAND_LINE = QColor("#e0a04a")  # and the line at their top
LONG_BODY = " ".join(f"word{i % 97}" + ("." if i % 12 == 11 else "") for i in range(5000))
LONG_TITLE = ("A title much too long " * 30)[:640].strip()


@pytest.fixture
def proof_run(qapp, capsys):
    def run(*args: str) -> tuple[int, list[str], list[str]]:
        code = cli.main(["proof", *args])
        out, err = capsys.readouterr()
        return code, out.splitlines(), err.splitlines()

    return run


def files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# -- A. never what the file does not say ----------------------------------------------------------


def test_a_full_proof_of_a_broken_file_removes_the_earlier_run_and_says_there_is_no_proof(
    proof_run, write_content, minimal, tmp_path
):
    path, out_dir = write_content(minimal), tmp_path / "proof"
    code, out, _ = proof_run("--content", str(path), "--out", str(out_dir))
    assert code == cli.EXIT_CONTENT  # (the small test picture is enlarged: a problem)
    assert "en/02-one.png" in files(out_dir) and "contact-en.png" in files(out_dir)
    (out_dir / "my-notes.txt").write_text("a curator's own file\n")
    (out_dir / "en" / "mine").mkdir()
    (out_dir / "en" / "mine" / "01-sketch.png").write_bytes(b"a curator's own picture")

    path.write_text(minimal.replace("title: Page one", "titel: x"), encoding="utf-8")
    code, out, _ = proof_run("--content", str(path), "--out", str(out_dir))
    assert code == cli.EXIT_CONTENT
    assert out == [
        f"{path}:7:5: the 1st page (one), titel: unknown key 'titel' - did you mean 'title'?",
        f"No proof: {path} has 1 error; fix it and run kiosk proof again",
    ]
    # nothing of the earlier run: no picture, no sheet; the curator's files stay
    assert files(out_dir) == [
        ".kiosk-proof-files",
        "en/mine/01-sketch.png",
        "my-notes.txt",
        "report.txt",
    ]
    assert (out_dir / "report.txt").read_text(encoding="utf-8").splitlines() == [
        out[-1],
        out[0],
    ]


def test_one_screen_of_a_broken_file_removes_the_earlier_picture_and_writes_nothing(
    proof_run, write_content, minimal, tmp_path
):
    path, target = write_content(minimal), tmp_path / "one.png"
    assert proof_run("--content", str(path), "--screen", "one", "--out", str(target))[0] == 0
    assert QImage(str(target)).height() == 1080
    path.write_text(minimal.replace("body: First page.", "body: [First page."), encoding="utf-8")
    code, out, _ = proof_run("--content", str(path), "--screen", "one", "--out", str(target))
    assert code == cli.EXIT_CONTENT
    assert out[-1] == f"No proof: {path} has 1 error; fix it and run kiosk proof again"
    assert len(out) == 2 and out[0].startswith(f"{path}:8:")
    assert not target.exists()
    # a file that is no picture, given as --out by mistake, is never removed
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture")
    code, _, _ = proof_run("--content", str(path), "--screen", "one", "--out", str(notes))
    assert code == cli.EXIT_CONTENT and notes.read_text() == "not a picture"


def test_an_unknown_screen_is_answered_with_the_screens_there_are(
    proof_run, write_content, minimal, tmp_path
):
    code, out, err = proof_run(
        "--content", str(write_content(minimal)), "--screen", "nowhere", "--out", "x.png"
    )
    assert code == cli.EXIT_USAGE and out == []
    assert err == [
        "kiosk proof: no screen 'nowhere'; the screens are: attract, one, two, credits, "
        "idle-warning"
    ]


# -- B and C. budgets, and pictures people can open -----------------------------------------------


def too_long(minimal: str) -> str:
    """A page of 5,000 words, and a title of 640 characters."""
    page = minimal.replace("body: First page.", f"body: {LONG_BODY}")
    return page.replace("title: Page two", f"title: {LONG_TITLE}")


def test_a_page_far_too_long_and_a_title_of_many_lines_are_problems(
    proof_run, write_content, minimal, tmp_path
):
    path = write_content(too_long(minimal))
    out_dir = tmp_path / "proof"
    code, out, _ = proof_run("--content", str(path), "--out", str(out_dir))
    assert code == cli.EXIT_CONTENT
    scrolls = [line for line in out if "needs scrolling" in line]
    assert len(scrolls) == 1, out
    assert re.fullmatch(
        re.escape(f"{path}:8:11 (the 1st page (one), body): [one, en] the page needs scrolling ")
        + r"in en \(the text is \d+\.\d screens tall\): shorten it, or write allow_scrolling: "
        r"true under the page",
        scrolls[0],
    ), scrolls
    tall = float(re.search(r"(\d+\.\d) screens", scrolls[0]).group(1))
    assert tall > 20
    titles = [line for line in out if "the title takes" in line]
    assert len(titles) == 1, out
    assert re.fullmatch(
        re.escape(f"{path}:11:12 (the 2nd page (two), title): [two, en] the title takes ")
        + r"\d+ lines on the screen, more than 2: shorten it",
        titles[0],
    ), titles
    assert int(re.search(r"takes (\d+) lines", titles[0]).group(1)) > 4
    # kiosk check's word budget fails the proof too
    words = [line for line in out if re.search(r"\b5000 words\b", line)]
    assert len(words) == 1 and words[0].startswith(f"{path}:8:11 ("), out
    assert (out_dir / "report.txt").read_text(encoding="utf-8").splitlines() == out[:-1]

    # the picture: the first screen, a band, what lies below; at most four screens, and a
    # last band that says what was left out
    image = QImage(str(out_dir / "en" / "02-one.png"))
    assert image.width() == 1920 and 3 * 1080 < image.height() <= 4 * 1080
    band = max(36, round(1080 / 20))
    assert image.pixelColor(5, 1080) == BAND_LINE and image.pixelColor(5, 1080 + 20) == BAND
    assert image.pixelColor(5, image.height() - band) == BAND_LINE
    assert image.pixelColor(5, image.height() - 10) == BAND
    assert image.pixelColor(5, image.height() - band - 20) != BAND  # the text, above the band
    # a page of one screen is the screen
    assert QImage(str(out_dir / "en" / "03-two.png")).height() == 1080


def test_one_screen_prints_the_problems_the_full_proof_finds_on_it(
    proof_run, write_content, minimal, tmp_path
):
    """`kiosk proof --screen` is the curator's quick look: the same checks, for that screen."""
    path, target = write_content(too_long(minimal)), tmp_path / "two.png"
    code, out, _ = proof_run("--content", str(path), "--screen", "two", "--out", str(target))
    assert code == cli.EXIT_CONTENT
    titles = [line for line in out if "the title takes" in line]
    assert len(titles) == 1, out
    assert titles[0].startswith(f"{path}:11:12 (the 2nd page (two), title): [two, en] ")
    assert out[-2:] == [
        f"wrote {target}",
        f"{len(out) - 2} problem{'s' * (len(out) != 3)} on this screen (the picture: {target})",
    ]
    assert not any("needs scrolling" in line for line in out)  # page one's: not this screen
    assert QImage(str(target)).height() == 1080
    # a screen with nothing wrong: the picture, and exit 0
    code, out, _ = proof_run("--content", str(path), "--screen", "attract", "--out", str(target))
    assert (code, out) == (cli.EXIT_OK, [f"wrote {target}"])


def test_allow_scrolling_lets_a_page_scroll(proof_run, write_content, minimal, tmp_path):
    body = " ".join(f"word{i}" for i in range(190))
    text = minimal.replace("body: First page.", f"body: {body}")
    path = write_content(text)
    code, out, _ = proof_run("--content", str(path), "--out", str(tmp_path / "a"))
    assert code == cli.EXIT_CONTENT
    assert any("[one, en] the page needs scrolling in en" in line for line in out), out
    image = QImage(str(tmp_path / "a" / "en" / "02-one.png"))
    assert 1080 < image.height() < 2 * 1080  # the rest below the band: no last band
    assert image.pixelColor(5, 1080 + 20) == BAND
    assert image.pixelColor(5, image.height() - 10) != BAND

    path = write_content(text.replace("  - id: one\n", "  - id: one\n    allow_scrolling: true\n"))
    code, allowed, _ = proof_run("--content", str(path), "--out", str(tmp_path / "b"))
    # the same problems but that one (the word budget and the small picture stay)
    assert code == cli.EXIT_CONTENT
    assert [line for line in allowed[:-1] if "needs scrolling" not in line] == allowed[:-1]
    assert len(allowed) == len(out) - 1, (out, allowed)


# -- D. the map: a popup over its own marker ---------------------------------------------------------


def test_a_box_over_a_markers_centre_covers_it():
    marker = QPointF(100, 100)
    assert scene.covers(QRectF(50, 50, 200, 100), marker)
    assert not scene.covers(QRectF(120, 50, 200, 100), marker)  # beside it
    assert not scene.covers(QRectF(50, 101, 200, 100), marker)  # below it


def test_a_popup_that_covers_its_marker_is_a_problem_with_the_places_line(qapp, shipped_content):
    where = proof.Locator(shipped_content)
    kiosk = proof.create_app(shipped_content, preview=False, cache=False)
    try:
        proof.show(kiosk, "map-popup-aigun")
        assert proof.popup_problems(kiosk, "map-popup-aigun", "en", where) == []
        popup = scene.find_shown(kiosk.window, "hotspotPopup")
        marker = scene.find_shown(kiosk.window, "hotspot_aigun")
        assert popup is not None and marker is not None
        # the popup moved over its place, as a place near the map's edge could have it
        at = popup.parentItem().mapFromScene(scene.rect(marker).center())
        popup.setX(at.x() - popup.width() / 2)
        popup.setY(at.y() - popup.height() / 2)
        proof.frame(kiosk)
        line = shipped_content.read_text(encoding="utf-8").splitlines().index("    - id: aigun")
        assert [str(p) for p in proof.popup_problems(kiosk, "map-popup-aigun", "en", where)] == [
            f"{shipped_content}:{line + 1}:11 (the 1st map place (aigun), id): "
            "[map-popup-aigun, en] the popup of the place 'aigun' covers its own marker: "
            "move the place (lon, lat) or shorten its text"
        ]
    finally:
        kiosk.close()


def test_the_word_budgets_warnings_are_the_ones_the_proof_fails_on(write_content, minimal):
    from kiosk.content import load_content

    langs = "settings:\n  languages:\n    - {code: en, name: English}\n    - {code: fr, name: Français}\n"
    words = " ".join(["word"] * 71)
    long_title = "A title " * 12
    text = langs + minimal.replace("    body: First page.\n", f"    body: {words}\n").replace(
        "    title: Page one\n", f"    title: {long_title.strip()}\n"
    )
    warnings = load_content(write_content(text), display_name="content.yaml").warnings
    kinds = {w.kind: w.message.split(";")[0] for w in warnings}
    assert kinds == {
        "words": "71 words",  # the proof fails on it
        "title": "the title has 95 characters and will not fit two lines",  # measured instead
        "": "the kiosk has no built-in fr words for its buttons (home, next, chapter_of, credits, "
        "map_reset, see_on_map, idle_question, idle_hint, idle_countdown, idle_continue, "
        "idle_restart, closed_title, closed_hint, reopens_today, reopens_tomorrow, reopens_on, "
        "weekdays, credits_sources, credits_software, area, text_size, audio_start, contrast, "
        "audio_mode, audio_on, audio_off, audio_help, volume_level, louder, quieter, repeat, "
        "role_button, position, select_hint, picture_open, picture_close)",
    }
    assert [p.message for p in proof.budget_warnings(proof.Locator(write_content(text)))] == [
        "71 words; visitors read at most 70 words on a screen - shorten it "
        "(settings.words_per_section sets the limit)"
    ]


def test_a_name_over_a_place_on_the_map_is_a_problem_of_that_year(qapp, shipped_content):
    where = proof.Locator(shipped_content)
    kiosk = proof.create_app(shipped_content, preview=False, cache=False)
    try:
        proof.show(kiosk, "map-1858")
        assert proof.map_layer(kiosk) == "1858"
        assert proof.check(kiosk, "map-1858", "en", where) == []
        marker = scene.find_shown(kiosk.window, "hotspot_aigun")
        name = next(
            i
            for i in scene.items(kiosk.window.contentItem())
            if i.objectName().startswith("mapName_") and scene.shown(i)
        )
        assert marker is not None
        # the name moved over the place, as a name badly placed in the map's data would be
        at = name.parentItem().mapFromScene(scene.rect(marker).center())
        name.setX(at.x() - name.width() / 2)
        name.setY(at.y() - name.height() / 2)
        proof.frame(kiosk)
        line = shipped_content.read_text(encoding="utf-8").splitlines().index("    - id: aigun")
        found = [str(p) for p in proof.check(kiosk, "map-1858", "en", where)]
        pair = sorted([f"'{name.objectName()}'", "'hotspot_aigun'"])
        assert (
            f"{shipped_content}:{line + 1}:11 (the 1st map place (aigun), id): [map-1858, en] "
            f"on the map of 1858, {' and '.join(pair)} overlap (a name written on the map)"
        ) in [p.replace(" and ".join(pair[::-1]), " and ".join(pair)) for p in found], found
    finally:
        kiosk.close()
