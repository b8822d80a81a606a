"""The day the tray shows while clicks are kept: the portal's answer with the clicks applied."""

from __future__ import annotations

from datetime import timedelta

from tests.core.kept_samples import PLUS1, START, H, M, at, click, closed, expired, opened, paused
from tray_app.core.elapsed import elapsed
from tray_app.core.kept_clicks import KeptAction
from tray_app.core.kept_projection import projected_day
from tray_app.core.workday import DayState


def test_nothing_kept_leaves_the_answer() -> None:
    day = opened()
    assert projected_day(day, []) is day


def test_a_kept_close_stops_the_clock_at_the_click() -> None:
    day = opened(leaks=15 * M)
    shown = projected_day(day, [click(KeptAction.CLOSE, at(18, 5), basis=day)])
    assert shown.state is DayState.CLOSED
    assert shown.finished_at == at(18, 5)
    assert shown.duration == 9 * H + 5 * M - 15 * M
    # A later moment changes nothing: the clock stopped.
    assert elapsed(shown, at(20)).worked == shown.duration


def test_a_close_is_shown_in_the_days_offset() -> None:
    day = opened()
    shown = projected_day(day, [click(KeptAction.CLOSE, at(16, 5, zone=PLUS1), basis=day)])
    assert shown.finished_at == at(18, 5)
    assert shown.finished_at is not None
    assert shown.finished_at.utcoffset() == timedelta(hours=3)


def test_closing_a_paused_day_counts_the_break_since_the_pause() -> None:
    day = paused(at(13))
    shown = projected_day(day, [click(KeptAction.CLOSE, at(14), basis=day)])
    assert shown.leaks == H
    assert shown.duration == 4 * H


def test_an_expired_day_is_closed_at_the_click() -> None:
    day = expired()
    shown = projected_day(day, [click(KeptAction.CLOSE, at(17), basis=day)])
    assert (shown.state, shown.duration) == (DayState.CLOSED, 8 * H)


def test_a_kept_start_runs_a_new_day_from_the_click() -> None:
    day = closed(end=at(17, day=16), start=at(9, day=16))
    shown = projected_day(day, [click(KeptAction.OPEN, at(9, 2), basis=day)])
    assert shown.state is DayState.OPENED
    assert shown.started_at == at(9, 2)
    assert shown.record_id is None
    assert shown.tz_offset == 3 * 3600
    assert elapsed(shown, at(10, 2)).worked == H


def test_pause_then_resume_counts_the_gap_as_break() -> None:
    day = opened()
    queue = [
        click(KeptAction.PAUSE, at(12), basis=day),
        click(KeptAction.RESUME, at(12, 30), basis=None, after="c1", click_id="c2"),
    ]
    paused_day = projected_day(day, queue[:1])
    assert (paused_day.state, paused_day.finished_at) == (DayState.PAUSED, at(12))
    shown = projected_day(day, queue)
    assert shown.state is DayState.OPENED
    assert shown.finished_at is None
    assert shown.leaks == 30 * M


def test_a_resume_of_a_pause_without_its_moment_adds_no_break() -> None:
    day = paused(at(12))
    unknown = type(day)(DayState.PAUSED, record_id=7, started_at=START)
    shown = projected_day(unknown, [click(KeptAction.RESUME, at(12, 30), basis=day)])
    assert (shown.state, shown.leaks) == (DayState.OPENED, timedelta(0))


def test_start_then_close_offline_is_a_closed_day_of_the_clicks() -> None:
    day = closed(end=at(17, day=16), start=at(9, day=16))
    queue = [
        click(KeptAction.OPEN, at(9), basis=day),
        click(KeptAction.CLOSE, at(17, 30), basis=None, after="c1", click_id="c2"),
    ]
    shown = projected_day(day, queue)
    assert (shown.state, shown.started_at, shown.duration) == (
        DayState.CLOSED,
        at(9),
        8 * H + 30 * M,
    )


def test_a_click_that_does_not_apply_leaves_the_day() -> None:
    day = closed()
    for action in (KeptAction.PAUSE, KeptAction.RESUME, KeptAction.CLOSE):
        assert projected_day(day, [click(action, at(18), basis=day)]) == day
    running = opened()
    assert projected_day(running, [click(KeptAction.OPEN, at(18), basis=running)]) == running
    assert projected_day(running, [click(KeptAction.RESUME, at(18), basis=running)]) == running


def test_a_close_of_a_day_without_a_start_changes_nothing() -> None:
    day = type(opened())(DayState.OPENED)
    assert projected_day(day, [click(KeptAction.CLOSE, at(18), basis=day)]) == day


def test_a_pause_of_a_day_without_a_start_keeps_the_clicks_moment() -> None:
    day = type(opened())(DayState.OPENED)
    shown = projected_day(day, [click(KeptAction.PAUSE, at(12, zone=PLUS1), basis=day)])
    assert (shown.state, shown.finished_at) == (DayState.PAUSED, at(12, zone=PLUS1))
