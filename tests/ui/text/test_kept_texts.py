"""Every sentence the tray says about a kept click (issue 12): each question and each conflict
worded, every placeholder filled, the portal's day said in its own offset."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tray_app.core.actions import Action
from tray_app.core.kept_clicks import KeptAction, KeptClick, mark_of
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy, Send
from tray_app.core.workday import DayState, Workday
from tray_app.services.kept_sending import Settled
from tray_app.ui.shared.kept_note import KeptNote, KeptStage
from tray_app.ui.text.kept_texts import (
    click_words,
    kept_detail,
    kept_line,
    new_time_button_text,
    now_button_text,
    portal_words,
    sent_notice,
    stop_notice,
)

MSK = timezone(timedelta(hours=3))
START = datetime(2026, 11, 18, 9, 0, tzinfo=MSK)
RUNNING = Workday(DayState.OPENED, record_id=4, started_at=START, tz_offset=10800)
CLICKED = datetime(2026, 11, 18, 18, 5, tzinfo=MSK)


def click(action: KeptAction = KeptAction.CLOSE) -> KeptClick:
    return KeptClick("c1", action, CLICKED, None, mark_of(RUNNING))


@pytest.mark.parametrize("why", list(AskWhy))
def test_every_question_is_worded(why: AskWhy) -> None:
    ask = Ask(click(), why, RUNNING, steady_moment=CLICKED - timedelta(minutes=9))
    text = kept_detail(KeptNote(click(), 1, KeptStage.ASK, ask))
    assert text
    assert "{" not in text
    assert "}" not in text


@pytest.mark.parametrize("why", list(ConflictWhy))
def test_every_conflict_is_worded(why: ConflictWhy) -> None:
    conflict = Conflict(click(), why, RUNNING, code="WD_EXPIRED")
    text = kept_detail(KeptNote(click(), 1, KeptStage.CONFLICT, conflict))
    assert text
    assert "{" not in text
    if why is ConflictWhy.REFUSED:
        assert "[WD_EXPIRED]" in text


def test_a_clock_jump_without_the_steady_moment_still_says_what_to_do() -> None:
    ask = Ask(click(), AskWhy.CLOCK_JUMPED, RUNNING)
    text = kept_detail(KeptNote(click(), 1, KeptStage.ASK, ask))
    assert text.endswith("give the time yourself.")
    assert "steady clock" not in text


def test_the_portals_day_in_each_state_in_its_own_offset() -> None:
    utc_start = START.astimezone(UTC)
    day = replace(RUNNING, started_at=utc_start)
    assert portal_words(day) == "running since 09:00"
    assert portal_words(
        replace(day, state=DayState.PAUSED, finished_at=START + timedelta(hours=3))
    ) == ("on a break since 12:00")
    closed = replace(day, state=DayState.CLOSED, finished_at=START + timedelta(hours=8))
    assert portal_words(closed) == "closed, 09:00-17:00"
    assert portal_words(replace(day, state=DayState.EXPIRED)) == "left open since 2026-11-18 09:00"
    assert portal_words(Workday(DayState.CLOSED)) == "no workday yet"
    assert portal_words(replace(day, state=DayState.PAUSED)) == "on a break since ?"


def test_each_click_and_its_buttons() -> None:
    words = {action: click_words(click(action)) for action in KeptAction}
    assert words == {
        KeptAction.OPEN: "Start at 18:05",
        KeptAction.PAUSE: "Pause at 18:05",
        KeptAction.RESUME: "Resume at 18:05",
        KeptAction.CLOSE: "Close at 18:05",
    }
    waiting = KeptNote(click(), 1, KeptStage.WAITING)
    assert now_button_text(waiting) == "Send now"
    assert new_time_button_text(waiting) == "Close at…"
    assert new_time_button_text(KeptNote(click(KeptAction.OPEN), 1, KeptStage.WAITING)) == (
        "Change start time…"
    )
    assert kept_line(None) == ""
    assert (
        kept_line(KeptNote(click(), 1, KeptStage.ASK))
        == "Close at 18:05 kept: your choice is needed"
    )


@pytest.mark.parametrize(
    ("action", "why", "button"),
    [
        (KeptAction.PAUSE, AskWhy.PAUSE_NOT_BACKDATED, "Pause now"),
        (KeptAction.RESUME, AskWhy.RESUME_NOT_BACKDATED, "Resume now"),
        (KeptAction.OPEN, AskWhy.WOULD_RESUME, "Resume now"),
        (KeptAction.OPEN, AskWhy.START_DATE_OVER, "Start now"),
        (KeptAction.CLOSE, AskWhy.CLOSE_BEFORE_BREAK, "Close now"),
    ],
)
def test_the_now_button_says_what_the_portal_will_do(
    action: KeptAction, why: AskWhy, button: str
) -> None:
    kept = click(action)
    now = Send(kept, Action.PAUSE, None, None, mark_of(RUNNING), CLICKED)
    note = KeptNote(kept, 1, KeptStage.ASK, Ask(kept, why, RUNNING, now))
    assert now_button_text(note) == button
    retry = KeptNote(kept, 1, KeptStage.CONFLICT, Conflict(kept, ConflictWhy.REFUSED, RUNNING))
    assert now_button_text(retry) == "Try again"


def test_the_notifications() -> None:
    closed = replace(RUNNING, state=DayState.CLOSED, finished_at=CLICKED)
    assert sent_notice(Settled(click(), closed, sent=True)) == (
        "Kept click sent",
        "Close at 18:05: sent. The portal has: closed, 09:00-18:05.",
    )
    title, text = sent_notice(Settled(click(), closed, sent=False))
    assert text == "Close at 18:05: it had reached the portal already. It has: closed, 09:00-18:05."
    conflict = Conflict(click(), ConflictWhy.CHANGED_ELSEWHERE, closed)
    title, text = stop_notice(KeptNote(click(), 1, KeptStage.CONFLICT, conflict))
    assert title == "Close at 18:05: not sent"
    assert text.startswith("The workday changed elsewhere since the click")
