"""Settings: the file's location, round trip, migration, damaged files, privacy of the file."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tray_app.config.errors import SettingsFileError
from tray_app.config.settings import Settings
from tray_app.config.settings_file import (
    CURRENT_VERSION,
    load_settings,
    load_settings_or_defaults,
    save_settings,
    settings_path,
    user_log_dir,
)

SECRET = "k3bx9zq1secretvalue"
WEBHOOK = f"https://portal.example.com/rest/7/{SECRET}/"

ALL_FIELDS: dict[str, Any] = {
    "portal_url": "https://portal.example.com:8443",
    "user_id": 7,
    "display_name": "Anna Example",
    "ca_file": "/etc/ssl/company-ca.pem",
    "proxy": "http://proxy.example.com:3128",
    "poll_interval_s": 120,
    "notifications": False,
    "paint_time_in_icon": True,
    "language": "pt_BR",
    "start_at_login": True,
    "remind_not_started": False,
    "remind_lunch": False,
    "remind_work_done": False,
    "remind_still_open": False,
    "remind_forgotten_day": False,
    "still_open_after_min": 45,
    "away_detection": False,
    "away_threshold_min": 30,
    "schedule": {"name": "Office", "settingsRevisions": [{"planDaysTemplates": [480] * 5}]},
    "shift": "Ночная",
    "holiday_calendar": "none",
    "kept_reason": "Offline at {clicked}, sent {sent}",
}


def write(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")


# --- where the file lives


def test_settings_path_follows_xdg_config_home(tmp_path: Path) -> None:
    assert settings_path() == Path(os.environ["XDG_CONFIG_HOME"], "timeman-tray", "settings.json")


def test_the_test_environment_is_isolated_from_the_real_home() -> None:
    home = Path(os.environ["HOME"])
    assert home != Path("/root")
    assert Path(os.environ["XDG_CONFIG_HOME"]).parent == home.parent
    assert "DBUS_SESSION_BUS_ADDRESS" not in os.environ


def test_user_log_dir_is_under_xdg_state_home() -> None:
    assert user_log_dir() == Path(os.environ["XDG_STATE_HOME"], "timeman-tray", "log")


def test_default_path_round_trip() -> None:
    save_settings(Settings(user_id=3))
    assert settings_path().is_file()
    assert load_settings().user_id == 3


# --- defaults and round trip


def test_no_file_gives_defaults_and_writes_nothing() -> None:
    assert load_settings() == Settings()
    assert not settings_path().exists()
    assert not settings_path().parent.exists()


def test_defaults_are_the_documented_ones() -> None:
    defaults = Settings()
    assert defaults.portal_url == ""
    assert defaults.user_id == 0
    assert defaults.poll_interval_s == 60
    assert defaults.notifications is True
    assert defaults.paint_time_in_icon is False
    assert defaults.language == ""
    assert defaults.start_at_login is False
    assert defaults.remind_not_started is True
    assert defaults.remind_lunch is True
    assert defaults.remind_work_done is True
    assert defaults.remind_still_open is True
    assert defaults.remind_forgotten_day is True
    assert defaults.still_open_after_min == 30
    assert defaults.away_detection is True
    assert defaults.away_threshold_min == 15
    assert defaults.schedule is None
    assert defaults.shift is None
    assert defaults.holiday_calendar == "auto"
    assert defaults.unknown == {}


def test_round_trip_of_every_field(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    original = Settings(**ALL_FIELDS)
    save_settings(original, path)
    assert load_settings(path) == original
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == {"version": CURRENT_VERSION, **ALL_FIELDS}


def test_file_is_private_and_folder_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "settings.json"
    save_settings(Settings(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_rewriting_keeps_mode_0600_even_if_the_old_file_was_readable(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1})
    path.chmod(0o644)
    save_settings(Settings(user_id=1), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    save_settings(Settings(user_id=2), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_failed_replace_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(user_id=1), path)

    def broken_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SettingsFileError, match="No space left on device") as caught:
        save_settings(Settings(user_id=2), path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    monkeypatch.undo()
    assert load_settings(path).user_id == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_unwritable_location_raises_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SettingsFileError, match="cannot be written"):
        save_settings(Settings(), blocker / "settings.json")


def test_unknown_keys_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1, "user_id": 4, "future_option": {"a": [1, 2]}, "theme": "dark"})
    loaded = load_settings(path)
    assert loaded.unknown == {"future_option": {"a": [1, 2]}, "theme": "dark"}
    save_settings(dataclasses.replace(loaded, user_id=5), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["future_option"] == {"a": [1, 2]}
    assert document["theme"] == "dark"
    assert document["user_id"] == 5


def test_settings_are_hashable_and_repr_hides_unknown_values() -> None:
    settings = Settings(unknown={"theme": "dark"})
    assert hash(settings) == hash(Settings(unknown={"theme": "dark"}))
    assert "dark" not in repr(settings)


def test_a_schedule_is_a_copy_of_a_json_object_and_keeps_settings_hashable() -> None:
    document: dict[str, Any] = {"name": "Office", "settingsRevisions": [{"allowableDelay": 10}]}
    settings = Settings(schedule=document)
    document["settingsRevisions"][0]["allowableDelay"] = 99  # the caller's object changes
    assert settings.schedule == {"name": "Office", "settingsRevisions": [{"allowableDelay": 10}]}
    assert hash(settings) == hash(Settings(schedule={"name": "Other"}))  # not part of the hash
    assert settings != Settings(schedule={"name": "Other"})
    assert Settings(schedule=None).schedule is None


# --- bad values


def test_one_bad_value_falls_back_to_its_default_and_keeps_the_rest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1, "poll_interval_s": "often", "user_id": 9, "notifications": "yes"})
    with caplog.at_level(logging.WARNING):
        loaded = load_settings(path)
    assert loaded == Settings(user_id=9)
    assert "poll_interval_s must be a whole number" in caplog.text
    assert "notifications must be true or false" in caplog.text
    assert str(path) in caplog.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("  https://Portal.Example.COM/ ", "https://portal.example.com"),
        ("HTTPS://portal.example.com:8443", "https://portal.example.com:8443"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("https://[2001:db8::1]", "https://[2001:db8::1]"),
    ],
)
def test_portal_url_accepted(value: str, expected: str) -> None:
    assert Settings(portal_url=value).portal_url == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://portal.example.com", "must use https"),
        ("http://10.0.0.1", "must use https"),
        ("ftp://portal.example.com", "must be https://host"),
        ("https://", "must be https://host"),
        ("portal.example.com", "must be https://host"),
        ("https://portal.example.com/bitrix", "must be https://host"),
        ("https://portal.example.com?x=1", "must be https://host"),
        ("https://portal.example.com#top", "must be https://host"),
        ("https://anna@portal.example.com", "must be https://host"),
        ("https://portal.example.com:99999", "must be https://host"),
        (42, "must be text"),
    ],
)
def test_portal_url_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^portal_url {message}"):
        Settings(portal_url=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("http://proxy.example.com:3128/", "http://proxy.example.com:3128"),
        ("HTTPS://proxy:8443", "https://proxy:8443"),
        ("https://proxy", "https://proxy"),
        ("http://10.0.0.1:3128", "http://10.0.0.1:3128"),
        ("http://[::1]:3128", "http://[::1]:3128"),
        ("http://прокси.пример.рф:3128", "http://прокси.пример.рф:3128"),
        ("http://proxy.example.com.:3128", "http://proxy.example.com.:3128"),
    ],
)
def test_proxy_accepted(value: str, expected: str) -> None:
    assert Settings(proxy=value).proxy == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ftp://proxy:21", "must be a URL"),
        ("socks5://proxy:1080", "must be a URL"),  # the client speaks HTTP(S) proxies only
        ("http://", "must be a URL"),
        ("http://proxy/path", "must be a URL"),
        ("http://proxy:port", "must be a URL"),
        ("http://anna@proxy:3128", "must not contain user@"),
        ("http://anna:pw@proxy:3128", "looks like a secret"),
        ("http://proxy example:8080", "has no valid host name"),
        ("http://proxy..example:8080", "has no valid host name"),
        ("http://proxy%20example:8080", "has no valid host name"),
        (f"http://{'a' * 64}.example:8080", "has no valid host name"),
    ],
)
def test_proxy_refused(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^proxy {message}"):
        Settings(proxy=value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("user_id", -1),
        ("user_id", True),
        ("user_id", "7"),
        ("user_id", 2**31),
        ("poll_interval_s", 14),
        ("poll_interval_s", 3601),
        ("poll_interval_s", 60.0),
        ("poll_interval_s", False),
        ("notifications", 1),
        ("paint_time_in_icon", "false"),
        ("start_at_login", None),
        ("language", "german!"),
        ("language", "d"),
        ("display_name", "x" * 201),
        ("display_name", "nul\x00byte"),
        ("display_name", 3),
        ("ca_file", ["a"]),
        ("remind_lunch", "yes"),
        ("still_open_after_min", 4),
        ("still_open_after_min", 481),
        ("still_open_after_min", 30.0),
        ("still_open_after_min", True),
        ("away_detection", 0),
        ("away_threshold_min", 4),
        ("away_threshold_min", 241),
        ("schedule", ["not", "an", "object"]),
        ("schedule", {"name": float("nan"), "when": object()}),
        ("schedule", {"description": "https://portal.example.com/rest/7/abcdef/"}),
        ("shift", 1),
        ("shift", ["Day"]),
        ("shift", "x" * 101),
        ("shift", "night\x00"),
        ("holiday_calendar", None),
        ("holiday_calendar", "de"),
        ("holiday_calendar", ""),
        ("holiday_calendar", 0),
        ("kept_reason", "two\nlines"),
        ("kept_reason", "carriage\rreturn"),
        ("kept_reason", "x" * 256),
        ("kept_reason", None),
    ],
)
def test_invalid_values_are_refused_with_the_field_name(name: str, value: object) -> None:
    arguments: dict[str, Any] = {name: value}
    with pytest.raises(ValueError, match=f"^{name} "):
        Settings(**arguments)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("language", " de ", "de"),
        ("language", "en-US", "en-US"),
        ("display_name", "  Anna  ", "Anna"),
        ("ca_file", " /tmp/ca.pem ", "/tmp/ca.pem"),
        ("poll_interval_s", 15, 15),
        ("poll_interval_s", 3600, 3600),
        ("user_id", 0, 0),
        ("still_open_after_min", 5, 5),
        ("still_open_after_min", 480, 480),
        ("away_threshold_min", 5, 5),
        ("away_threshold_min", 240, 240),
        ("shift", "  Night  ", "Night"),
        ("shift", "x" * 100, "x" * 100),
        ("shift", "   ", None),
        ("shift", None, None),
        ("holiday_calendar", " RU ", "ru"),
        ("holiday_calendar", "auto", "auto"),
        ("holiday_calendar", "none", "none"),
        ("kept_reason", "  Sent late: {clicked}  ", "Sent late: {clicked}"),
        ("kept_reason", "x" * 255, "x" * 255),
        ("kept_reason", "", ""),
    ],
)
def test_values_are_normalised(name: str, value: object, expected: object) -> None:
    arguments: dict[str, Any] = {name: value}
    assert getattr(Settings(**arguments), name) == expected


def test_a_bad_shift_or_holiday_calendar_in_the_file_falls_back_to_the_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1, "shift": 5, "holiday_calendar": "de", "user_id": 9})
    with caplog.at_level(logging.WARNING):
        loaded = load_settings(path)
    assert (loaded.shift, loaded.holiday_calendar, loaded.user_id) == (None, "auto", 9)
    assert "shift must be text" in caplog.text
    assert 'holiday_calendar must be "auto", "ru" or "none"' in caplog.text


def test_the_shift_and_holiday_calendar_are_written_as_chosen(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(shift=" Дневная ", holiday_calendar="ru"), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["shift"], document["holiday_calendar"]) == ("Дневная", "ru")
    save_settings(Settings(), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["shift"], document["holiday_calendar"]) == (None, "auto")


# --- damaged files


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "is damaged"),
        (b"", "is damaged"),
        (b"\xff\xfe\x00garbage", "is damaged"),
        (b"[1, 2]", "does not hold a JSON object"),
        (b'{"version": "one"}', 'has an invalid "version"'),
        (b'{"version": true}', 'has an invalid "version"'),
        (b'{"version": -1}', 'has an invalid "version"'),
        (b'{"version": 99}', "was written by a newer timeman-tray"),
    ],
)
def test_damaged_file_raises_an_error_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"The settings file {path} {reason}")
    assert "fix or delete it" in message
    assert caught.value.path == path


def test_unreadable_file_raises_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # reading a folder fails even as root, unlike chmod 000
    with pytest.raises(SettingsFileError, match="cannot be read") as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_the_app_falls_back_to_defaults_and_gets_the_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{oops", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings, error = load_settings_or_defaults(path)
    assert settings == Settings()
    assert isinstance(error, SettingsFileError)
    assert str(path) in caplog.text
    assert path.read_text(encoding="utf-8") == "{oops", "loading must not touch the file"


def test_the_app_gets_no_error_for_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(user_id=2), path)
    assert load_settings_or_defaults(path) == (Settings(user_id=2), None)


def test_saving_over_a_damaged_file_keeps_it_as_bak(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{oops", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        save_settings(Settings(user_id=3), path)
    assert (tmp_path / "settings.json.bak").read_text(encoding="utf-8") == "{oops"
    assert load_settings(path).user_id == 3
    assert "settings.json.bak" in caplog.text


def test_saving_over_a_good_file_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(user_id=1), path)
    save_settings(Settings(user_id=2), path)
    assert not (tmp_path / "settings.json.bak").exists()


# --- migration


def test_unversioned_file_is_migrated_in_memory_and_upgraded_on_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"portal_url": "https://portal.example.com", "user_id": 3, "theme": "dark"})
    loaded = load_settings(path)
    assert loaded == Settings(
        portal_url="https://portal.example.com", user_id=3, unknown={"theme": "dark"}
    )
    assert "version" not in json.loads(path.read_text(encoding="utf-8")), "load never writes"
    save_settings(loaded, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == CURRENT_VERSION


def test_version_0_webhook_url_keeps_portal_and_user_but_drops_the_secret(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    write(path, {"webhook_url": WEBHOOK, "notifications": False})
    with caplog.at_level(logging.WARNING):
        loaded = load_settings(path)
    assert loaded.portal_url == "https://portal.example.com"
    assert loaded.user_id == 7
    assert loaded.notifications is False
    assert loaded.unknown == {}
    assert "webhook_url" in caplog.text
    assert SECRET not in caplog.text
    save_settings(loaded, path)
    assert SECRET not in path.read_text(encoding="utf-8")


def test_version_0_webhook_does_not_override_explicit_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(
        path,
        {
            "webhook": WEBHOOK,
            "webhook_url": 12,
            "portal_url": "https://other.example.com",
            "user_id": 1,
        },
    )
    loaded = load_settings(path)
    assert (loaded.portal_url, loaded.user_id) == ("https://other.example.com", 1)


def test_version_0_webhook_that_is_not_a_webhook_is_just_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"webhook": "not a url"})
    assert load_settings(path) == Settings()


# --- the secret is never written


def test_a_webhook_url_is_refused_in_every_text_field_without_repeating_it() -> None:
    for name in ("portal_url", "display_name", "ca_file", "proxy", "language", "shift"):
        arguments: dict[str, Any] = {name: WEBHOOK}
        with pytest.raises(ValueError, match="looks like a secret") as caught:
            Settings(**arguments)
        assert SECRET not in str(caught.value)


def test_a_bad_portal_url_in_the_file_is_not_repeated_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1, "portal_url": WEBHOOK})
    with caplog.at_level(logging.WARNING):
        assert load_settings(path).portal_url == ""
    assert SECRET not in caplog.text


def test_no_secret_looking_value_is_written_even_if_passed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    passed = Settings(
        portal_url="https://portal.example.com",
        unknown={
            "webhook_secret": SECRET,
            "api_token": SECRET,
            "password": SECRET,
            "oauth": {"refresh": SECRET},
            "note": WEBHOOK,
            "nested": {"proxy": f"http://anna:{SECRET}@proxy:3128"},
            "rest3": f"https://portal.example.com/rest/api/7/{SECRET}/tasks",
            "portal_url": f"https://x/rest/1/{SECRET}/",
            "version": 99,
            "unknown": SECRET,
            "kept": "plain value",
        },
    )
    with caplog.at_level(logging.WARNING):
        save_settings(passed, path)
    text = path.read_text(encoding="utf-8")
    assert SECRET not in text
    assert SECRET not in caplog.text
    document = json.loads(text)
    assert document["kept"] == "plain value"
    assert document["portal_url"] == "https://portal.example.com"
    assert document["version"] == CURRENT_VERSION
    assert set(document) == {"version", "kept", *ALL_FIELDS}


def test_secret_looking_unknown_keys_in_the_file_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write(path, {"version": 1, "token": SECRET, "theme": "dark"})
    loaded = load_settings(path)
    assert loaded.unknown == {"theme": "dark"}
    save_settings(loaded, path)
    assert SECRET not in path.read_text(encoding="utf-8")
