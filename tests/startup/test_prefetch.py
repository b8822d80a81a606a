"""The keyring and first status read in a child process: what it answers, and how the tray
uses it (the secret store, the first reading)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tray_app.config import _keyring, secrets
from tray_app.config.errors import (
    KeyringLockedError,
    KeyringUnavailableError,
    SecretStoreError,
)
from tray_app.config.secrets import MemorySecretStore, account_key
from tray_app.config.settings import Settings
from tray_app.config.settings_file import save_settings
from tray_app.core.message import from_document, to_document
from tray_app.core.workday import DayState
from tray_app.demo import PortalSimulator, SimUser
from tray_app.services.first_day import reading_from
from tray_app.startup import prefetch
from tray_app.startup.prefetch import PrefetchedSecretStore, SecretPrefetch

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
    answer = prefetch.answer(timeout_s=0.3)
    assert answer["error"] == "KeyringLockedError"
    said = from_document(answer["said"])
    assert said is not None
    assert said.id == "prefetch.keyring_timeout"
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
    assert raised.value.said is None  # a bare text: said in its branch's general words


def test_the_childs_keyring_error_keeps_its_message_id() -> None:
    answer: dict[str, object] = {
        "account": ACCOUNT,
        "error": "KeyringLockedError",
        "message": str(_keyring.LOCKED),
        "detail": "dbus: prompt dismissed",
        "said": to_document(_keyring.LOCKED),
    }
    with pytest.raises(KeyringLockedError) as raised:
        _store(answer, MemorySecretStore()).get(ACCOUNT)
    assert raised.value.said == _keyring.LOCKED
    assert str(raised.value) == str(_keyring.LOCKED)


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
    monkeypatch.setattr(prefetch, "_started", None)
    monkeypatch.setattr(prefetch, "_served", set())
    assert prefetch.secret_store(lambda: fallback) is fallback  # none started
    monkeypatch.setattr(SecretPrefetch, "spawn", classmethod(lambda cls: _answering({})))
    prefetch.start()
    prefetch.start()  # one child per process
    served = prefetch.secret_store(lambda: fallback)
    assert isinstance(served, PrefetchedSecretStore)
    assert prefetch.secret_store(lambda: fallback) is fallback
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
    assert prefetch.serve(out) == 0
    answer: dict[str, object] = json.loads(out.getvalue())
    return answer


@pytest.fixture
def sim() -> Iterator[PortalSimulator]:
    with PortalSimulator(users=[SimUser(user_id=1, secret=SECRET)]) as simulator:
        yield simulator


def _sign_in(sim: PortalSimulator) -> str:
    """Settings that name the simulator's user 1; the account key the keyring uses."""
    save_settings(Settings(portal_url=sim.base_url, user_id=1, ca_file=str(sim.ca_file)))
    return account_key(sim.base_url, 1)


def test_nobody_signed_in_is_no_account(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _serve(monkeypatch) == {"account": None}


def test_the_secret_is_looked_up_and_the_day_read_with_it(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    account = _sign_in(sim)
    monkeypatch.setattr(_FakeKeyring, "stored", {account: SECRET})
    answer = _serve(monkeypatch)
    assert (answer["account"], answer["secret"]) == (account, SECRET)
    first = reading_from(answer["day"])
    assert first is not None
    assert first[0].workday.state is DayState.CLOSED
    assert [r.rest_method for r in sim.requests] == ["batch"]


def test_without_a_secret_the_portal_is_not_asked(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    account = _sign_in(sim)
    assert _serve(monkeypatch) == {"account": account, "secret": None}
    assert sim.requests == []


def test_a_keyring_error_is_answered_with_its_kind(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    account = _sign_in(sim)
    monkeypatch.setattr(_FakeKeyring, "error", KeyringLockedError("Locked.", "prompt"))
    assert _serve(monkeypatch) == {
        "account": account,
        "error": "KeyringLockedError",
        "message": "Locked.",
        "detail": "prompt",
    }
    assert sim.requests == []


# -- the first reading -------------------------------------------------------------------------


def _started_with(monkeypatch: pytest.MonkeyPatch, answer: dict[str, object]) -> None:
    monkeypatch.setattr(prefetch, "_started", _answering(answer))
    monkeypatch.setattr(prefetch, "_served", set())


def test_the_childs_day_is_served_once_for_its_account(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    account = _sign_in(sim)
    monkeypatch.setattr(_FakeKeyring, "stored", {account: SECRET})
    _started_with(monkeypatch, _serve(monkeypatch))
    first = prefetch.first_day(account)
    assert first is not None
    assert first[0].workday.state is DayState.CLOSED
    assert prefetch.first_day(account) is None  # once
    store = prefetch.secret_store(MemorySecretStore)
    assert store.get(account) == SECRET  # the secret is still the child's to give


def test_another_accounts_day_is_not_served(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    account = _sign_in(sim)
    monkeypatch.setattr(_FakeKeyring, "stored", {account: SECRET})
    _started_with(monkeypatch, _serve(monkeypatch))
    assert prefetch.first_day("portal.example.com/1") is None


def test_no_child_no_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "_started", None)
    assert prefetch.first_day(ACCOUNT) is None


def test_a_child_ended_by_a_write_serves_no_day(monkeypatch: pytest.MonkeyPatch) -> None:
    _started_with(monkeypatch, {"account": ACCOUNT, "secret": SECRET})
    prefetch.secret_store(MemorySecretStore).set(ACCOUNT, "a-new-secret-000")
    assert prefetch.first_day(ACCOUNT) is None


@pytest.mark.keyring
def test_the_real_child_reads_the_real_keyring_and_portal(sim: PortalSimulator) -> None:
    """``timeman-tray --prefetch`` against gnome-keyring and the simulator, as the tray does."""
    account = _sign_in(sim)
    secrets.KeyringSecretStore().set(account, SECRET)
    try:
        child = SecretPrefetch.spawn()
        answer = child.answer()
        assert (answer["account"], answer["secret"]) == (account, SECRET)
        assert reading_from(answer["day"]) is not None
        assert SECRET not in " ".join(child._process.args)  # type: ignore[arg-type]
    finally:
        secrets.KeyringSecretStore().delete(account)
    assert Path(os.environ["XDG_CONFIG_HOME"]).is_dir()


def test_one_of_a_fleet_reads_no_day_before_its_moment(
    monkeypatch: pytest.MonkeyPatch, sim: PortalSimulator
) -> None:
    """The policy names a fleet: the child gives the secret only; the tray's first read comes
    at its random moment of the fleet's start window, not with everyone else's at launch."""
    folder = Path(os.environ["XDG_CONFIG_DIRS"]) / "timeman-tray"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.json").write_text(json.dumps({"fleet_size": 1000}))
    account = _sign_in(sim)
    monkeypatch.setattr(_FakeKeyring, "stored", {account: SECRET})
    assert _serve(monkeypatch) == {"account": account, "secret": SECRET}
    assert sim.requests == []
