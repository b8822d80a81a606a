"""Rules for a changed start/end time and its reason (API reference §1.2, §2.2-§2.4)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

import pytest
import pytz

from tests.core.samples import D_CLOSED, D_EXPIRED, D_OPENED, R_OPENED, R_PAUSED, result
from tray_app.core.backdate import (
    DEFAULT_REASON,
    MAX_REASON_LENGTH,
    Rule,
    RuleViolation,
    check_close_time,
    check_open_time,
    check_reason,
    close_date,
    day_zone,
    needs_confirmation,
    open_date,
    parse_user_time,
    place_user_time,
    read_user_time,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.timefmt import format_atom
from tray_app.core.workday import DayState, Workday, parse_workday

PLUS2 = timezone(timedelta(hours=2))
PLUS3 = timezone(timedelta(hours=3))
BERLIN = pytz.timezone("Europe/Berlin")
NEVER_HAD_A_DAY = Workday(state=DayState.CLOSED)


def hm(hours: int, minutes: int) -> timedelta:
    return timedelta(hours=hours, minutes=minutes)


def broken(rule: Rule) -> pytest.RaisesExc[RuleViolation]:
    return pytest.raises(RuleViolation, check=lambda exc: exc.rule is rule)


# --- parse_user_time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("09:05", 9, 5),
        ("9:05", 9, 5),
        (" 9:05 ", 9, 5),
        ("00:00", 0, 0),
        ("23:59", 23, 59),
        ("19:00", 19, 0),
    ],
)
def test_clock_time_on_the_given_date_in_the_given_zone(text: str, hour: int, minute: int) -> None:
    moment = parse_user_time(text, date(2025, 2, 12), PLUS3)
    assert moment == datetime(2025, 2, 12, hour, minute, tzinfo=PLUS3)
    assert moment.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(
    ("on", "offset"),
    [(date(2025, 2, 12), timedelta(hours=1)), (date(2025, 7, 12), timedelta(hours=2))],
)
def test_clock_time_in_a_named_zone_takes_the_offset_of_that_date(
    on: date, offset: timedelta
) -> None:
    moment = parse_user_time("09:05", on, BERLIN)
    assert moment.utcoffset() == offset
    assert format_atom(moment).endswith(f"+0{offset.seconds // 3600}:00")


@pytest.mark.parametrize(
    "text",
    [
        "25:00",
        "24:00",
        "12:60",
        "9",
        "905",
        "9:5",
        "9.05",
        "",
        "   ",
        "garbage",
        "noon",
        "T",
        "12:00 pm",
        "9:05 tomorrow",
    ],
)
def test_things_that_are_not_a_time_are_refused(text: str) -> None:
    with broken(Rule.BAD_TIME) as caught:
        parse_user_time(text, date(2025, 2, 12), PLUS3)
    assert "HH:MM" in str(caught.value)
    assert "2025-02-12T09:05:00+03:00" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-12T09:05:00+03:00", datetime(2025, 2, 12, 9, 5, tzinfo=PLUS3)),
        ("2025-02-12T09:05:00-05:30", datetime(2025, 2, 12, 9, 5, tzinfo=timezone(-hm(5, 30)))),
        ("2025-02-12T09:05:00Z", datetime(2025, 2, 12, 9, 5, tzinfo=UTC)),
        ("2025-02-12 09:05:00+0300", datetime(2025, 2, 12, 9, 5, tzinfo=PLUS3)),
    ],
)
def test_full_iso_with_offset_is_kept_as_given(text: str, expected: datetime) -> None:
    """§2.2: the offset sent becomes the day's zone; never silently convert it to ours."""
    moment = parse_user_time(text, date(2000, 1, 1), BERLIN)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2025-02-12T09:05:00", timedelta(hours=1)),
        ("2025-07-12T09:05", timedelta(hours=2)),
        ("2025-07-12 09:05:00", timedelta(hours=2)),
    ],
)
def test_full_iso_without_offset_takes_the_zone(text: str, offset: timedelta) -> None:
    moment = parse_user_time(text, date(2000, 1, 1), BERLIN)
    assert moment.replace(tzinfo=None) == datetime.fromisoformat(text)
    assert moment.utcoffset() == offset


