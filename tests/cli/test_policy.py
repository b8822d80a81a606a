"""The CLI obeys the administrator's policy: another portal's webhook and a locked setting are
refused (exit 2) with nothing stored."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.cli.conftest import SECRET, Cli
from tray_app.config.secrets import account_key
from tray_app.config.settings_file import load_settings, save_settings


def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: object) -> None:
    folder = tmp_path / "xdg" / "timeman-tray"
    folder.mkdir(parents=True)
    (folder / "policy.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))


def test_a_webhook_of_another_portal_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy(tmp_path, monkeypatch, {"portal": "corp.bitrix24.ru"})
    result = cli.login()
    assert result.code == 2
    assert "your administrator allows only webhooks of https://corp.bitrix24.ru" in result.err
    assert cli.sim.base_url in result.err
    assert "Nothing was stored" in result.err
    assert cli.sim.requests == []
    assert load_settings().portal_url == ""


def test_a_webhook_of_the_policys_portal_signs_in(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy(tmp_path, monkeypatch, {"portal": cli.sim.base_url})
    assert cli.login().code == 0


@pytest.mark.parametrize(
    ("locked", "option", "words"),
    [("ca_bundle", "--ca-file", "The CA file"), ("proxy", "--proxy", "The proxy")],
)
def test_a_locked_setting_cannot_be_changed(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    locked: str,
    option: str,
    words: str,
) -> None:
    policy(tmp_path, monkeypatch, {"locked": [locked]})
    value = str(cli.sim.ca_file) if option == "--ca-file" else "http://proxy.example.com:3128"
    result = cli("login", option, value, stdin=cli.url + "\n")
    assert result.code == 2
    assert f"{words} is set by your administrator" in result.err
    assert cli.sim.requests == []
    assert load_settings().portal_url == ""


def test_a_locked_value_is_used_but_not_written_to_the_users_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.sim.ca_file is not None
    policy(
        tmp_path,
        monkeypatch,
        {"locked": ["ca_bundle", "language"], "settings": {"ca_bundle": str(cli.sim.ca_file)}},
    )
    result = cli("login", stdin=cli.url + "\n")  # no --ca-file: the policy's CA file trusts it
    assert result.code == 0, result.err
    stored = load_settings()
    assert stored.portal_url == cli.sim.base_url
    assert stored.ca_file == ""
    assert cli("status").code == 0


def test_a_move_to_a_host_the_policy_excludes_is_not_followed(
    signed_in: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signed in at the policy's portal, which now redirects elsewhere: the secret is not sent
    there, and the saved address stays."""
    alias = signed_in.sim.start_alias()  # redirects to the simulator's main address
    old = load_settings()
    secret = signed_in.store.get(account_key(old.portal_url, 1))
    assert secret is not None
    signed_in.store.set(account_key(alias, 1), secret)
    save_settings(dataclasses.replace(old, portal_url=alias))
    policy(tmp_path, monkeypatch, {"portal": alias})
    before = len(signed_in.sim.requests)
    result = signed_in("status")
    assert result.code != 0
    assert "which your administrator does not allow; not following it" in result.err
    assert SECRET not in result.err
    assert [r.listener for r in signed_in.sim.requests[before:]] == ["alias"]
    assert load_settings().portal_url == alias
