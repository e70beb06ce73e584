"""``Analytics`` singleton: feeds the visitor statistics (kiosk/analytics) from what the
kiosk already does, and lets QML note what only QML sees (``Analytics.note(type, value)``:
a map layer or place chosen, a control pressed).

From Python it hears: ``Navigation.visiting`` (a visit starts: the session opens at the
touch that started it; it stops: the session ends), ``Navigation.currentPage`` (a page),
``Language.code``, ``Idle.timedOut`` (the idle reset, also "Start again"), the idle warning
going away without a reset ("Continue", or a touch anywhere), ``Schedule.closedNow``,
``Speech.active`` turning on (audio mode), and the kiosk closing.  The last touch is the
idle timer's last input (``Idle.last_input``): nothing more runs per touch.

Events that one touch sets off together (a control and the page it opens) arrive in the
same pass of the event loop: the first counts as the interaction, the rest *follow*.

``sessions`` is the :class:`~kiosk.analytics.sessions.SessionLog`; other parts (the
metrics) can listen with ``sessions.on_session_end(callable)`` - sessions are followed even
when ``settings.analytics.enabled`` is false (then nothing is written).  The file is opened after
the first frame (:meth:`start`), by the store's own thread; nothing here ever waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.analytics.sessions import SessionLog

if TYPE_CHECKING:
    from kiosk.analytics.store import Store
    from kiosk.content.snapshot import Snapshot

    from .idle import Idle
    from .language import Language
    from .navigation import Navigation
    from .schedule import Schedule
    from .speech import Speech

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


class _Forward:
    """The session log's sink: to the store once it runs, held until then, dropped when
    the statistics are off."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.enabled = True
        self.held: list[tuple[str, tuple]] = []

    def _send(self, name: str, *args: object) -> None:
        if not self.enabled:
            return
        if self.store is not None:
            getattr(self.store, name)(*args)
        else:
            self.held.append((name, args))

    def open_session(self, key: int, started_utc: str) -> None:
        self._send("open_session", key, started_utc)

    def event(self, key: int, t_s: float, type: str, value: str | None) -> None:
        self._send("event", key, t_s, type, value)

    def interactions(self, key: int, n: int) -> None:
        self._send("interactions", key, n)

    def close_session(self, key: int, duration_s: float, interactions: int, ended: str) -> None:
        self._send("close_session", key, duration_s, interactions, ended)


@QmlElement
@QmlSingleton
class Analytics(QObject):
    """The kiosk's side of the visitor statistics (see the module's docstring)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sink = _Forward()
        self.sessions = SessionLog(self._sink)
        self._in_pass = False  # an event was recorded in this pass of the event loop
        self._generation = 0  # sessions ended so far (a deferred "continue" checks it)
        self._last_input: Callable[[], float | None] = lambda: None
        self._language: Callable[[], str] = lambda: ""
        self._keep_months = 25
        self._kiosk_name: str | None = None
        self._started = False
        self.allowed = True  # False: never any statistics (kiosk proof), whatever the settings

    # -- set-up (KioskApp) -----------------------------------------------------------------

    def attach(
        self,
        navigation: Navigation,
        language: Language,
        idle: Idle,
        schedule: Schedule,
        speech: Speech,
    ) -> None:
        """Listen to the kiosk.  Connect this before the session reset is wired: the ends
        must see the last touch before the reset moves the idle timer's clock."""
        self._last_input = idle.last_input
        self._language = lambda: language.code
        navigation.visitingChanged.connect(lambda: self._visiting(navigation.visiting))
        navigation.currentPageChanged.connect(lambda: self._page(navigation.currentPage))
        language.codeChanged.connect(lambda: self._note("language", language.code))
        idle.timedOut.connect(lambda: self._end("reset"))
        idle.warningChanged.connect(lambda: self._warning(idle.warning))
        schedule.closedNow.connect(lambda: self._end("closed"))
        speech.activeChanged.connect(lambda: self._audio(speech.active))

    def configure(self, snapshot: Snapshot, page_ids: list[str]) -> None:
        """The content's ids and settings (at start and with each new version)."""
        data = snapshot.data
        settings = data["settings"]
        map_ = data.get("map")
        self.sessions.set_ids(
            {
                "page": page_ids,
                "language": [la["code"] for la in settings["languages"]],
                "layer": [la["id"] for la in map_["layers"]] if map_ else [],
                "place": [h["id"] for h in map_["hotspots"]] if map_ else [],
            }
        )
        analytics = settings.get("analytics") or {"enabled": True, "keep_months": 25}
        self._keep_months = analytics["keep_months"]
        self._kiosk_name = settings.get("kiosk_name")
        enabled = analytics["enabled"] and self.allowed
        if enabled != self._sink.enabled:
            self._sink.enabled = enabled
            if not enabled:
                log.info("visitor statistics off (settings.analytics.enabled)")
                self._sink.held.clear()
                self._close_store()
            elif self._started:
                self._open_store()

    @property
    def store(self) -> Store | None:
        return self._sink.store

    def start(self) -> None:
        """After the first frame: the file opens (on the store's thread), if enabled."""
        self._started = True
        if self._sink.enabled:
            self._open_store()

    def _open_store(self) -> None:
        if self._sink.store is not None:
            return
        from kiosk.analytics.store import Store, database_path

        try:
            path = database_path()
        except OSError as e:  # no data folder at all: no statistics, never a crash
            log.error("visitor statistics off: no data folder (%s)", e)
            return
        store = Store(path, kiosk_name=self._kiosk_name, keep_months=self._keep_months)
        store.start()
        for name, args in self._sink.held:
            getattr(store, name)(*args)
        self._sink.held.clear()
        self._sink.store = store

    def _close_store(self) -> None:
        store, self._sink.store = self._sink.store, None
        if store is not None:
            store.close()

    def close(self) -> None:
        """The kiosk stops: the open session ends ('shutdown'), the file is written and
        closed."""
        self._end("shutdown")
        self._close_store()
        self._started = False

    # -- what happens ----------------------------------------------------------------------

    @Slot(str, str)
    def note(self, type: str, value: str) -> None:
        """QML: a layer (its id), a place (its id) or a control (its fixed name) was used."""
        self._note(type, value)

    def _note(self, type: str, value: str) -> None:
        if self.sessions.record(type, value, follows=self._in_pass) and not self._in_pass:
            self._in_pass = True
            QTimer.singleShot(0, self, self._pass_over)

    def _pass_over(self) -> None:
        self._in_pass = False

    def _audio(self, on: bool) -> None:
        if on:  # audio mode turned on (its key, three fingers held, ...)
            self._note("control", "audio")

    def _page(self, page: str) -> None:
        if page != "attract":
            self._note("page", page)

    def _visiting(self, on: bool) -> None:
        if on:
            self.sessions.begin(self._language(), self._last_input())
        else:
            self._end("reset")  # any other way back to the attract screen: a reset too

    def _end(self, how: str) -> None:
        if self.sessions.open:
            self._generation += 1
            self.sessions.end(how, self._last_input())

    def _warning(self, shown: bool) -> None:
        if not shown and self.sessions.open:
            QTimer.singleShot(0, self, partial(self._continued, self._generation))

    def _continued(self, generation: int) -> None:
        """The warning went and the session did not end: the visitor continued."""
        if generation == self._generation and self.sessions.open:
            self._note("control", "idle_continue")