@pytest.mark.parametrize("text", ["02:30", "2025-03-30T02:30:00", "2025-03-30 02:30"])
def test_a_time_the_clocks_skip_says_so(text: str) -> None:
    """Berlin jumps 02:00 → 03:00 on 2025-03-30; the message must say why, not "not a time"."""
    with broken(Rule.BAD_TIME) as caught:
        parse_user_time(text, date(2025, 3, 30), BERLIN)
    assert "does not exist" in str(caught.value)


@pytest.mark.parametrize("text", ["02:30", "2025-10-26T02:30:00"])
def test_a_time_the_clocks_repeat_asks_for_the_offset(text: str) -> None:
    with broken(Rule.BAD_TIME) as caught:
        parse_user_time(text, date(2025, 10, 26), BERLIN)
    assert "happens twice" in str(caught.value)


def test_an_ambiguous_time_with_an_offset_is_accepted() -> None:
    moment = parse_user_time("2025-10-26T02:30:00+01:00", date(2025, 10, 26), BERLIN)
    assert moment == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("09:05", time(9, 5)),
        ("2025-02-12T09:05:00", datetime(2025, 2, 12, 9, 5)),
        ("2025-02-12T09:05:00+03:00", datetime(2025, 2, 12, 9, 5, tzinfo=PLUS3)),
    ],
)
def test_the_form_of_a_time_is_judged_without_a_date_or_zone(
    text: str, typed: time | datetime
) -> None:
    assert read_user_time(text) == typed


def test_a_clock_time_is_placed_on_the_date_and_a_full_time_keeps_its_own() -> None:
    on, zone = date(2025, 2, 12), PLUS2
    assert place_user_time(time(9, 5), on, zone) == datetime(2025, 2, 12, 9, 5, tzinfo=PLUS2)
    naive = datetime(2024, 1, 1, 8, 0)
    assert place_user_time(naive, on, zone) == naive.replace(tzinfo=PLUS2)
    aware = datetime(2024, 1, 1, 8, 0, tzinfo=PLUS3)
    assert place_user_time(aware, on, zone) is aware


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-12:00",
        "9999-12-30T00:00:01",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "0001-01-02T23:59:59",
    ],
)
def test_a_time_at_the_edge_of_the_calendar_is_refused(text: str) -> None:
    """Moving such a time to another zone would overflow datetime (a traceback, once)."""
    with broken(Rule.BAD_TIME) as caught:
        read_user_time(text)
    assert "too far in the past or the future" in str(caught.value)


@pytest.mark.parametrize("text", ["0001-01-03T00:00:00+14:00", "9999-12-29T23:59:59-14:00"])
def test_a_time_a_day_inside_the_calendar_can_move_to_any_zone(text: str) -> None:
    moment = read_user_time(text)
    assert isinstance(moment, datetime)
    for hours in (-14, 14):
        assert moment.astimezone(timezone(timedelta(hours=hours))) == moment


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-12T09:05:00+03:00:30",
        "2025-02-12T09:05:00+03:00:00.5",
        "2025-02-12T09:05:00+14:01",
        "2025-02-12T09:05:00-23:59",
    ],
)
def test_an_offset_atom_cannot_carry_is_refused(text: str) -> None:
    with broken(Rule.BAD_TIME) as caught:
        read_user_time(text)
    assert "whole minutes from -14:00 to +14:00" in str(caught.value)


def test_an_enormous_text_is_not_echoed_back_whole() -> None:
    with broken(Rule.BAD_TIME) as caught:
        read_user_time("9" * 10_000)
    assert "9" * 40 + "…" in str(caught.value)
    assert len(str(caught.value)) < 200


# --- the dates a time may fall on --------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (UTC, date(2025, 2, 12)),
        (PLUS3, date(2025, 2, 13)),
        (timezone(timedelta(hours=-10)), date(2025, 2, 12)),
        (timezone(timedelta(hours=14)), date(2025, 2, 13)),
    ],
)
def test_open_date_is_today_in_the_chosen_zone(zone: tzinfo, expected: date) -> None:
    now = datetime(2025, 2, 12, 22, 30, tzinfo=UTC)
    assert open_date(now, zone) == expected


def test_close_date_is_the_start_date_in_the_day_zone() -> None:
    """[R] strings are in UTC but TZ_OFFSET 10800 is the day's zone."""
    day = parse_workday({**result(R_OPENED), "TIME_START": "2024-07-30T22:10:51+00:00"})
    assert close_date(day) == date(2024, 7, 31)
    assert day_zone(day).utcoffset(None) == timedelta(hours=3)


