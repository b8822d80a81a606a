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

from tray_app.core.actions import Action, available_actions
from tray_app.core.elapsed import Elapsed, elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.summary import headline, summarize
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState, Workday

if TYPE_CHECKING:  # only the type: importing tray_app.api at run time pulls in httpx
    from tray_app.api.models import DayReading

OFFLINE_SUFFIX = " · offline"
LOADING_TEXT = "Loading…"
SIGNING_IN_TEXT = "Signing in…"
SIGNED_OUT_TEXT = "Not signed in"
TRACKING_OFF_TEXT = "Time tracking is off for you on this portal"
_ZERO = timedelta(0)


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
    language from the other fields: :func:`tray_app.ui.messages.headline`)."""
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
) -> ViewState:
    """The view at the local moment ``now`` (aware).

    ``signed_out`` wins over a reading (the day of an account that no longer works is not
    shown); ``signing_in`` words the wait for the first answer after a login; ``stale`` keeps
    the last day and marks it offline; ``busy`` (an action on its way)
    offers no actions, so nothing can be sent twice.
    """
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
        )
    day = reading.workday
    summary = summarize(day, figures(reading, now, previous))
    tracking = settings is None or settings.tracking_enabled
    text = headline(summary) if tracking else TRACKING_OFF_TEXT
    actions = available_actions(day.state) if tracking and not busy else ()
    return ViewState(
        phase=Phase.READY,
        day_state=day.state,
        busy=busy,
        stale=stale,
        headline=text + (OFFLINE_SUFFIX if stale else ""),
        worked=_minutes(summary.worked),
        breaks=_minutes(summary.breaks),
        started_at=summary.started_at,
        suggested_close_at=summary.suggested_close_at,
        actions=actions,
        confirmed=day.confirmed,
        last_error=last_error,
        icon_text=_icon_text(day.state, summary.started_at, summary.worked),
        workday=day,
        settings=settings,
    )


def _icon_text(state: DayState, started_at: datetime | None, worked: timedelta) -> str:
    """``3:41`` on the icon; nothing without a day, nor for an expired day (its time is open)."""
    if started_at is None or state is DayState.EXPIRED:
        return ""
    return format_hm(worked)


def _minutes(duration: timedelta) -> timedelta:
    return timedelta(minutes=max(0, int(duration.total_seconds()) // 60))
