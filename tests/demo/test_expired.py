"""EXPIRED: when a forgotten day expires per schedule, what the portal proposes, how to close."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.demo.conftest import MSK, START, Portal
from tray_app.demo import PortalSimulator, SimClock, SimUser


def msk(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=MSK)


@pytest.fixture
def staff(sim: PortalSimulator) -> PortalSimulator:
    sim.add_user(SimUser(user_id=2, secret="fixed2secret", schedule="FIXED"))
    sim.add_user(SimUser(user_id=3, secret="shift3secret", schedule="SHIFT"))
    sim.add_user(SimUser(user_id=4, secret="flex4secret", schedule="FLEXTIME"))
    return sim


def status_at(portal: Portal, clock: SimClock, moment: datetime, user_id: int = 1) -> str:
    clock.set(moment)
    status = portal.result("timeman.status", user_id=user_id)["STATUS"]
    assert isinstance(status, str)
    return status


def test_no_schedule_expires_at_midnight_of_the_second_day(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")  # Friday 09:00
    assert status_at(portal, clock, msk(21, 23, 59, 59)) == "OPENED"
    assert status_at(portal, clock, msk(22, 0)) == "EXPIRED"
    expired = portal.result("timeman.status")
    assert expired["TIME_FINISH_DEFAULT"] == "2026-11-20T18:00:00+03:00"  # start + 9 h
    assert list(expired)[-1] == "TIME_FINISH_DEFAULT"
    assert expired["TIME_FINISH"] is None
    assert expired["DURATION"] == "00:00:00"


def test_flextime_midnight_is_in_the_days_offset(
    staff: PortalSimulator, portal: Portal, clock: SimClock
) -> None:
    portal.result("timeman.open", {"TIME": "2026-11-20T07:00:00+02:00"}, user_id=4)
    assert status_at(portal, clock, msk(22, 0, 59), user_id=4) == "OPENED"
    assert status_at(portal, clock, msk(22, 1), user_id=4) == "EXPIRED"


def test_fixed_schedule_expires_after_half_the_gap(
    staff: PortalSimulator, portal: Portal, clock: SimClock
) -> None:
    portal.result("timeman.open", user_id=2)  # Friday 09:00, shift 09:00-18:00 Mon-Fri
    # Gap to Monday's shift is 63 h: half is capped at one shift length (9 h) -> Sat 03:00.
    assert status_at(portal, clock, msk(21, 2, 59, 59), user_id=2) == "OPENED"
    assert status_at(portal, clock, msk(21, 3), user_id=2) == "EXPIRED"
    proposal = portal.result("timeman.status", user_id=2)["TIME_FINISH_DEFAULT"]
    assert proposal == "2026-11-20T18:00:00+03:00"  # the end of the shift


def test_fixed_schedule_on_a_weekday_before_a_working_day(
    staff: PortalSimulator, clock: SimClock
) -> None:
    clock.set(msk(20, 1, 29, 59))
    staff.seed_day(2, "OPENED", start=msk(19, 9))  # Thursday; Friday's shift follows in 15 h
    clock.set(msk(20, 1, 30))
    day = staff.day(2)
    assert day is not None
    assert day.status == "EXPIRED"


def test_fixed_schedule_started_on_a_day_off(staff: PortalSimulator, clock: SimClock) -> None:
    clock.set(msk(21, 10))
    staff.seed_day(2, "OPENED", start=msk(21, 10))  # Saturday: no shift, next one in 47 h
    clock.set(msk(22, 4))
    assert staff.status(2)["STATUS"] == "OPENED"
    clock.set(msk(22, 4, 0, 1))
    expired = staff.status(2)
    assert expired["STATUS"] == "EXPIRED"
    assert expired["TIME_FINISH_DEFAULT"] == "2026-11-21T19:00:00+03:00"  # start + shift length


def test_shift_schedule_expires_an_hour_after_the_shift(
    staff: PortalSimulator, portal: Portal, clock: SimClock
) -> None:
    portal.result("timeman.open", user_id=3)
    assert status_at(portal, clock, msk(20, 19), user_id=3) == "OPENED"
    assert status_at(portal, clock, msk(20, 19, 0, 1), user_id=3) == "EXPIRED"


def test_a_paused_day_expires_too(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(timedelta(hours=3))
    portal.result("timeman.pause")
    expired_status = status_at(portal, clock, msk(22, 0))
    assert expired_status == "EXPIRED"
    expired = portal.result("timeman.status")
    assert expired["TIME_FINISH"] == "2026-11-20T12:00:00+03:00"  # when the pause began
    assert portal.result("timeman.open")["STATUS"] == "EXPIRED"  # cannot be continued


def test_proposal_wraps_onto_the_start_date(sim: PortalSimulator) -> None:
    sim.clock.set(msk(23, 9))
    sim.seed_day(1, "EXPIRED", start=msk(20, 20))
    # 20:00 + 9 h = 05:00 next morning, glued to the start date like convertTimeToISO does.
    assert sim.status(1)["TIME_FINISH_DEFAULT"] == "2026-11-20T05:00:00+03:00"


def test_closed_days_never_expire(sim: PortalSimulator) -> None:
    sim.seed_day(
        1,
        "CLOSED",
        start=START - timedelta(days=5),
        finish=START - timedelta(days=5) + timedelta(hours=8),
    )
    assert sim.status(1)["STATUS"] == "CLOSED"
    assert "TIME_FINISH_DEFAULT" not in sim.status(1)


# -- what can be done with an expired day -----------------------------------------------------


@pytest.fixture
def forgotten(staff: PortalSimulator, portal: Portal, clock: SimClock) -> PortalSimulator:
    """Users 1 (no schedule), 2 (FIXED) and 4 (FLEXTIME) opened Friday 09:00; now it is Sunday."""
    for user_id in (1, 2, 4):
        portal.result("timeman.open", user_id=user_id)
    clock.set(msk(22, 10))
    for user_id in (1, 2, 4):
        assert portal.result("timeman.status", user_id=user_id)["STATUS"] == "EXPIRED"
    return staff


def test_open_on_expired_is_a_silent_no_op(forgotten: PortalSimulator, portal: Portal) -> None:
    before = portal.result("timeman.status")
    assert portal.result("timeman.open") == before


def test_close_without_time_is_refused(forgotten: PortalSimulator, portal: Portal) -> None:
    assert portal.error("timeman.close") == (400, "WD_EXPIRED", "Workday is expired")


def test_close_needs_a_reason_with_an_empty_text(
    forgotten: PortalSimulator, portal: Portal
) -> None:
    sent = {"TIME": "2026-11-20T18:00:00+03:00"}
    assert portal.error("timeman.close", sent) == (400, "REPORT_NEEDED", "")
    assert portal.error("timeman.close", sent, user_id=2) == (400, "REPORT_NEEDED", "")


def test_close_only_on_the_start_date(forgotten: PortalSimulator, portal: Portal) -> None:
    sent = {"TIME": "2026-11-21T01:00:00+03:00", "REPORT": "forgot"}
    assert portal.error("timeman.close", sent)[:2] == (400, "WRONG_DATETIME")


@pytest.mark.parametrize(("user_id", "active"), [(1, True), (2, False), (4, True)])
def test_close_with_time_and_reason(
    forgotten: PortalSimulator, portal: Portal, user_id: int, active: bool
) -> None:
    payload = {"TIME": "2026-11-20T18:00:00+03:00", "REPORT": "forgot" if user_id != 4 else ""}
    closed = portal.result("timeman.close", payload, user_id=user_id)
    assert closed["STATUS"] == "CLOSED"
    assert closed["TIME_FINISH"] == "2026-11-20T18:00:00+03:00"
    assert closed["DURATION"] == "09:00:00"
    assert closed["ACTIVE"] is active  # unconfirmed on non-flexible schedules
    assert "TIME_FINISH_DEFAULT" not in closed
    assert portal.result("timeman.open", user_id=user_id)["TIME_START"] == (
        "2026-11-22T10:00:00+03:00"
    )
