"""The deploy guide (deploy/README.md) and the README's technician's summary say what the code does:
the staff menu's buttons, the files the kiosk writes, when an update is shown, the Windows
pieces (the console-less program, the heartbeat the watchdog script reads); and the guide's cage
route really comes up (tools/try_cage.sh, headless)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from kiosk import paths, staffpin, watchdog
from kiosk.backend import staffwords

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "deploy" / "README.md"
WATCHDOG_PS1 = ROOT / "deploy" / "windows" / "kiosk-watchdog.ps1"
MENU_KEYS = ("exit", "reload", "back")  # the staff menu's buttons, in staffwords.WORDS
# names the guide once gave buttons that do not exist
STALE = re.compile(
    r"\*\*Exit\*\*|\*Exit\*|Reload content(?! now)|\*\*Diagnostics\*\*|every content error"
)


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """From ``heading`` (a line's start) to the next heading of the same or a higher level."""
    start = text.index("\n" + heading) + 1
    level = len(heading) - len(heading.lstrip("#"))
    ends = [m.start() for m in re.finditer(rf"\n#{{1,{level}}} ", text) if m.start() > start]
    return text[start : ends[0] if ends else len(text)]


def technicians_readme() -> str:
    return section((ROOT / "README.md").read_text(encoding="utf-8"), "## Technician's guide")


# -- the staff menu ---------------------------------------------------------------------------


def menu_words() -> list[str]:
    """The menu's English buttons, from the app's own words (and the panel must use them)."""
    qml = (ROOT / "kiosk" / "qml" / "Kiosk" / "StaffPanel.qml").read_text(encoding="utf-8")
    for key in MENU_KEYS:
        assert f"Staff.words.{key}" in qml, f"StaffPanel.qml has no button Staff.words.{key}"
    words = staffwords.words("en")
    return [words[key] for key in MENU_KEYS]


def bold_after(text: str, start: str, end: str) -> list[str]:
    part = text[text.index(start) : text.index(end, text.index(start))]
    return re.findall(r"\*\*([^*]+)\*\*", part)


def test_the_guide_names_exactly_the_staff_menus_buttons():
    names = menu_words()
    assert names == ["Exit the kiosk", "Reload content now", "Back to the exhibit"]
    step9 = section(guide(), "## 9. Staff exit")
    assert bold_after(step9, "the staff menu", "Without a PIN") == names
    assert "diagnostics always shown" in step9
    windows = section(guide(), "## Windows 10/11")
    assert bold_after(windows, "the staff menu offers", "(step 9)") == names
    readme = technicians_readme()
    assert all(f"*{name}*" in readme for name in names)


def test_no_stale_staff_words_or_log_claims():
    for where, text in (("deploy/README.md", guide()), ("README.md", technicians_readme())):
        stale = STALE.findall(text)
        assert not stale, f"{where} still says {stale}"


# -- the files the kiosk writes --------------------------------------------------------------

FOLDER_CALLS = re.compile(
    r"\b(data_dir|config_dir|cache_dir|log_dir)\(\) / (\"[^\"]+\"|'[^']+'|[A-Z_]+)"
)
UNDER = {"data_dir": "", "cache_dir": "cache/", "log_dir": "logs/", "config_dir": ""}


def files_in_code() -> tuple[set[str], set[str]]:
    """(data folder, config folder) entries the kiosk writes, as the guide names them, read
    from the code: the functions that make the paths, and every ``<folder>() / name`` in kiosk/."""
    data_dir, config_dir = paths.data_dir(), paths.config_dir()
    data = {
        paths.log_dir().relative_to(data_dir).as_posix() + "/kiosk.log",
        paths.last_good_dir().relative_to(data_dir).as_posix() + "/",
        paths.cache_dir().relative_to(data_dir).as_posix() + "/",
    }
    heartbeat = watchdog.heartbeat_file({"KIOSK_HEARTBEAT": "1"})
    assert heartbeat is not None
    data.add(heartbeat.relative_to(data_dir).as_posix())
    try:
        from kiosk.analytics.store import database_path
    except ImportError:  # no visitor statistics in this version
        pass
    else:
        data.add(database_path(data_dir).name)
    config = {staffpin.staff_file().name, staffpin.lockout_file().name}
    assert {staffpin.staff_file().parent, staffpin.lockout_file().parent} == {config_dir}

    # every other place in the code that names a file in these folders
    for source in (ROOT / "kiosk").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for folder, name in FOLDER_CALLS.findall(text):
            if name[0] in "\"'":
                name = name[1:-1]
            else:  # a constant: NAME = "..." in this module or where it is imported from
                found = re.search(rf"^{name} = \"([^\"]+)\"", text, re.M) or next(
                    (
                        m
                        for other in (ROOT / "kiosk").rglob("*.py")
                        if (
                            m := re.search(
                                rf"^{name} = \"([^\"]+)\"", other.read_text("utf-8"), re.M
                            )
                        )
                    ),
                    None,
                )
                assert found, f"{source}: {folder}() / {name}: cannot find {name}'s value"
                name = found.group(1)
            entry = UNDER[folder] + name
            if folder == "config_dir":
                config.add(entry)
            elif folder == "cache_dir":
                continue  # inside cache/, which the guide names whole
            elif entry in ("logs", "last-good", "cache"):  # the folders named above
                continue
            else:
                data.add(entry)
    return data, config


def guide_tables() -> tuple[set[str], set[str]]:
    files = section(guide(), "### Files the kiosk writes")
    data_part, config_part = files.split("In its **config folder**")

    def names(part: str) -> set[str]:
        return set(re.findall(r"^\| `([^`]+)` \|", part, re.M))

    return names(data_part), names(config_part)


def test_the_guides_list_of_files_is_the_codes():
    code_data, code_config = files_in_code()
    guide_data, guide_config = guide_tables()
    assert guide_data == code_data, "data folder: guide vs code"
    assert guide_config == code_config, "config folder: guide vs code"
    assert {"logs/kiosk.log", "last-good/", "cache/", "kiosk.lock"} <= guide_data
    assert {"staff.json", "staff-lockout.json"} <= guide_config


def test_the_guide_says_last_good_stays_and_cache_may_go():
    files = section(guide(), "### Files the kiosk writes")
    rows = {m[0]: m[1] for m in re.findall(r"^\| `([^`]+)` \|(.*)$", files, re.M)}
    assert "**No**" in rows["last-good/"]
    assert rows["cache/"].rstrip(" |").endswith("Yes: it is made again.")


# -- when an update is shown -----------------------------------------------------------------


def test_the_update_sentence_has_the_shipped_idle_times():
    idle = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))["settings"]["idle"]
    timeout, warning = idle["timeout_s"], idle["warning_s"]
    total = f"at the latest {timeout + warning:g} s after the last touch"
    step8 = section(guide(), "## 8. Updating the content")
    sentence = next(s for s in re.split(r"(?<=\.)\s", step8) if "at the latest" in s)
    assert total in sentence
    assert f"timeout_s: {timeout:g}" in sentence and f"warning_s: {warning:g}" in sentence
    assert total in " ".join(technicians_readme().split())
    # the kiosk's own log line says the same
    from kiosk.backend.reload import _idle_wait

    assert _idle_wait(SimpleNamespace(data={"settings": {"idle": idle}})).startswith(total)


