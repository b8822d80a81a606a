"""The portal's records merged with the journal's days (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tests.history.samples import PLUS2, Record, closed_record, msk, seen, workday
from tray_app.api.record_models import PortalRecord, RecordStatus
from tray_app.history.reconcile import RecordLike, merge_one, portal_days, reconcile, record_totals
from tray_app.history.summary import DayTotals, Source, summarize_observations

H = timedelta(hours=1)
M = timedelta(minutes=1)
MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)


def test_the_api_record_is_record_like() -> None:
    record: RecordLike = PortalRecord(
        record_id=1,
        started_at=msk(16, 9),
        finished_at=msk(16, 18),
        worked=8 * H,
        breaks=H,
        status=RecordStatus.CLOSED,
        approved=True,
    )
    assert record_totals(record) == DayTotals(
        day=MONDAY,
        started_at=msk(16, 9),
        finished_at=msk(16, 18),
        breaks=H,
        worked=8 * H,
        confirmed=True,
        open=False,
        source=Source.PORTAL,
    )


def test_open_and_paused_records_have_no_end_yet() -> None:
    paused = Record(2, msk(16, 9), finished_at=msk(16, 12), worked=3 * H, status="PAUSED")
    totals = record_totals(paused)
    assert (totals.open, totals.finished_at, totals.worked) == (True, None, 3 * H)
    assert record_totals(Record(3, msk(16, 9), status="opened", approved=None)).confirmed is None


def test_the_day_of_a_record_is_its_start_date_in_its_own_zone() -> None:
    late = closed_record(4, msk(16, 23, 30).astimezone(PLUS2), msk(16, 23, 50), timedelta(0))
    assert record_totals(late).day == MONDAY  # 22:30 at +02:00, still Monday


def test_records_per_day() -> None:
    days = portal_days(
        [
            closed_record(6, msk(17, 9), msk(17, 17), 30 * M, approved=False),
            closed_record(5, msk(16, 9), msk(16, 12), timedelta(0)),
            closed_record(7, msk(16, 13), msk(16, 18), 15 * M),
        ]
    )
    assert list(days) == [MONDAY, TUESDAY]
    assert (days[MONDAY].worked, days[MONDAY].records) == (7 * H + 45 * M, 2)
    assert (days[MONDAY].started_at, days[MONDAY].finished_at) == (msk(16, 9), msk(16, 18))
    assert days[TUESDAY].confirmed is False


def test_without_the_portal_the_journal_alone() -> None:
    local = summarize_observations(
        [
            seen(workday("OPENED", ID=2, TIME_START="2026-11-17T09:00:00+03:00"), msk(17, 10)),
            seen(workday("CLOSED", ID=1, DURATION="08:00:00"), msk(16, 18)),
        ]
    )
    merged = reconcile(None, local)
    assert list(merged) == [MONDAY, TUESDAY]
    assert {d.source for d in merged.values()} == {Source.JOURNAL}


def test_each_side_alone_and_both() -> None:
    local = summarize_observations(
        [
            # Monday: closed here at 17:00, then edited on the portal to 18:00 and confirmed.
            seen(
                workday(
                    "CLOSED",
                    ID=1,
                    TIME_FINISH="2026-11-16T17:00:00+03:00",
                    DURATION="08:00:00",
                    ACTIVE=False,
                ),
                msk(16, 17),
            ),
            # Wednesday: only this computer saw it.
            seen(workday("OPENED", ID=3, TIME_START="2026-11-18T09:00:00+03:00"), msk(18, 11)),
        ]
    )
    portal = portal_days(
        [
            closed_record(1, msk(16, 9), msk(16, 18), timedelta(0)),
            closed_record(2, msk(17, 9), msk(17, 18), H),  # Tuesday: the portal alone
        ]
    )
    merged = reconcile(portal, local)
    assert list(merged) == [MONDAY, TUESDAY, WEDNESDAY]
    assert merged[MONDAY] == replace(portal[MONDAY], source=Source.BOTH)
    assert merged[MONDAY].worked == 9 * H
    assert merged[MONDAY].confirmed is True
    assert merged[TUESDAY] == portal[TUESDAY]
    assert merged[WEDNESDAY] == local[WEDNESDAY]


def test_a_running_day_shows_the_fresher_figure() -> None:
    portal = record_totals(Record(9, msk(16, 9), status="opened", breaks=10 * M, approved=True))
    local = summarize_observations([seen(workday("OPENED", ID=9), msk(16, 12))])[MONDAY]
    merged = merge_one(portal, local)
    assert (merged.worked, merged.breaks, merged.open) == (3 * H, 10 * M, True)
    assert (merged.source, merged.confirmed) == (Source.BOTH, True)
    # A pause recorded on the portal that this computer has not seen yet.
    paused = replace(portal, worked=4 * H)
    assert merge_one(paused, local).worked == 4 * H
