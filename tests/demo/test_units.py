"""The small pure parts: clock, ATOM parsing/formatting, PHP-style parameters, JSON shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.demo.conftest import START
from tray_app.demo import AtomFormatError, SimClock, parse_atom
from tray_app.demo.atom import format_atom, format_hms, format_wall
from tray_app.demo.envelope import encode, php_date_c, php_shape
from tray_app.demo.limits import LeakyBucket, OperatingLimiter
from tray_app.demo.params import (
    body_params,
    floatval,
    intval,
    loose_equals_int,
    merge,
    parse_str,
    truthy,
    upper_keys,
)

# -- clock ------------------------------------------------------------------------------------


def test_frozen_clock_moves_only_when_told() -> None:
    clock = SimClock(start=START)
    assert clock.frozen
    assert clock.now() == START
    clock.advance(90)
    clock.advance(timedelta(minutes=1))
    assert clock.now() == START + timedelta(seconds=150)
    clock.set(datetime(2027, 1, 1, tzinfo=timezone(timedelta(hours=3))))
    assert clock.now() == datetime(2026, 12, 31, 21, 0, tzinfo=UTC)
    assert clock.timestamp() == clock.now().timestamp()


def test_live_clock_follows_real_time_plus_offset() -> None:
    clock = SimClock()
    assert not clock.frozen
    assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 2
    clock.advance(3600)
    assert abs((clock.now() - datetime.now(UTC)).total_seconds() - 3600) < 2


def test_clock_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        SimClock(start=datetime(2026, 1, 1))


# -- ATOM -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "utc"),
    [
        ("2025-02-12T15:52:01+03:00", 10800, "2025-02-12T12:52:01+00:00"),
        ("2025-02-12T15:52:01-05:30", -19800, "2025-02-12T21:22:01+00:00"),
        ("2025-02-12T15:52:01+0300", 10800, "2025-02-12T12:52:01+00:00"),
        ("  2025-02-12T15:52:01+00:00\n", 0, "2025-02-12T15:52:01+00:00"),
        ("2025-02-12T15:52:01 03:00", 10800, "2025-02-12T12:52:01+00:00"),  # "+" became " "
        ("2025-2-3T5:52:01+03:00", 10800, "2025-02-03T02:52:01+00:00"),  # one-digit fields
        ("2025-02-30T10:00:00+00:00", 0, "2025-03-02T10:00:00+00:00"),  # rolls over like PHP
    ],
)
def test_atom_accepts_what_php_accepts(text: str, offset: int, utc: str) -> None:
    parsed = parse_atom(text)
    assert parsed.offset == offset
    assert parsed.instant.isoformat() == utc


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-12T15:52:01.123+03:00",  # fractions
        "2025-02-12T15:52:01",  # no offset
        "2025-02-12 15:52:01+03:00",  # space instead of T
        "2025-02-12T15:52:01Z",  # refused by the real cloud
        "2025-02-12T15:52+03:00",  # no seconds
        "25-02-12T15:52:01+03:00",
        "2025-02-12T15:52:01+3:00",
        "2025-02-12T15:52:01+03:00x",
        "",
        "２０２５-02-12T15:52:01+03:00",  # noqa: RUF001 - non-ASCII digits
    ],
)
def test_atom_rejects_the_rest(text: str) -> None:
    with pytest.raises(AtomFormatError):
        parse_atom(text)


def test_atom_rejects_non_strings() -> None:
    values: list[object] = [None, [], {}, True, 1700000000]
    for value in values:
        with pytest.raises(AtomFormatError):
            parse_atom(value)


def test_formatting_like_the_portal() -> None:
    moment = datetime(2025, 3, 27, 6, 0, 1, tzinfo=UTC)
    assert format_atom(moment, 7200) == "2025-03-27T08:00:01+02:00"
    assert format_atom(moment, -19800) == "2025-03-27T00:30:01-05:30"
    assert format_hms(9 * 3600 + 37 * 60 + 4) == "09:37:04"
    assert format_hms(-5) == "00:00:00"
    assert format_hms(30 * 3600) == "30:00:00"
    assert format_wall(moment.date(), 17 * 3600, 7200) == "2025-03-27T17:00:00+02:00"


# -- PHP-style parameters ---------------------------------------------------------------------


def test_parse_str_builds_nested_arrays() -> None:
    parsed = parse_str("a=1&cmd[s]=timeman.status&cmd[t]=x%3Fy%3D1&list[]=a&list[]=b&p.q=2&e")
    assert parsed == {
        "a": "1",
        "cmd": {"s": "timeman.status", "t": "x?y=1"},
        "list": {"0": "a", "1": "b"},
        "p_q": "2",
        "e": "",
    }
    assert parse_str("TIME=2025-01-01T10:00:00+03:00")["TIME"] == "2025-01-01T10:00:00 03:00"


def test_upper_keys_later_duplicate_wins() -> None:
    assert upper_keys({"time": "a", "TIME": "b"}) == {"TIME": "b"}
    assert upper_keys({"TIME": "a", "time": "b"}) == {"TIME": "b"}
    assert merge({"a": 1, "b": 2}, {"b": 3}) == {"a": 1, "b": 3}


def test_body_params_by_content_type() -> None:
    assert body_params(b'{"A":1}', "application/json; charset=utf-8") == ({"A": 1}, {"A": 1})
    assert body_params(b'{"A":1', "application/json") == ({}, None)  # silently ignored
    assert body_params(b"[1,2]", "application/json") == ({}, [1, 2])
    assert body_params(b"A=1&B=x+y", "application/x-www-form-urlencoded") == (
        {"A": "1", "B": "x y"},
        None,
    )
    assert body_params(b"A=1", None) == ({"A": "1"}, None)  # no type: read as a form


def test_php_conversions() -> None:
    assert [truthy(v) for v in ("", "0", "false", 0, 1, None, [], [0], "1")] == [
        False, False, True, False, True, False, False, True, True,
    ]  # fmt: skip
    assert floatval("53.5abc") == 53.5
    assert floatval("abc") == 0.0
    assert floatval(True) == 1.0
    assert intval("2abc") == 2
    assert intval(" 7") == 7
    assert intval(3.9) == 3
    assert loose_equals_int("1", 1)
    assert loose_equals_int(" 1 ", 1)
    assert loose_equals_int(1.0, 1)
    assert loose_equals_int(True, 1)
    assert not loose_equals_int("1abc", 1)
    assert not loose_equals_int(None, 1)
    assert not loose_equals_int([1], 1)


# -- JSON as PHP writes it --------------------------------------------------------------------


def test_php_shape_of_arrays_and_floats() -> None:
    assert php_shape({}) == []
    assert php_shape({"0": "a", "1": "b"}) == ["a", "b"]
    assert php_shape({"1": "b"}) == {"1": "b"}
    assert php_shape({"LAT": 0.0, "x": 53.5, "t": 1700000000.0}) == {
        "LAT": 0,
        "x": 53.5,
        "t": 1700000000,
    }
    assert encode({"a": "x/y", "b": "Ж"}) == b'{"a":"x\\/y","b":"\\u0416"}'


def test_php_date_c_uses_the_server_zone() -> None:
    assert php_date_c(1743057653.7, timezone(timedelta(hours=3))) == "2025-03-27T09:40:53+03:00"


# -- limits -----------------------------------------------------------------------------------


def test_leaky_bucket_per_key_and_drain() -> None:
    now = [0.0]
    bucket = LeakyBucket(lambda: now[0], drain=2.0, threshold=3)
    assert [bucket.admit("a") for _ in range(4)] == [True, True, True, False]
    assert bucket.admit("b")  # another source IP has its own bucket
    now[0] += 1.0  # two drained
    assert [bucket.admit("a") for _ in range(3)] == [True, True, False]
    assert bucket.level("a") == 3.0


def test_operating_limiter_window() -> None:
    now = [600.0]
    limiter = OperatingLimiter(lambda: now[0], limit=1.0)
    limiter.register("w", "timeman.status", 0.6)
    assert not limiter.is_blocked("w", "timeman.status")
    limiter.register("w", "timeman.status", 0.6)
    assert limiter.is_blocked("w", "timeman.status")
    assert not limiter.is_blocked("w", "timeman.open")
    state = limiter.state("w", "timeman.status")
    assert state.operating == pytest.approx(1.2)
    assert state.reset_at == 1200
    now[0] += 600
    assert not limiter.is_blocked("w", "timeman.status")
