"""``start``, ``pause``, ``resume`` and ``close``: the status read first, the action refused
locally (nothing sent) when it does not apply, a changed time checked against the portal's rules
before sending, and what the portal answered reported, silent no-ops included."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from tray_app.api import RefusedError, TimemanClient
from tray_app.cli.action_sentences import no_start_time_on_resume, not_applicable, report
from tray_app.cli.environment import Environment
from tray_app.cli.exits import EXIT_REFUSED, EXIT_USAGE, CliError
from tray_app.cli.input import TimeInput, sentence
from tray_app.core.actions import Action, applies, close_action_for
from tray_app.core.backdate import (
    RuleViolation,
    check_close_time,
    check_open_time,
    check_reason,
    close_date,
    day_zone,
    open_date,
    place_user_time,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.timefmt import parse_zone
from tray_app.core.workday import DayState, Workday

ACTION_COMMANDS = {
    "start": Action.OPEN,
    "pause": Action.PAUSE,
    "resume": Action.RESUME,
    "close": Action.CLOSE,
}
"""The subcommands that are actions on the day."""

FRESH_PAUSE = timedelta(seconds=10)
"""A paused day whose pause began at most this long before the answer was paused by it."""


def _pause_alone(client: TimemanClient, env: Environment) -> int:
    """``pause`` in one request instead of a status read and the write: a pause is a silent
    no-op on a day that is not running (API reference §1.2) and its answer carries the day, so
    whether it paused is read from the answer: paused, the pause begun just now (TIME_FINISH is
    the pause's start, §3.1). Paused earlier, closed or expired: the same sentence and exit as
    when the status read finds it so."""
    outcome = client.perform(Action.PAUSE)
    day = outcome.workday
    now = outcome.reading.clock.server_now(env.local_now())
    if day.state is DayState.PAUSED and (
        day.finished_at is None or now - day.finished_at <= FRESH_PAUSE
    ):
        env.notify_tray()
        return report(outcome, env, day)
    raise CliError(not_applicable(Action.PAUSE, day), EXIT_REFUSED)


def act(
    client: TimemanClient, action: Action, time_input: TimeInput | None, env: Environment
) -> int:
    """One action on the day: read the status (and the portal's settings for a typed time),
    refuse what does not apply, send it, and report what the portal answered."""
    if action is Action.PAUSE and time_input is None:
        return _pause_alone(client, env)
    portal_settings: PortalSettings | None = None
    if time_input is not None:
        reading, portal_settings = client.status_and_settings()
    else:
        reading = client.status()
    day = reading.workday
    if action is Action.CLOSE:
        action = close_action_for(day.state)
    if not applies(action, day.state):
        raise CliError(not_applicable(action, day), EXIT_REFUSED)
    when = reason = None
    if time_input is not None:
        assert portal_settings is not None
        now = reading.clock.server_now(env.local_now())
        when, reason = _checked_time(action, day, time_input, now, portal_settings)
    elif action is Action.CLOSE_EXPIRED:
        raise CliError(not_applicable(action, day), EXIT_REFUSED)
    try:
        outcome = client.perform(action, time=when, reason=reason)
    except RefusedError as exc:
        if exc.code == "TIME" and day.state is DayState.CLOSED:
            raise CliError(no_start_time_on_resume(day), EXIT_REFUSED) from None
        raise
    env.notify_tray()
    return report(outcome, env, day)


def _checked_time(
    action: Action,
    day: Workday,
    time_input: TimeInput,
    now: datetime,
    portal_settings: PortalSettings,
) -> tuple[datetime, str]:
    """The typed time placed on the day's date, then judged against the day."""
    try:
        if action is Action.OPEN:
            zone = _start_zone(time_input.zone_name, now)
            when = place_user_time(time_input.at, open_date(now, zone), zone)
            check_open_time(day, when, now)
        else:
            when = place_user_time(time_input.at, close_date(day), day_zone(day))
            check_close_time(day, when, now)
        reason = check_reason(time_input.reason, required=portal_settings.reason_required)
    except RuleViolation as exc:
        raise CliError(sentence(str(exc)), EXIT_USAGE) from None
    return when, reason


def _start_zone(name: str | None, now: datetime) -> tzinfo:
    if name is None:
        # The machine's zone at this moment, as a fixed offset: the day's zone is an offset.
        zone = now.astimezone().tzinfo
        assert zone is not None
        return zone
    return parse_zone(name)  # judged before the status read: it parses
