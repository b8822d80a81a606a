"""The signed-in account: the webhook put together from the settings and the keyring.

Shared by the CLI and the tray. Signing in checks the webhook against the portal *before*
anything is stored, and stores the secret in the keyring before the settings, undoing the
keyring entry if the settings cannot be written: on failure nothing is left behind.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from tray_app.api import AccountCheck, TransportOptions, Webhook, WebhookUrlError
from tray_app.config.effective_settings import load_effective_settings, save_user_settings
from tray_app.config.policy import Policy
from tray_app.config.policy_sources import load_policy
from tray_app.config.secrets import SecretStore, account_key
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings
from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy

log = logging.getLogger(__name__)


class NotSignedInError(Exception):
    """No account is configured, or its secret is missing from the keyring (``said``)."""

    remedy = Remedy.USER_ACTS
    general: ClassVar[Message] = say("account.general", "Not signed in.")

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None


@dataclass(frozen=True)
class Account:
    """A usable account: where, who, and how to connect."""

    webhook: Webhook
    display_name: str
    options: TransportOptions
    may_move_to: Callable[[str], bool] = lambda _base_url: True
    """Whether the portal may move to this address (``https://host``): the administrator's
    portal, when a policy names one. A client is given it, so that it never follows a
    redirect, with the secret, to another host."""


def transport_options(settings: Settings) -> TransportOptions:
    """The connection settings a user or admin chose."""
    return TransportOptions(ca_file=settings.ca_file or None, proxy=settings.proxy or None)


def load_account(
    store: SecretStore, settings: Settings | None = None, policy: Policy | None = None
) -> Account:
    """The configured account (with the administrator's policy over the settings); raises
    :class:`NotSignedInError` or the store's errors."""
    if settings is None:
        settings, policy = load_effective_settings(policy=policy)
    elif policy is None:
        policy = load_policy().policy
    if not settings.portal_url or not settings.user_id:
        raise NotSignedInError(
            say("account.not_signed_in", "Not signed in: run 'timeman-tray login' first.")
        )
    if not policy.allows_portal(settings.portal_url):
        raise NotSignedInError(
            say(
                "account.portal_not_allowed",
                "Signed in at {portal}, but your administrator allows only {allowed}: run "
                "'timeman-tray login' with a webhook of that portal.",
                portal=settings.portal_url,
                allowed=policy.portal_url,
            )
        )
    secret = store.get(_stored_key(settings) or "")
    if secret is None:
        raise NotSignedInError(
            say(
                "account.secret_missing",
                "The webhook secret is missing from the keyring: run 'timeman-tray login' again.",
            )
        )
    try:
        webhook = Webhook.from_parts(settings.portal_url, settings.user_id, secret)
    except WebhookUrlError:
        raise NotSignedInError(
            say(
                "account.secret_unusable",
                "The secret in the keyring is unusable: run 'timeman-tray login' again.",
            )
        ) from None
    return Account(
        webhook, settings.display_name, transport_options(settings), policy.allows_portal
    )


def save_account(
    webhook: Webhook, check: AccountCheck, store: SecretStore, settings: Settings
) -> Settings:
    """Store a checked webhook: the secret in the keyring, the rest in the settings."""
    previous = _stored_key(settings)
    store.set(_key(webhook), webhook.secret)
    updated = dataclasses.replace(
        settings,
        portal_url=webhook.base_url,
        user_id=webhook.user_id,
        display_name=check.profile.display_name,
    )
    try:
        save_user_settings(updated)  # never the administrator's locked values
    except Exception:
        store.delete(_key(webhook))
        raise
    if previous is not None and previous != _key(webhook):
        store.delete(previous)
    return updated


def forget_account(store: SecretStore, settings: Settings) -> Settings | None:
    """Delete the secret and the account fields; None when nobody was signed in."""
    key = _stored_key(settings)
    if key is None:
        return None
    store.delete(key)
    cleared = dataclasses.replace(settings, portal_url="", user_id=0, display_name="")
    save_user_settings(cleared)
    return settings


def remember_move(account: Account, new_base: str, store: SecretStore) -> Account:
    """After a followed 302: keep the secret under the new address and save the new address
    (never an address the administrator's portal excludes: the client does not follow there)."""
    if not account.may_move_to(new_base):
        raise WebhookUrlError(
            say(
                "account.move_not_allowed",
                "{address} is not the portal your administrator allows",
                address=new_base,
            )
        )
    moved = account.webhook.moved_to(new_base)
    store.set(_key(moved), moved.secret)
    settings = load_settings()
    save_user_settings(dataclasses.replace(settings, portal_url=moved.base_url))
    if _key(moved) != _key(account.webhook):
        store.delete(_key(account.webhook))
    log.info("portal address updated to %s", moved.base_url)
    return dataclasses.replace(account, webhook=moved)


def _key(webhook: Webhook) -> str:
    return account_key(webhook.base_url, webhook.user_id)


def _stored_key(settings: Settings) -> str | None:
    """The keyring user name of the saved account (None when nobody is signed in)."""
    if not settings.portal_url or not settings.user_id:
        return None
    return account_key(settings.portal_url, settings.user_id)
