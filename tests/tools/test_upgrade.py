"""tools/upgrade.sh, tools/rollback.sh and tools/uninstall.sh on a throwaway kiosk.

A git repository with the project tagged v0.1.0 and v0.2.0 (and a ZIP of 0.3.0), a kiosk
folder cloned at v0.1.0 and installed offline from a wheelhouse; then upgrade, rollback and
back, each answered by the folder's own ``.venv/bin/kiosk --version``. systemctl is a stand-in
that writes down what it was asked. The uninstall runs in a made-up root (/etc, /var, a home)
with every file the deploy guide creates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIT = [
    "git",
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.org",
    "-c",
    "init.defaultBranch=main",
]


def copy_project(dest: Path) -> Path:
    """The project's files (tracked and new, not ignored: no .venv, no caches) in ``dest``."""
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, names):
        src = ROOT / os.fsdecode(name)
        if src.is_file():
            (dest / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / os.fsdecode(name))
    return dest


def set_version(project: Path, version: str) -> None:
    toml = project / "pyproject.toml"
    text, n = re.subn(r'(?m)^version = ".*"$', f'version = "{version}"', toml.read_text())
    assert n == 1
    toml.write_text(text)


def stand_in(bin_dir: Path, name: str, body: str) -> None:
    """A command on PATH that logs its arguments to bin_dir/calls.log, then runs ``body``."""
    script = bin_dir / name
    script.write_text(f'#!/bin/sh\necho "{name} $*" >>"{bin_dir}/calls.log"\n{body}\n')
    script.chmod(0o755)


