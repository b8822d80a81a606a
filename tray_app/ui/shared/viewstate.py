"""What the tray shows, as one immutable value computed from the last answer and a clock reading.

Pure: no Qt and no clock reads (``now`` is passed in), so every state of the menu and tooltip is
tested without a display. The controller recomputes it on every answer and every tick and emits
it only when it differs from the last one; ``worked``/``breaks`` are cut to whole minutes for that
reason (nothing shows seconds, so a tick inside the same minute changes nothing).

Elapsed time runs locally from the last answer, shifted by the skew between the portal's clock
and ours (:class:`~tray_app.core.elapsed.ServerClock`), so no request is made per tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from tray_app.core.action_retry import WaitReason
from tray_app.core.actions import Action, available_actions
from tray_app.core.elapsed import Elapsed, elapsed
from tray_app.core.open_kind import OpenKind, open_kind
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.summary import DaySummary, headline, summarize
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.kept_note import KeptNote

__all__ = [
    "LOADING_TEXT",
    "OFFLINE_SUFFIX",
    "SIGNED_OUT_TEXT",
    "SIGNING_IN_TEXT",
    "TRACKING_OFF_TEXT",
    "Phase",
    "PlanFigures",
    "ViewState",
    "WaitReason",
    "Waiting",
    "compute_view",
    "figures",
    "in_day_zone",
    "plan_hint",
]

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, the reminders take a while
    from tray_app.api.models import DayReading
    from tray_app.core.reminders import Reminder

OFFLINE_SUFFIX = " · offline"
LOADING_TEXT = "Loading…"
SIGNING_IN_TEXT = "Signing in…"
SIGNED_OUT_TEXT = "Not signed in"
TRACKING_OFF_TEXT = "Time tracking is off for you on this portal"
_ZERO = timedelta(0)


@dataclass(frozen=True)
class PlanFigures:
    """The day and the week against the plan, to the minute (so a tick inside a minute changes
    nothing), as :mod:`tray_app.ui.state.planner` computes them.

    ``until`` (the expected end) or ``overtime`` is what the headline adds, at most one of
    them; ``day_planned``/``week_planned`` None means no plan (no progress bar).
    """

    until: datetime | None = None
    overtime: timedelta | None = None
    day_worked: timedelta = _ZERO
    day_planned: timedelta | None = None
    week_done: timedelta = _ZERO
    week_planned: timedelta | None = None

    @property
    def day_progress(self) -> float | None:
        """Worked share of the day's plan, 0..1; None without a plan."""
        return _share(self.day_worked, self.day_planned)

    @property
    def week_progress(self) -> float | None:
        """Done share of the week's plan, 0..1; None without a plan."""
        return _share(self.week_done, self.week_planned)


def _share(done: timedelta, plan: timedelta | None) -> float | None:
    if plan is None or plan <= _ZERO:
        return None
    return min(done / plan, 1.0)


def plan_hint(plan: PlanFigures | None) -> str:
    """`` · until 18:05`` or `` · +0:20 overtime`` (English), or nothing."""
    if plan is None:
        return ""
    if plan.overtime is not None:
        return f" · +{format_hm(plan.overtime)} overtime"
    if plan.until is not None:
        return f" · until {plan.until:%H:%M}"
    return ""


@dataclass(frozen=True)
class Waiting:
    """An own action waiting for the portal: what, why, and in how many whole seconds it is
    tried (or checked) again; ``retry_in`` None: a try is on its way now."""

    action: Action
    reason: WaitReason
    """(:class:`tray_app.core.action_retry.WaitReason`, also importable from here.)"""
    retry_in: int | None = None


class Phase(StrEnum):
    """Where the controller is: no answer yet, no usable account, or a day to show."""

    LOADING = "loading"
    SIGNED_OUT = "signed_out"
    READY = "ready"


@dataclass(frozen=True)
class ViewState:
    """Everything the tray icon, tooltip and menu need; equal values look the same on screen."""

    phase: Phase
    day_state: DayState | None = None
    busy: bool = False
    stale: bool = False
    headline: str = LOADING_TEXT
    """The line of the menu header and tooltip, in English (the UI says it in the user's
    language from the other fields: :func:`tray_app.ui.text.messages.headline`)."""
    signing_in: bool = False
    """LOADING: the wait is for the first answer after a login."""
    worked: timedelta = _ZERO
    breaks: timedelta = _ZERO
    started_at: datetime | None = None
    suggested_close_at: datetime | None = None
    actions: tuple[Action, ...] = ()
    confirmed: bool | None = None
    last_error: str | None = None
    icon_text: str = ""
    workday: Workday | None = None
    """The answered day itself, for the dialogs' checks (:mod:`tray_app.core.backdate`)."""
    settings: PortalSettings | None = None
    """The portal's limits (whether to ask for a reason, ...); None until first read."""
    plan: PlanFigures | None = None
    """The day and week against the plan; None until the plan is known (after the first
    status) or when time tracking is off."""
    reminder: Reminder | None = None
    """The reminder that fired today and still holds (not snoozed), for the status panel."""
    earlier_day: bool = False
    """The day shown is a closed one of an earlier date: nothing was worked today yet."""
    open_kind: OpenKind | None = None
    """What "Start" does to the closed day shown: a new record, or the closed day resumed
    (:func:`tray_app.core.open_kind.open_kind`); None unless the day is CLOSED."""
    as_of: datetime | None = None
    """While ``stale``: when the day shown was answered (the portal's time, in the day's own
    offset when it has a start), so the person sees how old it is ("as of 09:12")."""
    waiting: Waiting | None = None
    """An own action waiting for the portal (``busy`` then too): for the tooltip, the panel."""
    kept: KeptNote | None = None
    """Clicks kept until the portal answers (issue 12): the day shown has them applied."""

    @property
    def reason_required(self) -> bool:
        """Whether a dialog that changes a time must ask for a reason (unknown: ask)."""
        return self.settings is None or self.settings.reason_required


