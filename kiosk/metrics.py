"""Prometheus metrics for technicians watching many kiosks (deploy/FLEET.md): is each one
alive and drawing, used, showing the content it should.

Off unless ``settings.metrics.listen`` is set: then :func:`start` serves ``GET /metrics`` on
that address (``127.0.0.1:9469``, or a port alone: this computer only; another address only
when the technician writes it: prometheus-client itself would listen on every interface).
``prometheus_client`` is imported only then (~50 ms), without its ``_created`` series.  An
address that is taken or wrong is one log line; the kiosk runs on without metrics.

The kiosk's parts call the plain functions below (:func:`touch`, :func:`frame`,
:func:`content_reload`, :func:`content_shown`, :func:`staff_pin_lockout`,
:func:`session_ended`); each is a no-op costing one global lookup while metrics are off.
They are called on the GUI thread; the metrics' own locks make the HTTP thread's reads safe.

=====================================  =========  ==============================================
metric                                 type       what
=====================================  =========  ==============================================
kiosk_sessions_total                   counter    visits ended (first touch to last touch)
kiosk_touches_total                    counter    presses: touch, mouse button, pen, key
kiosk_session_duration_seconds         histogram  each visit's length, first to last touch
kiosk_last_frame_timestamp_seconds     gauge      Unix time of a frame the window last swapped
kiosk_content_reloads_total{result}    counter    new versions ``applied``, broken ``rejected``
kiosk_build_info{version,content}      gauge (1)  kiosk version, sha256 (12) of the content file
kiosk_staff_pin_lockouts_total         counter    staff PIN pad locks (too many wrong PINs)
kiosk_open                             gauge      1 within ``settings.schedule``'s hours, else 0
=====================================  =========  ==============================================
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

    from kiosk.content.snapshot import Snapshot

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"  # a port alone: this computer only
# visits last from a few seconds (a bounce) to a quarter of an hour and more
SESSION_BUCKETS = (5.0, 10.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0, 300.0, 600.0, 900.0)
FRAME_EVERY_S = 1.0  # kiosk_last_frame_timestamp_seconds is set at most once a second
RESULTS = ("applied", "rejected")


class _Ended(Protocol):
    @property
    def duration_s(self) -> float: ...


def parse_listen(text: str) -> tuple[str, int]:
    """``"127.0.0.1:9469"``, ``"[::1]:9469"``, ``"host:9469"``, ``":9469"`` or ``"9469"``
    -> (host, port); a port alone is the loopback address.  ValueError, in words, else."""
    text = text.strip()
    m = re.fullmatch(r"(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]]*)):(\d{1,5})|(\d{1,5})", text)
    if m is None:
        if text.count(":") > 1:
            raise ValueError("write an IPv6 address in brackets, e.g. [::1]:9469")
        raise ValueError("write HOST:PORT (e.g. 127.0.0.1:9469) or a port alone (9469)")
    host = m.group(1) or m.group(2) or DEFAULT_HOST
    port = int(m.group(3) or m.group(4))
    if not 1 <= port <= 65535:
        raise ValueError(f"the port {port} is not between 1 and 65535")
    if m.group(1):
        import ipaddress

        ipaddress.IPv6Address(host)  # ValueError when it is none
    return host, port


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Metrics:
    """The kiosk's metrics in a registry of their own, and the HTTP server that serves them."""

    def __init__(self) -> None:
        os.environ.setdefault("PROMETHEUS_DISABLE_CREATED_SERIES", "True")
        import prometheus_client as pc

        pc.disable_created_metrics()  # (the variable counts only before the first import)
        self.registry: CollectorRegistry = pc.CollectorRegistry(auto_describe=True)
        r = self.registry
        self.sessions: Counter = pc.Counter(
            "kiosk_sessions", "Visits ended (first touch to last touch).", registry=r
        )
        self.touches: Counter = pc.Counter(
            "kiosk_touches", "Presses on the kiosk: touch, mouse button, pen, key.", registry=r
        )
        self.session_duration: Histogram = pc.Histogram(
            "kiosk_session_duration_seconds",
            "Each visit's length from its first to its last touch (not the idle timeout).",
            buckets=SESSION_BUCKETS,
            registry=r,
        )
        self.last_frame: Gauge = pc.Gauge(
            "kiosk_last_frame_timestamp_seconds",
            "Unix time when the kiosk's window last swapped a frame (the screen is alive).",
            registry=r,
        )
        self.reloads: Counter = pc.Counter(
            "kiosk_content_reloads",
            "New content versions: applied (shown), rejected (with errors: not shown).",
            ["result"],
            registry=r,
        )
        for result in RESULTS:
            self.reloads.labels(result=result)  # both series exist from the start, at 0
        self.build: Info = pc.Info(
            "kiosk_build", "The kiosk's version and the content it shows.", registry=r
        )
        self.lockouts: Counter = pc.Counter(
            "kiosk_staff_pin_lockouts", "Staff PIN pad locks after too many wrong PINs.", registry=r
        )
        self.open: Gauge = pc.Gauge(
            "kiosk_open", "1 within the opening hours of settings.schedule, else 0.", registry=r
        )
        self.open.set_function(self._is_open)
        from kiosk.backend.schedule import is_open

        self._opening = is_open  # (imported here: the kiosk's start-up path does not need it)
        self._schedule: dict[str, Any] | None = None
        self._last_frame_at = 0.0  # monotonic
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self.address: tuple[str, int] | None = None

    def _is_open(self) -> float:  # (on the HTTP server's thread)
        from datetime import datetime

        return 1.0 if self._opening(self._schedule, datetime.now()) else 0.0

    def serve(self, host: str, port: int) -> None:
        """Listen on ``host:port`` (always given: never prometheus-client's 0.0.0.0)."""
        from prometheus_client import start_http_server

        self.server, self.thread = start_http_server(port, addr=host, registry=self.registry)
        self.address = (host, port)

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self.thread is not None:
            self.thread.join(timeout=5)
            self.thread = None


