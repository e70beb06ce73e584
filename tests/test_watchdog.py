"""The systemd watchdog (kiosk/watchdog.py) against a fake systemd: a datagram socket we read.

A ping must mean "the GUI thread runs and the screen shows frames": none while the GUI thread
is blocked, none for another process's WATCHDOG_PID, and an idle window is not kept redrawing.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import sys
import tempfile
import time
import uuid

import pytest
from PySide6 import QtQuick  # noqa: F401  (rootObjects() -> QQuickWindow)
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtQml import QQmlApplicationEngine

from kiosk import watchdog
from kiosk.watchdog import (
    DEFAULT_INTERVAL_MS,
    HEARTBEAT_INTERVAL_MS,
    Watchdog,
    heartbeat_file,
    notify,
    watchdog_interval_ms,
)

INTERVAL_MS = 100
STILL_QML = b"""
import QtQuick
Window {
    width: 200; height: 100; visible: %s
    Rectangle { anchors.fill: parent; color: "steelblue" }
}
"""


class FakeSystemd:
    """The receiving end of NOTIFY_SOCKET: a non-blocking AF_UNIX datagram socket."""

    def __init__(self, bind_to: str, address: str):
        self.address = address  # what NOTIFY_SOCKET says
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(bind_to)
        self.sock.setblocking(False)
        self.messages: list[str] = []

    def take(self) -> list[str]:
        """Read what has arrived (without processing any Qt event) and return everything so far."""
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode("utf-8"))
            except BlockingIOError:
                return self.messages

    def count(self, message: str) -> int:
        return self.take().count(message)

    def drain(self) -> None:
        self.take()
        self.messages.clear()


@pytest.fixture
def systemd():
    folder = tempfile.mkdtemp(prefix="wd-", dir="/tmp")  # AF_UNIX paths are limited to 108 bytes
    path = os.path.join(folder, "notify")
    fake = FakeSystemd(path, path)
    yield fake
    fake.sock.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def make_window(qtbot):
    """A bare QQuickWindow (a still picture) from a tiny QML; closed and deleted after the test."""
    engines = []

    def make(visible: bool = True):
        engine = QQmlApplicationEngine()
        engine.loadData(QByteArray(STILL_QML % (b"true" if visible else b"false")))
        window = engine.rootObjects()[0]
        if visible:
            qtbot.waitExposed(window)
        engines.append(engine)
        return window

    yield make
    for engine in engines:
        for window in engine.rootObjects():
            window.close()
    engines.clear()  # the last references: the engines and their windows go now


@pytest.fixture
def make_watchdog(make_window):
    """Watchdogs on a window; stopped (before their window goes) after the test."""
    made = []

    def make(window, env, **kwargs) -> Watchdog:
        dog = Watchdog(window, env, **kwargs)
        made.append(dog)
        return dog

    yield make
    for dog in made:
        dog.stop()


def count_frames(window) -> list[int]:
    frames = [0]

    def frame():
        frames[0] += 1

    window.frameSwapped.connect(frame)
    return frames


def test_ready_after_the_first_frame_then_pings(qtbot, systemd, make_window, make_watchdog):
    window = make_window(visible=False)
    env = {
        "NOTIFY_SOCKET": systemd.address,
        "WATCHDOG_USEC": str(2 * INTERVAL_MS * 1000),
        "WATCHDOG_PID": str(os.getpid()),
    }
    dog = make_watchdog(window, env)
    assert dog.interval_ms == INTERVAL_MS  # half of WATCHDOG_USEC
    dog.start()
    qtbot.wait(4 * INTERVAL_MS)
    assert systemd.take() == []  # not shown: no frame, so neither READY nor pings

    frames = count_frames(window)
    window.show()
    qtbot.waitUntil(lambda: "READY=1" in systemd.take(), timeout=5000)
    assert frames[0] >= 1  # the screen shows something
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 3, timeout=5000)
    assert systemd.messages[0] == "READY=1"
    assert systemd.messages.count("READY=1") == 1

    dog.stop()
    assert systemd.take()[-1] == "STOPPING=1"
    pings = systemd.count("WATCHDOG=1")
    qtbot.wait(3 * INTERVAL_MS)
    assert systemd.count("WATCHDOG=1") == pings  # stopped


def test_no_pings_while_the_gui_thread_is_blocked(qtbot, systemd, make_window, make_watchdog):
    window = make_window()
    dog = make_watchdog(window, {"NOTIFY_SOCKET": systemd.address}, interval_ms=INTERVAL_MS)
    assert dog.interval_ms == INTERVAL_MS
    dog.start()
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 2, timeout=5000)

    systemd.drain()
    t = time.monotonic()
    while time.monotonic() - t < 8 * INTERVAL_MS / 1000:  # the GUI thread hangs
        pass
    assert systemd.take() == []  # read before Qt processes any event

    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 2, timeout=5000)  # alive again


def test_an_idle_window_is_redrawn_at_most_once_per_interval(
    qtbot, systemd, make_window, make_watchdog
):
    window = make_window()
    dog = make_watchdog(window, {"NOTIFY_SOCKET": systemd.address}, interval_ms=INTERVAL_MS)
    dog.start()
    qtbot.waitUntil(lambda: "READY=1" in systemd.take(), timeout=5000)

    frames = count_frames(window)
    start = time.monotonic()
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 10, timeout=10_000)
    intervals = (time.monotonic() - start) * 1000 / INTERVAL_MS
    assert frames[0] <= intervals + 2, f"{frames[0]} frames in {intervals:.1f} intervals"


def test_without_notify_socket_nothing_happens(qtbot, systemd, make_window, make_watchdog, caplog):
    assert notify("READY=1", {}) is False
    assert watchdog_interval_ms({}) is None

    window = make_window()
    dog = make_watchdog(window, {"WATCHDOG_USEC": "200000"}, interval_ms=INTERVAL_MS)
    dog.start()
    frames = count_frames(window)
    window.update()
    qtbot.waitUntil(lambda: frames[0] >= 1, timeout=5000)
    qtbot.wait(3 * INTERVAL_MS)
    assert dog.interval_ms is None and dog.timer is None
    assert dog.findChildren(QTimer) == []
    dog.stop()
    assert systemd.take() == []

    # a socket nobody listens on: False and one warning, never an exception
    caplog.set_level(logging.WARNING, logger="kiosk.watchdog")
    watchdog._logged.discard(logging.WARNING)
    gone = {"NOTIFY_SOCKET": systemd.address + "-gone"}
    assert notify("WATCHDOG=1", gone) is False
    assert notify("WATCHDOG=1", gone) is False
    assert [r.levelno for r in caplog.records if r.name == "kiosk.watchdog"] == [logging.WARNING]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux only")
def test_abstract_socket_address():
    name = f"kiosk-test-{uuid.uuid4().hex}"
    fake = FakeSystemd("\0" + name, "@" + name)
    try:
        assert notify("READY=1", {"NOTIFY_SOCKET": fake.address}) is True
        assert fake.take() == ["READY=1"]
    finally:
        fake.sock.close()


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"NOTIFY_SOCKET": "/run/x"}, DEFAULT_INTERVAL_MS),
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"}, 15_000),
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "junk"}, DEFAULT_INTERVAL_MS),
        (
            {
                "NOTIFY_SOCKET": "/run/x",
                "WATCHDOG_USEC": "30000000",
                "WATCHDOG_PID": str(os.getpid()),
            },
            15_000,
        ),
        (
            {
                "NOTIFY_SOCKET": "/run/x",
                "WATCHDOG_USEC": "30000000",
                "WATCHDOG_PID": str(os.getpid() + 1),
            },
            None,
        ),
        ({"WATCHDOG_USEC": "30000000"}, None),
    ],
)
def test_interval_from_the_environment(env, expected):
    assert watchdog_interval_ms(env) == expected


def test_another_process_watchdog_pid_means_no_pings(qtbot, systemd, make_window, make_watchdog):
    window = make_window()
    env = {
        "NOTIFY_SOCKET": systemd.address,
        "WATCHDOG_USEC": str(2 * INTERVAL_MS * 1000),
        "WATCHDOG_PID": str(os.getpid() + 1),
    }
    dog = make_watchdog(window, env, interval_ms=INTERVAL_MS)
    dog.start()
    qtbot.waitUntil(lambda: "READY=1" in systemd.take(), timeout=5000)  # sd_notify still works
    qtbot.wait(5 * INTERVAL_MS)
    assert dog.timer is None
    assert systemd.count("WATCHDOG=1") == 0


# -- the heartbeat file (Windows, or KIOSK_HEARTBEAT=1): the same ping for a file-reading supervisor


@pytest.mark.parametrize(
    "env, platform, on",
    [
        ({}, "linux", False),  # systemd's watchdog is enough
        ({}, "win32", True),  # no systemd: always on
        ({"KIOSK_HEARTBEAT": "1"}, "linux", True),
        ({"KIOSK_HEARTBEAT": "0"}, "win32", False),
        ({"KIOSK_HEARTBEAT": "off"}, "win32", False),
    ],
)
def test_heartbeat_file_where_and_when(env, platform, on, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    expected = tmp_path / "heartbeat" if on else None
    assert heartbeat_file(env, platform) == expected


class Beats:
    """The heartbeat file's writes as seen from outside: each new modification time."""

    def __init__(self, path):
        self.path, self.times = path, []

    def poll(self) -> int:
        try:
            t = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return len(self.times)
        if not self.times or self.times[-1] != t:
            self.times.append(t)
        return len(self.times)


