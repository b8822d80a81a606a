"""Worked and break time per state, exactly as the API reference §3.3 tabulates it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.core.samples import (
    D_CLOSED,
    D_EXPIRED,
    D_OPENED,
    D_PAUSED,
    R_OPENED,
    R_PAUSED,
    R_PAUSED_STATUS_AT,
    result,
    server_time,
)
from tray_app.core.elapsed import Elapsed, ServerClock, elapsed
from tray_app.core.workday import DayState, Workday, parse_workday

PLUS2 = timezone(timedelta(hours=2))
ZERO = timedelta(0)
DAY = timedelta(hours=24)


def hms(hours: int, minutes: int, seconds: int) -> timedelta:
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def at(unix: float) -> datetime:
    return datetime.fromtimestamp(unix, UTC)


def day_of(status: str, **fields: object) -> Workday:
    return parse_workday({"STATUS": status, "TZ_OFFSET": 7200, **fields})


# --- ServerClock (§5.6) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("server", "local", "skew"),
    [
        (1722328319.5, 1722328309.5, timedelta(seconds=10)),  # portal ahead
        (1722328309.5, 1722328319.5, timedelta(seconds=-10)),  # portal behind
        (1722328319.21856, 1722328319.21856, ZERO),
    ],
)
def test_server_clock_skew_from_time_start(server: float, local: float, skew: timedelta) -> None:
    clock = ServerClock.from_answer(server, local)
    assert clock.skew == skew
    local_now = datetime(2024, 7, 30, 9, 0, tzinfo=UTC)
    assert clock.server_now(local_now) == local_now + skew


def test_server_clock_without_time_start_assumes_equal_clocks() -> None:
    clock = ServerClock.from_answer(None, 1722328319.0)
    assert clock == ServerClock()
    local_now = datetime(2024, 7, 30, 9, 0, tzinfo=UTC)
    assert clock.server_now(local_now) == local_now


def test_elapsed_uses_server_time_not_a_wrong_local_clock() -> None:
    """A local clock 10 minutes slow must not show 10 minutes less work."""
    server = server_time(R_OPENED)
    local = server - 600
    clock = ServerClock.from_answer(server, local)
    shown = elapsed(parse_workday(result(R_OPENED)), clock.server_now(at(local)))
    assert shown.worked == elapsed(parse_workday(result(R_OPENED)), at(server)).worked
    assert shown.worked == hms(1, 11, 8) + timedelta(seconds=server - 1722328318)


# --- OPENED: now - TIME_START - TIME_LEAKS, ticking -------------------------------------------


def test_opened_real_sample_at_its_own_server_time() -> None:
    """[R] 07:10:51 → 08:31:59.21856 = 1:21:08.2, minus leaks 0:09:59 = 1:11:09.2."""
    day = parse_workday(result(R_OPENED))
    shown = elapsed(day, at(server_time(R_OPENED)))
    assert shown.worked == hms(1, 11, 9) + timedelta(microseconds=218_560)
    assert shown.on_break == ZERO
    assert shown.proposed is None


@pytest.mark.parametrize("seconds", [1, 60, 3600])
def test_opened_ticks_with_now(seconds: int) -> None:
    day = parse_workday(result(D_OPENED))
    now = datetime(2025, 3, 27, 12, 0, 1, tzinfo=PLUS2)
    later = elapsed(day, now + timedelta(seconds=seconds))
    assert elapsed(day, now).worked == hms(4, 0, 0)
    assert later.worked == hms(4, 0, 0) + timedelta(seconds=seconds)


def test_opened_subtracts_the_finished_breaks() -> None:
    day = day_of("OPENED", TIME_START="2025-03-27T08:00:00+02:00", TIME_LEAKS="00:45:00")
    assert elapsed(day, datetime(2025, 3, 27, 10, 0, tzinfo=PLUS2)).worked == hms(1, 15, 0)


def test_opened_with_the_server_clock_behind_the_start_clamps_to_zero() -> None:
    """§3.2: the date part may drift; a negative elapsed time is shown as 0."""
    day = parse_workday(result(D_OPENED))
    assert elapsed(day, datetime(2025, 3, 27, 7, 0, tzinfo=PLUS2)).worked == ZERO


def test_opened_beyond_24_hours_clamps_to_24_hours() -> None:
    day = parse_workday(result(D_OPENED))
    assert elapsed(day, datetime(2025, 3, 29, 8, 0, tzinfo=PLUS2)).worked == DAY


# --- PAUSED: frozen at TIME_FINISH, running break now - TIME_FINISH --------------------------


def test_paused_real_sample_worked_1_11_10() -> None:
    """[R] 07:10:51 → 08:32:00 = 1:21:09, minus 0:09:59 → 1:11:10 worked; break running."""
    day = parse_workday(result(R_PAUSED))
    shown = elapsed(day, at(R_PAUSED_STATUS_AT))
    assert shown.worked == hms(1, 11, 10)
    assert shown.on_break == timedelta(seconds=2, microseconds=652_610)


@pytest.mark.parametrize("minutes", [0, 5, 90])
def test_paused_worked_is_frozen_and_the_break_runs(minutes: int) -> None:
    day = parse_workday(result(R_PAUSED))
    now = datetime(2024, 7, 30, 8, 32, tzinfo=UTC) + timedelta(minutes=minutes)
    shown = elapsed(day, now)
    assert shown.worked == hms(1, 11, 10)
    assert shown.on_break == timedelta(minutes=minutes)


def test_paused_ignores_a_previous_value_when_time_finish_is_known() -> None:
    day = parse_workday(result(R_PAUSED))
    shown = elapsed(day, at(R_PAUSED_STATUS_AT), previous=Elapsed(worked=hms(7, 0, 0)))
    assert shown.worked == hms(1, 11, 10)


@pytest.mark.parametrize(
    ("previous", "expected"),
    [(Elapsed(worked=hms(1, 36, 59)), hms(1, 36, 59)), (None, ZERO)],
)
def test_paused_without_time_finish_freezes_the_previous_value(
    previous: Elapsed | None, expected: timedelta
) -> None:
    """[D] timeman-pause shows TIME_FINISH null: keep the last value, don't guess."""
    day = parse_workday(result(D_PAUSED))
    shown = elapsed(day, datetime(2025, 3, 27, 15, 0, tzinfo=PLUS2), previous=previous)
    assert shown.worked == expected
    assert shown.on_break == ZERO


