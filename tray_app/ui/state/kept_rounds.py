"""When the tray keeps a click and when it sends the kept ones (issue 12), for the controller.

:class:`KeptRounds` sits between the day controller and :class:`~tray_app.ui.state.kept_flow.
KeptFlow`: the controller hands it an own click that failed for the network, tells it of every
answer of the portal, and routes the kept rounds' results back; it tells the controller a day the
portal answered, what to notify, and what took effect (for the history journal).

A round is started:

- a few seconds after a click was kept (3, 10 and 30 s: a short outage is over soon), then
- on every answer of the portal (the next successful read: after the network returns, a wake,
  the menu opened), and when a write's answer may still come, after its grace;
- by the person: "Send now", "Pause now", ...;
- when another process (the CLI) kept a click (:meth:`look_elsewhere`).

Nothing is sent while a round is on its way, and nothing while the first kept click waits for
the person.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from tray_app.core.actions import SPECS, Action
from tray_app.core.kept_projection import projected_day
from tray_app.core.remedy import Remedy
from tray_app.core.workday import Workday
from tray_app.services.kept_sending import Round, Settled, lost_write
from tray_app.ui.shared.kept_note import KeptNote
from tray_app.ui.state.failure import Failure
from tray_app.ui.state.kept_flow import KeptFlow, RoundTask
from tray_app.ui.state.own_action import PendingAction, Step
from tray_app.ui.state.timers import Timer, ms
from tray_app.ui.text.kept_texts import sent_notice, stop_notice

if TYPE_CHECKING:
    from tray_app.api.models import DayReading

log = logging.getLogger(__name__)

QUICK_TRIES_S = (3.0, 10.0, 30.0)
"""After a click is kept: the portal is asked again after these many seconds (then on its
next answer to a background read)."""
TAKEN_RETRY_S = 5.0
"""Another process was sending the first kept click: look again after this."""


class KeptRounds:
    """The kept clicks' rounds of one controller."""

    def __init__(
        self,
        flow: KeptFlow,
        *,
        submit: Callable[[RoundTask], int],
        timer: Timer,
        server_now: Callable[[], datetime],
        on_day: Callable[[Workday], None],
        notify: Callable[[str, str], None],
        on_settled: Callable[[Settled], None],
        changed: Callable[[], None] = lambda: None,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        """``changed()``: the view may have changed (the person's choices, the CLI's clicks);
        ``ready()``: the controller runs and someone is signed in."""
        self.flow = flow
        self._changed = changed
        self._ready = ready
        self._submit = submit
        self._timer = timer
        self._server_now = server_now
        self._on_day = on_day
        self._notify = notify
        self._on_settled = on_settled
        self._seq: int | None = None
        self._tries = 0

    # -- what the view shows -----------------------------------------------------------------

    def note(self) -> KeptNote | None:
        return self.flow.note()

    def project(self, reading: DayReading) -> DayReading:
        """``reading`` with the kept clicks applied (the clock follows them)."""
        queue = self.flow.queue
        if not queue:
            return reading
        return dataclasses.replace(reading, workday=projected_day(reading.workday, queue))

    @property
    def holding(self) -> bool:
        """Clicks are kept: a new click goes behind them."""
        return bool(self.flow.queue)

    # -- keeping -----------------------------------------------------------------------------

    def keep_own(
        self,
        pending: PendingAction,
        failure: Failure,
        *,
        resend: bool,
        sign_in_failed: bool,
        reading: DayReading | None,
        local_now: datetime,
    ) -> bool:
        """An own click failed: kept when waiting helps and it has no time of its own (the
        report dialog that sent one says why it failed). True when it is kept."""
        if pending.time is not None or failure.signed_out or sign_in_failed:
            return False
        if failure.remedy is not Remedy.WAIT:
            return False
        # A write that may have gone out (its answer lost) is kept with it: settled by a
        # status read before anything is sent again.
        wrote = pending.step is Step.CHECK or not resend
        sent = None
        if wrote and reading is not None:
            sent = lost_write(SPECS[pending.action].method, reading, local_now)
        last_known = None if reading is None else reading.workday
        if self.flow.keep(pending.action, last_known=last_known, sent=sent) is None:
            return False
        log.info("%s kept (%s): sent when the portal answers", pending.action, failure.message)
        self._tries = 0
        self._timer.start(ms(QUICK_TRIES_S[0]))
        return True

    def keep_behind(self, action: Action) -> bool:
        """A click while others are kept: kept behind them (never sent before them), and a
        round started."""
        if self.flow.keep(action, last_known=None) is None:
            return False
        self.round()
        return True

    # -- rounds ------------------------------------------------------------------------------

    def round(self, accept: str | None = None) -> bool:
        """Start a round now (``accept``: the person's choice for that click); False while one
        is on its way."""
        if self.flow.in_flight or not self.flow.queue:
            return False
        self._timer.stop()
        self._seq = self._submit(self.flow.round_task(accept))
        return True

    def answered(self) -> None:
        """The portal answered a read: send what waits, if anything."""
        if self.flow.wants_round():
            self.round()

    def on_timer(self) -> None:
        if self._ready() and self.flow.wants_round():
            self.round()
            self._changed()

    def owns(self, seq: int) -> bool:
        return seq == self._seq

    def dropped(self) -> None:
        """The round's result came from before a sign-in: nothing of it is shown."""
        self._seq = None
        self.flow.round_failed(RuntimeError("dropped"))

    def finished(self, value: object, error: Exception | None) -> str | None:
        """A round's result; returns the sentence of a failure waiting does not help (the
        controller shows it), else None."""
        self._seq = None
        if error is not None:
            if self.flow.round_failed(error):
                self._retry_soon()
                return None
            log.warning("sending the kept clicks failed: %s", error)
            return str(error)
        assert isinstance(value, Round), "a kept round answers with its round"
        news = self.flow.take_round(value)
        if value.day is not None:
            self._on_day(value.day)
        for settled in news.settled:
            self._on_settled(settled)
            self._notify(*sent_notice(settled))
        if news.needs_person is not None:
            self._notify(*stop_notice(news.needs_person))
        if value.unreachable is not None:
            self._retry_soon()
        elif news.retry_at is not None:
            wait = (news.retry_at - self._server_now()).total_seconds()
            self._timer.start(ms(max(1.0, wait)))
        elif value.taken:
            self._timer.start(ms(TAKEN_RETRY_S))
        return None

    def _retry_soon(self) -> None:
        """The next of the quick tries; after them, the next answer of a read starts one."""
        self._tries += 1
        if self._tries < len(QUICK_TRIES_S):
            self._timer.start(ms(QUICK_TRIES_S[self._tries]))

    # -- the person's choices ----------------------------------------------------------------

    def send_now(self, click_id: str) -> bool:
        """ "Send now", "Pause now", "Try again": a round that may send this click as the portal
        allows now."""
        if not self._ready() or not any(c.click_id == click_id for c in self.flow.queue):
            return False
        started = self.round(accept=click_id)
        self._changed()
        return started

    def discard(self, click_id: str) -> bool:
        """Drop it; what was kept behind it then goes."""
        if self.flow.in_flight or not self.flow.discard(click_id):
            return False
        if self._ready():
            self.answered()
        self._changed()
        return True

    def look_elsewhere(self, *, account_changed: bool = False) -> bool:
        """The CLI (or another copy) may have kept, sent or discarded a click, or another
        account is signed in (its kept clicks, not the last one's): True when the queue
        changed; a round starts when something may be sent."""
        if self.flow.in_flight or not self._ready():
            return False
        if account_changed:
            self.flow.close()  # opened again for the account now signed in
        changed = self.flow.reload() if account_changed else self.flow.changed_elsewhere()
        if not changed:
            return False
        self.answered()
        self._changed()
        return True

    def stop(self) -> None:
        self._timer.stop()
        self.flow.close()
