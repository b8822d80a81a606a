"""Reminder rules on a fake clock: what is due, once per local day, snoozed, never on a day off.

The office schedule in Berlin on Monday 2024-06-03: 8 h of work, lunch 13:00-14:00 (1 h),
latest on-time start 09:10, never before 18:00; "still open" 30 minutes after the expected end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

import pytest

from tests.core.schedule_samples import (
    BERLIN,
    KOLKATA,
    MOSCOW,
    NEW_YORK,
    SAO_PAULO,
    TEHRAN,
    TOKYO,
    closed,
    document,
    expired,
    hm,
    local,
    opened,
    paused,
    schedule,
    utc,
)
from tray_app.core.calendar_ru import RUSSIA
from tray_app.core.day_rules import PlanSource
from tray_app.core.elapsed import elapsed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.reminders import (
    ForgottenDay,
    LunchDue,
    NotStarted,
    Reminder,
    ReminderCheck,
    ReminderKind,
    ReminderRecord,
    ReminderSettings,
    StillOpen,
    WorkDone,
    due_reminders,
    local_day,
    record_from_json,
    record_to_json,
    snooze,
)
from tray_app.core.schedule_import import parse_schedule
from tray_app.core.workday import Workday

ZERO = timedelta(0)
OFFICE = PlanSource(zone=BERLIN, schedule=schedule("office_fixed"))
MONDAY = date(2024, 6, 3)
ALL_ON = ReminderSettings()


def berlin(text: str) -> datetime:
    return local(BERLIN, text)


def check(
    day: Workday,
    now: datetime,
    *,
    source: PlanSource = OFFICE,
    settings: ReminderSettings = ALL_ON,
    record: ReminderRecord | None = None,
) -> ReminderCheck:
    return due_reminders(
        source,
        day,
        elapsed(day, now),
        now,
        settings=settings,
        record=ReminderRecord() if record is None else record,
    )


def due(day: Workday, now: datetime, **options: object) -> tuple[Reminder, ...]:
    return check(day, now, **options).due  # type: ignore[arg-type]


# --- not started ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "now", "expected"),
    [
        pytest.param(closed(), "2024-06-03 09:09", (), id="before-the-latest-start"),
        pytest.param(
            closed(),
            "2024-06-03 09:10",
            (NotStarted(berlin("2024-06-03 09:10")),),
            id="at-the-latest-start",
        ),
        pytest.param(
            closed(berlin("2024-05-31 09:00"), berlin("2024-05-31 18:00")),
            "2024-06-03 11:00",
            (NotStarted(berlin("2024-06-03 09:10")),),
            id="last-day-was-friday",
        ),
        pytest.param(
            closed(berlin("2024-06-03 08:00"), berlin("2024-06-03 09:00")),
            "2024-06-03 09:30",
            (),
            id="worked-and-closed-today",
        ),
        pytest.param(opened(berlin("2024-06-03 09:30")), "2024-06-03 09:40", (), id="started-late"),
        pytest.param(closed(), "2024-06-08 10:00", (), id="saturday"),
        pytest.param(
            closed(),
            "2024-07-01 08:40",
            (NotStarted(berlin("2024-07-01 08:40")),),
            id="second-revision-starts-earlier",
        ),
    ],
)
def test_not_started(day: Workday, now: str, expected: tuple[Reminder, ...]) -> None:
    assert due(day, berlin(now)) == expected


def test_not_started_needs_a_latest_start() -> None:
    flexible_portal = PlanSource(zone=BERLIN, portal=PortalSettings(flexible=True))
    assert due(closed(), berlin("2024-06-03 15:00"), source=flexible_portal) == ()
    portal = PlanSource(zone=BERLIN)
    assert due(closed(), berlin("2024-06-03 09:15"), source=portal) == (
        NotStarted(berlin("2024-06-03 09:15")),
    )


def test_not_started_on_a_holiday_is_silent() -> None:
    source = PlanSource(zone=BERLIN, schedule=OFFICE.schedule, calendar=RUSSIA)
    assert due(closed(), berlin("2024-06-12 11:00"), source=source) == ()
    assert due(closed(), berlin("2024-06-13 11:00"), source=source) == (
        NotStarted(berlin("2024-06-13 09:10")),
    )


def test_fires_once_a_day_and_again_the_next_day() -> None:
    first = check(closed(), berlin("2024-06-03 09:10"))
    assert first.due == (NotStarted(berlin("2024-06-03 09:10")),)
    assert first.record == ReminderRecord(day=MONDAY, fired=frozenset({"not_started"}))
    again = check(closed(), berlin("2024-06-03 09:11"), record=first.record)
    assert again.due == ()
    assert again.record == first.record
    much_later = check(closed(), berlin("2024-06-03 16:00"), record=again.record)
    assert much_later.due == ()
    tuesday = check(closed(), berlin("2024-06-04 09:12"), record=much_later.record)
    assert tuesday.due == (NotStarted(berlin("2024-06-04 09:10")),)
    assert tuesday.record == ReminderRecord(day=date(2024, 6, 4), fired=frozenset({"not_started"}))


def test_a_day_is_the_users_local_day() -> None:
    """22:30 UTC on Monday is already Tuesday 00:30 in Berlin: Monday's record is void."""
    record = ReminderRecord(day=MONDAY, fired=frozenset({"still_open"}))
    day = opened(berlin("2024-06-03 09:00"), leaks=hm(1))
    result = check(day, utc("2024-06-03 22:30"), record=record)
    assert result.due == (StillOpen(berlin("2024-06-03 18:00"), hm(6, 30)),)
    assert result.record.day == date(2024, 6, 4)
    assert local_day(utc("2024-06-03 22:30"), BERLIN) == date(2024, 6, 4)
    assert local_day(utc("2024-06-03 22:30"), MOSCOW) == date(2024, 6, 4)
    assert local_day(utc("2024-06-03 20:30"), MOSCOW) == MONDAY


