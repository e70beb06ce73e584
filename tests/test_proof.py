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


def test_the_shipped_exhibit_has_no_layout_problem_in_any_language(proof, shipped_content, tmp_path):
    code, out = proof("--content", str(shipped_content), "--out", str(tmp_path))
    assert code == cli.EXIT_OK, "\n".join(out)
    assert out[-1].startswith("no problems; contact sheets: ")
    for lang in ("en", "ru", "zh-Hans"):
        shots = sorted((tmp_path / lang).glob("*.png"))
        names = [p.stem.split("-", 1)[1] for p in shots]
        assert names[:7] == ["attract", "background", "negotiations", "terms", "aftermath", "map", "credits"]
        assert {"map-1689", "map-1858", "map-1860", "hotspot-aigun", "idle-warning"} <= set(names)
        sheet = QImage(str(tmp_path / f"contact-{lang}.png"))
        assert sheet.width() > 1000 and sheet.height() > 1000
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "no problems\n"


def test_bad_content_is_reported_with_screen_language_and_line(proof, write_content, minimal, tmp_path):
    settings = "settings:\n  screen:\n    diagonal_in: 32\n    button_mm: 8\n"
    path = write_content(settings + minimal.replace("title: Page one", f"title: {LONG_WORD}"))
    code, out = proof("--content", str(path), "--out", str(tmp_path / "proof"))
    assert code == cli.EXIT_CONTENT
    title = [line for line in out if "[one, en] text" in line and "supercalifragilistic" in line]
    assert title and title[0].startswith(f"{path}:11:12 (pages[0].title): [one, en] text "), out
    small = [line for line in out if "touch target 'homeButton'" in line]
    assert small and small[0].startswith(f"{path}:4:16 (settings.screen.button_mm): [one, en] touch target "
                                         "'homeButton' is "), out
    assert "under 15 mm" in small[0]
    assert out[-1].startswith(f"{len(out) - 1} problems; ")
    assert (tmp_path / "proof" / "report.txt").read_text(encoding="utf-8").count("\n") == len(out) - 1


def test_one_screen_in_one_language(proof, shipped_content, tmp_path):
    target = tmp_path / "terms-ru.png"
    code, out = proof("--content", str(shipped_content), "--screen", "terms", "--lang", "ru", "--out", str(target))
    assert code == cli.EXIT_OK and out == [f"wrote {target}"]
    image = QImage(str(target))
    assert image.width() == 1920 and image.height() > 1080  # the Russian terms scroll: the whole length
    assert proof("--content", str(shipped_content), "--screen", "nowhere", "--out", str(target))[0] == cli.EXIT_USAGE


def test_a_broken_content_file_is_not_proofed(proof, write_content, minimal, tmp_path):
    code, out = proof("--content", str(write_content(minimal.replace("title: Page one", "titel: x"))),
                      "--out", str(tmp_path / "proof"))
    assert code == cli.EXIT_CONTENT
    assert "unknown key 'titel'" in out[0]
    assert not (tmp_path / "proof").exists()