def calls(bin_dir: Path) -> list[str]:
    log = bin_dir / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The throwaway repository (v0.1.0, v0.2.0), a ZIP of 0.3.0, and a wheelhouse."""
    base = tmp_path_factory.mktemp("releases")
    repo = copy_project(base / "repo")
    set_version(repo, "0.1.0")
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    for version in ("0.1.0", "0.2.0", "0.3.0"):
        set_version(repo, version)
        subprocess.run(
            [*GIT, "commit", "-qam", f"version {version}", "--allow-empty"], cwd=repo, check=True
        )
        subprocess.run([*GIT, "tag", f"v{version}"], cwd=repo, check=True)
    archive = base / "aigun-kiosk-0.3.0.zip"
    subprocess.run(
        [
            *GIT,
            "archive",
            "--format=zip",
            "--prefix=aigun-kiosk-0.3.0/",
            "-o",
            str(archive),
            "v0.3.0",
        ],
        cwd=repo,
        check=True,
    )
    subprocess.run([*GIT, "tag", "-d", "v0.3.0"], cwd=repo, check=True, capture_output=True)
    wheels = base / "wheelhouse"
    done = subprocess.run(
        ["bash", str(ROOT / "tools" / "setup.sh"), "--wheelhouse", str(wheels)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {"repo": repo, "zip": archive, "wheels": wheels}


def test_upgrade_rollback_and_back(releases: dict[str, Path], tmp_path: Path):
    kiosk = tmp_path / "Exhibit kiosk"  # any name, with a space
    subprocess.run(
        [*GIT, "clone", "-q", "--branch", "v0.1.0", str(releases["repo"]), str(kiosk)],
        check=True,
        capture_output=True,
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in(bin_dir, "systemctl", "exit 0")  # "is-active": the kiosk runs
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
    }
    wheels = str(releases["wheels"])

    def sh(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(args, cwd=kiosk, env=env, capture_output=True, text=True, timeout=600)
        if ok:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def running() -> str:
        return sh(".venv/bin/kiosk", "--version").stdout.strip()

    sh("tools/setup.sh", "--offline", wheels)
    assert running() == "kiosk 0.1.0"
    # the curator's edits, which no upgrade may undo
    content = kiosk / "content.yaml"
    content.write_text(content.read_text() + "# the curator's note\n")
    curated = content.read_text()
    shutil.copy(
        kiosk / "assets" / "pictures" / "aigun-closeup.png",
        kiosk / "assets" / "pictures" / "mine.png",
    )

    up = sh("tools/upgrade.sh", "v0.2.0", "--offline", wheels)
    assert running() == "kiosk 0.2.0"
    assert os.readlink(kiosk / ".venv") == "releases/0.2.0/.venv"
    assert os.readlink(kiosk / "releases" / "previous") == "0.1.0"
    assert "checked    content.yaml with 0.2.0: OK" in up.stdout
    assert "ships other versions of content.yaml" in up.stdout  # says so, keeps the curator's
    assert calls(bin_dir)[-1] == "systemctl --user restart kiosk.service"
    assert content.read_text() == curated and (kiosk / "assets/pictures/mine.png").exists()
    assert (kiosk / "releases" / "0.2.0" / "content.yaml").read_text() != curated

    down = sh("tools/rollback.sh")
    assert running() == "kiosk 0.1.0"
    assert "0.2.0 -> 0.1.0" in down.stdout
    assert os.readlink(kiosk / "releases" / "previous") == "0.2.0"
    assert content.read_text() == curated

    # a version that finds errors in the content is not switched to
    content.write_text(curated.replace("\nsettings:", "\nsetings:", 1))
    refused = sh("tools/rollback.sh", ok=False)
    assert refused.returncode == 1 and "still running 0.1.0" in refused.stderr
    assert running() == "kiosk 0.1.0"
    content.write_text(curated)

    before = len(calls(bin_dir))
    again = sh("tools/upgrade.sh", "v0.2.0", "--offline", wheels)  # back: installed already
    assert "releases/0.2.0 is there already" in again.stdout
    assert running() == "kiosk 0.2.0"
    assert "systemctl --user restart kiosk.service" in calls(bin_dir)[before:]

    # a release archive, from the version that runs now: keeps two versions
    sh(
        str(kiosk / "releases" / "0.2.0" / "tools" / "upgrade.sh"),
        str(releases["zip"]),
        "--offline",
        wheels,
    )
    assert running() == "kiosk 0.3.0"
    assert sorted(p.name for p in (kiosk / "releases").iterdir()) == [
        ".gitignore",
        "0.2.0",
        "0.3.0",
        "previous",
    ]
    sh("tools/rollback.sh")
    assert running() == "kiosk 0.2.0"
    assert content.read_text() == curated and (kiosk / "assets/pictures/mine.png").exists()
    # git sees the curator's work only: not .venv's link, not releases/
    status = sh("git", "status", "--porcelain").stdout.splitlines()
    assert status == [" M content.yaml", "?? assets/pictures/mine.png"]


# -- uninstall -------------------------------------------------------------------------------------

# everything deploy/README.md creates, as uninstall --dry-run names it ({R}: the root, {H}: home)
GUIDE_CREATES = [
    "would run     systemctl --user -M kiosk@ disable --now kiosk.service",
    "would remove  {H}/.config/systemd/user/graphical-session.target.wants/kiosk.service",
    "would remove  {H}/.config/systemd/user/kiosk.service",
    "would remove  {H}/.config/systemd/user/kiosk.service.d",
    "would remove  {H}/.bash_profile",
    "would remove  {H}/.xinitrc",
    "would remove  {H}/.xsession",
    "would remove  {H}/.xsession-errors",
    "would remove  {H}/aigun kiosk/.venv",
    "would remove  {H}/aigun kiosk/releases",
    "would remove  {R}/etc/systemd/system/getty@tty1.service.d/autologin.conf",
    "would run     rmdir --ignore-fail-on-non-empty {R}/etc/systemd/system/getty@tty1.service.d",
    "would run     systemctl daemon-reload",
    "would run     systemctl set-default graphical.target",
    "would remove  {R}/etc/X11/xorg.conf.d/10-kiosk.conf",
    "would edit    {R}/etc/lightdm/lightdm.conf",
    "would remove  {R}/etc/udev/rules.d/99-touch.rules",
    "would run     loginctl disable-linger kiosk",
    "would run     loginctl terminate-user kiosk",
    "would run     userdel kiosk",
]


@pytest.fixture
def deployed(tmp_path: Path) -> dict[str, Path]:
    """A made-up root with every file the guide creates, and stand-ins for the system commands."""
    root, home = tmp_path / "root", tmp_path / "root" / "home" / "kiosk"
    files = {
        "etc/systemd/system/getty@tty1.service.d/autologin.conf": "[Service]\nExecStart=\n",
        "etc/X11/xorg.conf.d/10-kiosk.conf": 'Section "ServerFlags"\nEndSection\n',
        "etc/lightdm/lightdm.conf": "[Seat:*]\nautologin-user=kiosk\nautologin-session=lightdm-xsession\n",
        "etc/udev/rules.d/99-touch.rules": 'ENV{ID_INPUT_TOUCHSCREEN}=="1"\n',
        "var/lib/systemd/linger/kiosk": "",
        "home/kiosk/.config/systemd/user/kiosk.service": "[Service]\n",
        "home/kiosk/.config/systemd/user/kiosk.service.d/wayland.conf": "[Service]\n",
        "home/kiosk/.config/systemd/user/graphical-session.target.wants/kiosk.service": "",
        "home/kiosk/.bash_profile": "if true; then\n    exec startx -- -nocursor\nfi\n",
        "home/kiosk/.xinitrc": "systemctl --user start kiosk.service\n",
        "home/kiosk/.xsession": "systemctl --user start kiosk.service\n",
        "home/kiosk/.xsession-errors": "",
        "home/kiosk/.config/aigun-kiosk/staff.json": "{}",
        "home/kiosk/.local/share/aigun-kiosk/logs/kiosk.log": "a log\n",
        "home/kiosk/aigun kiosk/content.yaml": "the curator's\n",
        "home/kiosk/aigun kiosk/assets/pictures/mine.png": "png",
        "home/kiosk/aigun kiosk/.venv/bin/python": "",
        "home/kiosk/aigun kiosk/releases/0.1.0/.venv/bin/python": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    tools = home / "aigun kiosk" / "tools"
    tools.mkdir()
    shutil.copy(ROOT / "tools" / "uninstall.sh", tools)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in(
        bin_dir, "id", '[ "$1" = -u ] && { echo 0; exit 0; }; exec /usr/bin/env -u PATH id "$@"'
    )
    stand_in(bin_dir, "getent", f'echo "kiosk:x:1001:1001:Museum kiosk:{home}:/bin/bash"')
    stand_in(bin_dir, "systemctl", '[ "$1" = get-default ] && echo multi-user.target; exit 0')
    linger = root / "var/lib/systemd/linger"
    stand_in(bin_dir, "loginctl", f'[ "$1" = disable-linger ] && rm -f "{linger}/$2"; exit 0')
    stand_in(bin_dir, "userdel", "exit 0")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "KIOSK_UNINSTALL_ROOT": str(root),
    }
    return {
        "root": root,
        "home": home,
        "bin": bin_dir,
        "script": tools / "uninstall.sh",
        "env": env,
    }  # type: ignore[dict-item]


def run_uninstall(deployed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(deployed["script"]), *args],
        env=deployed["env"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def expected(deployed) -> list[str]:
    return [line.format(R=deployed["root"], H=deployed["home"]) for line in GUIDE_CREATES]


def test_uninstall_dry_run_lists_exactly_what_the_guide_creates_and_changes_nothing(deployed):
    before = sorted(str(p) for p in deployed["root"].rglob("*"))
    done = run_uninstall(deployed, "--dry-run")
    assert done.returncode == 0, done.stderr
    listed = [
        re.sub(r"  \(.*\)$", "", line)
        for line in done.stdout.splitlines()
        if line.startswith("would ")
    ]
    assert listed == expected(deployed)
    assert sorted(str(p) for p in deployed["root"].rglob("*")) == before
    assert [
        c
        for c in calls(deployed["bin"])
        if not c.startswith(("id ", "getent ", "systemctl get-default"))
    ] == []
    assert (
        "Left (remove them with --purge" in done.stdout
        and "aigun kiosk   the kiosk folder" in done.stdout
    )


def test_every_thing_uninstall_removes_is_in_the_deploy_guide():
    guide = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    for needle in (
        "getty@tty1.service.d/autologin.conf",
        "set-default multi-user.target",
        "xorg.conf.d/10-kiosk.conf",
        "autologin-user=kiosk",
        "99-touch.rules",
        "enable-linger kiosk",
        "useradd",
        ".bash_profile",
        ".xinitrc",
        ".xsession",
        "kiosk.service.d/wayland.conf",
        "systemctl --user enable",
        "tools/uninstall.sh --dry-run",
    ):
        assert needle in guide, needle


def test_uninstall_removes_them_and_leaves_the_content_data_and_pin(deployed):
    done = run_uninstall(deployed)
    assert done.returncode == 0, done.stderr
    root, home = deployed["root"], deployed["home"]
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert left == [
        "etc/lightdm/lightdm.conf",
        "home/kiosk/.config/aigun-kiosk/staff.json",
        "home/kiosk/.local/share/aigun-kiosk/logs/kiosk.log",
        "home/kiosk/aigun kiosk/assets/pictures/mine.png",
        "home/kiosk/aigun kiosk/content.yaml",
        "home/kiosk/aigun kiosk/tools/uninstall.sh",
    ]
    assert "autologin" not in (root / "etc/lightdm/lightdm.conf").read_text()
    assert not (root / "etc/systemd/system/getty@tty1.service.d").exists()
    made = calls(deployed["bin"])
    for command in (
        "systemctl --user -M kiosk@ disable --now kiosk.service",
        "systemctl daemon-reload",
        "systemctl set-default graphical.target",
        "loginctl disable-linger kiosk",
        "loginctl terminate-user kiosk",
        "userdel kiosk",
    ):
        assert command in made
    assert f"{home}/aigun kiosk   the kiosk folder" in done.stdout
    assert "the home folder of the removed user kiosk" in done.stdout


def test_uninstall_purge_removes_the_content_and_data_too(deployed):
    done = run_uninstall(deployed, "--purge")
    assert done.returncode == 0, done.stderr
    assert "userdel -r kiosk" in calls(deployed["bin"])
    home = deployed["home"]
    assert not (home / "aigun kiosk").exists()
    assert not (home / ".local/share/aigun-kiosk").exists()
    assert not (home / ".config/aigun-kiosk").exists()
