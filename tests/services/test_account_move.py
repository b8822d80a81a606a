"""A followed move is kept only where the administrator's portal allows it."""

from __future__ import annotations

import pytest

from tray_app.api import TransportOptions, Webhook, WebhookUrlError
from tray_app.config.secrets import MemorySecretStore, account_key
from tray_app.config.settings_file import load_settings
from tray_app.services.account import Account, remember_move

OLD = "https://old.example.com"
SECRET = "k7dmwq2x9p4tz1ab"


def _account(allowed: set[str]) -> tuple[Account, MemorySecretStore]:
    webhook = Webhook.from_parts(OLD, 1, SECRET)
    store = MemorySecretStore()
    store.set(account_key(OLD, 1), SECRET)
    return Account(webhook, "Ann", TransportOptions(), allowed.__contains__), store


def test_a_move_to_an_allowed_portal_is_kept() -> None:
    account, store = _account({"https://new.example.com"})
    moved = remember_move(account, "https://new.example.com", store)
    assert moved.webhook.base_url == "https://new.example.com"
    assert store.get(account_key("https://new.example.com", 1)) == SECRET
    assert store.get(account_key(OLD, 1)) is None
    assert load_settings().portal_url == "https://new.example.com"


def test_a_move_the_policy_excludes_changes_nothing() -> None:
    account, store = _account(set())
    with pytest.raises(WebhookUrlError, match="not the portal your administrator allows"):
        remember_move(account, "https://elsewhere.example.org", store)
    assert store.get(account_key(OLD, 1)) == SECRET
    assert store.get(account_key("https://elsewhere.example.org", 1)) is None
    assert load_settings().portal_url == ""