# --- lunch ---------------------------------------------------------------------------------------

LUNCH = LunchDue(1, berlin("2024-06-03 13:00"), berlin("2024-06-03 14:00"), hm(1))


@pytest.mark.parametrize(
    ("day", "now", "expected"),
    [
        pytest.param(opened(berlin("2024-06-03 09:00")), "2024-06-03 12:59", (), id="before"),
        pytest.param(opened(berlin("2024-06-03 09:00")), "2024-06-03 13:00", (LUNCH,), id="opens"),
        pytest.param(opened(berlin("2024-06-03 09:00")), "2024-06-03 13:59", (LUNCH,), id="late"),
        pytest.param(opened(berlin("2024-06-03 09:00")), "2024-06-03 14:00", (), id="closed"),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(0, 40)),
            "2024-06-03 13:30",
            (LUNCH,),
            id="breaks-short-of-lunch",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 13:30",
            (),
            id="lunch-already-taken",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 12:55")),
            "2024-06-03 13:10",
            (),
            id="on-a-break",
        ),
    ],
)
def test_lunch_on_fixed_hours(day: Workday, now: str, expected: tuple[Reminder, ...]) -> None:
    assert due(day, berlin(now)) == expected


def test_no_lunch_reminder_on_flexible_hours() -> None:
    source = PlanSource(zone=MOSCOW, schedule=schedule("flexible_two_lunches"))
    day = opened(local(MOSCOW, "2025-03-03 09:00"))
    assert due(day, local(MOSCOW, "2025-03-03 12:30"), source=source) == ()


TWO_LUNCHES = document("office_fixed")
TWO_LUNCHES["settingsRevisions"][0]["dinners"] = [
    {"start": 720, "end": 780, "maxDuration": 30},
    {"start": 960, "end": 990, "maxDuration": 15},
]
FIXED_TWO = PlanSource(zone=BERLIN, schedule=parse_schedule(TWO_LUNCHES))
FIRST = LunchDue(1, berlin("2024-06-03 12:00"), berlin("2024-06-03 13:00"), hm(0, 30))
SECOND = LunchDue(2, berlin("2024-06-03 16:00"), berlin("2024-06-03 16:30"), hm(0, 15))