def test_no_day_has_no_zone_and_no_close_date() -> None:
    with broken(Rule.CLOSE_NOT_RUNNING):
        day_zone(NEVER_HAD_A_DAY)
    with broken(Rule.CLOSE_NOT_RUNNING):
        close_date(NEVER_HAD_A_DAY)


# --- check_open_time ---------------------------------------------------------------------------

OPEN_NOW = datetime(2025, 3, 27, 10, 0, tzinfo=PLUS2)


@pytest.mark.parametrize("answer", [D_OPENED, R_PAUSED, D_EXPIRED])
def test_a_start_time_only_for_a_new_day(answer: str) -> None:
    """§1.2: TIME on open is honoured only from CLOSED (PAUSED → error TIME; others ignore it)."""
    with broken(Rule.OPEN_NOT_CLOSED):
        check_open_time(parse_workday(result(answer)), OPEN_NOW - hm(1, 0), OPEN_NOW)


@pytest.mark.parametrize(
    "when",
    [
        datetime(2025, 3, 27, 8, 0, 1, tzinfo=PLUS2),
        datetime(2025, 3, 27, 0, 0, tzinfo=PLUS2),
        OPEN_NOW,  # exactly now is not the future
        datetime(2025, 3, 27, 6, 0, tzinfo=UTC),
    ],
)
def test_a_start_earlier_today_is_fine(when: datetime) -> None:
    check_open_time(NEVER_HAD_A_DAY, when, OPEN_NOW)


@pytest.mark.parametrize(
    "when",
    [
        datetime(2025, 3, 26, 23, 59, tzinfo=PLUS2),
        datetime(2025, 3, 20, 9, 0, tzinfo=PLUS2),
        datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2),
    ],
)
def test_a_start_on_another_date_is_refused(when: datetime) -> None:
    """WRONG_DATETIME "Day open date should correspond to the current date"."""
    with broken(Rule.NOT_TODAY):
        check_open_time(NEVER_HAD_A_DAY, when, OPEN_NOW)


def test_today_is_judged_in_the_offset_of_the_time_given() -> None:
    """Around midnight "today" differs per offset; the portal takes the date in the offset sent.

    Now is 22:30 UTC on the 12th = 01:30 on the 13th at +03:00.
    """
    now = datetime(2025, 2, 12, 22, 30, tzinfo=UTC)
    # In UTC it is still the 12th: 21:00 UTC on the 12th is today there.
    check_open_time(NEVER_HAD_A_DAY, datetime(2025, 2, 12, 21, 0, tzinfo=UTC), now)
    # At +03:00 it is already the 13th: 00:30 on the 13th is today there …
    check_open_time(NEVER_HAD_A_DAY, datetime(2025, 2, 13, 0, 30, tzinfo=PLUS3), now)
    # … and 23:30 on the 12th at +03:00 (20:30 UTC, in the past) is yesterday there.
    with broken(Rule.NOT_TODAY):
        check_open_time(NEVER_HAD_A_DAY, datetime(2025, 2, 12, 23, 30, tzinfo=PLUS3), now)


def test_today_in_a_named_zone() -> None:
    now = datetime(2025, 7, 12, 22, 30, tzinfo=UTC)  # 00:30 on the 13th in Berlin (CEST)
    check_open_time(NEVER_HAD_A_DAY, parse_user_time("00:10", date(2025, 7, 13), BERLIN), now)
    with broken(Rule.NOT_TODAY):
        check_open_time(NEVER_HAD_A_DAY, parse_user_time("23:50", date(2025, 7, 12), BERLIN), now)


@pytest.mark.parametrize("ahead", [timedelta(seconds=1), hm(0, 30), hm(13, 0)])
def test_a_start_in_the_future_is_refused(ahead: timedelta) -> None:
    """The worktime service refuses a future start with ALERT_WARNING."""
    with broken(Rule.IN_FUTURE):
        check_open_time(NEVER_HAD_A_DAY, OPEN_NOW + ahead, OPEN_NOW)


def test_a_start_before_the_previous_day_ended_is_refused() -> None:
    """The portal refuses a record that overlaps the previous one (ALERT_WARNING)."""
    previous = parse_workday(
        {
            **result(D_CLOSED),
            "TIME_START": "2025-03-27T06:00:00+02:00",
            "TIME_FINISH": "2025-03-27T08:30:00+02:00",
        }
    )
    with broken(Rule.OVERLAPS_PREVIOUS) as caught:
        check_open_time(previous, datetime(2025, 3, 27, 8, 29, tzinfo=PLUS2), OPEN_NOW)
    assert "08:30" in str(caught.value)
    check_open_time(previous, datetime(2025, 3, 27, 8, 30, tzinfo=PLUS2), OPEN_NOW)


