"""Parsing the workday object leniently (API reference §3.1, §6.8-§6.9, §8)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from tests.core.samples import D_CLOSED, D_EXPIRED, D_OPENED, D_PAUSED, R_OPENED, R_PAUSED, result
from tray_app.core.workday import KNOWN_KEYS, DayState, Workday, WorkdayParseError, parse_workday

PLUS2 = timezone(timedelta(hours=2))
PLUS3 = timezone(timedelta(hours=3))


def hms(hours: int, minutes: int, seconds: int) -> timedelta:
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


# --- the recorded answers ----------------------------------------------------------------------


def test_real_opened_answer() -> None:
    """[R] Start-timekeeping: strings re-serialised in UTC, TZ_OFFSET 10800, a stale IP_CLOSE."""
    day = parse_workday(result(R_OPENED))
    assert day.state is DayState.OPENED
    assert day.started_at == datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)
    assert day.finished_at is None
    assert day.duration == timedelta(0)
    assert day.leaks == hms(0, 9, 59)
    assert day.confirmed is False
    assert day.tz_offset == 10800
    # TZ_OFFSET is the day's zone, not the +00:00 the 1C client wrote into the strings (§3.2).
    assert day.day_offset == 10800
    # IP_CLOSE survives a re-open: it must not be read as "closed" (§3.1).
    assert day.ip_close == "93.125.42.204"
    assert day.ip_open == ""
    assert (day.lat_open, day.lon_open, day.lat_close, day.lon_close) == (0.0, 0.0, 0.0, 0.0)
    assert day.record_id is None
    assert day.suggested_finish is None
    assert dict(day.extra) == {}


def test_real_paused_answer_has_the_pause_start_in_time_finish() -> None:
    """[R] Pause-timekeeping: TIME_FINISH is the moment the pause began (§9), IP_CLOSE is ""."""
    day = parse_workday(result(R_PAUSED))
    assert day.state is DayState.PAUSED
    assert day.finished_at == datetime(2024, 7, 30, 8, 32, 0, tzinfo=UTC)
    assert day.started_at == datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)
    assert day.ip_close == ""
    assert day.duration == timedelta(0)


def test_docs_opened_answer_keeps_the_day_offset_and_the_float_noise() -> None:
    """[D] timeman-open: TZ_OFFSET 7200 and coordinates like 53.548841000000003."""
    day = parse_workday(result(D_OPENED))
    assert day.state is DayState.OPENED
    assert day.started_at == datetime(2025, 3, 27, 8, 0, 1, tzinfo=PLUS2)
    assert day.started_at is not None
    assert day.started_at.utcoffset() == timedelta(hours=2)
    assert day.tz_offset == 7200
    assert math.isclose(day.lat_open, 53.548841, abs_tol=1e-12)
    assert math.isclose(day.lon_open, 9.987274, abs_tol=1e-12)
    assert day.lat_close == 0.0


def test_docs_paused_answer_with_null_time_finish() -> None:
    """[D] timeman-pause shows TIME_FINISH null while PAUSED, unlike real data: tolerate it."""
    day = parse_workday(result(D_PAUSED))
    assert day.state is DayState.PAUSED
    assert day.finished_at is None
    assert day.leaks == timedelta(0)


def test_docs_closed_answer() -> None:
    """[D] timeman-close: DURATION 09:37:04 = 19:00:01 - 08:00:01 - TIME_LEAKS 01:22:56."""
    day = parse_workday(result(D_CLOSED))
    assert day.state is DayState.CLOSED
    assert day.duration == hms(9, 37, 4)
    assert day.leaks == hms(1, 22, 56)
    assert day.finished_at == datetime(2025, 3, 27, 19, 0, 1, tzinfo=PLUS2)
    assert day.ip_close == "83.219.151.30"
    assert math.isclose(day.lat_close, 53.548841, abs_tol=1e-12)
    assert math.isclose(day.lon_close, 9.987274, abs_tol=1e-12)


def test_docs_expired_answer_carries_the_suggested_finish() -> None:
    """[D] timeman-status: TIME_FINISH_DEFAULT only with EXPIRED, pre-fills the close dialog."""
    day = parse_workday(result(D_EXPIRED))
    assert day.state is DayState.EXPIRED
    assert day.suggested_finish == datetime(2025, 3, 27, 17, 0, 0, tzinfo=PLUS2)
    assert day.finished_at is None
    assert day.leaks == hms(0, 17, 53)
    assert "TIME_FINISH_DEFAULT" not in day.extra


def test_a_user_who_never_had_a_day_answers_status_only() -> None:
    """§3.1: ``{"STATUS":"CLOSED"}`` and nothing else; every field is optional."""
    day = parse_workday({"STATUS": "CLOSED"})
    assert day == Workday(state=DayState.CLOSED)
    assert day.started_at is None
    assert day.finished_at is None
    assert day.duration == timedelta(0)
    assert day.confirmed is None
    assert day.day_offset is None


@pytest.mark.parametrize("status", ["opened", "Paused", "closed", "EXPIRED"])
def test_status_is_read_case_insensitively(status: str) -> None:
    assert parse_workday({"STATUS": status}).state.value == status.upper()


# --- unknown and new keys ----------------------------------------------------------------------


def test_unknown_keys_are_kept_in_extra_and_read_only() -> None:
    raw: dict[str, Any] = {
        **result(D_OPENED),
        "NEW_FLAG": True,
        "REPORT": "late bus",
        "nested": {"a": 1},
    }
    day = parse_workday(raw)
    assert dict(day.extra) == {"NEW_FLAG": True, "REPORT": "late bus", "nested": {"a": 1}}
    assert KNOWN_KEYS.isdisjoint(day.extra)
    with pytest.raises(TypeError):
        day.extra["NEW_FLAG"] = False  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, 42),
        ("42", 42),
        (" 42 ", 42),
        (42.0, 42),
        ("42.0", 42),
        # A record id beyond what a float holds exactly (2**53 + 1) stays exact.
        ("9007199254740993", 9007199254740993),
        (9007199254740993, 9007199254740993),
        (None, None),
        ("", None),
    ],
)
def test_id_is_tolerated_as_number_or_text(value: object, expected: int | None) -> None:
    """Newer builds send ``ID`` (int); it is not in the docs (§3.1)."""
    assert parse_workday({"STATUS": "OPENED", "ID": value}).record_id == expected


# --- time strings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-30T07:10:51+00:00", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        ("2024-07-30T07:10:51Z", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        ("2024-07-30T10:10:51.250+03:00", datetime(2024, 7, 30, 7, 10, 51, 250_000, tzinfo=UTC)),
        ("2024-07-30T10:10:51+0300", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        # No offset: the text is in the day's zone, TZ_OFFSET = 10800.
        ("2024-07-30T10:10:51", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        ("2024-07-30 10:10:51", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
    ],
)
def test_time_strings_in_every_form_servers_send(text: str, expected: datetime) -> None:
    day = parse_workday(
        {"STATUS": "PAUSED", "TIME_START": text, "TIME_FINISH": text, "TZ_OFFSET": 10800}
    )
    assert day.started_at == expected
    assert day.finished_at == expected


def test_a_time_without_offset_takes_tz_offset() -> None:
    day = parse_workday(
        {"STATUS": "OPENED", "TIME_START": "2025-03-27T08:00:01", "TZ_OFFSET": 7200}
    )
    assert day.started_at is not None
    assert day.started_at.utcoffset() == timedelta(hours=2)
    assert day.started_at.hour == 8


def test_day_offset_falls_back_to_the_start_offset_without_tz_offset() -> None:
    day = parse_workday({"STATUS": "OPENED", "TIME_START": "2025-03-27T08:00:01-05:30"})
    assert day.tz_offset is None
    assert day.day_offset == -19800


@pytest.mark.parametrize("empty", [None, "", False])
def test_empty_time_values_mean_absent(empty: object) -> None:
    """PHP sends null, "" or false for a missing date."""
    day = parse_workday(
        {"STATUS": "OPENED", "TIME_START": "2025-03-27T08:00:01+02:00", "TIME_FINISH": empty}
    )
    assert day.finished_at is None


@pytest.mark.parametrize(
    ("value", "expected"), [("10800", 10800), (10800.0, 10800), ("", None), (-43200, -43200)]
)
def test_tz_offset_forms(value: object, expected: int | None) -> None:
    assert parse_workday({"STATUS": "CLOSED", "TZ_OFFSET": value}).tz_offset == expected


# --- other field forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("Y", True),
        ("N", False),
        ("y", True),
        (" Y ", True),
        ("true", True),
        ("false", False),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
        (None, None),
        ("", None),
    ],
)
def test_active_as_bool_or_bitrix_flag(value: object, expected: bool | None) -> None:
    """ACTIVE is a JSON bool; Bitrix also writes flags as "Y"/"N" elsewhere."""
    assert parse_workday({"STATUS": "CLOSED", "ACTIVE": value}).confirmed is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:37:04", hms(9, 37, 4)),
        ("", timedelta(0)),
        (None, timedelta(0)),
        (34624, hms(9, 37, 4)),
        (34624.9, hms(9, 37, 4)),
    ],
)
def test_duration_forms(value: object, expected: timedelta) -> None:
    assert parse_workday({"STATUS": "CLOSED", "DURATION": value}).duration == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("53.548841000000003", 53.548841),
        (53, 53.0),
        ("0", 0.0),
        ("", 0.0),
        (None, 0.0),
        (False, 0.0),
    ],
)
def test_coordinate_forms(value: object, expected: float) -> None:
    day = parse_workday({"STATUS": "CLOSED", "LAT_OPEN": value})
    assert math.isclose(day.lat_open, expected, abs_tol=1e-12)


def test_coordinates_with_float_noise_from_json() -> None:
    raw = json.loads(
        '{"STATUS":"CLOSED","LAT_CLOSE":53.548841000000003,"LON_CLOSE":9.9872739999999993}'
    )
    day = parse_workday(raw)
    assert math.isclose(day.lat_close, 53.548841, abs_tol=1e-12)
    assert math.isclose(day.lon_close, 9.987274, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("value", "expected"), [(None, ""), ("", ""), ("10.0.0.1", "10.0.0.1"), (17, "17")]
)
def test_ip_forms(value: object, expected: str) -> None:
    day = parse_workday({"STATUS": "CLOSED", "IP_OPEN": value, "IP_CLOSE": value})
    assert day.ip_open == expected
    assert day.ip_close == expected


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [[], "CLOSED", None, 5, [{"STATUS": "CLOSED"}]])
def test_non_objects_are_refused(raw: object) -> None:
    with pytest.raises(WorkdayParseError, match="must be an object"):
        parse_workday(raw)


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"STATUS": ""},
        {"STATUS": None},
        {"STATUS": "WORKING"},
        {"STATUS": "OPEN"},
        {"STATUS": 1},
        {"status": "OPENED"},
    ],
)
def test_a_missing_or_unknown_status_is_refused(raw: dict[str, object]) -> None:
    """The state machine has exactly four states (§1.1); anything else is not a workday."""
    with pytest.raises(WorkdayParseError, match="STATUS"):
        parse_workday(raw)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ID", True),
        ("ID", [1]),
        ("ID", "abc"),
        ("ID", "inf"),
        ("ID", float("inf")),
        ("ID", float("nan")),
        ("TIME_START", 1722323451),
        ("TIME_START", "yesterday"),
        ("TIME_START", "2024-07-30T07:10:51"),  # no offset and no TZ_OFFSET to take one from
        ("TIME_FINISH", ["2024-07-30T07:10:51+00:00"]),
        ("TIME_FINISH_DEFAULT", {"date": "2025-03-27"}),
        ("DURATION", "9h 37m"),
        ("DURATION", True),
        ("DURATION", []),
        ("TIME_LEAKS", "-00:10:00"),
        ("ACTIVE", []),
        ("ACTIVE", {"value": "Y"}),
        ("LAT_OPEN", "north"),
        ("LAT_OPEN", {}),
        ("TZ_OFFSET", "abc"),
        ("TZ_OFFSET", True),
        # timezone() needs strictly less than a day; real offsets are within ±14 h.
        ("TZ_OFFSET", 86400),
        ("TZ_OFFSET", -86400),
        ("TZ_OFFSET", 90000),
    ],
)
def test_bad_field_types_are_refused_as_workday_errors(key: str, value: object) -> None:
    raw: dict[str, object] = {"STATUS": "OPENED", key: value}
    with pytest.raises(WorkdayParseError, match="unusable workday field"):
        parse_workday(raw)