def test_each_of_two_lunches_is_reminded() -> None:
    start = berlin("2024-06-03 08:30")
    first = check(opened(start), berlin("2024-06-03 12:00"), source=FIXED_TWO)
    assert first.due == (FIRST,)
    assert first.due[0].key == "lunch:1"
    took_first = opened(start, leaks=hm(0, 30))
    second = check(took_first, berlin("2024-06-03 16:05"), source=FIXED_TWO, record=first.record)
    assert second.due == (SECOND,)
    assert second.record.fired == frozenset({"lunch:1", "lunch:2"})
    both_taken = opened(start, leaks=hm(0, 45))
    assert due(both_taken, berlin("2024-06-03 16:05"), source=FIXED_TWO) == ()


def test_snoozing_lunch_silences_both_lunches_today() -> None:
    now = berlin("2024-06-03 12:05")
    record = snooze(ReminderRecord(), ReminderKind.LUNCH, now, BERLIN)
    assert record == ReminderRecord(day=MONDAY, snoozed=frozenset({ReminderKind.LUNCH}))
    start = berlin("2024-06-03 08:30")
    assert check(opened(start), now, source=FIXED_TWO, record=record).due == ()
    later = berlin("2024-06-03 16:05")
    assert check(opened(start), later, source=FIXED_TWO, record=record).due == ()
    tuesday = berlin("2024-06-04 12:05")
    next_day = check(opened(berlin("2024-06-04 08:30")), tuesday, source=FIXED_TWO, record=record)
    assert [reminder.key for reminder in next_day.due] == ["lunch:1"]


# --- work done and still open --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "now", "expected"),
    [
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)), "2024-06-03 17:59", (), id="not-yet"
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 18:00",
            (WorkDone(berlin("2024-06-03 18:00"), hm(8), hm(8)),),
            id="done",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00")),
            "2024-06-03 18:00",
            (WorkDone(berlin("2024-06-03 18:00"), hm(8), hm(9)),),
            id="done-lunch-not-taken-as-a-break",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:20"), leaks=hm(1, 10)),
            "2024-06-03 18:29",
            (),
            id="late-and-long-breaks-not-yet",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:20"), leaks=hm(1, 10)),
            "2024-06-03 18:30",
            (WorkDone(berlin("2024-06-03 18:30"), hm(8), hm(8)),),
            id="late-and-long-breaks",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 18:29",
            (WorkDone(berlin("2024-06-03 18:00"), hm(8), hm(8, 29)),),
            id="just-before-still-open",
        ),
        pytest.param(
            opened(berlin("2024-06-03 09:00"), leaks=hm(1)),
            "2024-06-03 18:30",
            (StillOpen(berlin("2024-06-03 18:00"), hm(0, 30)),),
            id="still-open-replaces-work-done",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 18:05"), leaks=hm(1)),
            "2024-06-03 18:10",
            (WorkDone(berlin("2024-06-03 18:05"), hm(8), hm(8, 5)),),
            id="paused-after-the-work",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 18:05"), leaks=hm(1)),
            "2024-06-03 18:40",
            (StillOpen(berlin("2024-06-03 18:00"), hm(0, 40)),),
            id="paused-and-gone",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 13:00")),
            "2024-06-03 18:40",
            (StillOpen(berlin("2024-06-03 18:00"), hm(0, 40)),),
            id="paused-for-lunch-and-gone-home",
        ),
        pytest.param(
            paused(berlin("2024-06-03 09:00"), berlin("2024-06-03 13:00")),
            "2024-06-03 18:20",
            (),
            id="paused-for-lunch-end-not-reached",
        ),
        pytest.param(
            opened(berlin("2024-06-08 09:00")), "2024-06-08 20:00", (), id="saturday-overtime"
        ),
    ],
)
def test_work_done_and_still_open(day: Workday, now: str, expected: tuple[Reminder, ...]) -> None:
    assert due(day, berlin(now)) == expected


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        pytest.param(
            ReminderSettings(still_open_after=hm(2)),
            (WorkDone(berlin("2024-06-03 18:00"), hm(8), hm(8, 40)),),
            id="longer-delay",
        ),
        pytest.param(
            ReminderSettings(still_open=False),
            (WorkDone(berlin("2024-06-03 18:00"), hm(8), hm(8, 40)),),
            id="still-open-off",
        ),
        pytest.param(
            ReminderSettings(still_open_after=hm(0, 40)),
            (StillOpen(berlin("2024-06-03 18:00"), hm(0, 40)),),
            id="delay-reached-exactly",
        ),
        pytest.param(ReminderSettings(work_done=False, still_open=False), (), id="both-off"),
    ],
)
def test_still_open_delay_and_switches(
    settings: ReminderSettings, expected: tuple[Reminder, ...]
) -> None:
    day = opened(berlin("2024-06-03 09:00"), leaks=hm(1))
    assert due(day, berlin("2024-06-03 18:40"), settings=settings) == expected


