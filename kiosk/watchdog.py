"""systemd's sd_notify protocol (stdlib only): ``READY=1`` after the first frame, then watchdog pings.

A ping proves the *screen* lives: a GUI-thread timer sends it if the window swapped a frame since
the last ping, else asks for one redraw and pings when that frame is swapped.  A blocked GUI thread
or a scene graph that never delivers means no ping, and systemd (``WatchdogSec=``) restarts the
kiosk.  An animating window costs one Python call per interval (``frameSwapped`` is disconnected
from the first frame noticed until the next tick); an idle one, one redraw per interval.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 10_000  # NOTIFY_SOCKET set without WATCHDOG_USEC
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


class Watchdog(QObject):
    """Tells systemd the kiosk is ready (first frame) and, every ``interval_ms``, that it still draws.

    ``interval_ms`` overrides the environment's (tests).  Without ``NOTIFY_SOCKET`` it does nothing;
    for another process's ``WATCHDOG_PID`` it sends ``READY=1``/``STOPPING=1`` but no pings (no timer).
    """

    def __init__(
        self,
        window: QQuickWindow,
        env: Mapping[str, str] = os.environ,
        parent: QObject | None = None,
        interval_ms: int | None = None,
    ):
        super().__init__(parent)
        self._window, self._env = window, dict(env)
        env_ms = watchdog_interval_ms(self._env)  # None: no pings
        self.interval_ms = env_ms if env_ms is None or interval_ms is None else interval_ms
        self.timer: QTimer | None = None
        if env_ms is not None:
            # (PySide6 takes a signal's slot as a keyword too, but its stubs know properties only)
            self.timer = QTimer(self, interval=self.interval_ms)
            self.timer.timeout.connect(self._tick)
        self._ready = self._fresh = self._pending = self._listening = False

    def start(self) -> None:
        """Send ``READY=1`` after the next frame, then ping every ``interval_ms``."""
        if not self._env.get("NOTIFY_SOCKET"):
            return
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
        if self._env.get("NOTIFY_SOCKET"):
            notify("STOPPING=1", self._env)

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
            notify("WATCHDOG=1", self._env)
        else:
            self._pending = True
            self._window.update()  # one redraw per interval at most; the ping waits for its frame
        self._listen(True)

    @Slot()
    def _on_frame(self) -> None:
        """A frame was swapped (queued to the GUI thread under the threaded render loop)."""
        if not self._ready:
            self._ready = True
            notify("READY=1", self._env)
        if self._pending:  # the frame _tick asked for: ping, and go on noticing frames
            self._pending = False
            notify("WATCHDOG=1", self._env)
        else:
            self._fresh = True
            self._listen(False)  # one frame per interval is enough to know