def test_a_previous_day_that_ended_yesterday_does_not_overlap() -> None:
    check_open_time(
        parse_workday(result(D_CLOSED)),
        datetime(2025, 3, 28, 7, 0, tzinfo=PLUS2),
        datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2),
    )


# --- check_close_time --------------------------------------------------------------------------

OPENED = parse_workday(result(D_OPENED))  # started 2025-03-27T08:00:01+02:00, TZ_OFFSET 7200
CLOSE_NOW = datetime(2025, 3, 27, 20, 0, tzinfo=PLUS2)


@pytest.mark.parametrize(
    "when",
    [
        datetime(2025, 3, 27, 17, 0, tzinfo=PLUS2),
        datetime(2025, 3, 27, 15, 0, tzinfo=UTC),  # 17:00 at +02:00: another offset is converted
        datetime(2025, 3, 27, 8, 0, 2, tzinfo=PLUS2),  # one second after the start
        CLOSE_NOW,
    ],
)
def test_an_end_on_the_start_date_after_the_start_and_not_in_the_future(when: datetime) -> None:
    check_close_time(OPENED, when, CLOSE_NOW)


def test_an_end_given_in_another_offset_is_judged_in_the_day_offset() -> None:
    """§2.2: TIME is converted to the day's start offset and its date compared there."""
    late = datetime(2025, 3, 29, 0, 0, tzinfo=PLUS2)
    # 23:30 UTC on the 27th is 01:30 on the 28th at +02:00: another date there.
    with broken(Rule.NOT_START_DATE) as caught:
        check_close_time(OPENED, datetime(2025, 3, 27, 23, 30, tzinfo=UTC), late)
    assert "2025-03-27" in str(caught.value)
    assert "2025-03-28" in str(caught.value)
    # 00:30 on the 28th at +03:00 is 23:30 on the 27th at +02:00: the start date there.
    check_close_time(OPENED, datetime(2025, 3, 28, 0, 30, tzinfo=PLUS3), late)


