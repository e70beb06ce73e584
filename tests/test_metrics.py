"""Prometheus metrics (kiosk/metrics.py): served only when settings.metrics.listen says where,
on loopback unless another address is written; scraped here with urllib after driving a real
kiosk (a touch, a version applied, one rejected, frames, a staff PIN lock-out, a session)."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from kiosk import metrics, staffpin
from kiosk.app import create_app
from kiosk.watchdog import Watchdog

ROOT = Path(__file__).resolve().parent.parent
# every metric the kiosk serves, by the name Prometheus' parser gives its family, and its type
FAMILIES = {
    "kiosk_sessions": "counter",
    "kiosk_touches": "counter",
    "kiosk_session_duration_seconds": "histogram",
    "kiosk_last_frame_timestamp_seconds": "gauge",
    "kiosk_content_reloads": "counter",
    "kiosk_build_info": "gauge",
    "kiosk_staff_pin_lockouts": "counter",
    "kiosk_open": "gauge",
}
# the names as they appear in /metrics (and in deploy/prometheus/*.yml)
SERIES = {
    "kiosk_sessions_total",
    "kiosk_touches_total",
    "kiosk_session_duration_seconds_bucket",
    "kiosk_session_duration_seconds_count",
    "kiosk_session_duration_seconds_sum",
    "kiosk_last_frame_timestamp_seconds",
    "kiosk_content_reloads_total",
    "kiosk_build_info",
    "kiosk_staff_pin_lockouts_total",
    "kiosk_open",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_listen(minimal: str, listen: str) -> str:
    return minimal + f'settings:\n  metrics:\n    listen: "{listen}"\n'


def scrape(port: int, host: str = "127.0.0.1") -> dict:
    """{family name: (type, {(sample name, labels as sorted tuple): value})}."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"http://{host}:{port}/metrics", timeout=5) as r:
        assert r.status == 200
        text = r.read().decode("utf-8")
    return {
        f.name: (
            f.type,
            {(s.name, tuple(sorted(s.labels.items()))): s.value for s in f.samples},
        )
        for f in text_string_to_metric_families(text)
    }


