"""The secret stores without a real keyring: the memory store, account keys, and the keyring
store's backend choice, time limit and error handling against test backends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring.backend
import keyring.errors
import pytest
from keyring.backends.chainer import ChainerBackend

from tests.config import fake_backends
from tray_app.config import _keyring
from tray_app.config.errors import (
    KeyringLockedError,
    KeyringOperationError,
    KeyringUnavailableError,
    SecretStoreError,
)
from tray_app.config.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    account_key,
)

SECRET = "zq81secretvalue"
FAKES = "tests.config.fake_backends"


@pytest.fixture(autouse=True)
def _reset_fakes() -> Iterator[None]:
    fake_backends.reset()
    yield
    fake_backends.RELEASE.set()  # let a blocked call end
    fake_backends.reset()


def use_backend(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{FAKES}.{name}")


def detect_only(monkeypatch: pytest.MonkeyPatch, *backends: keyring.backend.KeyringBackend) -> None:
    """Make keyring's auto-detection see exactly ``backends`` (as if they were installed)."""
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: list(backends))


# --- account keys


@pytest.mark.parametrize(
    ("url", "user_id", "expected"),
    [
        ("https://Portal.Example.com", 1, "portal.example.com/1"),
        ("https://portal.example.com/", 12, "portal.example.com/12"),
        ("https://portal.example.com:8443", 3, "portal.example.com:8443/3"),
        ("http://127.0.0.1:9000", 1, "127.0.0.1:9000/1"),
        ("https://[::1]:9443", 1, "[::1]:9443/1"),
    ],
)
def test_account_key(url: str, user_id: int, expected: str) -> None:
    assert account_key(url, user_id) == expected


