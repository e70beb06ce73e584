"""The lock file, and the offline install: a wheelhouse made by ``tools/setup.sh --wheelhouse``
installs the kiosk into a fresh venv with every index out of pip's reach, and the installed
``kiosk check`` passes on the shipped content.

Slow-ish (PySide6 is ~80 MB): the wheelhouse is made once for the module, from pip's cache
after the first run (about 20 s here in all)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "kiosk.lock"
REFRESH = (
    "uv pip compile pyproject.toml requirements/build.in --universal --generate-hashes "
    "--python-version 3.11 -o requirements/kiosk.lock"
)


def no_network_env(data_dir: Path) -> dict[str, str]:
    """pip with every index unreachable: any attempt to download fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(
        PIP_NO_INDEX="1",
        PIP_INDEX_URL="http://127.0.0.1:9/",
        PIP_EXTRA_INDEX_URL="",
        PIP_FIND_LINKS="",
        PIP_CONFIG_FILE=os.devnull,  # no pip.conf: no local indexes, no find-links
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        https_proxy="http://127.0.0.1:9",
        http_proxy="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        HTTP_PROXY="http://127.0.0.1:9",
        no_proxy="",
        NO_PROXY="",
        KIOSK_DATA_DIR=str(data_dir),
    )
    return env


def copy_project(dest: Path) -> Path:
    """The project's files (tracked and new, not ignored: no .venv, no caches) in ``dest``."""
    try:
        names = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.split(b"\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked ZIP)
        shutil.copytree(
            ROOT,
            dest,
            ignore=shutil.ignore_patterns(".venv", ".git", "releases", "*cache*", "*.egg-info"),
        )
        return dest
    for name in filter(None, names):
        src = ROOT / os.fsdecode(name)
        if src.is_file():
            (dest / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / os.fsdecode(name))
    return dest


def locked() -> dict[str, str]:
    return {
        canonicalize_name(m[1]): m[2]
        for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", LOCK.read_text(), re.M)
    }


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse") / "USB stick"
    done = subprocess.run(
        ["bash", str(ROOT / "tools" / "setup.sh"), "--wheelhouse", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


# -- the lock ------------------------------------------------------------------------------------


def test_the_lock_pins_every_dependency_pyproject_asks_for_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = locked()
    for spec in project["project"]["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in {LOCK.name}"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is not {req.specifier}"
    assert pins["pyside6-essentials"].startswith("6.11."), "6.12.0 aborts Python 3.11"
    assert pins["shiboken6"] == pins["pyside6-essentials"]
    assert "setuptools" in pins  # builds the kiosk's own package offline
    text = LOCK.read_text()
    for block in re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2]):
        assert "--hash=sha256:" in block, f"no hash: {block.splitlines()[0]}"


def test_the_refresh_command_is_at_the_top_of_the_lock_and_in_the_readme():
    assert REFRESH in "\n".join(LOCK.read_text().splitlines()[:3])
    assert REFRESH in (ROOT / "README.md").read_text(encoding="utf-8")
    setup = (ROOT / "tools" / "setup.sh").read_text()
    assert "--require-hashes" in setup and "requirements/kiosk.lock" in setup


# -- the offline install -------------------------------------------------------------------------


def test_the_wheelhouse_holds_every_locked_package_and_the_lock(wheelhouse: Path):
    wheels = {
        canonicalize_name(w.name.split("-")[0]): w.name.split("-")[1]
        for w in wheelhouse.glob("*.whl")
    }
    assert wheels == locked()
    assert (wheelhouse / "kiosk.lock").read_bytes() == LOCK.read_bytes()
    assert "tools/setup.sh --offline" in (wheelhouse / "README.txt").read_text()


def test_installs_from_the_wheelhouse_with_no_network_and_kiosk_check_passes(
    wheelhouse: Path, tmp_path: Path
):
    kiosk_dir = copy_project(tmp_path / "any name (unpacked ZIP)")
    env = no_network_env(tmp_path / "data")
    done = subprocess.run(
        ["tools/setup.sh", "--offline", str(wheelhouse)],
        cwd=kiosk_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert done.stdout.splitlines()[-2:] == [
        "Ready. In this folder, check the content:  .venv/bin/kiosk check content.yaml",
        "       and see the kiosk in a window:     .venv/bin/kiosk --windowed",
    ]
    check = subprocess.run(
        [".venv/bin/kiosk", "check", "content.yaml"],
        cwd=kiosk_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("content.yaml: OK")
    version = subprocess.run(
        [".venv/bin/kiosk", "--version"], cwd=kiosk_dir, env=env, capture_output=True, text=True
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert version.stdout.strip() == f"kiosk {project['project']['version']}"
    # the locked versions, not whatever the wheelhouse might also hold
    freeze = subprocess.run(
        [".venv/bin/python", "-m", "pip", "freeze", "--all"],
        cwd=kiosk_dir,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert f"PySide6_Essentials=={locked()['pyside6-essentials']}" in freeze.replace(
        "pyside6-essentials", "PySide6_Essentials"
    )


def test_without_the_wheel_pip_fails_instead_of_downloading(wheelhouse: Path, tmp_path: Path):
    """The no-network setting is real: a wheelhouse that lacks one wheel cannot install."""
    partial = tmp_path / "partial"
    partial.mkdir()
    for f in wheelhouse.iterdir():
        if not f.name.startswith("typing_extensions"):
            os.link(f, partial / f.name)
    kiosk_dir = copy_project(tmp_path / "kiosk")
    done = subprocess.run(
        ["tools/setup.sh", "--offline", str(partial)],
        cwd=kiosk_dir,
        env=no_network_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert "typing" in done.stderr.lower()
    assert not (kiosk_dir / ".venv" / "bin" / "kiosk").exists()


def test_a_wheelhouse_of_another_version_is_refused(tmp_path: Path):
    kiosk_dir = copy_project(tmp_path / "kiosk")
    other = tmp_path / "other"
    other.mkdir()
    (other / "kiosk.lock").write_text("pyside6-essentials==6.12.0 \\\n    --hash=sha256:00\n")
    done = subprocess.run(
        ["tools/setup.sh", "--offline", str(other)],
        cwd=kiosk_dir,
        env=no_network_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert "made for another version of the kiosk" in done.stderr


def test_a_fresh_debian_12_with_no_network_installs_from_a_wheelhouse():
    """The issue's "done when": tools/try_offline_debian.sh builds a minimal Debian 12
    (debootstrap), takes all network away (unshare -n), installs from a wheelhouse made here
    into a folder of another name, and runs kiosk check (and kiosk run, which must name the
    Qt library a bare Debian lacks). Skipped where it cannot run (not root, no debootstrap)."""
    script = Path(__file__).resolve().parents[2] / "tools" / "try_offline_debian.sh"
    done = subprocess.run([str(script)], capture_output=True, text=True, timeout=1200)
    if done.returncode == 77:
        pytest.skip(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "content.yaml: OK - " in done.stdout
    assert "installed with no network from the wheelhouse" in done.stdout
