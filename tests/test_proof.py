"""kiosk proof: every screen in every language to PNG, and the layout checks, with lines."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from kiosk import cli

LONG_WORD = "Supercalifragilisticexpialidocious" * 3


@pytest.fixture
def proof(qapp, capsys):
    def run(*args: str) -> tuple[int, list[str]]:
        code = cli.main(["proof", *args])
        return code, capsys.readouterr().out.splitlines()

    return run


def test_the_shipped_exhibit_has_no_layout_problem_in_any_language(
    proof, shipped_content, tmp_path
):
    code, out = proof("--content", str(shipped_content), "--out", str(tmp_path))
    assert code == cli.EXIT_OK, "\n".join(out)
    assert out[-1].startswith("no problems; contact sheets: ")
    for lang in ("en", "ru", "zh-Hans"):
        shots = sorted((tmp_path / lang).glob("*.png"))
        names = [p.stem.split("-", 1)[1] for p in shots]
        assert names[:7] == [
            "attract",
            "background",
            "negotiations",
            "terms",
            "aftermath",
            "map",
            "credits",
        ]
        assert {"map-1689", "map-1858", "map-1860", "map-popup-aigun", "idle-warning"} <= set(names)
        for mode in ("contrast", "large"):  # the pages again in high contrast and large text
            modes = sorted(p.stem.split("-", 1)[1] for p in (tmp_path / lang / mode).glob("*.png"))
            assert modes == sorted(
                ["background", "negotiations", "terms", "aftermath", "map", "credits"]
            )
        sheet = QImage(str(tmp_path / f"contact-{lang}.png"))
        assert sheet.width() > 1000 and sheet.height() > 1000
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "no problems\n"


def test_bad_content_is_reported_with_screen_language_and_line(
    proof, write_content, minimal, tmp_path
):
    settings = "settings:\n  screen:\n    diagonal_in: 32\n    button_mm: 8\n"
    path = write_content(settings + minimal.replace("title: Page one", f"title: {LONG_WORD}"))
    code, out = proof("--content", str(path), "--out", str(tmp_path / "proof"))
    assert code == cli.EXIT_CONTENT
    title = [line for line in out if "[one, en] text" in line and "supercalifragilistic" in line]
    assert title and title[0].startswith(
        f"{path}:11:12 (the 1st page (one), title): [one, en] text "
    ), out
    small = [line for line in out if "touch target 'homeButton'" in line]
    assert small and small[0].startswith(
        f"{path}:4:16 (settings.screen.button_mm): [one, en] touch target 'homeButton' is "
    ), out
    assert "under 15 mm" in small[0]
    assert out[-1].startswith(f"{len(out) - 1} problems; ")
    assert (tmp_path / "proof" / "report.txt").read_text(encoding="utf-8").count("\n") == len(
        out
    ) - 1


def test_one_screen_in_one_language(proof, shipped_content, tmp_path):
    target = tmp_path / "credits-ru.png"
    code, out = proof(
        "--content",
        str(shipped_content),
        "--screen",
        "credits",
        "--lang",
        "ru",
        "--out",
        str(target),
    )
    assert code == cli.EXIT_OK and out == [f"wrote {target}"]
    image = QImage(str(target))
    assert (
        image.width() == 1920 and image.height() >= 1080
    )  # (a page that scrolls: its whole length)
    assert (
        proof("--content", str(shipped_content), "--screen", "nowhere", "--out", str(target))[0]
        == cli.EXIT_USAGE
    )


def test_a_broken_content_file_is_not_proofed(proof, write_content, minimal, tmp_path):
    code, out = proof(
        "--content",
        str(write_content(minimal.replace("title: Page one", "titel: x"))),
        "--out",
        str(tmp_path / "proof"),
    )
    assert code == cli.EXIT_CONTENT
    assert "unknown key 'titel'" in out[0]
    assert not (tmp_path / "proof").exists()


@pytest.fixture
def proof_err(qapp, capsys):
    def run(*args: str) -> tuple[int, list[str], list[str]]:
        code = cli.main(["proof", *args])
        out, err = capsys.readouterr()
        return code, out.splitlines(), err.splitlines()

    return run


def test_a_picture_that_cannot_be_saved_is_an_error_naming_the_file(
    proof_err, write_content, minimal, tmp_path
):
    content = write_content(minimal)
    nowhere = tmp_path / "no-such-folder" / "attract.png"
    code, out, err = proof_err(
        "--content", str(content), "--screen", "attract", "--out", str(nowhere)
    )
    assert code == cli.EXIT_CONTENT and out == []
    assert err == [f"kiosk proof: cannot write {nowhere}: no such file or directory"]
    folder = tmp_path / "a-folder.png"
    folder.mkdir()
    code, out, err = proof_err(
        "--content", str(content), "--screen", "attract", "--out", str(folder)
    )
    assert code == cli.EXIT_CONTENT and out == []
    assert err == [f"kiosk proof: cannot write {folder}: is a directory"]


def test_a_full_proof_that_cannot_save_stops_and_leaves_nothing_that_claims_success(
    proof_err, write_content, minimal, tmp_path
):
    out_dir = tmp_path / "proof"
    (out_dir / "en" / "01-attract.png").mkdir(parents=True)  # in the way of the first picture
    (out_dir / "contact-en.png").write_bytes(b"a sheet of an earlier run")
    (out_dir / "report.txt").write_text("no problems\n")
    code, out, err = proof_err("--content", str(write_content(minimal)), "--out", str(out_dir))
    assert code == cli.EXIT_CONTENT and "no problems" not in "\n".join(out)
    assert (
        err[-1] == f"kiosk proof: cannot write {out_dir / 'en' / '01-attract.png'}: is a directory"
    )
    assert not list(out_dir.glob("contact-*.png"))
    assert (out_dir / "report.txt").read_text() == "the proof did not finish\n"
    code, out, err = proof_err(
        "--content", str(write_content(minimal)), "--out", str(tmp_path / "content.yaml")
    )
    assert code == cli.EXIT_CONTENT
    assert err[-1] == f"kiosk proof: cannot write {tmp_path / 'content.yaml'}: a file is in the way"


def test_a_broken_content_file_leaves_no_earlier_success_in_the_proof_folder(
    proof, write_content, minimal, tmp_path
):
    out_dir = tmp_path / "proof"
    out_dir.mkdir()
    (out_dir / "contact-en.png").write_bytes(b"a sheet of an earlier run")
    (out_dir / "report.txt").write_text("no problems\n")
    path = write_content(minimal.replace("title: Page one", "titel: x"))
    code, out = proof("--content", str(path), "--out", str(out_dir))
    assert code == cli.EXIT_CONTENT
    assert not list(out_dir.glob("contact-*.png"))
    report = (out_dir / "report.txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == f"No proof: {path} has 1 error; fix it and run kiosk proof again"
    assert report[1:] == out[:-1] and "unknown key 'titel'" in report[1]


def test_one_screen_of_a_broken_file_is_its_errors_not_the_last_good_version(
    proof, write_content, minimal, tmp_path
):
    path, target = write_content(minimal), tmp_path / "attract.png"
    assert proof("--content", str(path), "--screen", "attract", "--out", str(target)) == (
        cli.EXIT_OK,
        [f"wrote {target}"],
    )  # a good version: now in the cache
    path.write_text(minimal.replace("title: Page one", "titel: x"), encoding="utf-8")
    code, out = proof("--content", str(path), "--screen", "attract", "--out", str(target))
    assert code == cli.EXIT_CONTENT
    assert (
        "unknown key 'titel'" in out[0]
        and out[-1] == f"No proof: {path} has 1 error; fix it and run kiosk proof again"
    )
    assert not target.exists()  # the picture of the good version is gone too
