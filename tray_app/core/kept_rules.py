"""What to do with the first kept click once the portal answers again (issue 12).

After a reconnect the app reads the status first, then :func:`decide` judges the *head* of the
queue of kept clicks (nothing behind it moves before it is settled or discarded) against it:

- :class:`Send`: the write the portal allows, with its ``TIME`` and the automatic reason (none
  on a flexible schedule, ``UF_TM_FREE``): a start from CLOSED on the click's date with its own
  offset (API reference §1.2, §2.2); a close from OPENED, PAUSED or EXPIRED at the click's
  moment in the day's offset, on the day's start date.
- :class:`Ask`: the person decides. A pause or resume cannot be backdated (``now_send``: the
  same write at the portal's now); a start the portal would turn into resuming the closed day
  (``TIME`` is refused there: "Resume now"); a start whose date is over, a close after the start
  date, or before a break; a wall clock that jumped (``steady_moment``: when the click happened
  by the steady counter).
- :class:`Conflict`: not sent, shown: the day changed elsewhere since the click (opened in the
  browser, closed by the auto-close), the day is not in a state the click applies to, the click
  followed one that was not sent, or the portal refused a write for it (``held``).
- :class:`Done`: a write whose answer never came took effect (the status shows it): settled,
  not sent again; ``left`` is the basis for the click behind it.
- :class:`Wait`: a write went out lately and its answer may still come: nothing before ``until``.

Driving it (the tray, the CLI; ``store`` is :class:`tray_app.history.kept_store.KeptStore`):
read the status, ``decide(store.pending(), ...)``, then for a :class:`Send` (or an accepted
``Ask.now_send``) ``store.mark_sent(id, send.write(), replacing=send.click.sent)`` *before* the
write goes out (False: another process has it; send nothing); its answer through
:func:`answered` (a silent no-op is a :class:`Conflict`): ``store.settle(id, done.left)``, or
``store.hold(id, code)`` for a refusal or a no-op; no answer: nothing, the next status read
settles it. :class:`Done`: ``store.settle(id, done.left)``. :class:`Wait`: read again after
``until``. An :class:`Ask` or :class:`Conflict` is shown until the person chooses: its
``now_send``, a new time (``store.retime``) or ``store.discard``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tray_app.core.actions import SPECS, Action
from tray_app.core.backdate import (
    Rule,
    RuleViolation,
    check_close_time,
    check_open_time,
    day_zone,
)
from tray_app.core.kept_clicks import (
    DayMark,
    KeptAction,
    KeptClick,
    KeptReason,
    SentWrite,
    Steady,
    clock_jump,
    mark_of,
    same_day,
)
from tray_app.core.kept_effects import IN_FLIGHT_GRACE, left_by, took_effect
from tray_app.core.open_kind import OpenKind, open_kind
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday

_RUNNING = (DayState.OPENED, DayState.PAUSED, DayState.EXPIRED)


class AskWhy(StrEnum):
    PAUSE_NOT_BACKDATED = "pause_not_backdated"
    RESUME_NOT_BACKDATED = "resume_not_backdated"
    WOULD_RESUME = "would_resume"
    START_DATE_OVER = "start_date_over"
    CLOSE_AFTER_START_DATE = "close_after_start_date"
    CLOSE_BEFORE_BREAK = "close_before_break"
    CLOCK_JUMPED = "clock_jumped"


class ConflictWhy(StrEnum):
    CHANGED_ELSEWHERE = "changed_elsewhere"
    NOT_APPLICABLE = "not_applicable"
    PREDECESSOR_NOT_SENT = "predecessor_not_sent"
    REFUSED = "refused"
    NO_EFFECT = "no_effect"


@dataclass(frozen=True)
class Send:
    """The write to send for ``click``: ``time`` None means the portal's now (no ``REPORT``)."""

    click: KeptClick
    action: Action
    time: datetime | None
    reason: KeptReason | None
    basis: DayMark
    at: datetime

    @property
    def method(self) -> str:
        return SPECS[self.action].method

    def write(self) -> SentWrite:
        """What the store keeps (``mark_sent``) before the write goes out."""
        return SentWrite(self.method, self.time, self.at, self.basis)


@dataclass(frozen=True)
class Ask:
    click: KeptClick
    why: AskWhy
    portal: Workday
    now_send: Send | None = None
    steady_moment: datetime | None = None


@dataclass(frozen=True)
class Conflict:
    click: KeptClick
    why: ConflictWhy
    portal: Workday
    code: str | None = None


@dataclass(frozen=True)
class Done:
    """Settled; ``left``: the day the write left, the basis of the click behind (the store's
    ``settle``), None when the portal's day may have changed since."""

    click: KeptClick
    portal: Workday
    left: DayMark | None


@dataclass(frozen=True)
class Wait:
    click: KeptClick
    until: datetime


Decision = Send | Ask | Conflict | Done | Wait


@dataclass(frozen=True)
class _Context:
    click: KeptClick
    status: Workday
    now: datetime
    steady: Steady | None
    settings: PortalSettings | None

    def send(self, action: Action, when: datetime | None = None) -> Send:
        reason = None
        if when is not None and not (self.settings is not None and self.settings.flexible):
            zone = when.tzinfo
            assert zone is not None, "kept moments are aware"
            reason = KeptReason(when, self.now.astimezone(zone))
        return Send(self.click, action, when, reason, mark_of(self.status), self.now)

    def ask(self, why: AskWhy, now_send: Send | None = None) -> Ask:
        return Ask(self.click, why, self.status, now_send)

    def conflict(self, why: ConflictWhy) -> Conflict:
        return Conflict(self.click, why, self.status)