def test_the_day_offset_is_tz_offset_even_when_the_strings_say_utc() -> None:
    """[R]: strings in +00:00, TZ_OFFSET 10800. 22:30 UTC on the 30th is the 31st at +03:00."""
    day = parse_workday(result(R_PAUSED))
    with broken(Rule.NOT_START_DATE):
        check_close_time(
            day, datetime(2024, 7, 30, 22, 30, tzinfo=UTC), datetime(2024, 8, 1, tzinfo=UTC)
        )
    check_close_time(
        day, datetime(2024, 7, 30, 20, 30, tzinfo=UTC), datetime(2024, 8, 1, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    "when",
    [datetime(2025, 3, 27, 8, 0, 1, tzinfo=PLUS2), datetime(2025, 3, 27, 7, 0, tzinfo=PLUS2)],
)
def test_an_end_at_or_before_the_start_is_refused(when: datetime) -> None:
    with broken(Rule.BEFORE_START) as caught:
        check_close_time(OPENED, when, CLOSE_NOW)
    assert "08:00" in str(caught.value)


@pytest.mark.parametrize("ahead", [timedelta(seconds=1), hm(2, 0)])
def test_an_end_in_the_future_is_refused(ahead: timedelta) -> None:
    now = datetime(2025, 3, 27, 17, 0, tzinfo=PLUS2)
    with broken(Rule.IN_FUTURE):
        check_close_time(OPENED, now + ahead, now)


def test_a_paused_day_closes_with_a_time() -> None:
    check_close_time(
        parse_workday(result(R_PAUSED)),
        datetime(2024, 7, 30, 8, 40, tzinfo=UTC),
        datetime(2024, 7, 30, 9, 0, tzinfo=UTC),
    )


def test_a_paused_day_cannot_end_before_its_break_began() -> None:
    """The running break is counted up to the end: an earlier end is a negative break."""
    paused = parse_workday(result(R_PAUSED))  # break began 08:32:00 UTC
    with broken(Rule.BEFORE_BREAK) as caught:
        check_close_time(
            paused,
            datetime(2024, 7, 30, 8, 31, tzinfo=UTC),
            datetime(2024, 7, 30, 9, 0, tzinfo=UTC),
        )
    assert "11:32" in str(caught.value)  # shown in the day's zone (TZ_OFFSET +03:00)


def test_an_end_leaving_less_than_the_breaks_is_refused() -> None:
    """[R] OPENED: started 07:10:51 UTC with 0:09:59 of breaks; 07:15 is less than that."""
    opened = parse_workday(result(R_OPENED))
    now = datetime(2024, 7, 30, 9, 0, tzinfo=UTC)
    with broken(Rule.SHORTER_THAN_BREAKS) as caught:
        check_close_time(opened, datetime(2024, 7, 30, 7, 15, tzinfo=UTC), now)
    assert "0:09" in str(caught.value)
    check_close_time(opened, datetime(2024, 7, 30, 7, 21, tzinfo=UTC), now)


def test_an_expired_day_closes_with_a_time_on_its_start_date() -> None:
    """§6.7: pre-fill TIME_FINISH_DEFAULT; the date must be the day's start date."""
    day = parse_workday(result(D_EXPIRED))
    next_morning = datetime(2025, 3, 28, 9, 0, tzinfo=PLUS2)
    assert day.suggested_finish is not None
    check_close_time(day, day.suggested_finish, next_morning)
    with broken(Rule.NOT_START_DATE):
        check_close_time(day, datetime(2025, 3, 28, 0, 10, tzinfo=PLUS2), next_morning)


@pytest.mark.parametrize("day", [parse_workday(result(D_CLOSED)), NEVER_HAD_A_DAY])
def test_a_closed_day_cannot_be_closed(day: Workday) -> None:
    """close on CLOSED answers ALERT_WARNING (§1.2)."""
    with broken(Rule.CLOSE_NOT_RUNNING):
        check_close_time(day, CLOSE_NOW - hm(1, 0), CLOSE_NOW)


def test_a_running_day_without_a_start_cannot_be_checked() -> None:
    with broken(Rule.CLOSE_NOT_RUNNING):
        check_close_time(Workday(state=DayState.OPENED), CLOSE_NOW - hm(1, 0), CLOSE_NOW)


# --- check_reason ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t \r\n"])
def test_a_reason_is_required_on_non_flexible_schedules(text: str) -> None:
    """§2.3: close with TIME and no REPORT answers REPORT_NEEDED unless flexible."""
    with broken(Rule.REASON_MISSING):
        check_reason(text, required=True)


@pytest.mark.parametrize("text", ["", "   ", "\r\n"])
def test_an_optional_empty_reason_becomes_the_default(text: str) -> None:
    """Client rule §2.3: always send a non-empty REPORT with TIME, even when not asked."""
    assert check_reason(text, required=False) == DEFAULT_REASON
    assert DEFAULT_REASON.strip()


@pytest.mark.parametrize("required", [True, False])
def test_a_given_reason_is_sent_trimmed(required: bool) -> None:
    assert (
        check_reason("  Forgot to close the workday \n", required=required)
        == "Forgot to close the workday"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Забыл закрыть рабочий день — был на встрече «Бюджет»",
        "Ёжик: ещё раз, 09:05",
        "и\u0306",  # decomposed й: must not be NFC-normalised
        "工作日 🙂 ok",
    ],
)
def test_non_ascii_reasons_are_kept_byte_for_byte(text: str) -> None:
    sent = check_reason(text, required=True)
    assert sent.encode("utf-8") == text.encode("utf-8")


def test_a_decomposed_reason_is_not_normalised() -> None:
    sent = check_reason("и\u0306", required=True)
    assert sent != unicodedata.normalize("NFC", sent)


def test_line_breaks_and_tabs_are_allowed_and_crlf_normalised() -> None:
    assert (
        check_reason("line one\r\nline two\n\tindented", required=True)
        == "line one\nline two\n\tindented"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b",
        "bell\x07",
        "\x1b[31mred\x1b[0m",
        "lone\rcarriage return",
        "del\x7f",
        # Control characters that str.strip() would silently drop at the edges.
        "reason\x0b",
        "\x0creason",
        "\x1creason\x1f",
        "reason\x85",
    ],
)
def test_control_characters_are_refused_not_dropped(text: str) -> None:
    with broken(Rule.REASON_CONTROL):
        check_reason(text, required=False)