# -- Windows: no console, the heartbeat and its watchdog --------------------------------------


def test_the_console_less_program_is_the_kiosk_and_the_guide_uses_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["kiosk-window"] == project["scripts"]["kiosk"]
    windows = section(guide(), "## Windows 10/11")
    assert 'Shell="C:\\aigun-kiosk\\.venv\\Scripts\\kiosk-window.exe --content' in windows
    assert '-Execute "C:\\aigun-kiosk\\.venv\\Scripts\\kiosk-window.exe"' in windows
    assert 'Shell="C:\\aigun-kiosk\\.venv\\Scripts\\kiosk.exe' not in windows


def test_the_watchdog_script_reads_the_kiosks_heartbeat():
    script = WATCHDOG_PS1.read_text(encoding="utf-8")
    default = re.search(r'\[string\]\$Heartbeat = "\$env:LOCALAPPDATA\\([^"]+)"', script)
    assert default and default.group(1) == f"{paths.APP_NAME}\\{watchdog.HEARTBEAT_FILE}"
    max_age = int(re.search(r"\[int\]\$MaxAgeSeconds = (\d+)", script).group(1))
    assert max_age == 120  # "older than 2 minutes", as the guide says
    assert max_age * 1000 >= 4 * watchdog.HEARTBEAT_INTERVAL_MS  # a live kiosk is never ended
    assert re.search(r'\[string\]\$Task = "([^"]+)"', script).group(1) == "Aigun kiosk"
    windows = section(guide(), "## Windows 10/11")
    assert 'Register-ScheduledTask -TaskName "Aigun kiosk"' in windows
    assert "deploy\\windows\\kiosk-watchdog.ps1" in windows and "2 minutes" in windows
    assert "-ShellLauncher" in windows and "[switch]$ShellLauncher" in script


