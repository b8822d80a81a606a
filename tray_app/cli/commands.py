"""The scripting face: login, logout, status, start, pause, resume and close.

Each action reads the status first and refuses locally (nothing sent) when it does not apply,
checks a changed time against the portal's rules before sending, and reports what the portal
answered, silent no-ops included. Messages go to stderr as one sentence; never the secret.

Exit codes: 0 done; 1 the portal refused or the action does not apply; 2 bad usage or input
rejected before anything was sent; 3 not signed in, credentials rejected, or no usable keyring;
4 portal unreachable or unavailable after retries (with ``--keep`` the click is kept instead,
exit 0: :mod:`tray_app.cli.kept_command`, which also runs ``kept``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TextIO

from tray_app.api import (
    AuthError,
    ConfigurationError,
    RefusedError,
    TimemanClient,
    TimemanError,
    UnavailableError,
    WriteOutcome,
)
from tray_app.api.retry import RetryPolicy, worth_retrying
from tray_app.cli.exits import (
    EXIT_AUTH,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    CliError,
)
from tray_app.cli.input import (
    NOTHING_STORED,
    BadInput,
    TimeInput,
    judge_connection_options,
    judge_options,
    judge_wait,
    read_webhook,
    sentence,
)
from tray_app.cli.kept_command import (
    KeptFace,
    PathSource,
    act_keeping,
    refuse_when_kept,
    run_kept,
)
from tray_app.config.errors import ConfigError, SecretStoreError
from tray_app.config.policy import Policy, PolicyLoad
from tray_app.config.policy_sources import load_policy
from tray_app.config.secrets import KeyringSecretStore, SecretStore
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings
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
from tray_app.core.elapsed import elapsed
from tray_app.core.kept_clicks import Clock, SystemClock
from tray_app.core.open_kind import resumed
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.summary import DaySummary, headline, status_document, summarize
from tray_app.core.timefmt import format_hm, parse_zone
from tray_app.core.workday import DayState, Workday
from tray_app.history.kept_store import kept_path
from tray_app.services import instance
from tray_app.services.account import (
    Account,
    NotSignedInError,
    forget_account,
    load_account,
    remember_move,
    save_account,
    transport_options,
)

log = logging.getLogger(__name__)

ACTION_COMMANDS = {
    "start": Action.OPEN,
    "pause": Action.PAUSE,
    "resume": Action.RESUME,
    "close": Action.CLOSE,
}
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


@dataclass
class Environment:
    """What the commands touch, so tests and ``--demo`` can swap it."""

    store_factory: Callable[[], SecretStore] = KeyringSecretStore
    client_factory: Callable[[Account], TimemanClient] = field(
        default=lambda account: TimemanClient(
            account.webhook, options=account.options, may_move_to=account.may_move_to
        )
    )
    account_loader: Callable[[SecretStore], Account] = load_account
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    local_now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    persist_moves: bool = True
    notify_tray: Callable[[], object] = field(default=lambda: instance.send(instance.REFRESH))
    """Tell a running tray to read the day now, so it shows the change at once."""
    policy_loader: Callable[[], PolicyLoad] = field(default=load_policy)
    """The administrator's policy (tray_app/config/policy.py); the CLI obeys it as the tray."""
    kept_clock: Clock = field(default_factory=SystemClock)
    """The machine's clocks, for the moment of a kept click (``--keep``, issue 12)."""
    kept_path: PathSource = field(default=kept_path)
    """Where the kept clicks are (beside the history journal)."""


def run(args: argparse.Namespace, env: Environment) -> int:
    """Run one subcommand; every failure becomes a sentence on stderr and an exit code.

    All input is judged first (:mod:`tray_app.cli.input`): bad input is exit 2 before any
    keyring or portal request, whatever state the day is in.
    """
    try:
        time_input = judge_options(args)
        wait = judge_wait(args)
        policy = _policy(env)  # its problems logged once, for every command
        if args.command == "login":
            return _login(args, env, policy)
        if args.command == "logout":
            return _logout(env)
        return _with_client(args, time_input, env, wait)
    except BadInput as exc:
        _say(env.stderr, str(exc))
        return EXIT_USAGE
    except CliError as exc:
        _say(env.stderr, str(exc))
        return exc.exit_code


