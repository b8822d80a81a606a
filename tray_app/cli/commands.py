"""The scripting face: login, logout, status, start, pause, resume and close.

Each action reads the status first and refuses locally (nothing sent) when it does not apply,
checks a changed time against the portal's rules before sending, and reports what the portal
answered, silent no-ops included. Messages go to stderr as one sentence; never the secret.

Exit codes: 0 done; 1 the portal refused or the action does not apply; 2 bad usage or input
rejected before anything was sent; 3 not signed in, credentials rejected, or no usable keyring;
4 portal unreachable or unavailable after retries (with ``--keep`` the click is kept instead,
exit 0: :mod:`tray_app.cli.kept_command`, which also runs ``kept``).

This module runs one subcommand in its :class:`~tray_app.cli.environment.Environment`; the
commands themselves are in ``status_command``, ``action_command`` (with ``action_sentences``)
and ``login_command``.
"""

from __future__ import annotations

import argparse
import logging

from tray_app.api import TimemanClient, TimemanError, UnavailableError
from tray_app.api.retry import RetryPolicy, worth_retrying
from tray_app.cli.action_command import ACTION_COMMANDS, act
from tray_app.cli.action_sentences import not_applicable, report
from tray_app.cli.environment import Environment
from tray_app.cli.exits import EXIT_AUTH, EXIT_USAGE, CliError, say
from tray_app.cli.input import BadInput, TimeInput, judge_options, judge_wait
from tray_app.cli.kept_command import KeptFace, act_keeping, refuse_when_kept, run_kept
from tray_app.cli.login_command import login, logout
from tray_app.cli.portal_errors import cli_error
from tray_app.cli.status_command import status
from tray_app.config.errors import ConfigError, SecretStoreError
from tray_app.config.policy import Policy
from tray_app.config.secrets import SecretStore
from tray_app.services.account import Account, NotSignedInError, remember_move

log = logging.getLogger(__name__)

# Environment: the entry point (startup/entry.py) builds one through this module.
__all__ = ["Environment", "run"]


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
            return login(args, env, policy)
        if args.command == "logout":
            return logout(env)
        return _with_client(args, time_input, env, wait)
    except BadInput as exc:
        say(env.stderr, str(exc))
        return EXIT_USAGE
    except CliError as exc:
        say(env.stderr, str(exc))
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
                    return status(client, args, env)
                if args.command == "kept" or getattr(args, "keep", False):
                    return _kept(client, args, account, env)
                refuse_when_kept(_kept_face(account, env))
                return act(client, ACTION_COMMANDS[args.command], time_input, env)
            finally:
                if client.moved_to and env.persist_moves:
                    _persist_move(account, client.moved_to, store, env)
    except TimemanError as exc:
        error = cli_error(exc)
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
        report=lambda outcome, before: report(outcome, env, before),
        not_applicable=not_applicable,
    )


def _waiting(seconds: int) -> RetryPolicy:
    """Tries within ``seconds`` (0: one try); the back-off bounds their number."""
    if seconds == 0:
        return RetryPolicy(attempts=1, budget=0.0)
    return RetryPolicy(attempts=1_000, budget=float(seconds))


def _persist_move(account: Account, new_base: str, store: SecretStore, env: Environment) -> None:
    try:
        remember_move(account, new_base, store)
        say(env.stderr, f"The portal has moved to {new_base}; the new address is saved.")
    except (ConfigError, TimemanError) as exc:
        say(env.stderr, f"The portal has moved to {new_base}, but saving it failed: {exc}")


def _policy(env: Environment) -> Policy:
    loaded = env.policy_loader()
    for problem in loaded.problems:
        log.warning("%s", problem)
    return loaded.policy
