"""What the CLI says about an action: done (with the day's figures), a silent no-op, or why it
does not apply."""

from __future__ import annotations

from tray_app.api import WriteOutcome
from tray_app.cli.environment import Environment
from tray_app.cli.exits import EXIT_OK, EXIT_REFUSED, say
from tray_app.core.actions import Action
from tray_app.core.backdate import day_zone
from tray_app.core.elapsed import elapsed
from tray_app.core.open_kind import resumed
from tray_app.core.summary import summarize
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState, Workday

DONE_WORDS = {
    Action.OPEN: "Workday started",
    Action.RESUME: "Workday resumed",
    Action.PAUSE: "Workday paused",
    Action.CLOSE: "Workday closed",
    Action.CLOSE_EXPIRED: "Forgotten workday closed",
}
HINTS = {
    (Action.OPEN, DayState.OPENED): "The workday is already running.",
    (Action.OPEN, DayState.PAUSED): "The workday is paused: use 'timeman-tray resume'.",
    (Action.OPEN, DayState.EXPIRED): (
        "A workday from an earlier date is still open: close it first with "
        "'timeman-tray close --at HH:MM --reason TEXT'."
    ),
    (Action.PAUSE, DayState.PAUSED): "The workday is already paused.",
    (Action.RESUME, DayState.OPENED): "The workday is already running.",
}


def no_start_time_on_resume(day: Workday) -> str:
    """The portal's error TIME on a closed day: it resumes that day and takes no start (§1.2)."""
    closed = ""
    if day.finished_at is not None:
        closed = f" closed at {day.finished_at.astimezone(day_zone(day)):%H:%M}"
    return (
        f"The portal resumes the workday{closed} instead of starting a new one, and takes no "
        "start time for it: run 'timeman-tray start' without --at (the time since then counts "
        "as a break). [TIME]"
    )


def not_applicable(action: Action, day: Workday) -> str:
    """Why ``action`` does not apply to ``day``, and what to do instead."""
    if action is Action.CLOSE_EXPIRED:
        suggestion = ""
        if day.suggested_finish is not None and day.day_offset is not None:
            end = day.suggested_finish.astimezone(day_zone(day))
            suggestion = f" (suggested: --at {end:%H:%M})"
        started = f" from {day.started_at:%Y-%m-%d}" if day.started_at else ""
        return (
            f"The workday{started} was left open and has expired: close it with "
            f"--at HH:MM --reason TEXT{suggestion}."
        )
    hint = HINTS.get((action, day.state))
    if hint is not None:
        return hint
    return f"Cannot {action.value.replace('_', ' ')}: the workday is {day.state.value}."


def report(outcome: WriteOutcome, env: Environment, before: Workday) -> int:
    """What the portal did with an action on ``before`` (the day read first): its exit code."""
    day = outcome.workday
    if not outcome.applied:
        say(
            env.stderr,
            f"The portal did nothing: the workday is still {day.state.value} "
            f"(it did not {outcome.action.value.replace('_', ' ')}).",
        )
        return EXIT_REFUSED
    now = outcome.reading.clock.server_now(env.local_now())
    summary = summarize(day, elapsed(day, now), now)
    message = DONE_WORDS[outcome.action]
    worked, breaks = format_hm(summary.worked), format_hm(summary.breaks)
    if outcome.action is Action.OPEN and resumed(before, day):
        # The portal carried on the closed day (§1.2): say so, and that the gap is a break.
        closed = f" at {summary.local(before.finished_at):%H:%M}" if before.finished_at else ""
        message = (
            f"The workday closed{closed} is resumed; the time since then counts as a break: "
            f"worked {worked}, breaks {breaks}"
        )
    elif outcome.action is Action.OPEN and summary.started_at is not None:
        message += f" at {summary.started_at:%H:%M}"
    elif day.state is DayState.PAUSED and summary.finished_at is not None:
        message += f" at {summary.local(summary.finished_at):%H:%M}; worked {worked} so far"
    elif day.state is DayState.OPENED:
        message += f"; worked {worked}, breaks {breaks}"
    elif day.state is DayState.CLOSED and summary.finished_at is not None:
        message += (
            f" at {summary.local(summary.finished_at):%H:%M}: worked {worked}, breaks {breaks}"
        )
    message += "."
    if outcome.recovered:
        message += " (The answer was lost; the portal's status confirms it.)"
    if day.confirmed is False:
        message += " The change awaits your supervisor's confirmation."
    env.stdout.write(message + "\n")
    return EXIT_OK