def _with_client(
    args: argparse.Namespace, time_input: TimeInput | None, env: Environment, wait: int | None
) -> int:
    try:
        store = env.store_factory()
        account = env.account_loader(store)
    except NotSignedInError as exc:
        raise CliError(str(exc), EXIT_AUTH) from None
    except SecretStoreError as exc:
        raise CliError(str(exc), EXIT_AUTH) from None
    except ConfigError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    try:
        with env.client_factory(account) as client:
            if wait is not None:
                client.set_retry_policy(_waiting(wait))
            try:
                if args.command == "status":
                    return _status(client, args, env)
                if args.command == "kept" or getattr(args, "keep", False):
                    return _kept(client, args, account, env)
                refuse_when_kept(_kept_face(account, env))
                return _act(client, ACTION_COMMANDS[args.command], time_input, env)
            finally:
                if client.moved_to and env.persist_moves:
                    _persist_move(account, client.moved_to, store, env)
    except TimemanError as exc:
        error = _cli_error(exc)
        gave_up = isinstance(exc, UnavailableError) and worth_retrying(exc)
        if gave_up and args.command in ACTION_COMMANDS:
            waited = RetryPolicy().budget if wait is None else wait
            error = CliError(
                f"{error} Gave up after trying for up to {waited:g} s; "
                "--wait SECONDS tries longer.",
                error.exit_code,
            )
        raise error from None


def _kept_face(account: Account, env: Environment) -> KeptFace:
    return KeptFace(
        account=account,
        path=env.kept_path(),
        clock=env.kept_clock,
        local_now=env.local_now,
        stdout=env.stdout,
        stderr=env.stderr,
        notify_tray=env.notify_tray,
    )


def _kept(
    client: TimemanClient, args: argparse.Namespace, account: Account, env: Environment
) -> int:
    """``kept`` and the actions with ``--keep`` (:mod:`tray_app.cli.kept_command`)."""
    face = _kept_face(account, env)
    if args.command == "kept":
        return run_kept(client, args, face)
    return act_keeping(
        client,
        ACTION_COMMANDS[args.command],
        face,
        report=lambda outcome, before: _report(outcome, env, before),
        not_applicable=_not_applicable,
    )


def _waiting(seconds: int) -> RetryPolicy:
    """Tries within ``seconds`` (0: one try); the back-off bounds their number."""
    if seconds == 0:
        return RetryPolicy(attempts=1, budget=0.0)
    return RetryPolicy(attempts=1_000, budget=float(seconds))


def _persist_move(account: Account, new_base: str, store: SecretStore, env: Environment) -> None:
    try:
        remember_move(account, new_base, store)
        _say(env.stderr, f"The portal has moved to {new_base}; the new address is saved.")
    except (ConfigError, TimemanError) as exc:
        _say(env.stderr, f"The portal has moved to {new_base}, but saving it failed: {exc}")


# -- status -----------------------------------------------------------------------------------


def _status(client: TimemanClient, args: argparse.Namespace, env: Environment) -> int:
    reading = client.status()
    now = reading.clock.server_now(env.local_now())
    summary = summarize(reading.workday, elapsed(reading.workday, now), now)
    if args.json:
        env.stdout.write(json.dumps(status_document(reading.workday, summary)) + "\n")
    else:
        env.stdout.write(_describe(reading.workday, summary))
    return EXIT_OK


def _describe(day: Workday, summary: DaySummary) -> str:
    lines = [headline(summary)]
    if summary.started_at is not None:
        lines.append(f"Started:  {summary.started_at:%Y-%m-%d %H:%M} (UTC{_offset(summary)})")
        if day.state is not DayState.EXPIRED:
            lines.append(f"Worked:   {format_hm(summary.worked)}")
        lines.append(f"Breaks:   {format_hm(summary.breaks)}")
    if summary.finished_at is not None and day.state is DayState.CLOSED:
        lines.append(f"Ended:    {summary.local(summary.finished_at):%Y-%m-%d %H:%M}")
    if day.confirmed is False:
        lines.append("Awaiting your supervisor's confirmation.")
    if summary.suggested_close_at is not None:
        end = summary.local(summary.suggested_close_at)
        lines.append(f"Suggested end: {end:%Y-%m-%d %H:%M}")
        lines.append(
            f"Close it with: timeman-tray close --at {end:%H:%M} --reason 'Forgot to close'"
        )
    return "\n".join(lines) + "\n"


def _offset(summary: DaySummary) -> str:
    assert summary.started_at is not None
    return f"{summary.started_at:%z}"[:3] + ":" + f"{summary.started_at:%z}"[3:]


# -- actions ----------------------------------------------------------------------------------


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
        return _report(outcome, env, day)
    raise CliError(_not_applicable(Action.PAUSE, day), EXIT_REFUSED)