def test_still_open_fires_once_then_the_tray_stays_quiet() -> None:
    day = opened(berlin("2024-06-03 09:00"), leaks=hm(1))
    record = ReminderRecord()
    shown: list[tuple[datetime, ReminderKind]] = []
    for minute in range(0, 24 * 60 - 18 * 60, 5):  # every five minutes from 18:00 to midnight
        now = berlin("2024-06-03 18:00") + timedelta(minutes=minute)
        result = check(day, now, record=record)
        record = result.record
        shown.extend((now, reminder.kind) for reminder in result.due)
    assert shown == [
        (berlin("2024-06-03 18:00"), ReminderKind.WORK_DONE),
        (berlin("2024-06-03 18:30"), ReminderKind.STILL_OPEN),
    ]


def test_night_shift_still_open_on_the_morning_of_a_day_off() -> None:
    """The shift of 2 January (a working day) ends 08:00 on 3 January (a day off)."""
    source = PlanSource(zone=MOSCOW, schedule=schedule("shifts_two_on_two_off"), shift="Ночная")
    day = opened(local(MOSCOW, "2025-01-02 19:55"), leaks=hm(1))
    assert due(day, local(MOSCOW, "2025-01-03 08:30"), source=source) == (
        StillOpen(local(MOSCOW, "2025-01-03 08:00"), hm(0, 30)),
    )
    second_lunch = opened(local(MOSCOW, "2025-01-02 19:55"), leaks=hm(0, 30))
    assert due(second_lunch, local(MOSCOW, "2025-01-03 03:10"), source=source) == (
        LunchDue(
            2, local(MOSCOW, "2025-01-03 03:00"), local(MOSCOW, "2025-01-03 04:00"), hm(0, 30)
        ),
    )
    # Nothing is due for a new day on the day off.
    assert due(closed(), local(MOSCOW, "2025-01-03 20:30"), source=source) == ()


# --- forgotten day -------------------------------------------------------------------------------

FRIDAY = berlin("2024-05-31 09:00")
SUGGESTED = berlin("2024-05-31 18:00")


def test_forgotten_day_replaces_not_started() -> None:
    first = check(expired(FRIDAY, SUGGESTED), berlin("2024-06-03 08:00"))
    assert first.due == (ForgottenDay(FRIDAY, SUGGESTED),)
    after_start = check(expired(FRIDAY, SUGGESTED), berlin("2024-06-03 10:00"), record=first.record)
    assert after_start.due == ()
    tuesday = check(expired(FRIDAY), berlin("2024-06-04 08:00"), record=after_start.record)
    assert tuesday.due == (ForgottenDay(FRIDAY, None),)


def test_forgotten_day_waits_for_a_working_day() -> None:
    thursday = berlin("2024-06-06 09:00")
    assert due(expired(thursday), berlin("2024-06-08 10:00")) == ()  # Saturday
    assert due(expired(thursday), berlin("2024-06-10 07:00")) == (ForgottenDay(thursday, None),)


def test_forgotten_day_without_a_start() -> None:
    day = Workday(state=expired(FRIDAY).state)
    assert due(day, berlin("2024-06-03 08:00")) == (ForgottenDay(None, None),)


# --- switches, snoozing, the record --------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_each_kind_can_be_turned_off(kind: ReminderKind) -> None:
    settings = ReminderSettings(**{kind.value: False})  # type: ignore[arg-type]
    assert settings.enabled(kind) is False
    assert all(settings.enabled(other) for other in ReminderKind if other is not kind)


