"""The kiosk as a process: one instance, a clean exit on SIGTERM, READY=1 for systemd."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile

import pytest


@pytest.fixture
def env(tmp_path):
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG_DIR=str(tmp_path / "config"),
    )


def start(env, content) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--content", str(content)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def log_text(env) -> str:
    try:
        with open(os.path.join(env["KIOSK_DATA_DIR"], "logs", "kiosk.log"), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def test_one_kiosk_at_a_time_and_a_clean_stop(qtbot, env, shipped_content):
    first = start(env, shipped_content)
    try:
        qtbot.waitUntil(lambda: "kiosk started" in log_text(env), timeout=20000)
        second = subprocess.run(
            [sys.executable, "-m", "kiosk", "--content", str(shipped_content)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 4
        assert "another kiosk is already running" in second.stderr
        assert "Traceback" not in second.stderr
        assert (
            f"ERROR kiosk: another kiosk is already running (process {first.pid} on "
            in log_text(env)
        )
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=20) == 0
        assert "stopping (signal 15)" in log_text(env)
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate()
    third = start(
        env, shipped_content
    )  # the lock is free again (and a stale one would be taken over)
    try:
        qtbot.waitUntil(lambda: log_text(env).count("kiosk started") == 2, timeout=20000)
    finally:
        third.send_signal(signal.SIGTERM)
        assert third.wait(timeout=20) == 0
        third.communicate()


def test_systemd_hears_ready_once_the_screen_is_drawn(qtbot, env, shipped_content):
    folder = tempfile.mkdtemp(dir="/tmp")
    address = os.path.join(folder, "notify")
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(address)
    systemd.setblocking(False)
    heard: list[str] = []

    def listen() -> list[str]:
        try:
            while True:
                heard.extend(systemd.recv(4096).decode().split("\n"))
        except BlockingIOError:
            return heard

    kiosk = start(dict(env, NOTIFY_SOCKET=address, WATCHDOG_USEC="400000"), shipped_content)
    try:
        qtbot.waitUntil(lambda: "READY=1" in listen(), timeout=20000)
        qtbot.waitUntil(lambda: listen().count("WATCHDOG=1") >= 2, timeout=10000)
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=20) == 0
        assert "STOPPING=1" in listen()
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        kiosk.communicate()
        systemd.close()
