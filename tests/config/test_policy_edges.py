"""The admin policy's edges: a Policy built wrong, places that cannot be read, the registry's
and property lists' odd types, and settings a policy cannot set. Each falls back and says so;
none raises out of :func:`load_policy`."""

from __future__ import annotations

import plistlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.config.test_policy import linux, registry, write_policy
from tray_app.config import policy_document, policy_registry, policy_sources
from tray_app.config.effective_settings import (
    effective_settings,
    load_effective_settings,
    save_user_settings,
)
from tray_app.config.policy import Policy
from tray_app.config.policy_registry import REG_DWORD, REG_MULTI_SZ, REG_QWORD, REG_SZ
from tray_app.config.policy_sources import BUNDLE_ID, MAX_POLICY_BYTES, load_policy
from tray_app.config.settings import Settings


@pytest.mark.parametrize(
    "fields",
    [
        {"portal_url": "corp.bitrix24.ru"},
        {"portal_url": "https://corp.bitrix24.ru/"},
        {"plan": "gold"},
        {"fleet_size": 0},
        {"budget_share": 0.0},
        {"min_interval_s": 5},
        {"locked": frozenset({"wallpaper"})},
        {"locked": frozenset({"proxy"})},
        {"values": {"proxy": "ftp://x:1"}, "locked": frozenset({"proxy"})},
    ],
)
def test_a_policy_built_wrong_is_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        Policy(**fields)


def test_without_locks_nothing_is_kept_or_applied() -> None:
    policy = Policy()
    mine = Settings(proxy="http://mine.example.com:8080")
    assert policy.locked_fields == frozenset()
    assert not policy.is_locked("proxy")
    assert policy.keep_unlocked(mine, Settings()) is mine
    assert effective_settings(mine, policy) is mine


def test_a_portal_address_that_does_not_parse_is_not_the_portal() -> None:
    policy = Policy(portal_url="https://corp.bitrix24.ru")
    assert not policy.allows_portal("https://corp.bitrix24.ru:99999")


def test_a_folder_that_cannot_be_looked_into_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_policy(second, {"fleet_size": 10})
    real = Path.is_file

    def is_file(self: Path) -> bool:
        if self.is_relative_to(first):
            raise PermissionError("denied")
        return real(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert linux(first, second).policy.fleet_size == 10


def test_a_file_that_fails_to_read_or_is_too_big_is_no_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_policy(tmp_path, " " * (MAX_POLICY_BYTES + 1))
    too_big = linux(tmp_path)
    assert too_big.policy == Policy()
    assert "larger than" in too_big.problems[0]

    def fail(self: Path, *_args: object, **_kwargs: object) -> object:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", fail)
    broken = linux(tmp_path)
    assert broken.policy == Policy()
    assert "cannot be read (Input/output error)" in broken.problems[0]
    assert str(path) in broken.problems[0]


def _plist(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps(document))


def test_macos_odd_places_and_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plist(tmp_path / f"{BUNDLE_ID}.plist", ["not", "a", "dictionary"])
    _plist(tmp_path / "ann" / f"{BUNDLE_ID}.plist", {"plan": datetime(2026, 1, 1)})
    loaded = load_policy(platform="darwin", managed_root=tmp_path, user="ann")
    assert loaded.policy.plan == "standard"
    assert any("does not hold a dictionary" in problem for problem in loaded.problems)
    assert any("plan" in problem for problem in loaded.problems)
    # A user name that would leave the folder is not used.
    assert load_policy(platform="darwin", managed_root=tmp_path, user="../x").policy == Policy()

    (tmp_path / f"{BUNDLE_ID}.plist").write_bytes(b" " * (MAX_POLICY_BYTES + 1))
    big = load_policy(platform="darwin", managed_root=tmp_path, user="nobody")
    assert any("larger than" in problem for problem in big.problems)

    def fail(self: Path, *_args: object, **_kwargs: object) -> object:
        raise OSError("denied")

    monkeypatch.setattr(Path, "open", fail)
    broken = load_policy(platform="darwin", managed_root=tmp_path, user="nobody")
    assert any("cannot be read (OSError)" in problem for problem in broken.problems)


def test_the_macos_user_is_the_process_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd  # noqa: PLC0415

    assert policy_sources._user_name() == pwd.getpwuid(__import__("os").getuid()).pw_name

    def missing(_uid: int) -> object:
        raise KeyError("no such user")

    monkeypatch.setattr(pwd, "getpwuid", missing)
    monkeypatch.setenv("USER", "from-env")
    assert policy_sources._user_name() == "from-env"


def test_there_is_no_registry_off_windows() -> None:
    assert policy_registry.winreg_reader("Software\\Policies\\timeman-tray") is None


def test_registry_types_that_do_not_fit_are_named() -> None:
    loaded = registry(
        {
            "budget_share": ("a half", REG_SZ),
            "fleet_size": (b"\x01", 3),
            "min_interval_s": (90, REG_QWORD),
            "locked": (5, REG_DWORD),
            "version": (2, REG_DWORD),
        },
        {
            "autostart": ("yes", REG_SZ),
            "reminders": ("off", REG_SZ),
            "language": (1, REG_DWORD),
            "proxy": (["x"], REG_MULTI_SZ),
        },
    )
    policy = loaded.policy
    assert policy.min_interval_s == 90
    assert policy.fleet_size is None
    assert policy.budget_share == 0.5
    assert dict(policy.values)["start_at_login"] is True
    assert dict(policy.values)["remind_lunch"] is False
    text = " ".join(loaded.problems)
    for key in ("budget_share", "fleet_size", "locked", "version", "language", "proxy"):
        assert key in text, key


@pytest.mark.parametrize("value", [("maybe", REG_SZ), (["1"], REG_MULTI_SZ)])
def test_registry_booleans_that_are_neither(value: tuple[object, int]) -> None:
    loaded = registry({}, {"autostart": value})
    assert "REG_DWORD 0 or 1" in " ".join(loaded.problems)


def test_registry_without_a_settings_subkey() -> None:
    loaded = registry({"plan": ("enterprise", REG_SZ), "version": (1, REG_DWORD)})
    assert loaded == (Policy(plan="enterprise", source=loaded.policy.source), ())


def test_the_effective_settings_read_this_computers_policy(tmp_path: Path) -> None:
    settings, policy = load_effective_settings(tmp_path / "settings.json")
    assert (settings, policy) == (Settings(), Policy())
    written = save_user_settings(Settings(poll_interval_s=90), path=tmp_path / "settings.json")
    assert written.poll_interval_s == 90


@pytest.mark.parametrize(
    ("document", "word"),
    [
        ({"locked": "proxy"}, "must be a list"),
        ({"settings": {"wallpaper": "blue"}}, "is not a setting a policy can set"),
        ({"settings": {"reminders": {"remind_lunch": "no"}}}, "remind_lunch"),
        ({"settings": {"reminders": 3}}, "true or false (all reminders)"),
        ({"version": True}, "must be 1"),
        ({"portal": "   "}, ""),
    ],
)
def test_json_values_a_policy_cannot_take(tmp_path: Path, document: object, word: str) -> None:
    write_policy(tmp_path, document)
    loaded = linux(tmp_path)
    assert loaded.policy.values == {} or loaded.policy.locked == frozenset()
    assert word in " ".join(loaded.problems)


def test_a_value_that_is_not_json_holds_no_secret() -> None:
    loop: list[object] = []
    loop.append(loop)
    assert not policy_document._holds_secret(loop)
    assert not policy_document._holds_secret({1j})