def test_a_kind_turned_off_is_not_recorded_as_fired() -> None:
    off = check(closed(), berlin("2024-06-03 09:30"), settings=ReminderSettings(not_started=False))
    assert off.due == ()
    assert off.record == ReminderRecord(day=MONDAY)
    on_again = check(closed(), berlin("2024-06-03 09:31"), record=off.record)
    assert on_again.due == (NotStarted(berlin("2024-06-03 09:10")),)


def test_snooze_before_it_fires_and_a_stale_record() -> None:
    stale = ReminderRecord(
        day=date(2024, 5, 31),
        fired=frozenset({"work_done"}),
        snoozed=frozenset({ReminderKind.LUNCH}),
    )
    record = snooze(stale, ReminderKind.NOT_STARTED, berlin("2024-06-03 07:00"), BERLIN)
    assert record == ReminderRecord(day=MONDAY, snoozed=frozenset({ReminderKind.NOT_STARTED}))
    assert check(closed(), berlin("2024-06-03 09:30"), record=record).due == ()
    again = snooze(record, ReminderKind.STILL_OPEN, berlin("2024-06-03 19:00"), BERLIN)
    assert again.snoozed == frozenset({ReminderKind.NOT_STARTED, ReminderKind.STILL_OPEN})


def test_record_as_json_and_back() -> None:
    record = ReminderRecord(
        day=MONDAY,
        fired=frozenset({"not_started", "lunch:1"}),
        snoozed=frozenset({ReminderKind.WORK_DONE}),
    )
    stored = record_to_json(record)
    assert stored == {
        "day": "2024-06-03",
        "fired": ["lunch:1", "not_started"],
        "snoozed": ["work_done"],
    }
    assert record_from_json(stored) == record
    assert record_to_json(ReminderRecord()) == {"day": None, "fired": [], "snoozed": []}


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        "2024-06-03",
        {"day": None, "fired": [], "snoozed": []},
        {"day": "03.06.2024", "fired": [], "snoozed": []},
        {"fired": [], "snoozed": []},
        {"day": "2024-06-03", "snoozed": []},
        {"day": "2024-06-03", "fired": "lunch:1", "snoozed": []},
        {"day": "2024-06-03", "fired": [], "snoozed": "lunch"},
        {"day": "2024-06-03", "fired": [], "snoozed": ["coffee"]},
    ],
)
def test_an_unusable_stored_record_is_empty(raw: object) -> None:
    assert record_from_json(raw) == ReminderRecord()


# --- whole weeks and whole days off on a fake clock ----------------------------------------------


def _run(
    source: PlanSource, day: Workday, first: datetime, hours: int, step: timedelta
) -> list[tuple[str, ReminderKind]]:
    """Check every ``step`` for ``hours`` from ``first``, keeping the record like the tray does;
    the local wall-clock times at which something fired."""
    record = ReminderRecord()
    shown: list[tuple[str, ReminderKind]] = []
    moment = first.astimezone(UTC)
    for _ in range(int(timedelta(hours=hours) / step)):
        result = check(day, moment, source=source, record=record)
        record = result.record
        stamp = moment.astimezone(source.zone).strftime("%a %H:%M")
        shown.extend((stamp, reminder.kind) for reminder in result.due)
        moment += step
    return shown


@pytest.mark.parametrize(
    ("zone", "monday"),
    [
        (BERLIN, "2024-03-25"),  # DST begins on the Sunday
        (BERLIN, "2024-10-21"),  # DST ends on the Sunday
        (MOSCOW, "2011-03-21"),  # the last change of Moscow's clocks to summer time
        (NEW_YORK, "2024-03-04"),
        (SAO_PAULO, "2018-10-29"),  # the clocks jump at midnight into Sunday 4 November
        (TEHRAN, "2022-03-21"),  # midnight skipped into Tuesday
        (KOLKATA, "2024-06-03"),
        (TOKYO, "2024-12-30"),  # over the new year
    ],
)
def test_a_week_without_starting_reminds_once_each_working_morning(
    zone: tzinfo, monday: str
) -> None:
    source = PlanSource(zone=zone)  # the portal's limits: Monday to Friday, on time until 09:15
    first = local(zone, f"{monday} 00:00")
    shown = _run(source, closed(), first, hours=7 * 24, step=timedelta(minutes=15))
    assert shown == [
        (f"{weekday} 09:15", ReminderKind.NOT_STARTED)
        for weekday in ("Mon", "Tue", "Wed", "Thu", "Fri")
    ]


