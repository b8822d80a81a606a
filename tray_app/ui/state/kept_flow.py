"""The tray's side of kept clicks (issue 12): keep a click the portal could not take, show it,
and send it, through :class:`~tray_app.services.kept_sending.KeptSender`, once the portal
answers again.

The controller (:mod:`tray_app.ui.state.controller`) asks this object what to do and turns its
answers into jobs and views:

- :meth:`KeptFlow.keep`: on the UI thread, durably, before anything is shown.
- :meth:`KeptFlow.round_task`: the sending round for the worker's action lane (the status is
  read first there; nothing is sent out of order, nothing twice).
- :meth:`KeptFlow.take_round`: its :class:`~tray_app.services.kept_sending.Round` back on the
  UI thread: what took effect, what waits for the person.
- :meth:`KeptFlow.note`: the :class:`~tray_app.ui.shared.kept_note.KeptNote` of the view.
- :meth:`KeptFlow.reload`: the CLI kept, sent or discarded a click (``KeptStore.version``).

Each use of the store opens it and closes it again (the UI thread and the worker thread never
share a SQLite connection). A store that cannot be opened is logged and leaves the click to
fail as before: nothing is claimed kept that is not on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from tray_app.api.errors import TimemanError
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import KEPT_ACTIONS, Clock, KeptClick, SentWrite, SystemClock
from tray_app.core.kept_rules import Ask, Conflict, Wait
from tray_app.core.workday import Workday
from tray_app.history.kept_errors import KeptStoreError
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_failures import keepable
from tray_app.services.kept_sending import KeptPortal, KeptSender, Round, Settled, keep_click
from tray_app.services.kept_watch import KeptWatch
from tray_app.ui.shared.kept_note import KeptNote, KeptStage

log = logging.getLogger(__name__)

StoreOpener = Callable[[], KeptStore]
RoundTask = Callable[[KeptPortal], Round]


@dataclass(frozen=True)
class RoundNews:
    """What a finished round means for the person: clicks that took effect, a click that
    now waits for them (shown once), and when to try again by itself (None: on the next
    answer of the portal, or never while the person decides)."""

    settled: tuple[Settled, ...] = ()
    needs_person: KeptNote | None = None
    retry_at: datetime | None = None


class KeptFlow:
    """The kept clicks of the signed-in account, as the tray sees them."""

    def __init__(
        self,
        open_store: StoreOpener,
        *,
        clock: Clock | None = None,
        reason_template: Callable[[], str | None] = lambda: None,
    ) -> None:
        """``clock``: the machine's (the moment of a click, and the now the portal's clock is
        reckoned from); ``reason_template``: the automatic reason's wording, read at each round
        (Settings may change it)."""
        self._open = open_store
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._reason_template = reason_template
        self._store: KeptStore | None = None
        self._watch: KeptWatch | None = None
        self._queue: list[KeptClick] = []
        self._stop: Ask | Conflict | None = None
        self._told: str | None = None  # the click whose question was notified
        self._in_flight = False
        self.reload()

    @property
    def queue(self) -> tuple[KeptClick, ...]:
        return tuple(self._queue)

    @property
    def in_flight(self) -> bool:
        return self._in_flight

    def close(self) -> None:
        store, self._store, self._watch = self._store, None, None
        if store is not None:
            store.close()

    def _ui_store(self) -> KeptStore:
        """The UI thread's own connection, opened on first use (again after a failure)."""
        if self._store is None:
            self._store = self._open()
            self._watch = KeptWatch(self._store)
        return self._store

    def _failed(self, doing: str, error: KeptStoreError) -> None:
        log.warning("the kept clicks could not be %s: %s", doing, error.message)
        self.close()  # opened again next time: the file may be back

    def _after_own_change(self, store: KeptStore) -> None:
        """Read the queue again; our own change is not news from elsewhere."""
        self._queue = store.pending()
        if self._watch is not None:
            self._watch.changed()

    # -- what is kept ------------------------------------------------------------------------

    def reload(self) -> bool:
        """Read the queue again; True when it changed."""
        try:
            queue = self._ui_store().pending()
        except KeptStoreError as exc:
            self._failed("read", exc)
            return False
        changed = queue != self._queue
        self._queue = queue
        if self._stop is not None and (not queue or queue[0] != self._stop.click):
            self._stop = None
        return changed

    def changed_elsewhere(self) -> bool:
        """Whether another process (the CLI) kept, sent or discarded a click since the last
        look: one row of SQLite; the queue is read again when so."""
        try:
            self._ui_store()
            changed = self._watch is not None and self._watch.changed()
        except KeptStoreError as exc:
            self._failed("read", exc)
            return False
        return changed and self.reload()

    def keep(
        self, action: Action, *, last_known: Workday | None, sent: SentWrite | None = None
    ) -> KeptClick | None:
        """Keep a click made now, durably; None when it cannot be kept (the action has no
        kept form, or the store cannot be written): then it fails as before."""
        kept_action = KEPT_ACTIONS.get(action)
        if kept_action is None:
            return None
        try:
            store = self._ui_store()
            click = keep_click(store, kept_action, self._clock, last_known=last_known, sent=sent)
            self._after_own_change(store)
        except KeptStoreError as exc:
            self._failed("written", exc)
            return None
        return click

    def discard(self, click_id: str) -> bool:
        """Drop a kept click (the person chose so); True when it was still kept."""
        try:
            store = self._ui_store()
            dropped = store.discard(click_id)
            self._after_own_change(store)
        except KeptStoreError as exc:
            self._failed("changed", exc)
            return False
        if self._stop is not None and self._stop.click.click_id == click_id:
            self._stop = None
        return dropped

    # -- sending -----------------------------------------------------------------------------

    def wants_round(self) -> bool:
        """Something is kept that the portal may take without asking the person."""
        return bool(self._queue) and self._stop is None and not self._in_flight

    def round_task(self, accept: str | None = None) -> RoundTask:
        """The round to run on the worker's action lane, with its own connection to the store
        (``accept``: the person chose "Send now", "Pause now"... for that click)."""
        self._in_flight = True
        if accept is not None:
            self._stop = None
        opener, clock, template = self._open, self._clock, self._reason_template()

        def send(portal: KeptPortal) -> Round:
            with opener() as store:
                sender = KeptSender(
                    portal, store, clock=clock, local_now=clock.now, reason_template=template
                )
                return sender.send_pending(accept=accept)

        return send

    def take_round(self, done: Round) -> RoundNews:
        """The round's result, on the UI thread."""
        self._in_flight = False
        self._queue = list(done.left)
        if self._watch is not None:
            self._watch.changed()  # the round's own changes
        stopped = done.stopped
        retry_at = None
        if isinstance(stopped, Wait):
            retry_at = stopped.until
            self._stop = None
        else:
            self._stop = stopped
        note = self.note()
        needs_person = None
        if self._stop is not None and note is not None and self._told != note.click.click_id:
            self._told = note.click.click_id
            needs_person = note
        return RoundNews(done.settled, needs_person, retry_at)

    def round_failed(self, error: Exception) -> bool:
        """The round raised (a rejected webhook, a store that cannot be read): the clicks stay
        kept. True when waiting may help."""
        self._in_flight = False
        self.reload()
        return isinstance(error, TimemanError) and keepable(error)

    def note(self) -> KeptNote | None:
        """The view's note: the first kept click, and where it is."""
        if not self._queue:
            return None
        head = self._queue[0]
        stop = self._stop if self._stop is not None and self._stop.click == head else None
        if self._in_flight:
            stage = KeptStage.SENDING
        elif isinstance(stop, Ask):
            stage = KeptStage.ASK
        elif isinstance(stop, Conflict):
            stage = KeptStage.CONFLICT
        else:
            stage = KeptStage.WAITING
        return KeptNote(head, len(self._queue), stage, stop)