@pytest.mark.parametrize("text", ["lone \udcff byte", "\ud800", "pair \ud83d\ude42 split"])
def test_lone_surrogates_are_refused_with_a_sentence(text: str) -> None:
    """What Python makes of argv bytes that are not UTF-8: they cannot be sent."""
    with broken(Rule.REASON_CONTROL) as caught:
        check_reason(text, required=False)
    assert "not valid UTF-8" in str(caught.value)


def test_an_over_long_reason_is_refused() -> None:
    with broken(Rule.REASON_TOO_LONG) as caught:
        check_reason("я" * 10_000, required=True)
    assert "10000" in str(caught.value)
    assert str(MAX_REASON_LENGTH) in str(caught.value)


def test_the_length_limit_boundary_counts_characters_after_trimming() -> None:
    assert len(check_reason("я" * MAX_REASON_LENGTH, required=True)) == MAX_REASON_LENGTH
    assert (
        check_reason("  " + "x" * MAX_REASON_LENGTH + "  ", required=True)
        == "x" * MAX_REASON_LENGTH
    )
    with broken(Rule.REASON_TOO_LONG):
        check_reason("x" * (MAX_REASON_LENGTH + 1), required=True)


# --- needs_confirmation (§2.4) -------------------------------------------------------------------

STRICT = PortalSettings(flexible=False, allowed_delta=hm(0, 15))
FLEXIBLE = PortalSettings(flexible=True, allowed_delta=hm(0, 15))
EXPIRED = parse_workday(result(D_EXPIRED))
NOW = datetime(2025, 3, 27, 18, 0, tzinfo=PLUS2)


@pytest.mark.parametrize("day", [OPENED, EXPIRED, NEVER_HAD_A_DAY])
@pytest.mark.parametrize("change", [timedelta(0), hm(0, 16), hm(10, 0)])
def test_flexible_schedules_never_need_confirmation(day: Workday, change: timedelta) -> None:
    assert not needs_confirmation(NOW - change, NOW, day, FLEXIBLE)


@pytest.mark.parametrize("change", [timedelta(0), hm(0, 1), hm(10, 0)])
def test_closing_an_expired_day_always_needs_confirmation(change: timedelta) -> None:
    """stopcustomtimeworktimemanager: ACTIVE false when the day had expired (non-flexible)."""
    assert needs_confirmation(NOW - change, NOW, EXPIRED, STRICT)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (timedelta(0), False),
        (hm(0, 14), False),
        (hm(0, 15), False),  # the allowed delta itself needs no confirmation
        (hm(0, 15) + timedelta(seconds=1), True),
        (hm(2, 0), True),
        (-hm(0, 15), False),
        (-(hm(0, 15) + timedelta(seconds=1)), True),  # a change either way counts
    ],
)
@pytest.mark.parametrize("day", [OPENED, NEVER_HAD_A_DAY])
def test_the_allowed_delta_boundary(change: timedelta, expected: bool, day: Workday) -> None:
    assert needs_confirmation(NOW - change, NOW, day, STRICT) is expected


@pytest.mark.parametrize("delta", [timedelta(0), -hm(0, 5)])
def test_a_zero_or_negative_delta_confirms_every_change(delta: timedelta) -> None:
    settings = PortalSettings(allowed_delta=delta)
    assert not needs_confirmation(NOW, NOW, OPENED, settings)
    assert needs_confirmation(NOW - timedelta(seconds=1), NOW, OPENED, settings)


def test_rule_violation_is_a_value_error_with_its_rule() -> None:
    error = RuleViolation(Rule.IN_FUTURE, "the start 10:00 is in the future")
    assert isinstance(error, ValueError)
    assert error.rule is Rule.IN_FUTURE
    assert str(error) == "the start 10:00 is in the future"


def test_a_refusal_is_said_by_its_id_with_its_english_unchanged() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_reason("  ", required=True)
    assert caught.value.said is not None
    assert caught.value.said.id == "backdate.reason_missing"
    assert str(caught.value) == "a reason is required when a time is changed (give --reason)"


def test_a_time_the_clocks_skip_keeps_the_zone_s_sentence_and_id() -> None:
    berlin = pytz.timezone("Europe/Berlin")
    with pytest.raises(RuleViolation) as caught:
        parse_user_time("02:30", date(2025, 3, 30), berlin)
    assert caught.value.said is not None
    assert caught.value.said.id == "time.skipped"
    assert str(caught.value) == (
        "02:30 does not exist on 2025-03-30 in Europe/Berlin (the clocks jump forward)"
    )