def test_heartbeat_while_drawing_none_while_blocked(qtbot, tmp_path, make_window, make_watchdog):
    beat = tmp_path / "heartbeat"
    window = make_window()
    dog = make_watchdog(window, {}, interval_ms=INTERVAL_MS, heartbeat=beat)
    assert dog.interval_ms == INTERVAL_MS and dog.timer is not None
    dog.start()
    assert beat.read_text() == f"{os.getpid()}\n"  # at once: a kiosk that never draws is seen
    beats = Beats(beat)
    qtbot.waitUntil(lambda: beats.poll() >= 4, timeout=5000)

    seen = beats.poll()
    t = time.monotonic()
    while time.monotonic() - t < 8 * INTERVAL_MS / 1000:  # the GUI thread hangs
        pass
    assert beats.poll() == seen  # read before Qt processes any event: not one write
    qtbot.waitUntil(lambda: beats.poll() >= seen + 2, timeout=5000)  # alive again

    dog.stop()
    assert not beat.exists()  # a clean stop: nothing left to watch


def test_heartbeat_of_an_idle_window_at_most_once_per_interval(
    qtbot, tmp_path, make_window, make_watchdog
):
    beat = tmp_path / "heartbeat"
    window = make_window()
    dog = make_watchdog(window, {}, interval_ms=INTERVAL_MS, heartbeat=beat)
    dog.start()
    beats = Beats(beat)
    frames = count_frames(window)
    start = time.monotonic()
    qtbot.waitUntil(lambda: beats.poll() >= 8, timeout=10_000)
    intervals = (time.monotonic() - start) * 1000 / INTERVAL_MS
    assert len(beats.times) <= intervals + 2, f"{len(beats.times)} writes in {intervals:.1f}"
    assert frames[0] <= intervals + 2, f"{frames[0]} frames in {intervals:.1f} intervals"