@pytest.mark.parametrize(
    ("url", "user_id"),
    [
        ("", 1),
        ("portal.example.com", 1),
        ("https://portal.example.com:99999", 1),
        ("https://portal.example.com", 0),
        ("https://portal.example.com", True),
    ],
)
def test_account_key_refuses_incomplete_input(url: str, user_id: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        account_key(url, user_id)


# --- the memory store


def test_memory_store_set_get_delete() -> None:
    store: SecretStore = MemorySecretStore()
    assert store.get("a/1") is None
    store.set("a/1", SECRET)
    assert store.get("a/1") == SECRET
    store.delete("a/1")
    store.delete("a/1")
    assert store.get("a/1") is None


def test_memory_store_repr_shows_accounts_not_secrets() -> None:
    store = MemorySecretStore({"a/1": SECRET})
    assert repr(store) == "MemorySecretStore(accounts=['a/1'])"


def test_memory_store_can_simulate_a_failing_keyring() -> None:
    store = MemorySecretStore({"a/1": SECRET})
    store.error = KeyringLockedError("locked")
    calls: list[Callable[[], object]] = [
        lambda: store.get("a/1"),
        lambda: store.set("a/1", "x"),
        lambda: store.delete("a/1"),
    ]
    for call in calls:
        with pytest.raises(KeyringLockedError):
            call()
    store.error = None
    assert store.get("a/1") == SECRET


@pytest.mark.parametrize("store", [MemorySecretStore(), KeyringSecretStore()])
def test_stores_refuse_empty_accounts_and_secrets(store: SecretStore) -> None:
    with pytest.raises(ValueError, match="account"):
        store.get("")
    with pytest.raises(ValueError, match="account"):
        store.delete("")
    with pytest.raises(ValueError, match="account"):
        store.set("", SECRET)
    with pytest.raises(ValueError, match="secret"):
        store.set("a/1", "")


# --- the keyring store with test backends


def test_keyring_store_validates_its_arguments() -> None:
    with pytest.raises(ValueError, match="service"):
        KeyringSecretStore("")
    with pytest.raises(ValueError, match="timeout"):
        KeyringSecretStore(timeout_s=0)
    assert repr(KeyringSecretStore()) == "KeyringSecretStore(service='timeman-tray', timeout_s=20)"


def test_keyring_store_round_trip_with_an_explicit_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    use_backend(monkeypatch, "MemoryKeyring")
    store = KeyringSecretStore()
    assert store.get("a/1") is None
    store.set("a/1", SECRET)
    assert fake_backends.STORE == {("timeman-tray", "a/1"): SECRET}
    assert store.get("a/1") == SECRET
    store.delete("a/1")
    store.delete("a/1")  # deleting what is not there is not an error
    assert store.get("a/1") is None
    assert store.backend_name() == f"{FAKES}.MemoryKeyring"


def test_importing_config_loads_no_keyring_qt_or_http() -> None:
    """keyring costs ~240 ms at start-up (import + backend choice); Qt and httpx belong to
    other layers. A fresh interpreter shows what importing the package really loads.
    """
    code = (
        "import sys, tray_app.config, tray_app.config.secrets as s; s.KeyringSecretStore(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'keyring', 'secretstorage', "
        "'jeepney', 'PySide6', 'httpx'}) + [m for m in sys.modules if m.startswith("
        "('tray_app.api', 'tray_app.ui', 'tray_app.demo'))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_backend_at_all_is_unavailable_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    # No session bus (the test environment removes it) and nothing else installed.
    detect_only(monkeypatch)
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().get("a/1")
    assert caught.value.said == _keyring.NO_KEYRING
    assert "gnome-keyring-daemon --unlock" in str(caught.value)


def test_auto_detection_without_a_session_bus_finds_no_keyring() -> None:
    assert "DBUS_SESSION_BUS_ADDRESS" not in os.environ
    with pytest.raises(KeyringUnavailableError, match="No usable keyring"):
        KeyringSecretStore().set("a/1", SECRET)


def test_the_secret_service_shortcut_is_only_taken_on_linux(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _keyring._running_secret_service() is None


def test_fail_backend_chosen_explicitly_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    assert caught.value.said == _keyring.NO_KEYRING


def test_null_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    assert caught.value.said == _keyring.DISABLED


@pytest.mark.parametrize(
    "name", ["no.such.module.Keyring", "keyring.backends.SecretService.NoSuchClass"]
)
def test_a_backend_that_cannot_be_loaded_is_unavailable(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().get("a/1")
    assert caught.value.said == _keyring.BAD_CHOICE


def test_secret_service_chosen_but_not_running_is_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().get("a/1")
    assert "service is not running" in str(caught.value)
    assert "SecretService" in caught.value.detail


def test_plaintext_backend_found_automatically_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    detect_only(monkeypatch, fake_backends.make(fake_backends.PlaintextKeyring))
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    message = str(caught.value)
    assert f"{FAKES}.PlaintextKeyring" in message
    assert "PYTHON_KEYRING_BACKEND" in message
    assert fake_backends.STORE == {}, "nothing may be written to a refused backend"


def test_chainer_of_plaintext_backends_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    backends = [
        fake_backends.make(fake_backends.PlaintextKeyring),
        fake_backends.make(fake_backends.OtherPlaintextKeyring),
    ]
    detect_only(monkeypatch, fake_backends.make(ChainerBackend), *backends)
    with pytest.raises(KeyringUnavailableError) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    assert "PlaintextKeyring, " in str(caught.value)
    assert "OtherPlaintextKeyring" in str(caught.value)
    assert fake_backends.STORE == {}


def test_plaintext_backend_chosen_in_the_environment_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_backend(monkeypatch, "PlaintextKeyring")
    KeyringSecretStore().set("a/1", SECRET)
    assert fake_backends.STORE == {("timeman-tray", "a/1"): SECRET}


def test_plaintext_backend_chosen_in_keyrings_config_file_is_used() -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"], "python_keyring", "keyringrc.cfg")
    config.parent.mkdir(parents=True)
    config.write_text(f"[backend]\ndefault-keyring = {FAKES}.PlaintextKeyring\n", encoding="utf-8")
    KeyringSecretStore().set("a/1", SECRET)
    assert fake_backends.STORE == {("timeman-tray", "a/1"): SECRET}


@pytest.mark.parametrize(
    ("content", "explicit"),
    [
        (None, False),
        ("[backend]\nkeyring-path = /tmp\n", False),
        ("not an ini file", False),
        (b"\xff\xfe[backend]", False),
        ("[backend]\ndefault-keyring = x.Y\n", True),
    ],
)
def test_explicit_choice_in_the_config_file(content: str | bytes | None, explicit: bool) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"], "python_keyring", "keyringrc.cfg")
    config.parent.mkdir(parents=True)
    if isinstance(content, str):
        config.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        config.write_bytes(content)
    assert _keyring.chosen_explicitly() is explicit


def test_a_late_keyring_is_found_without_a_restart(monkeypatch: pytest.MonkeyPatch) -> None:
    store = KeyringSecretStore()
    detect_only(monkeypatch)
    with pytest.raises(KeyringUnavailableError):
        store.get("a/1")
    use_backend(monkeypatch, "MemoryKeyring")
    store.set("a/1", SECRET)
    assert store.get("a/1") == SECRET


def test_a_call_that_never_returns_times_out_as_locked(monkeypatch: pytest.MonkeyPatch) -> None:
    use_backend(monkeypatch, "BlockingKeyring")
    with pytest.raises(KeyringLockedError) as caught:
        KeyringSecretStore(timeout_s=0.2).get("a/1")
    assert caught.value.said == _keyring.NO_ANSWER.with_params(seconds="0.2")
    assert "did not answer within 0.2 s;" in str(caught.value)
    assert "waiting for an unlock prompt" in str(caught.value)


@pytest.mark.parametrize(
    ("raised", "expected", "verb"),
    [
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), KeyringLockedError, ""),
        (keyring.errors.InitError("Failed to create the collection"), KeyringLockedError, ""),
        (keyring.errors.NoKeyringError("none"), KeyringUnavailableError, ""),
        (keyring.errors.PasswordSetError("refused"), KeyringOperationError, "store"),
        (ValueError("a backend bug"), KeyringOperationError, "store"),
    ],
)
def test_backend_errors_are_translated(
    monkeypatch: pytest.MonkeyPatch,
    raised: Exception,
    expected: type[SecretStoreError],
    verb: str,
) -> None:
    use_backend(monkeypatch, "MemoryKeyring")
    fake_backends.RAISE = raised
    with pytest.raises(expected) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    assert type(caught.value) is expected
    assert caught.value.__cause__ is raised
    assert type(raised).__name__ in caught.value.detail
    if verb:
        assert f"could not {verb} the webhook secret" in str(caught.value)


def test_a_secret_echoed_by_a_backend_is_masked_and_not_chained(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_backend(monkeypatch, "MemoryKeyring")
    fake_backends.RAISE = keyring.errors.PasswordSetError(f"cannot store {SECRET!r}")
    with pytest.raises(KeyringOperationError) as caught:
        KeyringSecretStore().set("a/1", SECRET)
    error = caught.value
    assert SECRET not in str(error)
    assert SECRET not in error.detail
    assert "***" in error.detail
    assert SECRET not in repr(error)
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_delete_and_read_errors_name_their_operation(monkeypatch: pytest.MonkeyPatch) -> None:
    use_backend(monkeypatch, "MemoryKeyring")
    fake_backends.RAISE = keyring.errors.KeyringError("?")
    with pytest.raises(KeyringOperationError, match="could not delete"):
        KeyringSecretStore().delete("a/1")
    with pytest.raises(KeyringOperationError, match="could not read"):
        KeyringSecretStore().get("a/1")


def test_an_interrupt_in_the_keyring_thread_reaches_the_caller() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _keyring.call_with_timeout(interrupted, 5)
