"""``login`` (the webhook read from stdin, checked against the portal, then stored) and
``logout``."""

from __future__ import annotations

import argparse
import dataclasses

from tray_app.api import ConfigurationError, TimemanError
from tray_app.cli.environment import Environment
from tray_app.cli.exits import EXIT_AUTH, EXIT_OK, EXIT_USAGE, CliError
from tray_app.cli.input import NOTHING_STORED, BadInput, judge_connection_options, read_webhook
from tray_app.cli.portal_errors import cli_error
from tray_app.config.errors import ConfigError, SecretStoreError
from tray_app.config.policy import Policy
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings
from tray_app.services.account import Account, forget_account, save_account, transport_options


def login(args: argparse.Namespace, env: Environment, policy: Policy) -> int:
    """``login``: nothing is stored unless the portal accepted the webhook."""
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
        raise cli_error(exc) from None
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


def logout(env: Environment) -> int:
    """``logout``: the account and its secret forgotten."""
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