def test_heartbeat_and_systemd_together(qtbot, tmp_path, systemd, make_window, make_watchdog):
    beat = tmp_path / "heartbeat"
    window = make_window()
    dog = make_watchdog(
        window, {"NOTIFY_SOCKET": systemd.address}, interval_ms=INTERVAL_MS, heartbeat=beat
    )
    dog.start()
    beats = Beats(beat)
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 3 and beats.poll() >= 3, timeout=5000)
    assert systemd.messages[0] == "READY=1"


def test_heartbeat_without_systemd_sends_nothing_and_defaults_to_ten_seconds(
    qtbot, tmp_path, systemd, make_window, make_watchdog
):
    window = make_window()
    dog = make_watchdog(window, {"WATCHDOG_USEC": "200000"}, heartbeat=tmp_path / "heartbeat")
    assert dog.interval_ms == HEARTBEAT_INTERVAL_MS == 10_000
    off = make_watchdog(window, {}, heartbeat=None)
    assert off.interval_ms is None and off.timer is None
    dog.start()
    qtbot.wait(3 * INTERVAL_MS)
    assert systemd.take() == []  # no NOTIFY_SOCKET: no READY, no pings


def test_heartbeat_that_cannot_be_written_is_logged_once(
    qtbot, tmp_path, make_window, make_watchdog, caplog
):
    caplog.set_level(logging.ERROR, logger="kiosk.watchdog")
    watchdog._logged.discard(logging.ERROR)
    window = make_window()
    dog = make_watchdog(
        window, {}, interval_ms=INTERVAL_MS, heartbeat=tmp_path / "no such folder" / "heartbeat"
    )
    dog.start()  # never raises
    qtbot.wait(5 * INTERVAL_MS)
    errors = [r for r in caplog.records if r.name == "kiosk.watchdog"]
    assert len(errors) == 1 and "heartbeat" in errors[0].getMessage()
    dog.stop()


def test_no_heartbeat_without_frames(qtbot, tmp_path, make_window, make_watchdog):
    """The heartbeat says the screen draws, not that a timer runs: a window that shows no
    frame gets the start's write only."""
    beat = tmp_path / "heartbeat"
    window = make_window(visible=False)
    dog = make_watchdog(window, {}, interval_ms=INTERVAL_MS, heartbeat=beat)
    dog.start()
    beats = Beats(beat)
    assert beats.poll() == 1
    qtbot.wait(6 * INTERVAL_MS)
    assert beats.poll() == 1

    window.show()
    qtbot.waitUntil(lambda: beats.poll() >= 3, timeout=5000)
