"""KeyringSecretStore against a real gnome-keyring (Secret Service) on a private D-Bus."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from keyring.backends import SecretService
from keyring.backends.chainer import ChainerBackend

from tests.config import fake_backends
from tests.keyring_session import SecretServiceSession, xvfb
from tray_app.config import _keyring
from tray_app.config.errors import KeyringLockedError, KeyringUnavailableError
from tray_app.config.secrets import SERVICE, KeyringSecretStore

pytestmark = pytest.mark.keyring

SECRET = "wh9k2secretvalue"


def secret_tool(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["secret-tool", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=20,
        check=False,
    )


def test_set_get_delete_and_secret_tool_sees_the_item(request: pytest.FixtureRequest) -> None:
    account = f"portal.example.com/{request.node.name}"
    store = KeyringSecretStore()
    assert store.backend_name() == "keyring.backends.SecretService.Keyring"
    assert store.get(account) is None
    store.set(account, SECRET)
    assert store.get(account) == SECRET
    lookup = secret_tool("lookup", "service", SERVICE, "username", account)
    assert (lookup.returncode, lookup.stdout) == (0, SECRET)
    store.set(account, SECRET + "-new")
    assert store.get(account) == SECRET + "-new"
    store.delete(account)
    store.delete(account)
    assert store.get(account) is None
    assert secret_tool("lookup", "service", SERVICE, "username", account).returncode != 0


def test_an_item_stored_by_another_program_is_read(request: pytest.FixtureRequest) -> None:
    account = f"portal.example.com/{request.node.name}"
    stored = secret_tool(
        "store", "--label=test", "service", SERVICE, "username", account, stdin=SECRET
    )
    assert stored.returncode == 0, stored.stderr
    assert KeyringSecretStore().get(account) == SECRET


def test_the_secret_service_environment_is_applied(secret_service: dict[str, str]) -> None:
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == secret_service["DBUS_SESSION_BUS_ADDRESS"]


def test_a_running_secret_service_is_used_without_keyrings_discovery(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    def no_discovery() -> None:
        raise AssertionError("keyring's discovery imports every backend: not needed here")

    monkeypatch.setattr("keyring.core.init_backend", no_discovery)
    account = f"portal.example.com/{request.node.name}"
    store = KeyringSecretStore()
    store.set(account, SECRET)
    assert store.get(account) == SECRET
    assert store.backend_name() == "keyring.backends.SecretService.Keyring"


def test_a_chainer_with_a_plaintext_backend_uses_only_the_secret_service(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    account = f"portal.example.com/{request.node.name}"
    fake_backends.reset()
    backends = [
        fake_backends.make(ChainerBackend),
        fake_backends.make(SecretService.Keyring),
        fake_backends.make(fake_backends.PlaintextKeyring),
    ]
    monkeypatch.setattr("keyring.backend.get_all_keyring", lambda: backends)
    # keyring's own discovery (as where the shortcut to the Secret Service does not apply)
    monkeypatch.setattr(_keyring, "_running_secret_service", lambda: None)
    store = KeyringSecretStore()
    store.set(account, SECRET)
    assert store.backend_name() == "keyring.backends.SecretService.Keyring"
    assert fake_backends.STORE == {}
    assert secret_tool("lookup", "service", SERVICE, "username", account).stdout == SECRET


def test_a_locked_keyring_without_a_display_is_reported_as_locked(
    private_secret_service: SecretServiceSession,
) -> None:
    store = KeyringSecretStore()
    store.set("portal.example.com/1", SECRET)
    private_secret_service.lock()
    assert private_secret_service.is_locked()
    started = time.monotonic()
    with pytest.raises(KeyringLockedError) as caught:
        store.get("portal.example.com/1")
    assert time.monotonic() - started < 10
    assert caught.value.said == _keyring.LOCKED
    assert SECRET not in caught.value.detail


def test_an_invisible_unlock_prompt_times_out_instead_of_hanging(
    private_secret_service: SecretServiceSession,
) -> None:
    """Under Xvfb gnome-keyring shows its unlock prompt where nobody can answer it."""
    store = KeyringSecretStore(timeout_s=2)
    store.set("portal.example.com/1", SECRET)
    private_secret_service.lock()
    with xvfb() as display:
        private_secret_service.set_activation_env({"DISPLAY": display})
        started = time.monotonic()
        with pytest.raises(KeyringLockedError) as caught:
            store.get("portal.example.com/1")
        waited = time.monotonic() - started
    assert 1.8 < waited < 8
    assert "did not answer within 2 s" in str(caught.value)


def test_a_keyring_that_went_away_is_unavailable(
    private_secret_service: SecretServiceSession,
) -> None:
    store = KeyringSecretStore(timeout_s=5)
    store.set("portal.example.com/1", SECRET)
    private_secret_service.stop()
    with pytest.raises(KeyringUnavailableError) as caught:
        store.get("portal.example.com/1")
    assert caught.value.said == _keyring.NO_KEYRING