# -- the cage route, headless ----------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="cage is a Linux program")
@pytest.mark.parametrize("rotate", [False, True], ids=["landscape", "portrait"])
def test_the_cage_route_comes_up(rotate):
    """tools/try_cage.sh: cage as a user that is not root, headless; the kiosk under it says
    READY, keeps pinging, fills the (rotated) screen and stops cleanly. As root with apt-get
    (CI) it installs cage first, as .ci/run does for Xvfb."""
    args = [str(ROOT / "tools" / "try_cage.sh")]
    if rotate:
        args.append("--rotate")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        args.append("--install")
    done = subprocess.run(args, capture_output=True, text=True, timeout=900)
    if done.returncode == 77:
        pytest.skip(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "READY=1: the first frame is on screen" in done.stdout
    assert "after SIGTERM: exit code 0, STOPPING=1 sent" in done.stdout
    if rotate and "screenshot (grim)" in done.stdout:
        assert re.search(r"screenshot \(grim\): (\d+)x(\d+) px", done.stdout)
        w, h = map(int, re.search(r"screenshot \(grim\): (\d+)x(\d+) px", done.stdout).groups())
        assert w < h and "its window fills the screen" in done.stdout


def test_the_guides_system_packages_are_the_ones_setup_installs():
    """A bare Debian 12 lacks some of Qt's libraries (libglib2.0-0 among them: found by
    installing into a minimal Debian 12): the guide's apt-get line and tools/setup.sh agree."""
    setup = (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    listed = re.search(r"PACKAGES=\(([^)]*)\)", setup)
    assert listed
    packages = set(listed.group(1).split())
    guide = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    line = re.search(
        r"apt-get install --no-install-recommends (python3 python3-venv[^`]*?)\n```", guide, re.S
    )
    assert line
    in_guide = set(line.group(1).replace("\\", " ").split()) - {"python3", "python3-venv"}
    assert in_guide == packages
    assert "libglib2.0-0" in packages


# -- the unit file, as the guide installs it -----------------------------------------------------


def test_the_guides_sed_makes_a_unit_that_runs_a_folder_with_spaces(tmp_path):
    """A ZIP unpacks under any name: the guide's own sed, run on the shipped unit with a folder
    name with spaces, gives an ExecStart= that systemd reads as the kiosk, its options and the
    content file - each path one word (found on a VM: unquoted, 203/EXEC and a black screen)."""
    import configparser
    import shlex

    text = guide()
    sed = re.search(r"^sed (\"s\|%h/aigun-kiosk\|\$KIOSK_DIR\|g\") ", text, re.M)
    assert sed, "the guide's sed line for the unit file"
    folder = "/home/kiosk/Aigun kiosk 1.0"
    made = subprocess.run(
        ["sed", sed.group(1).strip('"').replace("$KIOSK_DIR", folder)],
        input=(ROOT / "deploy" / "kiosk.service").read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read_string(made)
    assert unit["Service"]["WorkingDirectory"] == folder  # (one path to the line's end)
    # systemd's ExecStart= quoting is the shell's for double quotes
    assert shlex.split(unit["Service"]["ExecStart"]) == [
        f"{folder}/.venv/bin/kiosk",
        "run",
        "--content",
        f"{folder}/content.yaml",
    ]