def decide(
    queue: Sequence[KeptClick],
    status: Workday,
    *,
    now: datetime,
    steady: Steady | None,
    settings: PortalSettings | None,
) -> Decision | None:
    """The decision for the head of ``queue`` (None: nothing kept); ``status`` is the portal's
    day just read, ``now`` the portal's time, ``steady`` the steady counter now."""
    if not queue:
        return None
    click = queue[0]
    context = _Context(click, status, now, steady, settings)
    if click.held is not None:
        return Conflict(click, ConflictWhy.REFUSED, status, click.held)
    if click.sent is not None:
        settled = _settle(context, click.sent)
        if settled is not None:
            return settled
    if click.basis is None:
        if click.after is not None:
            return context.conflict(ConflictWhy.PREDECESSOR_NOT_SENT)
    elif not same_day(click.basis, status):
        return context.conflict(ConflictWhy.CHANGED_ELSEWHERE)
    return _RULES[click.action](context)


def answered(send: Send, answer: Workday) -> Done | Conflict:
    """The portal answered the write of ``send`` with ``answer``: done, or a silent no-op."""
    if took_effect(send.write(), answer):
        return Done(send.click, answer, mark_of(answer))
    return Conflict(send.click, ConflictWhy.NO_EFFECT, answer)


def _settle(context: _Context, sent: SentWrite) -> Decision | None:
    """A write whose answer never came: done, still possibly under way, or lost (None)."""
    if took_effect(sent, context.status):
        return Done(context.click, context.status, left_by(sent, context.status))
    if not same_day(sent.basis, context.status):
        return context.conflict(ConflictWhy.CHANGED_ELSEWHERE)
    until = sent.sent_at + IN_FLIGHT_GRACE
    if context.now < until:
        return Wait(context.click, until)
    return None


def _jumped(context: _Context) -> Ask | None:
    jumped, moment = clock_jump(context.click, context.now, context.steady)
    if not jumped:
        return None
    return Ask(context.click, AskWhy.CLOCK_JUMPED, context.status, steady_moment=moment)


_OPEN_ASKS = {Rule.NOT_TODAY: AskWhy.START_DATE_OVER}
_CLOSE_ASKS = {
    Rule.NOT_START_DATE: AskWhy.CLOSE_AFTER_START_DATE,
    Rule.BEFORE_BREAK: AskWhy.CLOSE_BEFORE_BREAK,
    Rule.SHORTER_THAN_BREAKS: AskWhy.CLOSE_BEFORE_BREAK,
}


def _refused_time(
    context: _Context, rule: Rule, asks: dict[Rule, AskWhy], now_send: Send | None
) -> Decision:
    """A kept time the portal would refuse: a clock ahead of the portal's, a question, or a
    change elsewhere (the last day ended, or this one began, after the click)."""
    if rule is Rule.IN_FUTURE:
        return Ask(context.click, AskWhy.CLOCK_JUMPED, context.status)
    why = asks.get(rule)
    if why is None:
        return context.conflict(ConflictWhy.CHANGED_ELSEWHERE)
    return context.ask(why, now_send)


def _open(context: _Context) -> Decision:
    status = context.status
    if status.state is not DayState.CLOSED:
        return context.conflict(ConflictWhy.NOT_APPLICABLE)
    jumped = _jumped(context)
    if jumped is not None:
        return jumped
    if open_kind(status, context.now, context.settings) is OpenKind.RESUME_DAY:
        return context.ask(AskWhy.WOULD_RESUME, context.send(Action.RESUME))
    when = context.click.clicked_at.replace(microsecond=0)
    try:
        check_open_time(status, when, context.now)
    except RuleViolation as violation:
        return _refused_time(context, violation.rule, _OPEN_ASKS, context.send(Action.OPEN))
    return context.send(Action.OPEN, when)


def _close(context: _Context) -> Decision:
    status = context.status
    if status.state not in _RUNNING or status.started_at is None:
        return context.conflict(ConflictWhy.NOT_APPLICABLE)
    jumped = _jumped(context)
    if jumped is not None:
        return jumped
    when = context.click.clicked_at.astimezone(day_zone(status)).replace(microsecond=0)
    expired = status.state is DayState.EXPIRED
    try:
        check_close_time(status, when, context.now)
    except RuleViolation as violation:
        # An expired day cannot be closed at the portal's now (WD_EXPIRED): a time is needed.
        now_send = None if expired else context.send(Action.CLOSE)
        return _refused_time(context, violation.rule, _CLOSE_ASKS, now_send)
    return context.send(Action.CLOSE_EXPIRED if expired else Action.CLOSE, when)


def _pause(context: _Context) -> Decision:
    if context.status.state is not DayState.OPENED:
        return context.conflict(ConflictWhy.NOT_APPLICABLE)
    return context.ask(AskWhy.PAUSE_NOT_BACKDATED, context.send(Action.PAUSE))


def _resume(context: _Context) -> Decision:
    if context.status.state is not DayState.PAUSED:
        return context.conflict(ConflictWhy.NOT_APPLICABLE)
    return context.ask(AskWhy.RESUME_NOT_BACKDATED, context.send(Action.RESUME))


_RULES: dict[KeptAction, Callable[[_Context], Decision]] = {
    KeptAction.OPEN: _open,
    KeptAction.CLOSE: _close,
    KeptAction.PAUSE: _pause,
    KeptAction.RESUME: _resume,
}
