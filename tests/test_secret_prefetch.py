"""The keyring read in a child process: what it answers, and how the tray's store uses it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tray_app import secret_prefetch
from tray_app.config import secrets
from tray_app.config.errors import (
    KeyringLockedError,
    KeyringUnavailableError,
    SecretStoreError,
)
from tray_app.config.secrets import MemorySecretStore
from tray_app.config.settings import Settings, save_settings
from tray_app.secret_prefetch import PrefetchedSecretStore, SecretPrefetch

ACCOUNT = "portal.example.com/7"
SECRET = "s3cr3tk3y0000001"


def _child(code: str) -> SecretPrefetch:
    return SecretPrefetch(subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE))


def _answering(answer: dict[str, object]) -> SecretPrefetch:
    return _child(f"print({json.dumps(json.dumps(answer))})")


# -- the child's answer, as the tray reads it -----------------------------------------------


def test_the_answer_is_one_json_line() -> None:
    assert _answering({"account": ACCOUNT, "secret": SECRET}).answer() == {
        "account": ACCOUNT,
        "secret": SECRET,
    }


@pytest.mark.parametrize(
    "code", ["print('not json')", "print('[1, 2]')", "import sys; sys.exit(3)"]
)
def test_a_garbled_or_dead_child_is_a_keyring_failure(code: str) -> None:
    answer = _child(code).answer()
    assert answer["error"] == "SecretStoreError"
    assert "Reading the keyring failed" in str(answer["message"])


def test_a_hung_child_is_killed_and_reads_as_a_locked_keyring() -> None:
    prefetch = _child("import time; time.sleep(60)")
    assert prefetch.answer(timeout_s=0.3)["error"] == "KeyringLockedError"
    assert prefetch._process.returncode is not None


# -- the store -------------------------------------------------------------------------------


def _store(answer: dict[str, object], fallback: MemorySecretStore) -> PrefetchedSecretStore:
    made: list[MemorySecretStore] = []

    def factory() -> MemorySecretStore:
        made.append(fallback)
        return fallback

    return PrefetchedSecretStore(_answering(answer), factory)


def test_the_first_read_of_the_childs_account_comes_from_the_child() -> None:
    fallback = MemorySecretStore({ACCOUNT: "the-one-in-this-process"})
    store = _store({"account": ACCOUNT, "secret": SECRET}, fallback)
    assert store.get(ACCOUNT) == SECRET
    assert store.get(ACCOUNT) == "the-one-in-this-process"  # afterwards: the keyring here


def test_a_missing_secret_reads_as_none() -> None:
    store = _store({"account": ACCOUNT, "secret": None}, MemorySecretStore({ACCOUNT: "x"}))
    assert store.get(ACCOUNT) is None


def test_another_account_is_read_here() -> None:
    fallback = MemorySecretStore({"other.example.com/1": "other-secret"})
    store = _store({"account": ACCOUNT, "secret": SECRET}, fallback)
    assert store.get("other.example.com/1") == "other-secret"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("KeyringLockedError", KeyringLockedError),
        ("KeyringUnavailableError", KeyringUnavailableError),
        ("SomethingNew", SecretStoreError),
    ],
)
def test_the_childs_keyring_error_is_raised_as_the_same_error(
    name: str, kind: type[SecretStoreError]
) -> None:
    answer: dict[str, object] = {
        "account": ACCOUNT,
        "error": name,
        "message": "The keyring is locked.",
        "detail": "dbus: prompt dismissed",
    }
    store = _store(answer, MemorySecretStore())
    with pytest.raises(kind, match="The keyring is locked") as raised:
        store.get(ACCOUNT)
    assert type(raised.value) is kind
    assert raised.value.detail == "dbus: prompt dismissed"


def test_writes_go_to_the_keyring_here_and_end_the_child() -> None:
    fallback = MemorySecretStore()
    store = _store({"account": ACCOUNT, "secret": "stale"}, fallback)
    store.set(ACCOUNT, SECRET)
    assert store.get(ACCOUNT) == SECRET
    assert fallback.get(ACCOUNT) == SECRET
    store.delete(ACCOUNT)
    assert fallback.get(ACCOUNT) is None


def test_secret_store_serves_a_started_child_once(monkeypatch: pytest.MonkeyPatch) -> None:
    fallback = MemorySecretStore()
    monkeypatch.setattr(secret_prefetch, "_started", None)
    assert secret_prefetch.secret_store(lambda: fallback) is fallback  # none started
    monkeypatch.setattr(SecretPrefetch, "spawn", classmethod(lambda cls: _answering({})))
    secret_prefetch.start()
    secret_prefetch.start()  # one child per process
    served = secret_prefetch.secret_store(lambda: fallback)
    assert isinstance(served, PrefetchedSecretStore)
    assert secret_prefetch.secret_store(lambda: fallback) is fallback
    assert served.get(ACCOUNT) is None  # the child answered nothing for it: asked here


# -- the child itself --------------------------------------------------------------------------


class _FakeKeyring:
    stored: dict[str, str] = {}  # noqa: RUF012
    error: SecretStoreError | None = None

    def get(self, account: str) -> str | None:
        if self.error is not None:
            raise self.error
        return self.stored.get(account)


def _serve(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setattr(secrets, "KeyringSecretStore", _FakeKeyring)
    out = io.StringIO()
    assert secret_prefetch.serve(out) == 0
    answer: dict[str, object] = json.loads(out.getvalue())
    return answer


def test_nobody_signed_in_is_no_account(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _serve(monkeypatch) == {"account": None}


def test_the_saved_accounts_secret_is_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(portal_url="https://portal.example.com", user_id=7))
    monkeypatch.setattr(_FakeKeyring, "stored", {ACCOUNT: SECRET})
    assert _serve(monkeypatch) == {"account": ACCOUNT, "secret": SECRET}


def test_a_keyring_error_is_answered_with_its_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(portal_url="https://portal.example.com", user_id=7))
    monkeypatch.setattr(_FakeKeyring, "error", KeyringLockedError("Locked.", "prompt"))
    assert _serve(monkeypatch) == {
        "account": ACCOUNT,
        "error": "KeyringLockedError",
        "message": "Locked.",
        "detail": "prompt",
    }


@pytest.mark.keyring
def test_the_real_child_reads_the_real_keyring() -> None:
    """``timeman-tray --read-secret`` against gnome-keyring, as the tray starts it."""
    save_settings(Settings(portal_url="https://portal.example.com", user_id=7))
    secrets.KeyringSecretStore().set(ACCOUNT, SECRET)
    try:
        prefetch = SecretPrefetch.spawn()
        assert prefetch.answer() == {"account": ACCOUNT, "secret": SECRET}
        assert SECRET not in " ".join(prefetch._process.args)  # type: ignore[arg-type]
    finally:
        secrets.KeyringSecretStore().delete(ACCOUNT)
    assert Path(os.environ["XDG_CONFIG_HOME"]).is_dir()