_active: Metrics | None = None


def active() -> Metrics | None:
    """The running metrics, or None (off)."""
    return _active


def start(snapshot: Snapshot) -> Metrics | None:
    """Serve the metrics when ``snapshot``'s ``settings.metrics.listen`` says where; None
    when it does not, or when the address cannot be used (said in one log line)."""
    global _active
    stop()
    listen = (snapshot.data["settings"].get("metrics") or {}).get("listen")
    if not listen:
        return None
    try:
        host, port = parse_listen(listen)
    except ValueError as e:
        log.error("settings.metrics.listen %r: %s; the kiosk runs without metrics", listen, e)
        return None
    metrics = Metrics()
    try:
        metrics.serve(host, port)
    except OSError as e:
        log.error(
            "cannot serve metrics on %s:%d (%s); the kiosk runs without metrics",
            host,
            port,
            e.strerror or e,
        )
        metrics.close()
        return None
    _active = metrics
    where = "this computer only" if is_loopback(host) else "other computers too"
    log.info("metrics at http://%s:%d/metrics (%s)", host, port, where)
    content_shown(snapshot)
    return metrics


def stop() -> None:
    """Stop serving (the kiosk closes)."""
    global _active
    if _active is not None:
        _active.close()
        _active = None


# -- what the kiosk's parts call: no-ops while the metrics are off ---------------------------


def touch() -> None:
    """A press (touch, mouse button, pen, key): kiosk.backend.idle's ActivityFilter."""
    if _active is not None:
        _active.touches.inc()


def session_ended(duration_s: float) -> None:
    """A visit ended, ``duration_s`` from its first to its last touch."""
    if _active is not None:
        _active.sessions.inc()
        _active.session_duration.observe(max(0.0, duration_s))


def session_end(end: _Ended) -> None:
    """``SessionLog.on_session_end``'s listener (kiosk.analytics.sessions.SessionEnd)."""
    session_ended(end.duration_s)


def frame() -> None:
    """The window swapped a frame (kiosk.watchdog's frame hook); noted once a second at most."""
    m = _active
    if m is not None:
        now = time.monotonic()
        if now - m._last_frame_at >= FRAME_EVERY_S:
            m._last_frame_at = now
            m.last_frame.set(time.time())


def content_reload(result: str) -> None:
    """A new version of the content: ``applied`` (shown) or ``rejected`` (broken)."""
    if _active is not None:
        _active.reloads.labels(result=result).inc()


def content_shown(snapshot: Snapshot) -> None:
    """``snapshot`` is on screen now: its version in kiosk_build_info, its opening hours."""
    m = _active
    if m is None:
        return
    from kiosk import __version__

    m.build.info({"version": str(__version__), "content": (snapshot.digest or "unknown")[:12]})
    m._schedule = dict(snapshot.data["settings"].get("schedule") or {}) or None


def staff_pin_lockout() -> None:
    """The staff PIN pad locked itself (kiosk.staffpin.Lockout)."""
    if _active is not None:
        _active.lockouts.inc()
