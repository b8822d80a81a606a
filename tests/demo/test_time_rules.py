"""Custom times: strict ATOM, date rules, the day's offset, reasons per schedule, ACTIVE."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.demo.conftest import START, Portal
from tray_app.demo import PortalSimulator, SimClock, SimUser

WRONG_FORMAT = (400, "WRONG_DATETIME_FORMAT", "Wrong datetime format")
OPEN_DATE = (400, "WRONG_DATETIME", "Day open date should correspond to the current date")
CLOSE_DATE = (400, "WRONG_DATETIME", "Day close date should correspond to the day open date")


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("2026-11-20T08:45:00+03:00", "2026-11-20T08:45:00+03:00"),
        ("2026-11-20T08:45:00+0300", "2026-11-20T08:45:00+03:00"),
        ("2026-11-20T00:15:00-05:30", "2026-11-20T00:15:00-05:30"),
    ],
)
def test_open_time_formats_accepted(portal: Portal, sent: str, shown: str) -> None:
    assert portal.result("timeman.open", {"TIME": sent})["TIME_START"] == shown


@pytest.mark.parametrize(
    "sent",
    [
        "2026-11-20T08:45:00.500+03:00",
        "2026-11-20T08:45:00",
        "2026-11-20 08:45:00+03:00",
        "2026-11-20T05:45:00Z",
        1795153500,
    ],
)
def test_open_time_formats_refused(portal: Portal, sent: object) -> None:
    assert portal.error("timeman.open", {"TIME": sent, "REPORT": "x"}) == WRONG_FORMAT
    assert portal.result("timeman.status") == {"STATUS": "CLOSED"}


def test_null_time_means_no_time(portal: Portal) -> None:
    assert portal.result("timeman.open", {"TIME": None})["TIME_START"].startswith("2026-11-20T09")


def test_close_time_format_refused(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open")
    clock.advance(3600)
    sent = {"TIME": "2026-11-20T09:30:00Z", "REPORT": "x"}
    assert portal.error("timeman.close", sent) == WRONG_FORMAT


def test_open_date_must_be_today(portal: Portal) -> None:
    assert portal.error("timeman.open", {"TIME": "2026-11-19T23:00:00+03:00"}) == OPEN_DATE
    # The date counts in the offset that was sent, even when the instant is today in Moscow.
    assert portal.error("timeman.open", {"TIME": "2026-11-19T22:30:00-08:00"}) == OPEN_DATE


def test_open_in_the_future(portal: Portal) -> None:
    status, code, _ = portal.error("timeman.open", {"TIME": "2026-11-20T09:30:00+03:00"})
    assert (status, code) == (400, "ALERT_WARNING")


def test_open_overlapping_the_previous_day(sim: PortalSimulator, portal: Portal) -> None:
    sim.seed_day(1, "CLOSED", start=START - timedelta(hours=3), finish=START - timedelta(hours=1))
    status, code, _ = portal.error("timeman.open", {"TIME": "2026-11-20T07:30:00+03:00"})
    assert (status, code) == (400, "ALERT_WARNING")
    assert portal.result("timeman.open", {"TIME": "2026-11-20T08:30:00+03:00"})["STATUS"] == (
        "OPENED"
    )


def test_the_day_takes_the_offset_of_time(portal: Portal, clock: SimClock) -> None:
    opened = portal.result("timeman.open", {"TIME": "2026-11-20T07:40:00+02:00"})
    assert opened["TZ_OFFSET"] == 7200
    assert opened["TIME_START"] == "2026-11-20T07:40:00+02:00"
    clock.advance(3600)
    paused = portal.result("timeman.pause")
    assert paused["TIME_FINISH"] == "2026-11-20T09:00:00+02:00"
    clock.advance(60)
    closed = portal.result("timeman.close", {"TIME": "2026-11-20T10:00:00+03:00", "REPORT": "x"})
    assert closed["TIME_FINISH"] == "2026-11-20T09:00:00+02:00"  # re-expressed in +02:00


def test_without_time_the_profile_zone(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(SimUser(user_id=2, secret="ekb2secret", timezone="Asia/Yekaterinburg"))
    opened = portal.result("timeman.open", user_id=2)
    assert opened["TZ_OFFSET"] == 18000
    assert opened["TIME_START"] == "2026-11-20T11:00:00+05:00"


def test_close_date_is_checked_in_the_days_offset(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open", {"TIME": "2026-11-20T08:00:00+03:00"})
    clock.advance(timedelta(hours=3))
    # Written as the 20th, but 04:30 on the 21st in the day's +03:00.
    late = {"TIME": "2026-11-20T23:30:00-02:00", "REPORT": "x"}
    assert portal.error("timeman.close", late) == CLOSE_DATE
    # Written as the 19th, but the 20th in +03:00: the date passes, the duration does not.
    early = {"TIME": "2026-11-19T23:30:00-02:00", "REPORT": "x"}
    assert portal.error("timeman.close", early)[:2] == (400, "ALERT_WARNING")
    assert portal.error("timeman.close", {"TIME": "2026-11-21T01:00:00+03:00"}) == CLOSE_DATE


def test_close_in_the_future_or_before_the_start(portal: Portal, clock: SimClock) -> None:
    portal.result("timeman.open", {"TIME": "2026-11-20T08:00:00+03:00"})
    clock.advance(timedelta(hours=2))
    future = {"TIME": "2026-11-20T12:00:00+03:00", "REPORT": "x"}
    assert portal.error("timeman.close", future)[:2] == (400, "ALERT_WARNING")
    before = {"TIME": "2026-11-20T07:59:59+03:00", "REPORT": "x"}
    assert portal.error("timeman.close", before)[:2] == (400, "ALERT_WARNING")
    assert portal.result("timeman.status")["STATUS"] == "OPENED"
    closed = portal.result("timeman.close", {"TIME": "2026-11-20T10:00:00+03:00", "REPORT": "x"})
    assert closed["DURATION"] == "02:00:00"


# -- reasons, per schedule type (asymmetric) --------------------------------------------------


@pytest.fixture
def staff(sim: PortalSimulator) -> PortalSimulator:
    sim.add_user(SimUser(user_id=2, secret="fixed2secret", schedule="FIXED"))
    sim.add_user(SimUser(user_id=3, secret="shift3secret", schedule="SHIFT"))
    sim.add_user(SimUser(user_id=4, secret="flex4secret", schedule="FLEXTIME"))
    sim.add_user(SimUser(user_id=5, secret="ru5secret", schedule="FIXED", language="ru"))
    return sim


@pytest.mark.parametrize(
    ("user_id", "needs_reason"), [(1, False), (2, True), (3, True), (4, False)]
)
@pytest.mark.parametrize("report", [None, "", "   "])
def test_open_reason_only_for_a_non_flexible_schedule(
    staff: PortalSimulator, portal: Portal, user_id: int, needs_reason: bool, report: str | None
) -> None:
    payload = {"TIME": "2026-11-20T08:55:00+03:00", "REPORT": report}
    if needs_reason:
        status, code, text = portal.error("timeman.open", payload, user_id=user_id)
        assert (status, code) == (400, "")  # no code at all, only the localized text
        assert "reason" in text
    else:
        assert portal.result("timeman.open", payload, user_id=user_id)["STATUS"] == "OPENED"


@pytest.mark.parametrize(("user_id", "needs_reason"), [(1, True), (2, True), (3, True), (4, False)])
def test_close_reason_unless_flexible(
    staff: PortalSimulator, portal: Portal, clock: SimClock, user_id: int, needs_reason: bool
) -> None:
    portal.result("timeman.open", user_id=user_id)
    clock.advance(timedelta(hours=2))
    payload = {"TIME": "2026-11-20T10:50:00+03:00", "REPORT": " "}
    if needs_reason:
        status, code, text = portal.error("timeman.close", payload, user_id=user_id)
        assert (status, code) == (400, "REPORT_NEEDED")
        assert text
    else:
        assert portal.result("timeman.close", payload, user_id=user_id)["STATUS"] == "CLOSED"


def test_reason_text_is_localized(staff: PortalSimulator, portal: Portal) -> None:
    _, code, text = portal.error("timeman.open", {"TIME": "2026-11-20T08:00:00+03:00"}, user_id=5)
    assert code == ""
    assert "причину" in text


# -- ACTIVE: edits beyond the allowed delta need confirmation ---------------------------------


@pytest.mark.parametrize(
    ("user_id", "minutes_back", "active"),
    [(2, 10, True), (2, 16, False), (3, 60, False), (1, 60, True), (4, 60, True)],
)
def test_active_after_a_backdated_open(
    staff: PortalSimulator, portal: Portal, user_id: int, minutes_back: int, active: bool
) -> None:
    sent = (START + timedelta(hours=3) - timedelta(minutes=minutes_back)).strftime(
        "%Y-%m-%dT%H:%M:%S+03:00"
    )
    opened = portal.result("timeman.open", {"TIME": sent, "REPORT": "late"}, user_id=user_id)
    assert opened["ACTIVE"] is active


@pytest.mark.parametrize(
    ("user_id", "minutes_back", "active"),
    [(2, 10, True), (2, 60, False), (1, 60, True), (4, 60, True)],
)
def test_active_after_a_backdated_close(
    staff: PortalSimulator,
    *,
    portal: Portal,
    clock: SimClock,
    user_id: int,
    minutes_back: int,
    active: bool,
) -> None:
    portal.result("timeman.open", user_id=user_id)
    clock.advance(timedelta(hours=4))
    sent = (clock.now() + timedelta(hours=3) - timedelta(minutes=minutes_back)).strftime(
        "%Y-%m-%dT%H:%M:%S+03:00"
    )
    closed = portal.result("timeman.close", {"TIME": sent, "REPORT": "left"}, user_id=user_id)
    assert closed["ACTIVE"] is active


def test_allowed_delta_comes_from_settings(sim: PortalSimulator, portal: Portal) -> None:
    sim.add_user(
        SimUser(
            user_id=6, secret="six6secret", schedule="FIXED", settings={"UF_TM_ALLOWED_DELTA": 3600}
        )
    )
    opened = portal.result(
        "timeman.open", {"TIME": "2026-11-20T08:15:00+03:00", "REPORT": "x"}, user_id=6
    )
    assert opened["ACTIVE"] is True
    assert portal.result("timeman.settings", user_id=6)["UF_TM_ALLOWED_DELTA"] == "01:00:00"
