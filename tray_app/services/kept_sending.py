"""Keeping clicks the portal could not take, and sending them later (issue 12), without Qt.

The one driver of the kept clicks for both faces (the tray, the CLI). The rules are
:mod:`tray_app.core.kept_rules`, the durable queue :class:`~tray_app.history.kept_store.KeptStore`;
this module holds the order of their steps:

- :meth:`KeptSender.keep`: a click the portal could not take (the caller decides when:
  :func:`~tray_app.services.kept_failures.keepable`) is kept, durably, before anything is
  said. A click whose write went out but whose answer never came is kept with that write
  (``SentWrite``): the status read before anything is sent again tells whether it took effect.
- :meth:`KeptSender.send_pending`: the status (and the schedule's settings) are read first;
  then, click by click, :func:`~tray_app.core.kept_rules.decide`; a ``Send`` is noted in the
  store (``mark_sent``) *before* its write goes out, its answer settles or holds it; a lost
  answer is left to the next status read (the rules settle it: never sent twice). An ``Ask``,
  a ``Conflict`` or a ``Wait`` stops the round: :class:`Round` says what the person must see.

The automatic reason is the rules' template id with its parameters, worded here in English
(``reason_template``: the person's own wording, with the same placeholders; the UI passes its
translation). No reason goes with a time on a flexible schedule (``UF_TM_FREE``).

The account of the store is the journal's (:func:`kept_account`); a change by any process moves
:meth:`KeptStore.version` on, which a running tray polls to pick up a click the CLI kept.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from tray_app.api.errors import RefusedError, TimemanError
from tray_app.api.models import DayReading, WriteOutcome
from tray_app.core.actions import Action
from tray_app.core.elapsed import ServerClock
from tray_app.core.kept_clicks import (
    DEFAULT_REASON_TEMPLATE,
    Clock,
    KeptAction,
    KeptClick,
    SentWrite,
    SystemClock,
    mark_of,
    new_click,
)
from tray_app.core.kept_rules import (
    Ask,
    Conflict,
    ConflictWhy,
    Decision,
    Done,
    Send,
    Wait,
    answered,
    decide,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import Workday
from tray_app.history.kept_store import KeptStore
from tray_app.services.kept_failures import keepable, may_have_run

log = logging.getLogger(__name__)

Stop = Ask | Conflict | Wait


class KeptPortal(Protocol):
    """What the sender asks of the portal (:class:`tray_app.api.client.TimemanClient`, or the
    tray's worker's client)."""

    def status_and_settings(self) -> tuple[DayReading, PortalSettings]: ...

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        with_report: bool = True,
    ) -> WriteOutcome: ...


def kept_account(portal_url: str, user_id: int) -> str:
    """Whose clicks: the portal and the user, as the history journal names its account."""
    return f"{portal_url}/{user_id}"


def open_store(portal_url: str, user_id: int, path: Path | None = None) -> KeptStore:
    """The kept clicks of one signed-in account (``kept.sqlite3`` beside the journal)."""
    return KeptStore.open(path, account=kept_account(portal_url, user_id))


def keep_click(
    store: KeptStore,
    action: KeptAction,
    clock: Clock,
    *,
    last_known: Workday | None,
    sent: SentWrite | None = None,
) -> KeptClick:
    """Keep a click made now, behind those already kept; durable once this returns.
    ``last_known``: the day the click was made on (None: unknown); ``sent``: its write went
    out and the answer never came."""
    click = new_click(action, clock, last_known=last_known, queue=store.pending())
    if sent is not None:
        click = dataclasses.replace(click, sent=sent)
    store.keep(click)
    log.info("kept %s clicked at %s", action.value, f"{click.clicked_at:%H:%M:%S}")
    return click


def lost_write(method: str, reading: DayReading, local_now: datetime) -> SentWrite:
    """The write of ``method`` without a time, decided on ``reading``, going out at the local
    ``local_now``: for a click whose answer did not come (:func:`keep_click` ``sent``)."""
    return SentWrite(method, None, reading.clock.server_now(local_now), mark_of(reading.workday))


def reason_text(send: Send, template: str | None = None) -> str | None:
    """The ``REPORT`` of ``send``: None when it carries no time or the schedule is flexible."""
    if send.time is None or send.reason is None:
        return None
    return send.reason.render(template or DEFAULT_REASON_TEMPLATE)


@dataclass(frozen=True)
class Settled:
    """A kept click that took effect: ``sent`` False when its lost answer was found done."""

    click: KeptClick
    day: Workday
    sent: bool


@dataclass(frozen=True)
class Round:
    """What one :meth:`KeptSender.send_pending` did and where it stopped.

    ``stopped``: the head of the queue waits for the person (``Ask``, ``Conflict``) or for
    time (``Wait``); ``unreachable``: the portal could not be reached (what is left waits, a
    write whose answer was lost included); ``taken``: another process is sending the head.
    ``day``: the portal's day last seen; ``left``: the clicks still kept."""

    settled: tuple[Settled, ...] = ()
    stopped: Stop | None = None
    day: Workday | None = None
    unreachable: TimemanError | None = None
    taken: bool = False
    left: tuple[KeptClick, ...] = ()

    @property
    def finished(self) -> bool:
        """Nothing is kept any more."""
        return not self.left


