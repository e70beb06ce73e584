"""systemd's sd_notify protocol (stdlib only): ``READY=1`` after the first frame, then watchdog pings;
and, where there is no systemd (Windows), a heartbeat file.

A ping proves the *screen* lives: a GUI-thread timer sends it if the window swapped a frame since
the last ping, else asks for one redraw and pings when that frame is swapped.  A blocked GUI thread
or a scene graph that never delivers means no ping, and systemd (``WatchdogSec=``) restarts the
kiosk.  An animating window costs one Python call per interval (``frameSwapped`` is disconnected
from the first frame noticed until the next tick); an idle one, one redraw per interval.

The heartbeat file (``heartbeat`` in the data folder: on Windows always, elsewhere with
``KIOSK_HEARTBEAT=1``; ``KIOSK_HEARTBEAT=0`` turns it off) is the same ping for a supervisor that
reads files: its content is the kiosk's process id, written at start and then at each ping, so
its modification time says when the kiosk last drew (``deploy/windows/kiosk-watchdog.ps1``
restarts a kiosk whose heartbeat is older than 2 minutes).  A clean stop removes it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 10_000  # NOTIFY_SOCKET set without WATCHDOG_USEC
HEARTBEAT_INTERVAL_MS = 10_000  # the heartbeat file without systemd's watchdog
HEARTBEAT_FILE = "heartbeat"  # in the data folder
FRAME_HOOK_MS = 5_000  # with an on_frame hook (the metrics' last frame): at least this often
_logged: set[int] = set()  # the log levels already used: each kind of failure is logged once


def _log_once(level: int, msg: str, *args: object) -> None:
    if level not in _logged:
        _logged.add(level)
        log.log(level, msg + " (logged once)", *args)


def notify(message: str, env: Mapping[str, str] = os.environ) -> bool:
    """Send ``message`` to ``$NOTIFY_SOCKET`` (a path, or ``@name``: abstract); False if not sent. Never raises."""
    address = env.get("NOTIFY_SOCKET", "")
    if not address:
        _log_once(
            logging.DEBUG, "NOTIFY_SOCKET is not set (not started by systemd): %r not sent", message
        )
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.setblocking(False)  # a stuck systemd must not freeze the screen
            sock.sendto(
                message.encode("utf-8"), "\0" + address[1:] if address[0] == "@" else address
            )
        return True
    except (OSError, ValueError) as e:
        _log_once(logging.WARNING, "could not notify systemd at %r: %s", address, e)
        return False


def watchdog_interval_ms(env: Mapping[str, str] = os.environ) -> int | None:
    """Half of ``WATCHDOG_USEC`` (10 s without it); None without a socket or for another ``WATCHDOG_PID``."""
    if not env.get("NOTIFY_SOCKET") or env.get("WATCHDOG_PID", str(os.getpid())) != str(
        os.getpid()
    ):
        return None
    try:
        return max(1, int(env["WATCHDOG_USEC"]) // 2000)
    except (KeyError, ValueError):
        return DEFAULT_INTERVAL_MS


def heartbeat_file(
    env: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> Path | None:
    """Where the heartbeat goes (``heartbeat`` in the data folder), or None when it is off:
    ``KIOSK_HEARTBEAT=1`` turns it on, ``0`` off; unset, it is on on Windows only."""
    setting = env.get("KIOSK_HEARTBEAT", "").strip().lower()
    if setting in ("0", "no", "off", "false"):
        return None
    if not setting and platform != "win32":
        return None
    from kiosk.paths import data_dir

    return data_dir() / HEARTBEAT_FILE


class Watchdog(QObject):
    """Tells systemd the kiosk is ready (first frame) and, every ``interval_ms``, that it still draws;
    and writes the same ping to the heartbeat file when there is one.

    ``interval_ms`` overrides the environment's (tests); ``heartbeat`` overrides
    ``heartbeat_file(env)`` (None: none).  Without ``NOTIFY_SOCKET`` and without a heartbeat file
    it does nothing; for another process's ``WATCHDOG_PID`` it sends ``READY=1``/``STOPPING=1`` but
    no pings (and has no timer unless it writes a heartbeat).  ``on_frame`` (the metrics'
    ``kiosk_last_frame_timestamp_seconds``) is called on the frames noticed - at most twice an
    interval, the interval then at most ``FRAME_HOOK_MS`` -, with or without systemd.
    """

    _UNSET = Path()

    def __init__(
        self,
        window: QQuickWindow,
        env: Mapping[str, str] = os.environ,
        parent: QObject | None = None,
        interval_ms: int | None = None,
        heartbeat: Path | None = _UNSET,
        on_frame: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self._window, self._env = window, dict(env)
        self._on_frame_hook = on_frame  # called on a swapped frame, once or twice an interval
        self.heartbeat = heartbeat_file(self._env) if heartbeat is Watchdog._UNSET else heartbeat
        env_ms = watchdog_interval_ms(self._env)  # None: no pings to systemd
        self._pings = env_ms is not None
        if env_ms is None and self.heartbeat is not None:
            env_ms = HEARTBEAT_INTERVAL_MS
        if on_frame is not None:
            env_ms = min(env_ms or FRAME_HOOK_MS, FRAME_HOOK_MS)
        self.interval_ms = env_ms if env_ms is None or interval_ms is None else interval_ms
        self.timer: QTimer | None = None
        if env_ms is not None:
            # (PySide6 takes a signal's slot as a keyword too, but its stubs know properties only)
            self.timer = QTimer(self, interval=self.interval_ms)
            self.timer.timeout.connect(self._tick)
        self._ready = self._fresh = self._pending = self._listening = False

    def start(self) -> None:
        """Send ``READY=1`` after the next frame, then ping every ``interval_ms``."""
        if (
            not self._env.get("NOTIFY_SOCKET")
            and self.heartbeat is None
            and self._on_frame_hook is None
        ):
            return
        self._write_heartbeat()  # the process id at once: a kiosk that never draws is seen too
        self._listen(True)
        if self.timer is not None:
            self.timer.start()
        self._window.update()  # a frame comes even if the first one was drawn before start()

    def stop(self) -> None:
        """Stop pinging and tell systemd the kiosk is stopping (``STOPPING=1``)."""
        if self.timer is not None:
            self.timer.stop()
        with contextlib.suppress(RuntimeError):  # the window may be gone already
            self._listen(False)
        self._listening = self._fresh = self._pending = False
        if self.heartbeat is not None:
            with contextlib.suppress(OSError):
                self.heartbeat.unlink(missing_ok=True)  # stopped on purpose: nothing to watch
        if self._env.get("NOTIFY_SOCKET"):
            notify("STOPPING=1", self._env)

    def _ping(self) -> None:
        """The screen drew since the last ping: tell systemd and/or touch the heartbeat file."""
        if self._pings:
            notify("WATCHDOG=1", self._env)
        self._write_heartbeat()

    def _write_heartbeat(self) -> None:
        """The heartbeat file, written in place (a few bytes); a failure is logged once."""
        if self.heartbeat is None:
            return
        try:
            self.heartbeat.write_text(f"{os.getpid()}\n", encoding="ascii")
        except OSError as e:
            _log_once(logging.ERROR, "could not write the heartbeat file %s: %s", self.heartbeat, e)

    def _listen(self, on: bool) -> None:
        if on != self._listening:
            (self._window.frameSwapped.connect if on else self._window.frameSwapped.disconnect)(
                self._on_frame
            )
            self._listening = on

    @Slot()
    def _tick(self) -> None:
        """Every interval: ping if a frame was swapped since the last ping, else ask for one."""
        if self._fresh:
            self._fresh = False
            self._ping()
        else:
            self._pending = True
            self._window.update()  # one redraw per interval at most; the ping waits for its frame
        self._listen(True)

    @Slot()
    def _on_frame(self) -> None:
        """A frame was swapped (queued to the GUI thread under the threaded render loop)."""
        if self._on_frame_hook is not None:
            self._on_frame_hook()
        if not self._ready:
            self._ready = True
            if self._env.get("NOTIFY_SOCKET"):
                notify("READY=1", self._env)
        if self._pending:  # the frame _tick asked for: ping, and go on noticing frames
            self._pending = False
            self._ping()
        else:
            self._fresh = True
            self._listen(False)  # one frame per interval is enough to know