def figures(reading: DayReading, now: datetime, previous: Elapsed | None = None) -> Elapsed:
    """Worked and break time of the answered day at the local moment ``now``.

    ``previous`` is the last value of the same day; it stands in for a PAUSED answer without
    ``TIME_FINISH`` (the docs' example), see :func:`tray_app.core.elapsed.elapsed`.
    """
    return elapsed(reading.workday, reading.clock.server_now(now), previous)


def compute_view(
    reading: DayReading | None,
    settings: PortalSettings | None,
    now: datetime,
    *,
    signed_out: bool = False,
    signing_in: bool = False,
    busy: bool = False,
    stale: bool = False,
    last_error: str | None = None,
    previous: Elapsed | None = None,
    plan: PlanFigures | None = None,
    reminder: Reminder | None = None,
    answered_at: datetime | None = None,
    waiting: Waiting | None = None,
    hold_actions: bool = False,
    kept: KeptNote | None = None,
) -> ViewState:
    """The view at the local moment ``now`` (aware).

    ``signed_out`` wins over a reading (the day of an account that no longer works is not
    shown); ``signing_in`` words the wait for the first answer after a login; ``stale`` keeps
    the last day and marks it offline; ``kept``: clicks kept until the portal answers
    (``reading`` then carries the day with them applied,
    :mod:`tray_app.core.kept_projection`); ``busy`` (an action on its way)
    offers no actions, so nothing can be sent twice. ``plan`` (with a day to show and time
    tracking on) adds the expected end or the overtime to the headline; ``reminder`` is
    shown with a day (and time tracking on) only. ``answered_at`` (local, aware): when the
    reading came, shown as its age while ``stale``. ``waiting``: an own action waiting for
    the portal (it makes the view ``busy``); ``hold_actions``: offer no actions, without the
    busy mark (the outcome of the last one is unknown until the day is read again).
    """
    busy = busy or waiting is not None
    if signed_out:
        return ViewState(
            phase=Phase.SIGNED_OUT,
            headline=SIGNED_OUT_TEXT,
            last_error=last_error,
            settings=settings,
        )
    if reading is None:
        text = SIGNING_IN_TEXT if signing_in else LOADING_TEXT
        return ViewState(
            phase=Phase.LOADING,
            headline=text + (OFFLINE_SUFFIX if stale else ""),
            signing_in=signing_in,
            busy=busy,
            stale=stale,
            last_error=last_error,
            settings=settings,
            waiting=waiting,
            kept=kept,
        )
    day = reading.workday
    server_now = reading.clock.server_now(now)
    summary = summarize(day, figures(reading, now, previous), server_now)
    tracking = settings is None or settings.tracking_enabled
    if not tracking:
        plan = reminder = None
    text = headline(summary) + plan_hint(plan) if tracking else TRACKING_OFF_TEXT
    actions = available_actions(day.state) if tracking and not (busy or hold_actions) else ()
    as_of = _as_of(reading, answered_at) if stale else None
    if stale:
        text += OFFLINE_SUFFIX + ("" if as_of is None else f" · as of {as_of:%H:%M}")
    return ViewState(
        phase=Phase.READY,
        day_state=day.state,
        busy=busy,
        stale=stale,
        headline=text,
        worked=_minutes(summary.worked),
        breaks=_minutes(summary.breaks),
        started_at=summary.started_at,
        suggested_close_at=summary.suggested_close_at,
        actions=actions,
        confirmed=day.confirmed,
        last_error=last_error,
        icon_text=_icon_text(summary),
        earlier_day=summary.earlier_day,
        open_kind=open_kind(day, server_now, settings) if tracking else None,
        as_of=as_of,
        workday=day,
        settings=settings,
        plan=plan,
        reminder=reminder,
        waiting=waiting,
        kept=kept,
    )


def in_day_zone(reading: DayReading, moment: datetime) -> datetime:
    """``moment`` in the offset the day started in, else in the system's zone."""
    start = reading.workday.started_at
    return moment.astimezone(start.tzinfo) if start is not None else moment.astimezone()


def _as_of(reading: DayReading, answered_at: datetime | None) -> datetime | None:
    """The portal's time of ``answered_at``, in the day's own offset where it has one."""
    if answered_at is None:
        return None
    return in_day_zone(reading, reading.clock.server_now(answered_at))


def _icon_text(summary: DaySummary) -> str:
    """``3:41`` on the icon; nothing without a day today, nor for an expired day (its time is
    open)."""
    if summary.started_at is None or summary.earlier_day or summary.state is DayState.EXPIRED:
        return ""
    return format_hm(summary.worked)


def _minutes(duration: timedelta) -> timedelta:
    return timedelta(minutes=max(0, int(duration.total_seconds()) // 60))
