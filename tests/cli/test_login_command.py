"""``login`` and ``logout`` against the simulator over HTTPS (in-process, memory keyring)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import SECRET, Cli
from tray_app.config.settings_file import load_settings, settings_path
from tray_app.demo import PortalSimulator, SimUser


def test_login_checks_the_webhook_then_stores_it(cli: Cli) -> None:
    result = cli.login()
    assert result.code == 0, result.err
    assert result.out == (
        f"Signed in as Anna Ivanova (user 1) at {cli.sim.base_url}. The workday is CLOSED.\n"
    )
    assert [r.rest_method for r in cli.sim.requests] == ["profile", "scope", "timeman.status"]
    settings = load_settings()
    assert (settings.portal_url, settings.user_id) == (cli.sim.base_url, 1)
    assert settings.display_name == "Anna Ivanova"
    host = cli.sim.base_url.split("://")[1]
    assert cli.store.get(f"{host}/1") == SECRET
    assert SECRET not in settings_path().read_text()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://portal.example.com/rest/1/k7dmwq2x9p4tz1ab/", "Plain http://"),
        ("https://portal.example.com/rest/1/k7dm wq2x9p4tz1ab/", "contains spaces"),
        ("https://portal.example.com/api/1/k7dmwq2x9p4tz1ab/", "/rest/USER_ID/SECRET/"),
        ("portal.example.com", "Expected https://"),
        ("", "No webhook URL"),
    ],
)
def test_login_refuses_a_bad_url_without_sending_or_storing(
    cli: Cli, url: str, message: str
) -> None:
    result = cli("login", stdin=url + "\n")
    assert result.code == 2
    assert message in result.err
    assert "k7dm" not in result.err
    assert cli.sim.requests == []
    assert not settings_path().exists()
    assert repr(cli.store) == "MemorySecretStore(accounts=[])"


def test_login_with_a_wrong_secret_stores_nothing(cli: Cli) -> None:
    result = cli.login(cli.url.replace(SECRET, "wrongsecret12345"))
    assert result.code == 3
    assert "does not accept this webhook" in result.err
    assert "wrongsecret12345" not in result.err
    assert not settings_path().exists()


def test_login_without_the_timeman_scope_stores_nothing(sim: PortalSimulator, cli: Cli) -> None:
    sim.add_user(SimUser(user_id=2, secret="noscope000000000", scopes=("user",)))
    result = cli.login(sim.webhook_url(2))
    assert result.code == 3
    assert "timeman" in result.err
    assert not settings_path().exists()


def test_login_when_the_keyring_fails_stores_nothing(cli: Cli) -> None:
    from tray_app.config.errors import KeyringUnavailableError  # noqa: PLC0415

    cli.store.error = KeyringUnavailableError("No usable keyring: install GNOME Keyring.")
    result = cli.login()
    assert result.code == 3
    assert "No usable keyring" in result.err
    assert "Nothing was stored" in result.err
    assert not settings_path().exists()


def test_login_through_a_moved_portal_saves_the_new_address(cli: Cli) -> None:
    alias = cli.sim.start_alias()
    result = cli.login(cli.url.replace(cli.sim.base_url, alias))
    assert result.code == 0, result.err
    assert load_settings().portal_url == cli.sim.base_url


def test_logout_forgets_secret_and_account(signed_in: Cli) -> None:
    result = signed_in("logout")
    assert result.code == 0
    assert "the secret is deleted" in result.out
    assert repr(signed_in.store) == "MemorySecretStore(accounts=[])"
    assert load_settings().portal_url == ""
    assert signed_in("logout").out == "Not signed in; nothing to forget.\n"