def listening(pid: int | str = "self") -> set[tuple[str, int]]:
    """The TCP sockets process ``pid`` listens on: {(address in hex as /proc says, port)}."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, state, inode = parts[1], parts[3], parts[9]
            if state == "0A" and inode in inodes:  # LISTEN
                addr, port = local.split(":")
                found.add((addr, int(port, 16)))
    return found


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc for the listening sockets"
)


@pytest.fixture
def kiosks(qtbot):
    opened = []

    def open_(path: Path, **options):
        kiosk = create_app(path, **options)
        qtbot.waitExposed(kiosk.window)
        qtbot.waitUntil(lambda: kiosk.window.property("started") is True, timeout=5000)
        opened.append(kiosk)
        return kiosk

    yield open_
    for kiosk in opened:
        kiosk.close()
    metrics.stop()


# -- the address ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:9469", ("127.0.0.1", 9469)),
        ("9469", ("127.0.0.1", 9469)),
        (":9469", ("127.0.0.1", 9469)),
        ("[::1]:9469", ("::1", 9469)),
        ("0.0.0.0:9469", ("0.0.0.0", 9469)),
        ("kiosk-7.local:9100", ("kiosk-7.local", 9100)),
    ],
)
def test_a_port_alone_is_loopback_and_other_addresses_are_as_written(text, expected):
    assert metrics.parse_listen(text) == expected


@pytest.mark.parametrize("text", ["", "host", "::1:9469", "1.2.3.4:0", "1.2.3.4:99999", "a b:1"])
def test_an_address_that_is_no_address_is_refused_in_words(text):
    with pytest.raises(ValueError, match=r"\w+ \w+"):
        metrics.parse_listen(text)


def test_loopback():
    assert metrics.is_loopback("127.0.0.1") and metrics.is_loopback("::1")
    assert metrics.is_loopback("localhost")
    assert not metrics.is_loopback("0.0.0.0") and not metrics.is_loopback("192.168.1.5")


# -- a kiosk, driven and scraped -------------------------------------------------------------


def test_metrics_after_a_touch_a_reload_applied_and_one_rejected(
    kiosks, qtbot, write_content, minimal, tmp_path
):
    port = free_port()
    text = with_listen(minimal, f"127.0.0.1:{port}")
    path = write_content(text)
    kiosk = kiosks(path, preview=True)  # the preview applies a good version at once
    m = metrics.active()
    assert m is not None and m.address == ("127.0.0.1", port)

    before = scrape(port)
    assert set(before) == set(FAMILIES)
    assert {name: kind for name, (kind, _) in before.items()} == FAMILIES
    assert not any(s.endswith("_created") for _, samples in before.values() for s, _ in samples)
    version = dict(next(iter(before["kiosk_build_info"][1]))[1])
    assert version["content"] == hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert version["version"]
    assert before["kiosk_open"][1] == {("kiosk_open", ()): 1.0}  # no schedule: always open

    # a touch on the glass
    pt = QPoint(kiosk.window.width() // 2, kiosk.window.height() // 2)
    device = QTest.createTouchDevice()
    QTest.touchEvent(kiosk.window, device).press(0, pt, kiosk.window).commit()
    QTest.touchEvent(kiosk.window, device).release(0, pt, kiosk.window).commit()

    # frames, as kiosk run's watchdog notices them
    dog = Watchdog(kiosk.window, env={}, heartbeat=None, interval_ms=50, on_frame=metrics.frame)
    dog.start()
    t0 = time.time()
    qtbot.waitUntil(lambda: m.last_frame._value.get() >= t0 - 1, timeout=5000)
    dog.stop()

    # a good version applied, then a broken one rejected
    new = text.replace("title: Page one", "title: Page uno")
    path.write_text(new, encoding="utf-8")
    kiosk.reload.check_now()
    path.write_text(new.replace("title: Page uno", "titel: Page uno"), encoding="utf-8")
    kiosk.reload.check_now()

    # a staff PIN lock-out, and the visit the touch began ends (as the idle reset ends it)
    lockout = staffpin.Lockout(tmp_path / "lockout.json")
    for _ in range(staffpin.MAX_TRIES):
        lockout.failed()
    assert kiosk.analytics.sessions.open  # the touch on the attract screen began a visit
    kiosk.session.reset()
    qtbot.waitUntil(lambda: not kiosk.analytics.sessions.open, timeout=5000)

    after = scrape(port)
    value = {name: samples for name, (_, samples) in after.items()}
    assert value["kiosk_touches"][("kiosk_touches_total", ())] == 1
    reloads = value["kiosk_content_reloads"]
    assert reloads[("kiosk_content_reloads_total", (("result", "applied"),))] == 1
    assert reloads[("kiosk_content_reloads_total", (("result", "rejected"),))] == 1
    assert (
        time.time()
        - value["kiosk_last_frame_timestamp_seconds"][("kiosk_last_frame_timestamp_seconds", ())]
        < 10
    )
    assert value["kiosk_staff_pin_lockouts"][("kiosk_staff_pin_lockouts_total", ())] == 1
    assert value["kiosk_sessions"][("kiosk_sessions_total", ())] == 1
    duration = value["kiosk_session_duration_seconds"]
    assert duration[("kiosk_session_duration_seconds_count", ())] == 1
    assert duration[("kiosk_session_duration_seconds_sum", ())] < 5  # one touch: ~0 s
    assert duration[("kiosk_session_duration_seconds_bucket", (("le", "5.0"),))] == 1
    buckets = [float(dict(labels)["le"]) for (_, labels) in duration if labels]
    assert min(buckets) == 5 and max(b for b in buckets if b != float("inf")) == 900
    # the version shown now is the one applied (the broken one is not)
    ((_, labels),) = value["kiosk_build_info"]
    assert dict(labels)["content"] == hashlib.sha256(new.encode()).hexdigest()[:12]


def test_a_session_from_the_analytics_session_object():
    """``SessionLog.on_session_end(metrics.session_end)``: what the lead wires."""

    class End:
        duration_s = 3.0

    m = metrics.Metrics()
    metrics._active = m
    try:
        metrics.session_end(End())
        assert m.sessions._value.get() == 1
    finally:
        metrics._active = None


@linux_only
def test_a_port_alone_listens_on_loopback_only(kiosks, write_content, minimal):
    port = free_port()
    kiosks(write_content(with_listen(minimal, str(port))))
    assert metrics.active() is not None
    assert ("0100007F", port) in listening()  # 127.0.0.1, as /proc writes it
    assert not {a for a, p in listening() if p == port} - {"0100007F"}
    outside = _non_loopback_address()
    if outside is None:
        pytest.skip("this machine has no address but loopback")
    with pytest.raises(OSError), socket.create_connection((outside, port), timeout=2):
        pass  # refused: nothing listens there


@linux_only
def test_every_address_only_when_written(kiosks, write_content, minimal):
    port = free_port()
    kiosks(write_content(with_listen(minimal, f"0.0.0.0:{port}")))
    assert ("00000000", port) in listening()
    assert scrape(port)["kiosk_touches"]


def test_a_taken_port_is_one_line_and_the_kiosk_runs(kiosks, write_content, minimal, caplog):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with caplog.at_level(logging.ERROR, logger="kiosk.metrics"):
            kiosk = kiosks(write_content(with_listen(minimal, f"127.0.0.1:{port}")))
    assert kiosk.engine is not None and metrics.active() is None
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.metrics"]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "without metrics" in lines[0]


def test_a_wrong_address_is_one_line_and_the_kiosk_runs(kiosks, write_content, minimal, caplog):
    with caplog.at_level(logging.ERROR, logger="kiosk.metrics"):
        kiosk = kiosks(write_content(with_listen(minimal, "::1:9469")))
    assert kiosk.engine is not None and metrics.active() is None
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.metrics"]
    assert len(lines) == 1 and "brackets" in lines[0]


@linux_only
def test_off_by_default_nothing_listens_nothing_imported(write_content, minimal, tmp_path):
    """In a fresh process: a kiosk without settings.metrics listens on no TCP socket and never
    imports prometheus_client."""
    path = write_content(minimal)
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_QUICK_BACKEND"] = "software"
        os.environ["KIOSK_AUDIO"] = "null"
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from PySide6.QtGui import QGuiApplication
        app = QGuiApplication([])
        from kiosk.app import create_app
        from kiosk import metrics
        from test_metrics import listening
        kiosk = create_app({str(path)!r})
        for _ in range(20):
            app.processEvents()
        print(metrics.active() is None, "prometheus_client" in sys.modules, listening())
        kiosk.close()
        """
    )
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "True False set()"


def _non_loopback_address() -> str | None:
    """This machine's address on its default route (nothing is sent), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: routed, never answered
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if metrics.is_loopback(address) else address
