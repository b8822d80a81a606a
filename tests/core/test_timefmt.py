"""ATOM format/parse, ``HH:MM:SS`` durations and zones (API reference §2.2, §3.1-§3.3)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest
import pytz

from tray_app.core.timefmt import (
    MAX_DAY,
    TimeFormatError,
    clamp_day,
    fixed_offset,
    format_atom,
    format_hm,
    localize,
    parse_hms,
    parse_iso,
    parse_zone,
    zone_name,
)

ATOM = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")
MSK = timezone(timedelta(hours=3))
IST = timezone(timedelta(hours=5, minutes=30))
NPT = timezone(timedelta(hours=5, minutes=45))
MINUS_0530 = timezone(-timedelta(hours=5, minutes=30))
MINUS_0030 = timezone(-timedelta(minutes=30))
BERLIN = pytz.timezone("Europe/Berlin")
MOSCOW = pytz.timezone("Europe/Moscow")
NEW_YORK = pytz.timezone("America/New_York")


def offset_of(moment: datetime) -> timedelta | None:
    return moment.utcoffset()


# --- format_atom: what we SEND must be PHP DateTime::ATOM, Y-m-d\TH:i:sP (§2.2) ---------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # The docs' own example value.
        (datetime(2025, 2, 12, 15, 52, 1, tzinfo=UTC), "2025-02-12T15:52:01+00:00"),
        (datetime(2025, 2, 12, 15, 52, 1, tzinfo=MSK), "2025-02-12T15:52:01+03:00"),
        # PHP rejects fractional seconds: they are dropped, never rounded up to the next second.
        (datetime(2025, 2, 12, 15, 52, 1, 999_999, tzinfo=MSK), "2025-02-12T15:52:01+03:00"),
        (datetime(2025, 2, 12, 23, 59, 59, 500_000, tzinfo=UTC), "2025-02-12T23:59:59+00:00"),
        # Negative and half/three-quarter-hour offsets (PHP verified to accept -05:30).
        (datetime(2025, 2, 12, 9, 5, tzinfo=MINUS_0530), "2025-02-12T09:05:00-05:30"),
        (datetime(2025, 2, 12, 9, 5, tzinfo=IST), "2025-02-12T09:05:00+05:30"),
        (datetime(2025, 2, 12, 9, 5, tzinfo=NPT), "2025-02-12T09:05:00+05:45"),
        # Less than an hour west of UTC: the sign must survive a zero hour part.
        (datetime(2025, 2, 12, 9, 5, tzinfo=MINUS_0030), "2025-02-12T09:05:00-00:30"),
        (
            datetime(2025, 2, 12, 9, 5, tzinfo=timezone(timedelta(hours=14))),
            "2025-02-12T09:05:00+14:00",
        ),
        (
            datetime(2025, 2, 12, 9, 5, tzinfo=timezone(timedelta(hours=-12))),
            "2025-02-12T09:05:00-12:00",
        ),
        # Four-digit year and two-digit fields always.
        (datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC), "0999-01-02T03:04:05+00:00"),
    ],
)
def test_format_atom_is_strict_php_atom(moment: datetime, expected: str) -> None:
    text = format_atom(moment)
    assert text == expected
    assert ATOM.fullmatch(text)


@pytest.mark.parametrize("zone", [UTC, timezone(timedelta(0)), pytz.utc, fixed_offset(0)])
def test_format_atom_writes_utc_as_plus_zero_never_z(zone: tzinfo) -> None:
    """A real cloud portal answered WRONG_DATETIME_FORMAT to ``…Z`` ([R] Stop-timekeeping)."""
    text = format_atom(datetime(2024, 7, 30, 8, 32, tzinfo=zone))
    assert text == "2024-07-30T08:32:00+00:00"
    assert "Z" not in text


def test_format_atom_refuses_a_naive_time() -> None:
    """Without an offset PHP's createFromFormat(ATOM) fails: never guess one."""
    with pytest.raises(TimeFormatError, match="offset"):
        format_atom(datetime(2025, 2, 12, 15, 52, 1))


