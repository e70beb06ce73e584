"""Visitor sessions, without Qt: when one starts and ends, what it counts, what it records.

Definitions (the report and the metrics read them so):

- A **session** starts with the touch on the attract screen that starts a visit (the
  backend calls :meth:`SessionLog.begin` when ``Navigation.visiting`` turns on, giving the
  time of that touch): an attract screen nobody touches makes no session.  It ends at the
  idle reset (``'reset'``, also "Start again" in the idle warning), the schedule closing
  (``'closed'``) or the kiosk stopping (``'shutdown'``); a session still open after a crash
  is closed at the next start (``'recovered'``, by the store).
- Its **duration** is from the first touch to the last touch (any input the idle timer
  saw), on the monotonic clock only: the idle timeout and its warning are never session
  time, and moving the wall clock changes nothing.  ``started_utc`` is the wall clock at
  the first touch, in UTC, rounded *down* to 15 minutes.
- An **interaction** is a touch (or key press) that did something recorded: a page, a
  language, a map layer, a place, a control.  What one touch sets off counts once ("Next"
  records ``control next`` and the page it opens: one interaction; the backend says which
  events *follow* another), and a touch on nothing (on a text, a pan of the map) is a
  touch but no interaction.  The touch that starts the session is its first interaction
  (it opens the first page); the language recorded at t_s 0 (the one the session starts
  in) is state, not an interaction, and so is the ``reset`` event.
- A **bounce** is a session with fewer than two interactions (:data:`BOUNCE_MAX`).
- Values are ids from the current content (pages, languages, layers, places) or the fixed
  control names (:data:`CONTROLS`); anything else is dropped, never stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple, Protocol

log = logging.getLogger(__name__)

TYPES = ("page", "language", "layer", "place", "control", "reset")
CONTROLS = frozenset(
    {
        "text_size",
        "contrast",
        "audio",
        "see_on_map",
        "picture",
        "picture_spot",
        "next",
        "home",
        "idle_continue",
        "idle_restart",
    }
)
ENDINGS = ("reset", "closed", "shutdown")  # ('recovered': the store, at the next start)
BOUNCE_MAX = 1  # a session with at most this many interactions is a bounce
FIRST_TOUCH_S = 5.0  # a touch noted at most this long before the visit began is its first
QUARTER_S = 15 * 60


def quarter_hour(wall: float) -> str:
    """``wall`` (seconds since the epoch) in UTC, rounded down to 15 minutes:
    ``'YYYY-MM-DDTHH:MMZ'``."""
    t = dt.datetime.fromtimestamp(wall - wall % QUARTER_S, dt.UTC)
    return t.strftime("%Y-%m-%dT%H:%MZ")


class Sink(Protocol):
    """Where sessions go (:class:`kiosk.analytics.store.Store`; a list in tests). ``key`` is
    the session's number in this run; calls never block."""

    def open_session(self, key: int, started_utc: str) -> None: ...
    def event(self, key: int, t_s: float, type: str, value: str | None) -> None: ...
    def interactions(self, key: int, n: int) -> None: ...
    def close_session(self, key: int, duration_s: float, interactions: int, ended: str) -> None: ...


class SessionEnd(NamedTuple):
    """What listeners (:meth:`SessionLog.on_session_end`, e.g. the metrics) hear."""

    started_utc: str
    duration_s: float
    interactions: int
    ended: str

    @property
    def bounce(self) -> bool:
        return self.interactions <= BOUNCE_MAX


class SessionLog:
    """The session logic.  ``monotonic`` and ``wall`` are injectable clocks (seconds);
    ``ids``: the content's ids by event type (``page``, ``language``, ``layer``, ``place``)."""

    def __init__(
        self,
        sink: Sink,
        ids: Mapping[str, Collection[str]] | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ):
        self.sink = sink
        self._mono = monotonic
        self._wall = wall
        self._ids: dict[str, frozenset[str]] = {}
        self.set_ids(ids or {})
        self._listeners: list[Callable[[SessionEnd], object]] = []
        self._key = 0  # the open session's key; 0: none open
        self._keys = 0
        self._started_utc = ""
        self._first = 0.0  # monotonic: the first touch
        self._last = 0.0  # monotonic: the last touch
        self._interactions = 0
        self.dropped = 0  # values that were no id of the content

    # -- configuration --------------------------------------------------------------------

    def set_ids(self, ids: Mapping[str, Collection[str]]) -> None:
        """The content's ids (new content: the new ones)."""
        self._ids = {t: frozenset(ids.get(t, ())) for t in ("page", "language", "layer", "place")}
        self._ids["control"] = CONTROLS

    def on_session_end(self, listener: Callable[[SessionEnd], object]) -> None:
        """``listener(SessionEnd)`` after each session ends (on the caller's thread)."""
        self._listeners.append(listener)

    @property
    def open(self) -> bool:
        return self._key != 0

    @property
    def interaction_count(self) -> int:
        return self._interactions

    # -- what happens ---------------------------------------------------------------------

    def begin(self, language: str, first_touch: float | None = None) -> None:
        """A visit started: the session opens at ``first_touch`` (monotonic; the touch on
        the attract screen that started it, when it is recent) with ``language``."""
        if self._key:
            return  # already open (a second start of the same visit)
        now = self._mono()
        first = now
        if first_touch is not None and 0 <= now - first_touch <= FIRST_TOUCH_S:
            first = first_touch
        self._keys += 1
        self._key = self._keys
        self._first = self._last = first
        self._interactions = 0
        self._started_utc = quarter_hour(self._wall() - (now - first))
        self.sink.open_session(self._key, self._started_utc)
        if language in self._ids["language"]:
            self.sink.event(self._key, 0.0, "language", language)
        else:
            self.dropped += 1

    def touch(self, at: float | None = None) -> None:
        """Input was noted (at ``at``, monotonic; default now): the session's last touch."""
        if self._key:
            t = self._mono() if at is None else at
            if t > self._last:
                self._last = t

    def record(self, type: str, value: str | None, *, follows: bool = False) -> bool:
        """An event of the open session, now; ``follows``: set off by the same touch as the
        event before it (not a new interaction).  False when nothing was stored (no session
        open, or ``value`` is no id of the content)."""
        if not self._key:
            return False
        allowed = self._ids.get(type)
        if allowed is None or value not in allowed:
            self.dropped += 1
            log.debug("analytics: dropped %s %r (not an id of the content)", type, value)
            return False
        now = self._mono()
        self.touch(now)
        self.sink.event(self._key, round(now - self._first, 3), type, value)
        if not follows:
            self._interactions += 1
            self.sink.interactions(self._key, self._interactions)
        return True

    def end(self, how: str, last_touch: float | None = None) -> SessionEnd | None:
        """The session ends (``how``: 'reset', 'closed' or 'shutdown'; ``last_touch``: the
        last input, monotonic, if known).  'reset' records the ``reset`` event at the
        moment of the reset; the duration stays first touch to last touch."""
        if not self._key:
            return None
        assert how in ENDINGS, how
        if last_touch is not None:
            self.touch(last_touch)
        key, now = self._key, self._mono()
        if how == "reset":
            self.sink.event(key, round(now - self._first, 3), "reset", None)
        duration = round(max(0.0, self._last - self._first), 3)
        self.sink.close_session(key, duration, self._interactions, how)
        self._key = 0
        ended = SessionEnd(self._started_utc, duration, self._interactions, how)
        for listener in list(self._listeners):
            try:
                listener(ended)
            except Exception:  # a listener (metrics) never breaks the statistics
                log.exception("analytics: a session-end listener failed")
        return ended