OFF_DAYS = [
    pytest.param(OFFICE, "2024-06-08", id="office-saturday"),
    pytest.param(
        PlanSource(zone=BERLIN, schedule=OFFICE.schedule, calendar=RUSSIA),
        "2024-06-12",
        id="office-holiday",
    ),
    pytest.param(
        PlanSource(zone=MOSCOW, calendar=RUSSIA), "2025-11-03", id="portal-transferred-day-off"
    ),
    pytest.param(PlanSource(zone=MOSCOW, calendar=RUSSIA), "2026-01-09", id="portal-new-year"),
    pytest.param(
        PlanSource(zone=MOSCOW, schedule=schedule("shifts_two_on_two_off")),
        "2025-01-03",
        id="shift-cycle-day-off",
    ),
    pytest.param(PlanSource(zone=NEW_YORK), "2024-11-03", id="portal-sunday-dst-ends"),
    pytest.param(
        PlanSource(zone=TOKYO, portal=PortalSettings(tracking_enabled=False)),
        "2024-06-04",
        id="tracking-off",
    ),
]


@pytest.mark.parametrize(("source", "off_day"), OFF_DAYS)
@pytest.mark.parametrize("situation", ["closed", "opened", "paused", "expired"])
def test_nothing_fires_on_a_day_off(source: PlanSource, off_day: str, situation: str) -> None:
    zone = source.zone
    midnight = local(zone, f"{off_day} 00:00")
    days = {
        "closed": closed(),
        "opened": opened(local(zone, f"{off_day} 00:30")),
        "paused": paused(local(zone, f"{off_day} 00:30"), local(zone, f"{off_day} 00:45")),
        "expired": expired(midnight - timedelta(days=3)),
    }
    # Every 10 minutes from 00:30 until the end of the day: nothing, whatever was left.
    first = midnight + timedelta(minutes=30)
    assert _run(source, days[situation], first, hours=23, step=timedelta(minutes=10)) == []


# --- the production calendar ---------------------------------------------------------------------

MOSCOW_PORTAL = PlanSource(zone=MOSCOW, calendar=RUSSIA)  # 8 h, 09:15, never before 17:45


def test_the_week_of_a_working_saturday_and_two_days_off() -> None:
    """27 October - 2 November 2025: six working mornings, the Saturday included; then 3 and
    4 November are off and Wednesday reminds again."""
    first = local(MOSCOW, "2025-10-27 00:00")
    shown = _run(MOSCOW_PORTAL, closed(), first, hours=10 * 24, step=timedelta(minutes=15))
    assert shown == [
        (f"{weekday} 09:15", ReminderKind.NOT_STARTED)
        for weekday in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Wed")
    ]


def test_work_done_an_hour_earlier_on_a_shortened_day() -> None:
    """Tuesday 3 November 2026: 7 h of work, never before 16:45."""
    day = opened(local(MOSCOW, "2026-11-03 09:00"))
    assert due(day, local(MOSCOW, "2026-11-03 16:44"), source=MOSCOW_PORTAL) == ()
    found = due(day, local(MOSCOW, "2026-11-03 16:45"), source=MOSCOW_PORTAL)
    assert found == (WorkDone(local(MOSCOW, "2026-11-03 16:45"), hm(7), hm(7, 45)),)


def test_the_calendar_can_be_left_to_schedules() -> None:
    source = PlanSource(zone=MOSCOW, calendar=RUSSIA, calendar_for_portal=False)
    assert due(closed(), local(MOSCOW, "2025-11-03 09:15"), source=source) == (
        NotStarted(local(MOSCOW, "2025-11-03 09:15")),
    )
    assert due(closed(), local(MOSCOW, "2025-11-03 09:15"), source=MOSCOW_PORTAL) == ()