@pytest.mark.parametrize(
    "offset",
    [
        timedelta(seconds=30),
        timedelta(hours=1, seconds=1),
        -timedelta(hours=1, seconds=30),
        timedelta(microseconds=1),
        -timedelta(microseconds=1),
    ],
)
def test_format_atom_refuses_offsets_with_seconds(offset: timedelta) -> None:
    """``P`` is ``±HH:MM``: an offset with seconds cannot be written without lying."""
    with pytest.raises(TimeFormatError, match="whole minutes"):
        format_atom(datetime(2025, 2, 12, 9, 5, tzinfo=timezone(offset)))


@pytest.mark.parametrize(
    ("zone", "wall", "expected"),
    [
        (MOSCOW, datetime(2025, 2, 12, 9, 5), "2025-02-12T09:05:00+03:00"),
        (MOSCOW, datetime(2025, 7, 12, 9, 5), "2025-07-12T09:05:00+03:00"),
        (NEW_YORK, datetime(2025, 1, 15, 9, 0), "2025-01-15T09:00:00-05:00"),
        (NEW_YORK, datetime(2025, 7, 15, 9, 0), "2025-07-15T09:00:00-04:00"),
        (BERLIN, datetime(2025, 3, 27, 8, 0, 1), "2025-03-27T08:00:01+01:00"),
        (BERLIN, datetime(2025, 3, 31, 8, 0, 1), "2025-03-31T08:00:01+02:00"),
    ],
)
def test_format_atom_with_localized_pytz_zones(
    zone: pytz.BaseTzInfo, wall: datetime, expected: str
) -> None:
    assert format_atom(zone.localize(wall)) == expected


def test_format_atom_across_the_new_york_spring_forward() -> None:
    """One second after 01:59:59 EST is 03:00:00 EDT: the offset changes with the instant."""
    before = NEW_YORK.localize(datetime(2025, 3, 9, 1, 59, 59))
    after = (before.astimezone(UTC) + timedelta(seconds=1)).astimezone(NEW_YORK)
    assert format_atom(before) == "2025-03-09T01:59:59-05:00"
    assert format_atom(after) == "2025-03-09T03:00:00-04:00"
    assert parse_iso(format_atom(after)) - parse_iso(format_atom(before)) == timedelta(seconds=1)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 2, 12, 15, 52, 1, tzinfo=MSK),
        datetime(2025, 2, 12, 15, 52, 1, 123_456, tzinfo=MINUS_0530),
        datetime(2025, 2, 12, 0, 0, 0, tzinfo=NPT),
        datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC),
        NEW_YORK.localize(datetime(2025, 11, 2, 12, 0)),
        BERLIN.localize(datetime(2025, 10, 26, 1, 30)),
    ],
)
def test_format_atom_round_trips_through_parse_iso(moment: datetime) -> None:
    back = parse_iso(format_atom(moment))
    assert back == moment.replace(microsecond=0)
    assert offset_of(back) == offset_of(moment)
    assert back.replace(tzinfo=None) == moment.replace(tzinfo=None, microsecond=0)


# --- parse_iso: what the portal SENDS, parsed leniently (§3.1, §3.2) ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-30T07:10:51+00:00", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        (
            "2025-03-27T08:00:01+02:00",
            datetime(2025, 3, 27, 8, 0, 1, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-07-30T07:10:51Z", datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)),
        ("2024-07-30T07:10:51.218560+03:00", datetime(2024, 7, 30, 7, 10, 51, 218_560, tzinfo=MSK)),
        ("2024-07-30T07:10:51.5Z", datetime(2024, 7, 30, 7, 10, 51, 500_000, tzinfo=UTC)),
        ("2024-07-30T07:10:51+0300", datetime(2024, 7, 30, 7, 10, 51, tzinfo=MSK)),
        ("2024-07-30T07:10:51-0530", datetime(2024, 7, 30, 7, 10, 51, tzinfo=MINUS_0530)),
        ("2024-07-30 07:10:51+03:00", datetime(2024, 7, 30, 7, 10, 51, tzinfo=MSK)),
        ("  2024-07-30T07:10:51+03:00\n", datetime(2024, 7, 30, 7, 10, 51, tzinfo=MSK)),
    ],
)
def test_parse_iso_reads_what_servers_send(text: str, expected: datetime) -> None:
    moment = parse_iso(text)
    assert moment == expected
    assert offset_of(moment) == offset_of(expected)