def _act(
    client: TimemanClient, action: Action, time_input: TimeInput | None, env: Environment
) -> int:
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
        raise CliError(_not_applicable(action, day), EXIT_REFUSED)
    when = reason = None
    if time_input is not None:
        assert portal_settings is not None
        now = reading.clock.server_now(env.local_now())
        when, reason = _checked_time(action, day, time_input, now, portal_settings)
    elif action is Action.CLOSE_EXPIRED:
        raise CliError(_not_applicable(action, day), EXIT_REFUSED)
    try:
        outcome = client.perform(action, time=when, reason=reason)
    except RefusedError as exc:
        if exc.code == "TIME" and day.state is DayState.CLOSED:
            raise CliError(_no_start_time_on_resume(day), EXIT_REFUSED) from None
        raise
    env.notify_tray()
    return _report(outcome, env, day)


def _no_start_time_on_resume(day: Workday) -> str:
    """The portal's error TIME on a closed day: it resumes that day and takes no start (§1.2)."""
    closed = ""
    if day.finished_at is not None:
        closed = f" closed at {day.finished_at.astimezone(day_zone(day)):%H:%M}"
    return (
        f"The portal resumes the workday{closed} instead of starting a new one, and takes no "
        "start time for it: run 'timeman-tray start' without --at (the time since then counts "
        "as a break). [TIME]"
    )


def _not_applicable(action: Action, day: Workday) -> str:
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


def _report(outcome: WriteOutcome, env: Environment, before: Workday) -> int:
    day = outcome.workday
    if not outcome.applied:
        _say(
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


# -- login / logout ---------------------------------------------------------------------------


def _policy(env: Environment) -> Policy:
    loaded = env.policy_loader()
    for problem in loaded.problems:
        log.warning("%s", problem)
    return loaded.policy


def _login(args: argparse.Namespace, env: Environment, policy: Policy) -> int:
    judge_connection_options(args, policy)
    webhook = read_webhook(env.stdin)
    if not policy.allows_portal(webhook.base_url):
        raise BadInput(
            f"This webhook is of {webhook.base_url}, but your administrator allows only "
            f"webhooks of {policy.portal_url}. {NOTHING_STORED}"
        )
    try:
        settings = policy.apply(load_settings())
        settings = _with_connection_options(settings, args)
        account = Account(webhook, "", transport_options(settings), policy.allows_portal)
        client = env.client_factory(account)
        with client:
            check = client.verify()
        # After a followed redirect the client holds the portal's new address: keep that one.
        webhook = client.webhook
        store = env.store_factory()
        save_account(webhook, check, store, settings)
    except ConfigurationError as exc:
        raise CliError(exc.message, EXIT_USAGE) from None
    except TimemanError as exc:
        raise _cli_error(exc) from None
    except SecretStoreError as exc:
        raise CliError(f"{exc} {NOTHING_STORED}", EXIT_AUTH) from None
    except ConfigError as exc:
        raise CliError(f"{exc} {NOTHING_STORED}", EXIT_USAGE) from None
    day = check.reading.workday
    env.stdout.write(
        f"Signed in as {check.profile.display_name} (user {webhook.user_id}) at "
        f"{webhook.base_url}. The workday is {day.state.value}.\n"
    )
    return EXIT_OK


def _with_connection_options(settings: Settings, args: argparse.Namespace) -> Settings:
    """The stored settings with this login's --ca-file and --proxy (already judged)."""
    if args.ca_file is not None:
        settings = dataclasses.replace(settings, ca_file=args.ca_file)
    if args.proxy is not None:
        settings = dataclasses.replace(settings, proxy=args.proxy)
    return settings


def _logout(env: Environment) -> int:
    try:
        settings = load_settings()
        forgotten = forget_account(env.store_factory(), settings)
    except SecretStoreError as exc:
        raise CliError(str(exc), EXIT_AUTH) from None
    except ConfigError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if forgotten is None:
        env.stdout.write("Not signed in; nothing to forget.\n")
    else:
        env.stdout.write(f"Signed out of {forgotten.portal_url}; the secret is deleted.\n")
    return EXIT_OK


# -- errors -----------------------------------------------------------------------------------


def _cli_error(exc: TimemanError) -> CliError:
    if isinstance(exc, ConfigurationError):
        return CliError(exc.message, EXIT_USAGE)
    if isinstance(exc, AuthError):
        return CliError(exc.message, EXIT_AUTH)
    if isinstance(exc, RefusedError):
        code = exc.code or "no error code"
        return CliError(f"{exc.message} [{code}]", EXIT_REFUSED)
    return CliError(exc.message, EXIT_UNAVAILABLE)


def _say(stream: TextIO, message: str) -> None:
    stream.write(f"timeman-tray: {message}\n")
    stream.flush()
