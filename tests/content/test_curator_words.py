"""Messages a curator reads: places in the file said the way a curator counts them, the
word and title budgets in every language, and one command that is the same everywhere."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import ContentError, load_content
from kiosk.content.loader import WORDS_PER_SECTION
from kiosk.content.model import Settings

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_CONTENT = ROOT / "content.yaml"


def issues_of(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def warnings_of(path) -> list[str]:
    return [str(w) for w in load_content(path, display_name="content.yaml").warnings]


# -- where: the 4th page (terms), not pages[3] ----------------------------------------------


def test_a_page_is_named_by_its_place_and_id(shipped_variant):
    path = shipped_variant(
        (
            "    title:\n      en: What the treaty said\n",
            "    titel:\n      en: What the treaty said\n",
        ),
    )
    assert [i.split(": ", 1)[1] for i in issues_of(path)] == [
        "the 3rd page (terms), titel: unknown key 'titel' - did you mean 'title'?"
    ]


def test_a_language_line_and_a_map_place_are_named_too(shipped_variant):
    path = shipped_variant(
        (
            "    - id: aigun\n      lon: 127.49\n      lat: 49.98\n      title:\n        en: Aigun\n",
            "    - id: aigun\n      lon: 900\n      lat: 49.98\n      title:\n        en: yes\n",
        ),
    )
    said = [i.split(": ", 1)[1] for i in issues_of(path)]
    assert said == [
        "the 1st map place (aigun), lon: must be less than or equal to 180",
        "the 1st map place (aigun), title (en): expected text, but YAML reads "
        "yes/no/on/off/true/false as a yes-or-no value; put the text in quotes",
    ]


def test_one_error_is_it_and_a_suggestion_has_no_stray_punctuation(write_content, minimal, capsys):
    text = "settings:\n  languages:\n    - {code: en, name: English}\n    - {code: ru, name: Русский}\n"
    path = write_content(text + minimal.replace("  title: Test exhibit", "  title:\n    rus: Тест"))
    assert cli.main(["check", str(path)]) == cli.EXIT_CONTENT
    out = capsys.readouterr().out.splitlines()
    assert out[-2].endswith(
        "attract.title.rus: 'rus' is not one of the languages (en, ru) - did you mean 'ru'? "
        "If not, add it to settings.languages"
    )
    assert out[-1] == f"{path}: 1 error: fix it and run this check again"
    assert not any(re.search(r"[?!][;,.]|;;|,,|: :|\s[;,]", line) for line in out), out


# -- budgets: words per page in each language, titles ----------------------------------------


def _body(words: int, chinese: int) -> str:
    en = " ".join(["word"] * words)
    zh = "字" * chinese
    return f"    body:\n      en: {en}\n      ru: Слово.\n      zh-Hans: {zh}\n"


def test_words_and_chinese_characters_are_counted_against_the_budget(write_content, minimal):
    langs = (
        "settings:\n  languages:\n    - {code: en, name: English}\n"
        "    - {code: zh-Hans, name: 中文}\n"
    )
    body = (
        "    body:\n      en: " + " ".join(["word"] * 71) + "\n      zh-Hans: " + "字" * 142 + "\n"
    )
    path = write_content(langs + minimal.replace("    body: First page.\n", body))
    assert warnings_of(path)[-2:] == [
        "content.yaml:13:11: warning: the 1st page (one), body (en): 71 words; visitors read at most "
        "70 words on a screen - shorten it (settings.words_per_section sets the limit)",
        "content.yaml:14:16: warning: the 1st page (one), body (zh-Hans): 142 Chinese characters, "
        "counted as 71 words (2 characters to a word); visitors read at most 70 words on a screen "
        "- shorten it (settings.words_per_section sets the limit)",
    ]
    # at the limit: nothing to say
    at_limit = body.replace(" word\n", "\n").replace("字" * 142, "字" * 140)
    path = write_content(langs + minimal.replace("    body: First page.\n", at_limit))
    assert not [w for w in warnings_of(path) if "words" in w]
    # the curator sets the budget
    path = write_content(
        langs + "  words_per_section: 80\n" + minimal.replace("    body: First page.\n", body)
    )
    assert not [w for w in warnings_of(path) if "words" in w]


def test_strict_fails_on_the_budget(write_content, minimal, capsys):
    body = "    body: " + " ".join(["word"] * 71) + "\n"
    path = write_content(minimal.replace("    body: First page.\n", body))
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert cli.main(["check", "--strict", str(path)]) == cli.EXIT_CONTENT
    out = capsys.readouterr().out
    assert "71 words; visitors read at most 70 words on a screen" in out
    assert out.rstrip().endswith("1 warning, and --strict makes it an error")


def test_a_title_too_long_for_two_lines_is_a_warning(write_content, minimal):
    long = "A very long title " * 36  # 648 characters: forty lines on the screen
    path = write_content(minimal.replace("    title: Page one\n", f"    title: {long.strip()}\n"))
    assert warnings_of(path) == [
        "content.yaml:7:12: warning: the 1st page (one), title: the title has 647 characters and "
        "will not fit two lines; keep it under 80 (kiosk proof measures it)"
    ]
    chinese = "条" * 41
    path = write_content(minimal.replace("    title: Page one\n", f"    title: {chinese}\n"))
    assert warnings_of(path) == [
        "content.yaml:7:12: warning: the 1st page (one), title: the title has 41 characters and "
        "will not fit two lines; keep it under 40 (kiosk proof measures it)"
    ]


def test_the_files_comments_say_the_budget_the_check_uses():
    text = SHIPPED_CONTENT.read_text(encoding="utf-8")
    assert Settings().words_per_section == WORDS_PER_SECTION == 70
    header = text.split("\nsettings:")[0]
    assert (
        f"30-{WORDS_PER_SECTION} words" in header and f"warns above {WORDS_PER_SECTION}" in header
    )
    assert f"\n  words_per_section: {WORDS_PER_SECTION}\n" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"30–{WORDS_PER_SECTION} words per page" in readme
    assert f"warns above {WORDS_PER_SECTION}" in readme


# -- one command, the same in the file, the README and the set-up ---------------------------


def test_the_check_command_in_content_yaml_is_the_readmes_and_it_runs():
    header = SHIPPED_CONTENT.read_text(encoding="utf-8").split("\nsettings:")[0]
    command = re.search(r"check it before you leave:\s+(\S.*\bcontent\.yaml)", header)
    assert command, "content.yaml's header names the check command"
    command_line = command.group(1).strip()
    assert command_line == ".venv/bin/kiosk check content.yaml"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{command_line}\n```" in readme
    assert command_line in (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    # typed in the exhibit folder, as the header says, it works (here with this interpreter)
    args = shlex.split(command_line)
    assert args[0] == ".venv/bin/kiosk"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *args[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("content.yaml: OK - ")


# -- a file checked away from its exhibit folder -------------------------------------------


def test_a_file_checked_away_from_its_folder_says_so_once(tmp_path, capsys):
    away = tmp_path / "Downloads" / "content.yaml"
    away.parent.mkdir()
    away.write_text(SHIPPED_CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["check", str(away)]) == cli.EXIT_CONTENT
    line = next(
        n
        for n, text in enumerate(away.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("  image: assets/")
    )
    assert capsys.readouterr().out.splitlines() == [
        f"{away}:{line}:10: none of the 5 pictures and map files this file names is in "
        f"{away.parent}: pictures are looked up next to the file - copy it into the exhibit "
        "folder first (the one with assets/) and check it there",
        f"{away}: 1 error: fix it and run this check again",
    ]


def test_one_missing_picture_in_the_exhibit_folder_is_still_named(shipped_variant):
    path = shipped_variant(("aigun-closeup.png", "aigun-closeup-2.png"))
    assert [i.split(": ", 1)[1] for i in issues_of(path)] == [
        "the 2nd page (negotiations), image.file: the picture "
        "'assets/pictures/aigun-closeup-2.png' does not exist; check the name (capitals count) "
        "and the folder"
    ]