def test_parse_iso_without_offset_takes_the_default_offset() -> None:
    """A text without an offset is in the day's zone, ``TZ_OFFSET`` seconds east of UTC."""
    moment = parse_iso("2024-07-30T10:10:51", default_offset=10800)
    assert moment == datetime(2024, 7, 30, 7, 10, 51, tzinfo=UTC)
    assert offset_of(moment) == timedelta(hours=3)


def test_parse_iso_keeps_an_explicit_offset_over_the_default() -> None:
    moment = parse_iso("2024-07-30T07:10:51+00:00", default_offset=10800)
    assert offset_of(moment) == timedelta(0)
    assert moment.hour == 7


def test_parse_iso_refuses_a_missing_offset_without_a_default() -> None:
    with pytest.raises(TimeFormatError, match="no time zone offset"):
        parse_iso("2024-07-30T07:10:51")


@pytest.mark.parametrize("text", ["", "yesterday", "2024-07-30T25:00:00+03:00", "30.07.2024 07:10"])
def test_parse_iso_refuses_garbage(text: str) -> None:
    with pytest.raises(TimeFormatError, match="not an ISO-8601 time"):
        parse_iso(text)


# --- HH:MM:SS durations (DURATION, TIME_LEAKS, settings) -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:00:00", timedelta(0)),
        ("09:37:04", timedelta(hours=9, minutes=37, seconds=4)),
        ("01:22:56", timedelta(hours=1, minutes=22, seconds=56)),
        ("00:09:59", timedelta(minutes=9, seconds=59)),
        ("09:15", timedelta(hours=9, minutes=15)),
        ("25:00:00", timedelta(hours=25)),
        (" 08:00:00 ", timedelta(hours=8)),
    ],
)
def test_parse_hms(text: str, expected: timedelta) -> None:
    assert parse_hms(text) == expected


@pytest.mark.parametrize(
    "text", ["", "9", "9h", "09:60:00", "09:00:60", "-01:00:00", "1:2:3", "ab:cd:ef"]
)
def test_parse_hms_refuses_other_texts(text: str) -> None:
    with pytest.raises(TimeFormatError, match="HH:MM:SS"):
        parse_hms(text)


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(0), "0:00"),
        (timedelta(hours=3, minutes=41, seconds=59), "3:41"),
        (timedelta(hours=9, minutes=37, seconds=4), "9:37"),
        (timedelta(minutes=5), "0:05"),
        (timedelta(hours=25), "25:00"),
        (timedelta(seconds=-1), "0:00"),
        (timedelta(hours=-3), "0:00"),
    ],
)
def test_format_hm_truncates_and_never_goes_negative(duration: timedelta, expected: str) -> None:
    assert format_hm(duration) == expected


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(seconds=-1), timedelta(0)),
        (timedelta(hours=-30), timedelta(0)),
        (timedelta(0), timedelta(0)),
        (timedelta(hours=5), timedelta(hours=5)),
        (timedelta(hours=24), timedelta(hours=24)),
        (timedelta(hours=24, seconds=1), timedelta(hours=24)),
        (timedelta(days=3), timedelta(hours=24)),
    ],
)
def test_clamp_day_keeps_within_zero_and_24_hours(duration: timedelta, expected: timedelta) -> None:
    """The server clamps durations to [0, 24 h] (clampDaySeconds, correctDuration, §3.3)."""
    assert clamp_day(duration) == expected


def test_a_day_is_24_hours() -> None:
    assert timedelta(hours=24) == MAX_DAY


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (10800, timedelta(hours=3)),
        (7200, timedelta(hours=2)),
        (-19800, -timedelta(hours=5, minutes=30)),
    ],
)
def test_fixed_offset_is_seconds_east_of_utc(seconds: int, expected: timedelta) -> None:
    assert fixed_offset(seconds).utcoffset(None) == expected


def test_fixed_offset_zero_is_utc() -> None:
    assert fixed_offset(0) is UTC


# --- parse_zone ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Europe/Moscow", "Europe/Berlin", "America/New_York", " Asia/Kathmandu "]
)
def test_parse_zone_reads_pytz_names(name: str) -> None:
    zone = parse_zone(name)
    assert isinstance(zone, pytz.BaseTzInfo)
    assert zone.zone == name.strip()


