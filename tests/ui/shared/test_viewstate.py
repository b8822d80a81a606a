"""The view as a pure function of the last answer, the settings, a moment and a few flags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.ui.fakes import START, T0, ZONE, reading, workday
from tray_app.core.actions import Action
from tray_app.core.elapsed import Elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.summary import EN_DASH
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import (
    LOADING_TEXT,
    SIGNED_OUT_TEXT,
    SIGNING_IN_TEXT,
    TRACKING_OFF_TEXT,
    Phase,
    ViewState,
    compute_view,
)

NOW = datetime.fromtimestamp(T0, UTC)  # 10:00:30 at +02:00, the day began 08:00
OPENED = reading(workday(DayState.OPENED, leaks=timedelta(minutes=15)))


def test_loading_before_the_first_answer() -> None:
    view = compute_view(None, None, NOW)
    assert view == ViewState(phase=Phase.LOADING, headline=LOADING_TEXT)
    assert view.actions == ()


def test_signing_in_and_offline_while_loading() -> None:
    assert compute_view(None, None, NOW, signing_in=True).headline == SIGNING_IN_TEXT
    view = compute_view(None, None, NOW, stale=True, last_error="Cannot connect.")
    assert view.headline == f"{LOADING_TEXT} · offline"
    assert view.last_error == "Cannot connect."


def test_signed_out_hides_the_last_day() -> None:
    view = compute_view(OPENED, None, NOW, signed_out=True, last_error="Not signed in: log in.")
    assert view.phase is Phase.SIGNED_OUT
    assert view.headline == SIGNED_OUT_TEXT
    assert (view.day_state, view.actions, view.icon_text) == (None, (), "")
    assert view.last_error == "Not signed in: log in."


def test_opened_day() -> None:
    view = compute_view(OPENED, PortalSettings(), NOW)
    assert view.phase is Phase.READY
    assert view.day_state is DayState.OPENED
    assert view.headline == "Working · 1:45 · breaks 0:15 · since 08:00"
    assert view.icon_text == "1:45"
    assert view.worked == timedelta(hours=1, minutes=45)  # cut to whole minutes
    assert view.breaks == timedelta(minutes=15)
    assert view.actions == (Action.PAUSE, Action.CLOSE)
    assert view.started_at == START
    assert (view.busy, view.stale, view.last_error, view.confirmed) == (False, False, None, True)


def test_time_ticks_locally_and_only_minutes_show() -> None:
    first = compute_view(OPENED, None, NOW)
    assert compute_view(OPENED, None, NOW + timedelta(seconds=29)) == first
    later = compute_view(OPENED, None, NOW + timedelta(seconds=30))
    assert later.icon_text == "1:46"
    assert later != first


def test_the_portal_clock_skew_is_applied() -> None:
    ahead = reading(workday(DayState.OPENED), skew_s=600)  # the portal is 10 min ahead
    assert compute_view(ahead, None, NOW).icon_text == "2:10"


def test_paused_day_counts_the_running_break() -> None:
    paused = reading(
        workday(
            DayState.PAUSED,
            finish=START + timedelta(hours=1, minutes=30),
            leaks=timedelta(minutes=10),
        )
    )
    view = compute_view(paused, None, NOW)
    assert view.headline == "On a break · 1:20 · breaks 0:40 · since 08:00"
    assert view.actions == (Action.RESUME, Action.CLOSE)


def test_paused_without_finish_keeps_the_previous_figure() -> None:
    paused = reading(workday(DayState.PAUSED))  # the docs' PAUSED example: TIME_FINISH null
    previous = Elapsed(worked=timedelta(hours=1, minutes=5))
    assert compute_view(paused, None, NOW, previous=previous).icon_text == "1:05"
    assert compute_view(paused, None, NOW).icon_text == "0:00"


def test_closed_day() -> None:
    closed = reading(
        workday(
            DayState.CLOSED,
            finish=datetime(2025, 3, 27, 17, 0, tzinfo=ZONE),
            duration=timedelta(hours=8, minutes=30),
        )
    )
    view = compute_view(closed, None, NOW)
    assert view.headline == f"Day closed · 8:30 · breaks 0:00 · 08:00{EN_DASH}17:00"
    assert view.actions == (Action.OPEN,)


def test_a_closed_day_of_yesterday_is_not_today_s() -> None:
    yesterday = timedelta(days=1)
    closed = reading(
        workday(
            DayState.CLOSED,
            start=START - yesterday,
            finish=datetime(2025, 3, 26, 17, 0, tzinfo=ZONE),
            duration=timedelta(hours=8, minutes=30),
        )
    )
    view = compute_view(closed, None, NOW)
    assert view.earlier_day
    assert view.headline == (
        f"No workday today · last day Wed 26 Mar · 8:30 · breaks 0:00 · 08:00{EN_DASH}17:00"
    )
    assert view.icon_text == "", "nothing worked today: no time painted into the icon"
    assert view.actions == (Action.OPEN,)


def test_never_had_a_day() -> None:
    view = compute_view(reading(workday(DayState.CLOSED, start=None)), None, NOW)
    assert (view.headline, view.icon_text, view.actions) == ("No workday yet", "", (Action.OPEN,))


def test_expired_day_offers_only_the_close_with_a_time() -> None:
    suggested = datetime(2025, 3, 26, 17, 0, tzinfo=ZONE)
    day = workday(DayState.EXPIRED, start=START - timedelta(days=1), suggested=suggested)
    view = compute_view(reading(day), None, NOW)
    assert view.headline == "Day left open · started Wed 26 Mar 08:00 · suggested end 17:00"
    assert view.actions == (Action.CLOSE_EXPIRED,)
    assert view.suggested_close_at == suggested
    assert view.icon_text == ""


def test_busy_offers_no_actions() -> None:
    view = compute_view(OPENED, None, NOW, busy=True)
    assert view.busy
    assert view.actions == ()
    assert view.day_state is DayState.OPENED


def test_stale_keeps_the_day_and_says_offline() -> None:
    view = compute_view(OPENED, None, NOW, stale=True, last_error="Cannot connect.")
    assert view.headline == "Working · 1:45 · breaks 0:15 · since 08:00 · offline"
    assert view.actions == (Action.PAUSE, Action.CLOSE)
    assert view.stale


def test_stale_says_how_old_the_day_shown_is_in_the_day_s_offset() -> None:
    answered = (NOW - timedelta(minutes=12)).astimezone(UTC)
    view = compute_view(OPENED, None, NOW, stale=True, answered_at=answered)
    assert view.as_of == NOW - timedelta(minutes=12)
    assert view.as_of is not None
    assert view.as_of.utcoffset() == OPENED.workday.started_at.utcoffset()  # type: ignore[union-attr]
    assert view.headline.endswith(f" · offline · as of {view.as_of:%H:%M}")
    assert compute_view(OPENED, None, NOW, answered_at=answered).as_of is None, "fresh: no age"


def test_tracking_switched_off_on_the_portal() -> None:
    view = compute_view(OPENED, PortalSettings(tracking_enabled=False), NOW)
    assert view.headline == TRACKING_OFF_TEXT
    assert view.actions == ()


@pytest.mark.parametrize(
    ("settings", "required"),
    [(None, True), (PortalSettings(), True), (PortalSettings(flexible=True), False)],
)
def test_reason_required_follows_the_schedule(
    settings: PortalSettings | None, required: bool
) -> None:
    assert compute_view(OPENED, settings, NOW).reason_required is required
