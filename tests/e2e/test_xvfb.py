"""End to end: the installed `kiosk` command in a real X server (Xvfb, 1920x1080), driven
with real X input (xdotool): full-screen, a tap into the exhibit, escape keys that do
nothing, and a clean exit on SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KIOSK = Path(sys.executable).parent / "kiosk"  # the command tools/setup.sh installs


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs it")
        pytest.skip(f"{tool} is not installed (apt-get install xvfb xdotool)")
    return path


@pytest.fixture
def xserver(qtbot):
    """A fresh X server on a free display, once a client really gets in."""
    need("Xvfb")
    need("xdotool")
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    proc = subprocess.Popen(
        [
            "Xvfb",
            f":{number}",
            "-screen",
            "0",
            "1920x1080x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],  # no reset when the last client leaves: the kiosk may be connecting
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    qtbot.waitUntil(
        lambda: (
            proc.poll() is not None or xdotool(f":{number}", "getdisplaygeometry") == "1920 1080"
        ),
        timeout=20000,
    )
    assert proc.poll() is None, "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=20,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def geometry(display: str, window: str) -> dict[str, int]:
    out = xdotool(display, "getwindowgeometry", "--shell", window)
    return {
        k: int(v) for k, v in (line.split("=") for line in out.splitlines()) if k in "XYWIDTHHEIGHT"
    }


def test_the_installed_kiosk_in_a_real_x_server(qtbot, xserver, tmp_path):
    assert KIOSK.exists(), f"{KIOSK} is missing: run tools/setup.sh"
    data = tmp_path / "data"
    env = dict(
        os.environ,
        DISPLAY=xserver,
        QT_QPA_PLATFORM="xcb",
        KIOSK_DATA_DIR=str(data),
        KIOSK_CONFIG_DIR=str(tmp_path / "config"),
    )
    env.pop("QT_QUICK_BACKEND", None)
    kiosk = subprocess.Popen(
        [str(KIOSK), "--content", str(ROOT / "content.yaml")],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def log() -> str:
        path = data / "logs" / "kiosk.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    try:
        windows: list[str] = []

        def found() -> bool:
            windows[:] = xdotool(
                xserver, "search", "--onlyvisible", "--name", "Treaty of Aigun"
            ).split()
            return bool(windows) or kiosk.poll() is not None

        qtbot.waitUntil(found, timeout=30000)
        assert kiosk.poll() is None, kiosk.communicate()[1]
        window = windows[0]
        qtbot.waitUntil(
            lambda: geometry(xserver, window) == {"X": 0, "Y": 0, "WIDTH": 1920, "HEIGHT": 1080},
            timeout=10000,
        )

        # a visitor taps into the exhibit with a real (X) pointer click
        qtbot.waitUntil(lambda: "kiosk started" in log(), timeout=10000)
        xdotool(xserver, "mousemove", "960", "540", "click", "1")
        qtbot.waitUntil(lambda: "a visitor started" in log(), timeout=10000)

        # escape keys: nothing happens
        xdotool(xserver, "windowfocus", "--sync", window)
        for key in ("alt+F4", "Escape", "F11", "ctrl+q", "ctrl+w"):
            xdotool(xserver, "key", "--window", window, key)
        assert kiosk.poll() is None, "the kiosk went away"
        assert (
            window
            in xdotool(xserver, "search", "--onlyvisible", "--name", "Treaty of Aigun").split()
        )
        assert geometry(xserver, window) == {"X": 0, "Y": 0, "WIDTH": 1920, "HEIGHT": 1080}

        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=20) == 0
        assert "stopping (signal 15)" in log()
        assert "Traceback" not in log()
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        kiosk.communicate()
