"""Faults of the machine, not of the content: a data folder that cannot be written (a file,
read-only, full), a lock that cannot be taken, a stale lock whose process number now belongs
to something else. Each gets one true line, and the kiosk runs where it can."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from kiosk import cli


@pytest.fixture
def env(tmp_path):
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG_DIR=str(tmp_path / "config"),
        XDG_RUNTIME_DIR=str(tmp_path),
    )


@pytest.fixture
def systemd():
    """A NOTIFY_SOCKET to hear READY=1 on: the kiosk's first frame, with or without a log file."""
    folder = tempfile.mkdtemp(dir="/tmp")
    address = os.path.join(folder, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.setblocking(False)
    heard: list[str] = []

    def listen() -> list[str]:
        try:
            while True:
                heard.extend(sock.recv(4096).decode().split("\n"))
        except BlockingIOError:
            return heard

    yield address, listen
    sock.close()
    shutil.rmtree(folder, ignore_errors=True)


def kiosk_command(content: Path) -> list[str]:
    return [sys.executable, "-m", "kiosk", "--content", str(content)]


def stop(process: subprocess.Popen) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    return code, process.communicate()[1]


def start_ready(
    qtbot, systemd, env: dict, content: Path, prefix: list[str] = ()
) -> subprocess.Popen:
    """A kiosk started as systemd would, once it has said READY=1 (it must still run)."""
    address, listen = systemd
    kiosk = subprocess.Popen(
        list(prefix) + kiosk_command(content),
        env=dict(env, NOTIFY_SOCKET=address),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: "READY=1" in listen() or kiosk.poll() is not None, timeout=30000)
        assert kiosk.poll() is None, kiosk.communicate()
    except BaseException:
        stop(kiosk)
        raise
    return kiosk


def _unshare_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    try:
        return (
            subprocess.run(
                [
                    "unshare",
                    "--user",
                    "--map-root-user",
                    "--mount",
                    "sh",
                    "-c",
                    "mount -t tmpfs tmpfs /mnt",
                ],
                capture_output=True,
                timeout=20,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


UNSHARE = _unshare_works()

# the data folder replaced, for the kiosk's process only, by a read-only or a full RAM disk
MOUNTS = {
    "read-only": 'mount -t tmpfs -o ro tmpfs "$0"',
    "full": 'mount -t tmpfs -o size=16k tmpfs "$0" && { cat /dev/zero > "$0/filler" 2>/dev/null; true; }',
}


@pytest.mark.parametrize(
    "fault, said",
    [
        ("a file", "it is a file, not a folder): move that file away"),
        ("read-only", "read-only file system): give the kiosk user write access"),
        ("full", "no space left on device): free some disk space"),
    ],
)
def test_a_data_folder_the_kiosk_cannot_write_is_one_true_line_and_the_kiosk_runs(
    qtbot, env, systemd, write_content, minimal, fault, said
):
    data = Path(env["KIOSK_DATA_DIR"])
    if fault == "a file":
        data.write_text("not a folder\n")
        prefix: list[str] = []
    else:
        if not UNSHARE:
            pytest.skip(
                "needs unshare (user and mount namespaces) to mount a read-only or full folder"
            )
        data.mkdir()
        prefix = [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            MOUNTS[fault] + ' && shift && exec "$@"',
            str(data),
            "-",
        ]
    content = write_content(minimal)
    first = start_ready(qtbot, systemd, env, content, prefix)
    try:
        # the lock still keeps a second kiosk out (it moved to the runtime folder)
        second = subprocess.run(
            prefix + kiosk_command(content), env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == cli.EXIT_RUNNING, second.stderr
        assert "another kiosk is already running (process " in second.stderr
    finally:
        code, stderr = stop(first)
    assert code == 0, stderr
    told = [line for line in stderr.splitlines() if "cannot write" in line]
    assert told == [
        f"kiosk: cannot write to {data} ({said}, or set KIOSK_DATA_DIR to a writable folder "
        "(until then: no log file, no content cache)"
    ], stderr
    assert "another kiosk" not in stderr and "Traceback" not in stderr
    if fault == "a file":
        assert data.read_text() == "not a folder\n"


def test_a_lock_file_that_cannot_be_used_is_not_another_kiosk(
    qtbot, env, systemd, write_content, minimal
):
    lock = Path(env["KIOSK_DATA_DIR"]) / "kiosk.lock"
    lock.mkdir(parents=True)  # QLockFile: LockFailedError, and no process in it
    code, stderr = stop(start_ready(qtbot, systemd, env, write_content(minimal)))
    assert code == 0, stderr
    assert "another kiosk" not in stderr
    assert (
        f"kiosk: cannot use the lock file {lock} (it cannot be read or replaced); using {env['XDG_RUNTIME_DIR']}"
        in stderr
    )


def lock_of(path: Path, pid: int) -> None:
    """A lock file as QLockFile writes it (pid, program, host, machine and boot ids), for ``pid``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = QLockFile(str(path))
    assert mine.tryLock(0)
    lines = path.read_bytes().split(b"\n")
    mine.unlock()
    path.write_bytes(b"\n".join([str(pid).encode()] + lines[1:]))


@pytest.mark.parametrize(
    "holder",
    [
        [
            sys.executable,
            "-c",
            "import sys; sys.stdin.read()",
        ],  # a Python program that is not a kiosk
        ["sleep", "60"],
    ],
)
def test_a_stale_lock_whose_process_number_is_not_a_kiosk_is_taken_over(
    qtbot, env, systemd, write_content, minimal, holder
):
    other = subprocess.Popen(holder, stdin=subprocess.PIPE)
    try:
        lock_of(Path(env["KIOSK_DATA_DIR"]) / "kiosk.lock", other.pid)
        code, stderr = stop(start_ready(qtbot, systemd, env, write_content(minimal)))
        assert code == 0 and stderr == "", stderr
        assert other.poll() is None  # left alone
    finally:
        other.kill()
        other.communicate()


@pytest.mark.parametrize(
    "args, kiosk",
    [
        (["/usr/bin/python3", "-m", "kiosk", "--content", "x.yaml"], True),
        (["python3", "-X", "dev", "-m", "kiosk"], True),
        (["python3", "-mkiosk.cli"], True),
        (["/opt/kiosk/.venv/bin/python", "/opt/kiosk/.venv/bin/kiosk", "run"], True),
        (["/opt/kiosk/.venv/bin/kiosk"], True),
        (["python3", "-m", "pytest", "-m", "kiosk"], False),
        (["python3", "-c", "import kiosk", "kiosk"], False),
        (["python3", "tools/screenshots.py", "kiosk"], False),
        (["/opt/kiosk/bin/python3"], False),
        ([""], False),  # a zombie or a kernel thread
    ],
)
def test_which_command_lines_are_a_kiosk(args, kiosk):
    assert cli._kiosk_command(args) is kiosk


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_a_live_kiosk_is_told_from_another_program():
    assert cli._runs_kiosk(os.getpid()) is False  # pytest
    other = subprocess.Popen(["sleep", "60"])
    try:
        assert cli._runs_kiosk(other.pid) is False
    finally:
        other.kill()
        other.wait()
    assert cli._runs_kiosk(other.pid) is False  # gone
