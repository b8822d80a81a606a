"""The CLI obeys the administrator's policy: another portal's webhook and a locked setting are
refused (exit 2) with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tray_app.config.settings_file import load_settings


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