def test_paused_break_before_the_pause_start_clamps_to_zero() -> None:
    day = parse_workday(result(R_PAUSED))
    assert elapsed(day, datetime(2024, 7, 30, 8, 0, tzinfo=UTC)).on_break == ZERO


def test_paused_with_time_finish_before_the_start_clamps_to_zero() -> None:
    day = day_of(
        "PAUSED", TIME_START="2025-03-27T10:00:00+02:00", TIME_FINISH="2025-03-27T09:00:00+02:00"
    )
    assert elapsed(day, datetime(2025, 3, 27, 10, 0, tzinfo=PLUS2)).worked == ZERO


# --- CLOSED: hms(DURATION) -------------------------------------------------------------------


def test_closed_docs_sample_is_duration_and_matches_its_own_arithmetic() -> None:
    """[D] 08:00:01 → 19:00:01 = 11:00:00, minus TIME_LEAKS 01:22:56 = DURATION 09:37:04."""
    day = parse_workday(result(D_CLOSED))
    assert day.finished_at is not None
    assert day.started_at is not None
    assert day.finished_at - day.started_at == hms(11, 0, 0)
    assert day.finished_at - day.started_at - day.leaks == hms(9, 37, 4)
    shown = elapsed(day, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    assert shown == Elapsed(worked=hms(9, 37, 4))


def test_closed_takes_duration_not_the_times() -> None:
    """The server's DURATION is the truth once closed (it may be capped, §3.1)."""
    day = day_of(
        "CLOSED",
        TIME_START="2025-03-27T08:00:00+02:00",
        TIME_FINISH="2025-03-27T18:00:00+02:00",
        DURATION="07:30:00",
    )
    assert elapsed(day, datetime(2025, 3, 27, 19, 0, tzinfo=PLUS2)).worked == hms(7, 30, 0)


@pytest.mark.parametrize(
    ("duration", "expected"), [("25:00:00", DAY), ("24:00:00", DAY), ("00:00:00", ZERO)]
)
def test_closed_duration_is_clamped(duration: str, expected: timedelta) -> None:
    day = day_of("CLOSED", DURATION=duration)
    assert elapsed(day, datetime(2025, 3, 27, 19, 0, tzinfo=PLUS2)).worked == expected


def test_closed_without_any_day_is_zero() -> None:
    assert (
        elapsed(parse_workday({"STATUS": "CLOSED"}), datetime(2025, 3, 27, tzinfo=UTC)) == Elapsed()
    )


# --- EXPIRED: recorded (if left paused) and a proposal from TIME_FINISH_DEFAULT ----------------


def test_expired_docs_sample_proposes_the_suggested_finish() -> None:
    """[D] 08:00:01 → 17:00:00 = 8:59:59, minus leaks 0:17:53 = 8:42:06 proposed."""
    day = parse_workday(result(D_EXPIRED))
    shown = elapsed(day, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    assert shown.proposed == hms(8, 42, 6)
    assert shown.worked == ZERO
    assert shown.on_break == ZERO


def test_expired_left_paused_shows_the_recorded_time() -> None:
    """TIME_FINISH present on EXPIRED: the day was left paused then; that time is recorded."""
    day = day_of(
        "EXPIRED",
        TIME_START="2025-03-27T08:00:00+02:00",
        TIME_FINISH="2025-03-27T16:00:00+02:00",
        TIME_LEAKS="01:00:00",
        TIME_FINISH_DEFAULT="2025-03-27T17:00:00+02:00",
    )
    shown = elapsed(day, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2))
    assert shown.worked == hms(7, 0, 0)
    assert shown.proposed == hms(8, 0, 0)


def test_expired_without_suggested_finish_has_no_proposal() -> None:
    day = day_of("EXPIRED", TIME_START="2025-03-27T08:00:00+02:00")
    assert elapsed(day, datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2)) == Elapsed()


def test_expired_proposal_is_clamped_to_24_hours() -> None:
    day = day_of(
        "EXPIRED",
        TIME_START="2025-03-27T08:00:00+02:00",
        TIME_FINISH_DEFAULT="2025-03-29T08:00:00+02:00",
    )
    assert elapsed(day, datetime(2025, 3, 29, 9, 0, tzinfo=PLUS2)).proposed == DAY


# --- no TIME_START: nothing to compute ----------------------------------------------------------


@pytest.mark.parametrize("state", [DayState.OPENED, DayState.PAUSED, DayState.EXPIRED])
def test_a_running_day_without_a_start_shows_zero(state: DayState) -> None:
    day = Workday(state=state, leaks=hms(1, 0, 0))
    shown = elapsed(
        day, datetime(2025, 3, 27, 12, 0, tzinfo=UTC), previous=Elapsed(worked=hms(2, 0, 0))
    )
    assert shown == Elapsed()
