"""The ``kiosk`` command as curators and technicians use it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli


def run_kiosk(*args, cwd=None, env=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_check_the_shipped_content(shipped_content):
    result = run_kiosk("check", str(shipped_content))
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(
        f"{shipped_content}: OK - 4 pages, 2 images; languages: en, ru, zh-Hans; words per page (en): background "
    )
    assert result.stderr == ""


def test_check_defaults_to_content_yaml_in_the_current_folder(shipped_content):
    result = run_kiosk("check", cwd=shipped_content.parent)
    assert result.returncode == 0
    assert result.stdout.startswith("content.yaml: OK")


def test_check_lists_every_error_and_exits_1(write_content, minimal):
    path = write_content(
        minimal.replace("label: Two", "label: no")
        .replace("titel", "x")
        .replace("  prompt: Touch", "  promt: Touch")
    )
    result = run_kiosk("check", "content.yaml", cwd=path.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content.yaml:3:3: attract.promt: unknown key 'promt' - did you mean 'prompt'?",
        "content.yaml:10:12: the 2nd page (two), label: expected text, but YAML reads yes/no/on/off/true/false as a "
        "yes-or-no value; put the text in quotes",
        "content.yaml: 2 errors: fix them and run this check again",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2():
    result = run_kiosk("check", "a.yaml", "b.yaml")
    assert result.returncode == 2
    assert "usage: kiosk" in result.stderr


def test_run_with_broken_content_says_why_and_exits_1(write_content):
    path = write_content("attract: [\n")
    result = run_kiosk("run", "--windowed", "--content", str(path))
    assert result.returncode == 1
    assert f"{path}:1:10: the list that starts with [ on line 1 is never closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_internal_error_is_one_line_and_the_traceback_goes_to_the_log(
    monkeypatch, capsys, write_content, minimal, tmp_path
):
    import kiosk.content

    def broken(*a, **k):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(kiosk.content, "load_content", broken)
    code = cli.main(["check", str(write_content(minimal))])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_INTERNAL
    assert "Traceback" not in out + err
    (line,) = err.strip().splitlines()
    assert line.startswith(
        "kiosk: internal error (RuntimeError: something nobody expected); details in "
    )
    log_file = line.rsplit("details in ", 1)[1]
    assert "Traceback" in Path(log_file).read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--version"], ["check", "--help"]])
def test_help_and_version_exit_0(args):
    assert run_kiosk(*args).returncode == 0


def log_of(data: Path) -> str:
    return (data / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_a_usage_error_reaches_the_log_file_too(tmp_path):
    result = run_kiosk("run", "--no-such-option", env={"KIOSK_DATA_DIR": str(tmp_path)})
    assert result.returncode == cli.EXIT_USAGE
    assert (
        result.stderr.splitlines()[-1] == "kiosk: error: unrecognized arguments: --no-such-option"
    )
    assert not any(
        line.startswith("kiosk: usage error") for line in result.stderr.splitlines()
    )  # said once
    assert (
        "ERROR kiosk: usage error (exit 2): kiosk: unrecognized arguments: --no-such-option; the command "
        "was: kiosk run --no-such-option" in log_of(tmp_path)
    )


def test_a_kiosk_with_no_screen_to_use_says_so_in_the_log_file(tmp_path, shipped_content):
    env = {"KIOSK_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "xcb", "DISPLAY": ""}
    result = run_kiosk("run", "--content", str(shipped_content), env=env)
    assert result.returncode != 0  # Qt aborts: systemd restarts it, the log says why
    said = (
        "CRITICAL kiosk: the kiosk cannot start: there is no screen it can use (platform xcb; "
        "DISPLAY is not set, WAYLAND_DISPLAY is not set). Start it inside the graphical session"
    )
    assert said in log_of(tmp_path)
    assert result.stderr.count("the kiosk cannot start: there is no screen") == 1


def test_a_missing_system_library_is_named_with_its_package(tmp_path, shipped_content):
    fake = tmp_path / "fake" / "PySide6"
    fake.mkdir(parents=True)  # a PySide6 whose Qt cannot load libEGL, as on a bare Debian
    (fake / "__init__.py").write_text(
        'raise ImportError("libEGL.so.1: cannot open shared object file: No such file or '
        'directory")\n',
        encoding="utf-8",
    )
    env = {"KIOSK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(fake.parent)}
    result = run_kiosk("run", "--content", str(shipped_content), env=env)
    assert result.returncode == cli.EXIT_INTERNAL
    said = (
        "the kiosk cannot start: the system library libEGL.so.1 is missing; run tools/setup.sh "
        "(it installs what Qt needs) or, as root: apt-get install libegl1"
    )
    assert f"CRITICAL kiosk: {said}" in log_of(tmp_path / "data")
    assert result.stderr.startswith(f"kiosk: {said}") and "Traceback" not in result.stderr


def test_a_kiosk_that_cannot_start_for_its_content_says_so_in_the_log_file_too(
    tmp_path, write_content
):
    path = write_content("attract: [\n")
    result = run_kiosk(
        "run", "--windowed", "--content", str(path), env={"KIOSK_DATA_DIR": str(tmp_path / "data")}
    )
    assert result.returncode == cli.EXIT_CONTENT
    log = log_of(tmp_path / "data")
    assert f"ERROR kiosk: {path}:1:10: the list that starts with [ on line 1 is never closed" in log
    assert (
        f"ERROR kiosk: {path}: the kiosk cannot start: 1 error and no good version to show (exit 1)"
        in log
    )
    assert result.stderr.count("is never closed") == 1  # the console: once, without "kiosk: "