@dataclass
class _Progress:
    settled: list[Settled] = dataclasses.field(default_factory=list)
    day: Workday | None = None
    settings: PortalSettings | None = None
    clock: ServerClock = dataclasses.field(default_factory=ServerClock)


class KeptSender:
    """Keeps clicks of one account and sends them: ``client`` for the portal, ``store`` for
    the queue, ``clock`` the machine's (wall and steady), ``local_now`` the wall clock the
    client's skew is measured against (the portal's now is ``local_now`` plus it)."""

    def __init__(
        self,
        client: KeptPortal,
        store: KeptStore,
        *,
        clock: Clock | None = None,
        local_now: Callable[[], datetime] = lambda: datetime.now(UTC),
        reason_template: str | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._local_now = local_now
        self.reason_template = reason_template

    # -- keeping -------------------------------------------------------------------------------

    def keep(
        self,
        action: KeptAction,
        *,
        last_known: Workday | None,
        sent: SentWrite | None = None,
    ) -> KeptClick:
        """Keep a click made now (:func:`keep_click`)."""
        return keep_click(self._store, action, self._clock, last_known=last_known, sent=sent)

    def lost_write(self, method: str, reading: DayReading) -> SentWrite:
        """:func:`lost_write` at this sender's now."""
        return lost_write(method, reading, self._local_now())

    # -- sending -------------------------------------------------------------------------------

    def send_pending(self, *, accept: str | None = None) -> Round:
        """Send what the portal allows, in order, after reading the status first.

        ``accept``: the id of a kept click the person chose to send as the portal allows now
        (an ``Ask`` with ``now_send``: "Pause now", "Resume now", "Close now") or to try
        again after a refusal ("Send now")."""
        progress = _Progress()
        if not self._store.pending():
            return Round()
        try:
            reading, progress.settings = self._client.status_and_settings()
        except TimemanError as exc:
            if not keepable(exc):
                raise
            return self._round(progress, unreachable=exc)
        if accept is not None:
            self._store.release(accept)  # a held click tried again; a no-op otherwise
        progress.day, progress.clock = reading.workday, reading.clock
        for _ in range(4 * len(self._store.pending()) + 4):  # every step settles or stops
            queue = self._store.pending()
            decision = decide(
                queue,
                _day(progress),
                now=self._portal_now(progress),
                steady=self._clock.steady(),
                settings=progress.settings,
            )
            if decision is None:
                break
            step = self._step(decision, progress, accept)
            if step is not None:
                return step
        return self._round(progress)

    def _step(self, decision: Decision, progress: _Progress, accept: str | None) -> Round | None:
        """One decision carried out; a :class:`Round` when the sending stops here."""
        if isinstance(decision, Done):
            self._store.settle(decision.click.click_id, decision.left)
            progress.settled.append(Settled(decision.click, decision.portal, sent=False))
            return None
        if isinstance(decision, Send):
            return self._send(decision, progress)
        if (
            isinstance(decision, Ask)
            and decision.now_send is not None
            and decision.click.click_id == accept
        ):
            return self._send(decision.now_send, progress)
        return self._round(progress, stopped=decision)

    def _send(self, send: Send, progress: _Progress) -> Round | None:
        click = send.click
        write = send.write()
        if not self._store.mark_sent(click.click_id, write, replacing=click.sent):
            log.info("kept %s is being sent by another process", click.action.value)
            return self._round(progress, taken=True)
        flexible = progress.settings is not None and progress.settings.flexible
        try:
            outcome = self._client.perform(
                send.action,
                time=send.time,
                reason=reason_text(send, self.reason_template),
                with_report=not flexible,
            )
        except RefusedError as exc:
            self._store.hold(click.click_id, exc.code or "refused")
            return self._round(
                progress, stopped=Conflict(click, ConflictWhy.REFUSED, _day(progress), exc.code)
            )
        except TimemanError as exc:
            if not may_have_run(exc):
                self._store.unsend(click.click_id, write)  # it certainly did not go out
            if keepable(exc):
                return self._round(progress, unreachable=exc)
            raise
        progress.day, progress.clock = outcome.workday, outcome.reading.clock
        result = answered(send, outcome.workday)
        if isinstance(result, Done):
            self._store.settle(click.click_id, result.left)
            progress.settled.append(Settled(click, outcome.workday, sent=True))
            log.info("kept %s sent", click.action.value)
            return None
        self._store.hold(click.click_id, ConflictWhy.NO_EFFECT.value)
        return self._round(progress, stopped=result)

    def _portal_now(self, progress: _Progress) -> datetime:
        """The portal's now by the skew of its last answer."""
        return progress.clock.server_now(self._local_now())

    def _round(
        self,
        progress: _Progress,
        *,
        stopped: Decision | None = None,
        unreachable: TimemanError | None = None,
        taken: bool = False,
    ) -> Round:
        stop = stopped if isinstance(stopped, Ask | Conflict | Wait) else None
        return Round(
            settled=tuple(progress.settled),
            stopped=stop,
            day=progress.day,
            unreachable=unreachable,
            taken=taken,
            left=tuple(self._store.pending()),
        )


def _day(progress: _Progress) -> Workday:
    assert progress.day is not None, "decided only once the status was read"
    return progress.day