def test_parse_zone_utc_name() -> None:
    assert parse_zone("UTC") is pytz.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+03:00", timedelta(hours=3)),
        ("+0300", timedelta(hours=3)),
        ("-05:30", -timedelta(hours=5, minutes=30)),
        ("-0530", -timedelta(hours=5, minutes=30)),
        ("+05:45", timedelta(hours=5, minutes=45)),
        ("-00:30", -timedelta(minutes=30)),
        ("+14:00", timedelta(hours=14)),
        ("-12:00", timedelta(hours=-12)),
        ("+00:00", timedelta(0)),
        (" +02:00 ", timedelta(hours=2)),
    ],
)
def test_parse_zone_reads_fixed_offsets(text: str, expected: timedelta) -> None:
    zone = parse_zone(text)
    assert not isinstance(zone, pytz.BaseTzInfo)
    assert zone.utcoffset(None) == expected


@pytest.mark.parametrize("text", ["+15:00", "-99:00", "+12:60", "+0975"])
def test_parse_zone_refuses_out_of_range_offsets(text: str) -> None:
    with pytest.raises(TimeFormatError, match="not a valid UTC offset"):
        parse_zone(text)


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "", "Europe/Moskva", "Европа/Москва", "+3:00", "../../etc/passwd"]
)
def test_parse_zone_names_the_unknown_zone_and_shows_the_expected_forms(name: str) -> None:
    with pytest.raises(TimeFormatError, match="unknown time zone") as caught:
        parse_zone(name)
    assert "Europe/Berlin" in str(caught.value)
    assert "+03:00" in str(caught.value)


# --- localize: wall-clock times across DST ------------------------------------------------------


def test_localize_refuses_a_time_the_clocks_skip() -> None:
    """2025-03-30 02:30 does not exist in Berlin (02:00 → 03:00)."""
    with pytest.raises(
        TimeFormatError, match=r"02:30 does not exist on 2025-03-30 in Europe/Berlin"
    ):
        localize(datetime(2025, 3, 30, 2, 30), BERLIN)


def test_localize_refuses_a_time_the_clocks_repeat() -> None:
    """2025-10-26 02:30 happens twice in Berlin (+02:00 and +01:00): ask for the offset."""
    with pytest.raises(TimeFormatError, match=r"happens twice on 2025-10-26 .*give the offset"):
        localize(datetime(2025, 10, 26, 2, 30), BERLIN)


@pytest.mark.parametrize(
    ("wall", "offset"),
    [
        (datetime(2025, 3, 30, 1, 59), timedelta(hours=1)),
        (datetime(2025, 3, 30, 3, 0), timedelta(hours=2)),
        (datetime(2025, 10, 26, 1, 59), timedelta(hours=2)),
        (datetime(2025, 10, 26, 3, 0), timedelta(hours=1)),
    ],
)
def test_localize_takes_the_offset_in_force_around_dst(wall: datetime, offset: timedelta) -> None:
    moment = localize(wall, BERLIN)
    assert moment.replace(tzinfo=None) == wall
    assert offset_of(moment) == offset


def test_localize_attaches_a_fixed_offset() -> None:
    moment = localize(datetime(2025, 3, 30, 2, 30), MSK)
    assert moment == datetime(2025, 3, 29, 23, 30, tzinfo=UTC)
    assert moment.tzinfo is MSK


# --- zone_name ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (BERLIN, "Europe/Berlin"),
        (MSK, "UTC+03:00"),
        (MINUS_0530, "UTC-05:30"),
        (fixed_offset(0), "UTC+00:00"),
    ],
)
def test_zone_name(zone: tzinfo, expected: str) -> None:
    at = datetime(2025, 2, 12, 12, 0, tzinfo=UTC)
    assert zone_name(zone, at) == expected


def test_zone_name_of_a_localized_moment_is_the_pytz_name() -> None:
    moment = BERLIN.localize(datetime(2025, 7, 1, 9, 0))
    assert moment.tzinfo is not None
    assert zone_name(moment.tzinfo, moment) == "Europe/Berlin"
    assert moment.date() == date(2025, 7, 1)
