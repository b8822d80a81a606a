"""Every transition of the workday state machine, through the REST methods."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from tests.demo.conftest import START, Portal
from tray_app.demo import PortalSimulator, RestError, SimClock, SimUser
from tray_app.demo.schedule import shift_bounds, shift_length

WORKDAY_KEYS = [
    "STATUS", "ID", "TIME_START", "TIME_FINISH", "DURATION", "TIME_LEAKS", "ACTIVE", "IP_OPEN",
    "IP_CLOSE", "LAT_OPEN", "LON_OPEN", "LAT_CLOSE", "LON_CLOSE", "TZ_OFFSET",
]  # fmt: skip


def test_open_from_closed_starts_a_day(portal: Portal) -> None:
    opened = portal.result("timeman.open")
    assert list(opened) == WORKDAY_KEYS
    assert opened["STATUS"] == "OPENED"
    assert isinstance(opened["ID"], int)
    assert opened["TIME_START"] == "2026-11-20T09:00:00+03:00"
    assert opened["TIME_FINISH"] is None
    assert opened["DURATION"] == "00:00:00"
    assert opened["TIME_LEAKS"] == "00:00:00"
    assert opened["ACTIVE"] is True
    assert opened["IP_OPEN"] == ""  # REST opens record no IP
    assert opened["IP_CLOSE"] == ""
    assert opened["TZ_OFFSET"] == 10800
    assert portal.result("timeman.status") == opened


def test_open_on_opened_is_a_silent_no_op(portal: Portal, clock: SimClock) -> None:
    first = portal.result("timeman.open")
    clock.advance(600)
    assert portal.result("timeman.open") == first
    # TIME is ignored, even when it would not parse.
    assert portal.result("timeman.open", {"TIME": "garbage", "REPORT": "x"}) == first


def test_pause_sets_time_finish_to_the_pause_start(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(timedelta(hours=2))
    paused = portal.result("timeman.pause")
    assert paused["STATUS"] == "PAUSED"
    assert paused["TIME_FINISH"] == "2026-11-20T11:00:00+03:00"
    assert paused["DURATION"] == "00:00:00"
    assert paused["TIME_LEAKS"] == "00:00:00"  # the running break is not counted yet
    assert paused["IP_CLOSE"] == ""
    clock.advance(timedelta(minutes=20))
    assert portal.result("timeman.status")["TIME_LEAKS"] == "00:00:00"


def test_open_on_paused_continues_and_books_the_break(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(timedelta(hours=1))
    portal.result("timeman.pause")
    clock.advance(timedelta(minutes=15))
    resumed = portal.result("timeman.open")
    assert resumed["STATUS"] == "OPENED"
    assert resumed["TIME_FINISH"] is None
    assert resumed["TIME_LEAKS"] == "00:15:00"
    clock.advance(timedelta(hours=1))
    portal.result("timeman.pause")
    clock.advance(timedelta(minutes=5))
    assert portal.result("timeman.open")["TIME_LEAKS"] == "00:20:00"


def test_open_on_paused_with_time_is_an_error(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(600)
    portal.result("timeman.pause")
    assert portal.error("timeman.open", {"TIME": "2026-11-20T09:05:00+03:00", "REPORT": "x"}) == (
        400,
        "TIME",
        "Unable to set time, work day is paused",
    )
    assert portal.result("timeman.status")["STATUS"] == "PAUSED"


@pytest.mark.parametrize("state", ["PAUSED", "CLOSED", "EXPIRED"])
def test_pause_elsewhere_is_a_silent_no_op(
    sim: PortalSimulator, portal: Portal, state: str
) -> None:
    seeded = sim.seed_day(1, state)  # type: ignore[arg-type]
    answer = portal.result("timeman.pause")
    assert answer["STATUS"] == state
    assert answer == seeded.result


def test_pause_without_any_day(portal: Portal) -> None:
    assert portal.result("timeman.pause") == {"STATUS": "CLOSED"}


def test_close_from_opened(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(timedelta(hours=8, minutes=30, seconds=5))
    closed = portal.result("timeman.close")
    assert closed["STATUS"] == "CLOSED"
    assert closed["TIME_FINISH"] == "2026-11-20T17:30:05+03:00"
    assert closed["DURATION"] == "08:30:05"
    assert closed["IP_CLOSE"] == "127.0.0.1"  # a REST close records the caller's address
    assert closed["ACTIVE"] is True


def test_close_from_paused_counts_the_running_pause(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(timedelta(hours=4))
    portal.result("timeman.pause")
    clock.advance(timedelta(minutes=45))
    closed = portal.result("timeman.close")
    assert closed["TIME_LEAKS"] == "00:45:00"
    assert closed["DURATION"] == "04:00:00"
    assert closed["TIME_FINISH"] == "2026-11-20T13:45:00+03:00"


def test_close_on_closed_is_an_alert(portal: Portal, clock: SimClock) -> None:
    status, code, _ = portal.error("timeman.close")
    assert (status, code) == (400, "ALERT_WARNING")  # no day at all
    portal.result("timeman.open")
    clock.advance(3600)
    portal.result("timeman.close")
    assert portal.error("timeman.close")[:2] == (400, "ALERT_WARNING")


def test_open_after_close_starts_a_new_day(portal: Portal, clock: SimClock) -> None:
    first = portal.result("timeman.open")
    clock.advance(3600)
    portal.result("timeman.close")
    clock.advance(600)
    second = portal.result("timeman.open")
    assert second["ID"] != first["ID"]
    assert second["TIME_START"] == "2026-11-20T10:10:00+03:00"
    assert second["TIME_LEAKS"] == "00:00:00"
    assert second["IP_CLOSE"] == ""


def test_coordinates_are_set_and_cleared(portal: Portal, clock: SimClock) -> None:
    opened = portal.result("timeman.open", {"LAT": 53.548841, "LON": "9.987274"})
    assert (opened["LAT_OPEN"], opened["LON_OPEN"]) == (53.548841, 9.987274)
    clock.advance(3600)
    closed = portal.result("timeman.close", {"LAT": 1.5})
    assert (closed["LAT_CLOSE"], closed["LON_CLOSE"]) == (1.5, 0)
    raw = portal.call("timeman.status").text
    assert '"LON_CLOSE":0,' in raw  # a PHP float without fraction is written as 0


def test_clamped_to_a_day(sim: PortalSimulator, portal: Portal) -> None:
    sim.seed_day(1, "OPENED", start=START - timedelta(hours=1), leaks=timedelta(hours=30))
    assert portal.result("timeman.status")["TIME_LEAKS"] == "24:00:00"


# -- resuming a closed day (schedule allows re-opening) ---------------------------------------


@pytest.fixture
def reopener(sim: PortalSimulator) -> SimUser:
    return sim.add_user(
        SimUser(user_id=2, secret="reopen2secret", schedule="FIXED", can_reopen=True)
    )


def test_reopen_resumes_the_closed_day(reopener: SimUser, portal: Portal, clock: SimClock) -> None:
    first = portal.result("timeman.open", user_id=2)
    clock.advance(timedelta(hours=3))
    closed = portal.result("timeman.close", user_id=2)
    assert closed["IP_CLOSE"] == "127.0.0.1"
    clock.advance(timedelta(minutes=30))
    resumed = portal.result("timeman.open", user_id=2)
    assert resumed["ID"] == first["ID"]
    assert resumed["STATUS"] == "OPENED"
    assert resumed["TIME_LEAKS"] == "00:30:00"  # the gap became break time
    assert resumed["TIME_FINISH"] is None
    assert resumed["DURATION"] == "00:00:00"
    assert resumed["IP_CLOSE"] == "127.0.0.1"  # survives the re-open, as in real answers


def test_reopen_path_refuses_time(reopener: SimUser, portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open", user_id=2)
    clock.advance(timedelta(hours=3))
    portal.result("timeman.close", user_id=2)
    answer = portal.error(
        "timeman.open", {"TIME": "2026-11-20T12:30:00+03:00", "REPORT": "x"}, user_id=2
    )
    assert answer[:2] == (400, "TIME")


def test_after_the_shift_a_new_day_starts(
    reopener: SimUser, portal: Portal, clock: SimClock
) -> None:
    first = portal.result("timeman.open", user_id=2)
    clock.advance(timedelta(hours=3))
    portal.result("timeman.close", user_id=2)
    clock.advance(timedelta(hours=7))  # 19:00, the 09:00-18:00 shift is over
    assert portal.result("timeman.open", user_id=2)["ID"] != first["ID"]


def test_can_reopen_needs_a_schedule() -> None:
    with pytest.raises(ValueError, match="FIXED or SHIFT"):
        SimUser(user_id=1, secret="x", can_reopen=True)


# -- changes made elsewhere and seeding -------------------------------------------------------


def test_actions_elsewhere_are_seen_by_the_client(sim: PortalSimulator, portal: Portal) -> None:
    sim.act(1, "open", ip="10.0.0.7")
    assert portal.result("timeman.status")["IP_OPEN"] == "10.0.0.7"
    sim.clock.advance(3600)
    day = sim.act(1, "pause")
    assert day is not None
    assert day.status == "PAUSED"
    assert portal.result("timeman.status")["STATUS"] == "PAUSED"
    sim.clock.advance(60)
    sim.act(1, "open")
    sim.clock.advance(60)
    closed = sim.act(1, "close", ip="10.0.0.7")
    assert closed is not None
    assert closed.status == "CLOSED"
    assert closed.leaks == timedelta(minutes=1)
    assert closed.duration == timedelta(hours=1, minutes=1)
    with pytest.raises(RestError) as refused:
        sim.act(1, "close")
    assert refused.value.code == "ALERT_WARNING"


def test_act_with_a_time_follows_the_same_rules(sim: PortalSimulator) -> None:
    sim.add_user(SimUser(user_id=2, secret="fixed2secret", schedule="FIXED"))
    backdated = START - timedelta(minutes=30)
    with pytest.raises(RestError) as refused:
        sim.act(2, "open", time=backdated)
    assert refused.value.code == ""  # a reason is needed
    day = sim.act(2, "open", time=backdated, report="forgot")
    assert day is not None
    assert day.start == backdated
    assert day.active is False  # 30 min beyond the 15 min allowed delta


def test_seed_day_checks_the_state(sim: PortalSimulator) -> None:
    with pytest.raises(ValueError, match="is OPENED"):
        sim.seed_day(1, "EXPIRED", start=START - timedelta(hours=2))
    with pytest.raises(ValueError, match="is EXPIRED"):
        sim.seed_day(1, "OPENED", start=START - timedelta(days=3))
    expired = sim.seed_day(1, "EXPIRED", paused_at=START - timedelta(days=2, hours=20))
    assert expired.paused
    closed = sim.seed_day(1, "CLOSED", start=START - timedelta(hours=5), finish=START)
    assert closed.duration == timedelta(hours=5)
    assert sim.status(1)["STATUS"] == "CLOSED"
    sim.clear_days(1)
    assert sim.day(1) is None
    assert sim.status(1) == {"STATUS": "CLOSED"}


def test_record_id_can_be_left_out(clock: SimClock) -> None:
    with PortalSimulator(clock=clock, include_record_id=False) as sim:
        sim.add_user(SimUser(user_id=1, secret="s"))
        sim.act(1, "open")
        assert "ID" not in sim.status(1)
        assert sim.status(1)["STATUS"] == "OPENED"


def test_night_shift_bounds() -> None:
    user = SimUser(user_id=1, secret="s", schedule="SHIFT", shift_start=time(22), shift_end=time(6))
    start, end = shift_bounds(user, START.date(), 10800)
    assert end - start == timedelta(hours=8) == shift_length(user)
