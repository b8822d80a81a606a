"""What happens to the head of the kept clicks once the portal answers (issue 12), on a fake
clock: send with the real time, ask, conflict, done, wait."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from tests.core.kept_samples import (
    BOOT,
    NO_DAY,
    PLUS1,
    H,
    M,
    at,
    click,
    closed,
    expired,
    opened,
    paused,
)
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import (
    KeptAction,
    KeptClick,
    KeptReason,
    SentWrite,
    Steady,
    clock_jump,
    mark_of,
)
from tray_app.core.kept_effects import IN_FLIGHT_GRACE, left_by, took_effect
from tray_app.core.kept_rules import (
    Ask,
    AskWhy,
    Conflict,
    ConflictWhy,
    Decision,
    Done,
    Send,
    Wait,
    answered,
    decide,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import Workday

FIXED = PortalSettings(flexible=False)
FLEXIBLE = PortalSettings(flexible=True)
NOW = at(18, 40)
STEADY_NOW = Steady(BOOT, 1000.0 + 35 * 60)  # 35 minutes after a click at 18:05 (counter 1000)
THEN = Steady(BOOT, 1000.0)


def judge(
    *clicks: KeptClick,
    status: Workday,
    now: datetime = NOW,
    steady: Steady | None = STEADY_NOW,
    settings: PortalSettings | None = FIXED,
) -> Decision | None:
    return decide(list(clicks), status, now=now, steady=steady, settings=settings)


def sent(decision: Decision | None) -> Send:
    assert isinstance(decision, Send), decision
    return decision


def asked(decision: Decision | None, why: AskWhy) -> Ask:
    assert isinstance(decision, Ask), decision
    assert decision.why is why
    return decision


def conflicted(decision: Decision | None, why: ConflictWhy) -> Conflict:
    assert isinstance(decision, Conflict), decision
    assert decision.why is why
    return decision


def test_nothing_kept_nothing_to_decide() -> None:
    assert judge(status=opened()) is None


# -- close ---------------------------------------------------------------------------------


def test_a_kept_close_is_sent_with_its_moment_in_the_days_offset_and_the_reason() -> None:
    kept = click(KeptAction.CLOSE, at(16, 5, zone=PLUS1), basis=opened(), steady=THEN)
    send = sent(judge(kept, status=opened()))
    assert send.action is Action.CLOSE
    assert send.method == "timeman.close"
    assert send.time == at(18, 5)
    assert send.time.utcoffset() == H * 3  # the day's +03:00, not the machine's +01:00
    assert send.reason == KeptReason(at(18, 5), NOW)
    assert send.reason.render() == (
        "Clicked 18:05 while the portal was unreachable; sent 18:40 by timeman-tray"
    )
    assert send.basis == mark_of(opened())
    assert send.at == NOW
    assert send.write() == SentWrite("timeman.close", at(18, 5), NOW, mark_of(opened()))


def test_on_a_flexible_schedule_no_reason_is_sent() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), steady=THEN)
    assert sent(judge(kept, status=opened(), settings=FLEXIBLE)).reason is None


def test_unknown_settings_send_a_reason() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), steady=THEN)
    assert sent(judge(kept, status=opened(), settings=None)).reason is not None


def test_a_paused_day_is_closed_at_the_kept_moment() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=paused(at(17)), steady=THEN)
    assert sent(judge(kept, status=paused(at(17)))).action is Action.CLOSE


def test_a_day_that_expired_after_midnight_is_closed_on_its_start_date() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened())
    send = sent(judge(kept, status=expired(), now=at(9, 10, day=18)))
    assert send.action is Action.CLOSE_EXPIRED
    assert send.time == at(18, 5)
    assert send.reason == KeptReason(at(18, 5), at(9, 10, day=18))


def test_a_close_clicked_after_midnight_asks_to_close_now() -> None:
    kept = click(KeptAction.CLOSE, at(0, 30, day=18), basis=opened())
    ask = asked(judge(kept, status=opened(), now=at(1, 0, day=18)), AskWhy.CLOSE_AFTER_START_DATE)
    assert ask.now_send is not None
    assert ask.now_send.action is Action.CLOSE
    assert (ask.now_send.time, ask.now_send.reason) == (None, None)
    assert ask.portal == opened()


def test_an_expired_day_cannot_be_closed_now_so_nothing_is_offered() -> None:
    kept = click(KeptAction.CLOSE, at(0, 30, day=18), basis=opened())
    ask = asked(judge(kept, status=expired(), now=at(1, 0, day=19)), AskWhy.CLOSE_AFTER_START_DATE)
    assert ask.now_send is None


@pytest.mark.parametrize(
    "status",
    [paused(at(18, 20)), opened(leaks=H * 10)],
    ids=["before the break began", "shorter than the breaks"],
)
def test_a_close_before_the_break_asks(status: Workday) -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=status)
    ask = asked(judge(kept, status=status), AskWhy.CLOSE_BEFORE_BREAK)
    assert ask.now_send is not None


def test_a_close_before_the_day_began_is_a_change_elsewhere() -> None:
    kept = click(KeptAction.CLOSE, at(8, 30), basis=None)  # basis unknown: the CLI kept it
    conflicted(judge(kept, status=opened()), ConflictWhy.CHANGED_ELSEWHERE)


def test_a_close_a_little_ahead_of_the_portals_clock_asks_about_the_clock() -> None:
    kept = click(KeptAction.CLOSE, NOW + M, basis=opened())
    ask = asked(judge(kept, status=opened()), AskWhy.CLOCK_JUMPED)
    assert ask.steady_moment is None


@pytest.mark.parametrize("status", [closed(), NO_DAY, replace(opened(), started_at=None)])
def test_a_close_of_a_day_that_is_not_running_is_shown(status: Workday) -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=status)
    conflicted(judge(kept, status=status), ConflictWhy.NOT_APPLICABLE)


# -- open ----------------------------------------------------------------------------------


def test_a_kept_start_is_sent_with_its_moment_and_own_offset() -> None:
    morning = at(8, 5, zone=PLUS1)  # 10:05 in Moscow: the machine's zone is the day's
    kept = click(KeptAction.OPEN, morning, basis=NO_DAY, steady=Steady(BOOT, 0.0))
    send = sent(
        judge(kept, status=NO_DAY, now=at(8, 40, zone=PLUS1), steady=Steady(BOOT, 35 * 60.0))
    )
    assert send.action is Action.OPEN
    assert send.method == "timeman.open"
    assert send.time == morning
    assert send.time.utcoffset() == H
    assert send.reason == KeptReason(morning, at(8, 40, zone=PLUS1))


def test_a_start_after_yesterdays_day_is_a_new_day() -> None:
    yesterday = closed(end=at(17, day=16), start=at(9, day=16))
    kept = click(KeptAction.OPEN, at(9, 5), basis=yesterday)
    assert sent(judge(kept, status=yesterday, now=at(9, 30))).time == at(9, 5)


def test_a_start_the_portal_would_turn_into_resuming_the_closed_day_asks() -> None:
    kept = click(KeptAction.OPEN, at(17, 30), basis=closed())
    ask = asked(judge(kept, status=closed()), AskWhy.WOULD_RESUME)
    assert ask.now_send is not None
    assert ask.now_send.action is Action.RESUME
    assert ask.now_send.time is None


def test_on_a_flexible_schedule_a_start_on_the_same_date_is_a_new_day() -> None:
    kept = click(KeptAction.OPEN, at(17, 30), basis=closed())
    assert sent(judge(kept, status=closed(), settings=FLEXIBLE)).action is Action.OPEN


def test_a_start_whose_date_is_over_asks_to_start_now() -> None:
    yesterday = closed(end=at(17, day=15), start=at(9, day=15))
    kept = click(KeptAction.OPEN, at(23, 50, day=16), basis=yesterday)
    ask = asked(judge(kept, status=yesterday, now=at(0, 20)), AskWhy.START_DATE_OVER)
    assert ask.now_send is not None
    assert (ask.now_send.action, ask.now_send.time) == (Action.OPEN, None)


def test_a_start_ahead_of_the_portals_clock_asks_about_the_clock() -> None:
    kept = click(KeptAction.OPEN, NOW + M, basis=NO_DAY)
    asked(judge(kept, status=NO_DAY), AskWhy.CLOCK_JUMPED)


def test_a_start_before_the_last_day_ended_is_a_change_elsewhere() -> None:
    yesterday = closed(end=at(10, day=17), start=at(9, day=16))  # a day past midnight
    kept = click(KeptAction.OPEN, at(9, 30), basis=None)
    conflicted(judge(kept, status=yesterday, now=at(11)), ConflictWhy.CHANGED_ELSEWHERE)


@pytest.mark.parametrize("status", [opened(), paused(at(12)), expired()])
def test_a_start_of_a_day_that_runs_is_shown(status: Workday) -> None:
    kept = click(KeptAction.OPEN, at(9, 5), basis=status)
    conflicted(judge(kept, status=status), ConflictWhy.NOT_APPLICABLE)


# -- pause and resume --------------------------------------------------------------------------


def test_a_kept_pause_is_not_faked_the_person_is_asked() -> None:
    kept = click(KeptAction.PAUSE, at(12, 3), basis=opened())
    ask = asked(judge(kept, status=opened()), AskWhy.PAUSE_NOT_BACKDATED)
    assert ask.now_send is not None
    assert (ask.now_send.method, ask.now_send.time, ask.now_send.reason) == (
        "timeman.pause",
        None,
        None,
    )
    assert ask.click.clicked_at == at(12, 3)  # "You paused at 12:03 while offline"


def test_a_kept_resume_is_not_faked_the_person_is_asked() -> None:
    kept = click(KeptAction.RESUME, at(12, 40), basis=paused(at(12)))
    ask = asked(judge(kept, status=paused(at(12))), AskWhy.RESUME_NOT_BACKDATED)
    assert ask.now_send is not None
    assert ask.now_send.method == "timeman.open"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (KeptAction.PAUSE, paused(at(12))),
        (KeptAction.RESUME, opened()),
        (KeptAction.PAUSE, closed()),
    ],
)
def test_a_pause_or_resume_that_does_not_apply_is_shown(
    action: KeptAction, status: Workday
) -> None:
    kept = click(action, at(12, 3), basis=status)
    conflicted(judge(kept, status=status), ConflictWhy.NOT_APPLICABLE)


# -- changes elsewhere, order -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "basis", "status"),
    [
        (KeptAction.OPEN, closed(), opened(8, start=at(18, 10))),  # opened in the browser
        (KeptAction.CLOSE, opened(), closed(end=at(18))),  # closed by the auto-close
        (KeptAction.CLOSE, opened(), paused(at(18, 1))),  # paused in the browser
        (KeptAction.OPEN, closed(), closed(end=at(18), record_id=8, start=at(17, 30))),
    ],
)
def test_a_day_changed_elsewhere_is_not_sent(
    action: KeptAction, basis: Workday, status: Workday
) -> None:
    kept = click(action, at(18, 5), basis=basis)
    conflict = conflicted(judge(kept, status=status), ConflictWhy.CHANGED_ELSEWHERE)
    assert conflict.portal == status  # what the portal has, for the panel
    assert conflict.code is None


def test_only_the_head_is_decided() -> None:
    start = click(KeptAction.OPEN, at(9, 5), basis=NO_DAY, click_id="a")
    close = click(KeptAction.CLOSE, at(18, 5), basis=None, after="a", click_id="b")
    decision = judge(start, close, status=NO_DAY, now=at(18, 40))
    assert sent(decision).click.click_id == "a"


def test_a_click_behind_one_not_sent_is_shown() -> None:
    close = click(KeptAction.CLOSE, at(18, 5), basis=None, after="a", click_id="b")
    conflicted(judge(close, status=opened()), ConflictWhy.PREDECESSOR_NOT_SENT)


def test_a_click_behind_one_settled_is_judged_against_what_that_one_left() -> None:
    close = click(KeptAction.CLOSE, at(18, 5), basis=opened(), after="a", click_id="b")
    assert sent(judge(close, status=opened())).time == at(18, 5)


def test_a_click_the_portal_refused_waits_for_the_person() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), held="WRONG_DATETIME")
    conflict = conflicted(judge(kept, status=opened()), ConflictWhy.REFUSED)
    assert conflict.code == "WRONG_DATETIME"


# -- a write whose answer never came ------------------------------------------------------------


def lost(method: str, time: datetime | None, basis: Workday, sent_at: datetime) -> SentWrite:
    return SentWrite(method, time, sent_at, mark_of(basis))


def test_a_lost_close_that_took_effect_is_done_not_sent_again() -> None:
    write = lost("timeman.close", at(18, 5), opened(), at(18, 40))
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), sent=write)
    status = closed(end=at(18, 5))
    done = judge(kept, status=status, now=at(19))
    assert done == Done(kept, status, mark_of(status))


def test_a_lost_start_that_took_effect_is_done() -> None:
    write = lost("timeman.open", at(9, 5), NO_DAY, at(9, 30))
    kept = click(KeptAction.OPEN, at(9, 5), basis=NO_DAY, sent=write)
    assert isinstance(judge(kept, status=opened(start=at(9, 5)), now=at(9, 31)), Done)


def test_a_lost_write_may_still_be_under_way() -> None:
    write = lost("timeman.close", at(18, 5), opened(), at(18, 40))
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), sent=write)
    assert judge(kept, status=opened(), now=at(18, 41)) == Wait(kept, at(18, 40) + IN_FLIGHT_GRACE)


def test_a_lost_write_that_never_arrived_is_sent_again_after_the_grace() -> None:
    write = lost("timeman.close", at(18, 5), opened(), at(18, 40))
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), sent=write)
    assert sent(judge(kept, status=opened(), now=at(18, 45))).time == at(18, 5)


def test_a_lost_write_and_a_change_elsewhere_is_shown() -> None:
    write = lost("timeman.close", at(18, 5), opened(), at(18, 40))
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), sent=write)
    conflicted(judge(kept, status=paused(at(18, 50)), now=at(19)), ConflictWhy.CHANGED_ELSEWHERE)


# -- the clock -----------------------------------------------------------------------------


def test_a_clock_that_jumped_asks_before_sending() -> None:
    # The machine said 18:05, but by the steady counter the click was 35 + 20 minutes ago.
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), steady=Steady(BOOT, 1000.0 - 1200))
    ask = asked(judge(kept, status=opened()), AskWhy.CLOCK_JUMPED)
    assert ask.steady_moment == at(17, 45)
    assert ask.now_send is None


def test_a_start_whose_clock_jumped_asks_too() -> None:
    kept = click(KeptAction.OPEN, at(18, 5), basis=NO_DAY, steady=Steady(BOOT, 1000.0 + 600))
    assert asked(judge(kept, status=NO_DAY), AskWhy.CLOCK_JUMPED).steady_moment == at(18, 15)


def test_a_small_drift_is_not_a_jump() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), steady=Steady(BOOT, 1000.0 - 120))
    assert isinstance(judge(kept, status=opened()), Send)


def test_after_a_reboot_only_a_moment_in_the_future_is_a_jump() -> None:
    then = Steady("boot-old", 99999.0)
    assert clock_jump(
        click(KeptAction.CLOSE, at(18, 5), basis=None, steady=then), NOW, STEADY_NOW
    ) == (
        False,
        None,
    )
    ahead = click(KeptAction.CLOSE, NOW + H, basis=None, steady=then)
    assert clock_jump(ahead, NOW, STEADY_NOW) == (True, None)
    assert clock_jump(ahead, NOW, None) == (True, None)


def test_a_time_the_person_confirmed_is_trusted() -> None:
    kept = click(KeptAction.CLOSE, NOW + H, basis=None, steady=None)
    assert clock_jump(kept, NOW, STEADY_NOW) == (False, None)


# -- answers -------------------------------------------------------------------------------


def test_an_answer_showing_the_effect_is_done_a_silent_no_op_is_shown() -> None:
    kept = click(KeptAction.CLOSE, at(18, 5), basis=opened(), steady=THEN)
    send = sent(judge(kept, status=opened()))
    assert answered(send, closed(end=at(18, 5))) == Done(
        kept, closed(end=at(18, 5)), mark_of(closed(end=at(18, 5)))
    )
    conflicted(answered(send, opened()), ConflictWhy.NO_EFFECT)


@pytest.mark.parametrize(
    ("method", "basis", "day", "effect"),
    [
        ("timeman.close", opened(), closed(end=at(18, 5)), True),
        ("timeman.close", opened(), closed(end=at(18, 5), record_id=8), False),
        ("timeman.close", opened(), paused(at(18, 5)), False),
        ("timeman.open", NO_DAY, opened(start=at(18, 5)), True),
        ("timeman.open", NO_DAY, opened(), False),
    ],
)
def test_a_write_with_a_time_leaves_that_moment(
    method: str, basis: Workday, day: Workday, effect: bool
) -> None:
    assert took_effect(lost(method, at(18, 5).replace(microsecond=500), basis, NOW), day) is effect


@pytest.mark.parametrize(
    ("method", "basis", "day", "effect"),
    [
        ("timeman.pause", opened(), paused(NOW), True),
        ("timeman.pause", opened(), paused(NOW - H), False),  # paused elsewhere earlier
        ("timeman.pause", opened(), paused(NOW + H), False),  # paused elsewhere later
        ("timeman.pause", opened(), opened(), False),  # nothing happened
        ("timeman.pause", opened(), opened(leaks=M), False),  # another change
        ("timeman.open", paused(at(12)), opened(leaks=NOW - at(12)), True),  # continued
        ("timeman.open", paused(at(12)), opened(leaks=NOW - at(11)), False),  # too late: not ours
        ("timeman.open", closed(), opened(leaks=NOW - at(17)), True),  # the closed day resumed
        ("timeman.open", opened(), opened(leaks=H), False),  # was running already
        ("timeman.open", closed(), opened(8, start=NOW), True),  # a new day
        ("timeman.open", closed(), opened(8, start=NOW - H), False),  # begun elsewhere
        ("timeman.close", opened(), closed(end=NOW), True),
        ("timeman.close", opened(), closed(end=NOW - H), False),
    ],
)
def test_a_write_at_the_portals_now_changes_the_day_its_way(
    method: str, basis: Workday, day: Workday, effect: bool
) -> None:
    assert took_effect(lost(method, None, basis, NOW), day) is effect


def test_an_asked_write_sent_now_is_settled_like_any_other() -> None:
    kept = click(KeptAction.PAUSE, at(12, 3), basis=opened())
    ask = asked(judge(kept, status=opened(), now=at(12, 40)), AskWhy.PAUSE_NOT_BACKDATED)
    assert ask.now_send is not None
    in_flight = replace(kept, sent=ask.now_send.write())
    assert isinstance(judge(in_flight, status=paused(at(12, 40)), now=at(12, 41)), Done)
    assert answered(ask.now_send, paused(at(12, 40))) == Done(
        kept, paused(at(12, 40)), mark_of(paused(at(12, 40)))
    )
    assert timedelta(0) < IN_FLIGHT_GRACE


@pytest.mark.parametrize(
    ("method", "basis", "day", "clean"),
    [
        ("timeman.close", opened(), closed(end=NOW), True),
        ("timeman.close", paused(at(18)), replace(closed(end=NOW), leaks=M * 40), True),
        ("timeman.close", opened(), replace(closed(end=NOW), leaks=M), False),  # a break since
        ("timeman.pause", opened(), paused(NOW), True),
        ("timeman.pause", opened(), replace(paused(NOW), leaks=M), False),
        ("timeman.open", closed(), opened(8, start=NOW), True),  # a new day, untouched
        ("timeman.open", closed(), replace(opened(8, start=NOW), leaks=M), False),
        ("timeman.open", closed(), closed(end=NOW + M, record_id=8, start=NOW), False),
        ("timeman.open", paused(at(12)), opened(leaks=H), False),  # continued: cannot tell
    ],
)
def test_what_a_settled_write_left_is_the_next_clicks_basis_only_when_clean(
    method: str, basis: Workday, day: Workday, clean: bool
) -> None:
    left = left_by(lost(method, None, basis, NOW), day)
    assert left == (mark_of(day) if clean else None)


def test_a_lost_write_settled_after_a_later_change_leaves_no_basis() -> None:
    write = lost("timeman.open", at(9, 5), NO_DAY, at(9, 30))
    kept = click(KeptAction.OPEN, at(9, 5), basis=NO_DAY, sent=write)
    status = paused(at(9, 50), record_id=8)
    status = replace(status, started_at=at(9, 5))
    done = judge(kept, status=status, now=at(10))
    assert isinstance(done, Done)
    assert done.left is None
