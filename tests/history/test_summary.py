"""Days summarised from the observed answers (pure)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.history.samples import MSK, msk, seen, workday
from tray_app.core.workday import DayState
from tray_app.history.summary import (
    DayTotals,
    Observation,
    PeriodTotals,
    Source,
    date_range,
    default_plan,
    merge_day,
    period_totals,
    summarize_observations,
)

H = timedelta(hours=1)
M = timedelta(minutes=1)


def one_day(*observations: Observation) -> DayTotals:
    days = summarize_observations(observations)
    assert len(days) == 1, days
    return next(iter(days.values()))


def test_a_closed_day_takes_the_portals_duration() -> None:
    closed = workday(
        "CLOSED",
        TIME_FINISH="2026-11-16T18:30:00+03:00",
        DURATION="08:15:00",
        TIME_LEAKS="01:15:00",
        ACTIVE=False,
    )
    totals = one_day(seen(closed, msk(16, 18, 31)))
    assert totals == DayTotals(
        day=date(2026, 11, 16),
        started_at=msk(16, 9),
        finished_at=msk(16, 18, 30),
        breaks=timedelta(hours=1, minutes=15),
        worked=timedelta(hours=8, minutes=15),
        confirmed=False,
        open=False,
        source=Source.JOURNAL,
    )
    assert totals.started_at is not None
    assert totals.started_at.utcoffset() == timedelta(hours=3)


def test_a_closed_day_without_duration_is_end_minus_start_minus_breaks() -> None:
    closed = workday("CLOSED", TIME_FINISH="2026-11-16T17:00:00+03:00", TIME_LEAKS="00:30:00")
    assert one_day(seen(closed, msk(16, 17))).worked == 7 * H + 30 * M
    bare = workday("CLOSED", TIME_FINISH=None)  # neither end nor duration: nothing worked known
    assert one_day(seen(bare, msk(16, 17))).worked == timedelta(0)


def test_the_day_is_the_calendar_day_where_it_started() -> None:
    # 00:30 in Moscow is still the 16th in UTC; the day belongs to the 17th.
    early = workday("OPENED", TIME_START="2026-11-16T21:30:00+00:00", TIME_LEAKS="00:00:00")
    totals = one_day(seen(early, msk(17, 2, 30)))
    assert totals.day == date(2026, 11, 17)
    assert totals.started_at == msk(17, 0, 30)
    assert totals.worked == 2 * H


def test_a_running_day_counts_up_to_when_it_was_last_seen() -> None:
    running = workday("OPENED", TIME_LEAKS="00:20:00")
    totals = one_day(seen(running, msk(16, 12), first=msk(16, 9)))
    assert (totals.worked, totals.breaks) == (3 * H - 20 * M, 20 * M)
    assert totals.open
    assert totals.finished_at is None


def test_a_paused_day_and_its_running_break() -> None:
    paused = workday("PAUSED", TIME_FINISH="2026-11-16T12:00:00+03:00", TIME_LEAKS="00:10:00")
    totals = one_day(seen(paused, msk(16, 12, 45)))
    assert totals.worked == 3 * H - 10 * M
    assert totals.breaks == 55 * M  # 10 finished + 45 running
    assert totals.open
    assert totals.finished_at is None


def test_a_day_is_followed_through_its_answers() -> None:
    answers = [
        seen(workday("OPENED"), msk(16, 11)),
        seen(workday("PAUSED", TIME_FINISH="2026-11-16T12:00:00+03:00"), msk(16, 12)),
        seen(workday("OPENED", TIME_LEAKS="00:30:00"), msk(16, 15)),
        seen(
            workday(
                "CLOSED",
                TIME_FINISH="2026-11-16T18:00:00+03:00",
                DURATION="08:30:00",
                TIME_LEAKS="00:30:00",
            ),
            msk(16, 18),
        ),
    ]
    for count, expected in [(1, 2 * H), (2, 3 * H), (3, 5 * H + 30 * M), (4, 8 * H + 30 * M)]:
        # The journal gives them in any order: the latest answer decides.
        assert one_day(*reversed(answers[:count])).worked == expected


def test_an_expired_day_keeps_the_last_figure_seen() -> None:
    before = seen(workday("OPENED", TIME_LEAKS="00:15:00"), msk(16, 17))
    expired = seen(workday("EXPIRED", TIME_FINISH_DEFAULT="2026-11-16T18:00:00+03:00"), msk(18, 9))
    totals = one_day(before, expired)
    assert totals.worked == 8 * H - 15 * M
    assert totals.open
    assert one_day(expired).worked == timedelta(0)  # never seen running: nothing known
    left_paused = workday("EXPIRED", TIME_FINISH="2026-11-16T16:00:00+03:00")
    assert one_day(seen(left_paused, msk(18, 9))).worked == 7 * H


def test_a_doc_style_paused_answer_without_pause_start() -> None:
    running = seen(workday("OPENED"), msk(16, 11))
    paused = seen(workday("PAUSED", TIME_FINISH=None), msk(16, 11, 30))
    totals = one_day(running, paused)
    assert totals.worked == 2 * H
    assert totals.breaks == timedelta(0)


def test_answers_without_a_day_are_left_out() -> None:
    never = seen(workday("CLOSED", TIME_START=None, ID=None), msk(16, 9))
    assert summarize_observations([never]) == {}


def test_an_edited_start_without_record_ids_counts_once() -> None:
    original = workday("OPENED", ID=None)
    edited = workday("OPENED", ID=None, TIME_START="2026-11-16T08:30:00+03:00")
    totals = one_day(seen(original, msk(16, 10)), seen(edited, msk(16, 11)))
    assert totals.started_at == msk(16, 8, 30)
    assert totals.worked == 2 * H + 30 * M
    assert totals.records == 1


def test_two_records_of_one_day_add_up() -> None:
    morning = workday(
        "CLOSED",
        ID=1,
        TIME_START="2026-11-16T08:00:00+03:00",
        TIME_FINISH="2026-11-16T12:00:00+03:00",
        DURATION="03:45:00",
        TIME_LEAKS="00:15:00",
        ACTIVE=True,
    )
    evening = workday(
        "CLOSED",
        ID=2,
        TIME_START="2026-11-16T14:00:00+03:00",
        TIME_FINISH="2026-11-16T18:00:00+03:00",
        DURATION="04:00:00",
        ACTIVE=None,
    )
    totals = one_day(seen(morning, msk(16, 12)), seen(evening, msk(16, 18)))
    assert (totals.started_at, totals.finished_at) == (msk(16, 8), msk(16, 18))
    assert (totals.worked, totals.breaks, totals.records) == (7 * H + 45 * M, 15 * M, 2)
    assert totals.confirmed is None  # one is not known
    later = workday("OPENED", ID=3, TIME_START="2026-11-16T19:00:00+03:00", ACTIVE=False)
    running = one_day(seen(morning, msk(16, 12)), seen(later, msk(16, 20)))
    assert running.finished_at is None
    assert running.open
    assert running.confirmed is False
    assert running.worked == 4 * H + 45 * M


def test_days_come_in_order() -> None:
    monday = seen(workday("OPENED", ID=1), msk(16, 10))
    tuesday = seen(workday("OPENED", ID=2, TIME_START="2026-11-17T09:00:00+03:00"), msk(17, 9))
    assert list(summarize_observations([tuesday, monday])) == [
        date(2026, 11, 16),
        date(2026, 11, 17),
    ]


def test_an_answer_without_a_time_zone_offset() -> None:
    answer = workday("OPENED", TZ_OFFSET=None, TIME_START="2026-11-16T09:00:00+03:00")
    observation = seen(answer, msk(16, 10))
    assert observation.tz_offset == 3 * 3600  # from the start's own offset
    bare = Observation(
        state=DayState.CLOSED,
        first_seen=msk(16, 18),
        last_seen=msk(16, 18),
        started_at=msk(16, 9),
        finished_at=msk(16, 18),
        duration=8 * H,
    )
    assert bare.local_start == msk(16, 9)
    totals = one_day(bare)
    assert (totals.finished_at, totals.worked) == (msk(16, 18), 8 * H)
    assert Observation(DayState.OPENED, msk(16, 9), msk(16, 9)).worked() is None


def test_merge_day_without_starts_or_ends() -> None:
    part = DayTotals(
        day=date(2026, 11, 16),
        started_at=None,
        finished_at=None,
        breaks=timedelta(0),
        worked=H,
        confirmed=True,
        open=False,
        source=Source.PORTAL,
    )
    merged = merge_day([part, part])
    assert (merged.started_at, merged.finished_at, merged.worked, merged.confirmed) == (
        None,
        None,
        2 * H,
        True,
    )


def test_the_default_plan_is_eight_hours_on_weekdays() -> None:
    plan = default_plan(date(2026, 11, 13), date(2026, 11, 17))  # Friday to Tuesday
    assert plan == {
        date(2026, 11, 13): 8 * H,
        date(2026, 11, 16): 8 * H,
        date(2026, 11, 17): 8 * H,
    }
    assert default_plan(date(2026, 11, 16), date(2026, 11, 16), hours=6 * H) == {
        date(2026, 11, 16): 6 * H
    }


@pytest.mark.parametrize(("first", "last", "count"), [(16, 16, 1), (16, 22, 7), (17, 16, 0)])
def test_date_range(first: int, last: int, count: int) -> None:
    days = date_range(date(2026, 11, first), date(2026, 11, last))
    assert len(days) == count
    assert days == sorted(set(days))


def test_period_totals() -> None:
    mon = one_day(seen(workday("CLOSED", DURATION="07:00:00", ACTIVE=False), msk(16, 17)))
    days = {mon.day: mon, date(2026, 11, 17): DayTotals(
        day=date(2026, 11, 17), started_at=msk(17, 9), finished_at=None, breaks=timedelta(0),
        worked=timedelta(0), confirmed=None, open=True, source=Source.PORTAL,
    )}  # fmt: skip
    plan = default_plan(date(2026, 11, 16), date(2026, 11, 22))
    totals = period_totals(days, plan, date(2026, 11, 16), date(2026, 11, 22))
    assert totals == PeriodTotals(worked=7 * H, planned=40 * H, days_worked=1, unconfirmed=1)
    assert MSK.utcoffset(None) == 3 * H
