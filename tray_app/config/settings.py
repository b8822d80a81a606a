"""Per-user, non-secret settings: a versioned JSON file in the platform's config folder.

Why a file of our own and not ``QSettings``: the CLI and the tests read settings without Qt, and
a small JSON file is easy to inspect, migrate and isolate (``XDG_CONFIG_HOME``).

* **One table of defaults**: the fields of :class:`Settings`, each with its default and its check.
* **Versioned**: ``"version": 1``; an older (or unversioned) file is migrated in memory on load,
  and written in the new form on the next save. Load never writes.
* **Forward-compatible**: unknown keys are kept and written back, except secret-looking ones.
* **Damaged file**: :func:`load_settings` raises :class:`SettingsFileError` naming the file;
  :func:`load_settings_or_defaults` (what the app calls) returns the defaults and that error for
  the user instead. The damaged file is never overwritten silently: the next save first moves
  it to ``settings.json.bak`` and logs it. One bad value (a string where a number belongs)
  falls back to that field's default with a logged warning; the rest of the file is used.
* **Atomic, private writes**: a temporary file in the same folder, ``fsync``, ``os.replace``;
  mode 0600.
* **No secrets, ever**: the webhook secret lives only in the keyring (:mod:`.secrets`). A value
  that looks like a webhook URL or a ``user:password@`` URL is refused in every text field, and
  unknown keys with secret-looking names or values are dropped.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

import platformdirs

from tray_app.config.errors import SettingsFileError
from tray_app.config.files import write_atomically
from tray_app.core.hosts import is_host, is_loopback

__all__ = [
    "CURRENT_VERSION",
    "Settings",
    "load_settings",
    "load_settings_or_defaults",
    "save_settings",
    "settings_path",
    "user_log_dir",
]

log = logging.getLogger(__name__)

APP_NAME: Final = "timeman-tray"
SETTINGS_FILE: Final = "settings.json"
CURRENT_VERSION: Final = 1
MIN_POLL_INTERVAL_S: Final = 15
MAX_POLL_INTERVAL_S: Final = 3600
MIN_STILL_OPEN_MIN: Final = 5
MAX_STILL_OPEN_MIN: Final = 480
MIN_AWAY_MIN: Final = 5
MAX_AWAY_MIN: Final = 240
MAX_SHIFT_NAME: Final = 100
HOLIDAY_CALENDARS: Final = ("auto", "ru", "none")
"""Where holidays come from: the schedule's production calendar (the Russian one for Russia),
the Russian production calendar, or none at all."""

_T = TypeVar("_T")

# A webhook path (/rest/USER/SECRET, also REST 3.0's /rest/api/USER/SECRET) or a URL carrying
# user:password@ - the two ways a secret sneaks into a text field.
_SECRET_VALUE = re.compile(r"/rest/(?:api/)?[^/\s]+/[^/\s]+|://[^/@\s]*:[^/@\s]*@", re.IGNORECASE)
_SECRET_KEY = re.compile(r"secret|token|passw|webhook|credential|api[_-]?key|auth", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_PROXY_SCHEMES = frozenset({"http", "https"})  # what the api layer can use


def settings_path() -> Path:
    """``settings.json`` in the per-user config folder (``$XDG_CONFIG_HOME/timeman-tray`` on
    Linux, ``%APPDATA%\\timeman-tray`` on Windows, ``~/Library/Application Support`` on macOS).
    """
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def user_log_dir() -> Path:
    """The per-user log folder (``$XDG_STATE_HOME/timeman-tray/log`` on Linux); not created."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


# --- checks: each takes a value from JSON or a caller, returns it normalised or raises
# ValueError with a message that never repeats the value (it might be a secret).


def looks_secret(text: str) -> bool:
    """True if ``text`` contains a webhook path or a URL with ``user:password@``."""
    return _SECRET_VALUE.search(text) is not None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if looks_secret(value):
        raise ValueError(
            "looks like a secret (a webhook URL or a password), which belongs in the keyring"
        )
    return value


def _netloc(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port is None else f"{shown}:{port}"


def _check_portal_url(value: object) -> str:
    text = _text(value).strip()
    if not text:
        return ""
    expected = "must be https://host[:port] with nothing after the host"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(expected) from None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in {"https", "http"} or not host or parts.username is not None:
        raise ValueError(expected)
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ValueError(expected)
    if scheme == "http" and not is_loopback(host):
        raise ValueError("must use https (plain http is allowed to this computer only)")
    return f"{scheme}://{_netloc(host, port)}"


def _check_proxy(value: object) -> str:
    text = _text(value).strip()
    if not text:
        return ""
    expected = "must be a URL such as http://proxy.example.com:3128"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(expected) from None
    scheme = parts.scheme.lower()
    if scheme not in _PROXY_SCHEMES or not parts.hostname or parts.path not in {"", "/"}:
        raise ValueError(expected)
    if parts.username is not None:
        raise ValueError("must not contain user@: proxy credentials are not kept in settings")
    if not is_host(parts.hostname):
        raise ValueError(f"has no valid host name; {expected}")
    return f"{scheme}://{_netloc(parts.hostname, port)}"


def _check_user_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
        raise ValueError("must be a whole number, 0 meaning not set")
    return value


def _check_poll_interval(value: object) -> int:
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not MIN_POLL_INTERVAL_S <= value <= MAX_POLL_INTERVAL_S
    ):
        raise ValueError(
            f"must be a whole number of seconds from {MIN_POLL_INTERVAL_S} to {MAX_POLL_INTERVAL_S}"
        )
    return value


def _minutes_between(low: int, high: int) -> Callable[[object], int]:
    """The check of a whole number of minutes from ``low`` to ``high``."""

    def check(value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"must be a whole number of minutes from {low} to {high}")
        return value

    return check


def _check_schedule(value: object) -> dict[str, Any] | None:
    """A WorkTimeSchedule JSON object (checked in full where it is used), or None."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError("must be a JSON object (a work schedule) or null")
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        raise ValueError("must hold only JSON values") from None
    if looks_secret(text):
        raise ValueError("looks like it holds a secret, which belongs in the keyring")
    copied: dict[str, Any] = json.loads(text)
    return copied


def _check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _check_language(value: object) -> str:
    text = _text(value).strip()
    if text and not _LANGUAGE.match(text):
        raise ValueError('must be a language tag such as "de" or "pt_BR", or "" for the system')
    return text


def _check_display_name(value: object) -> str:
    text = _text(value).strip()
    if len(text) > 200:
        raise ValueError("must be at most 200 characters")
    return text


def _check_shift(value: object) -> str | None:
    """The name of the user's shift, or None (also for "") for the schedule's default shift."""
    if value is None:
        return None
    text = _text(value).strip()
    if len(text) > MAX_SHIFT_NAME:
        raise ValueError(f"must be at most {MAX_SHIFT_NAME} characters")
    return text or None


def _check_holiday_calendar(value: object) -> str:
    text = _text(value).strip().lower()
    if text not in HOLIDAY_CALENDARS:
        raise ValueError('must be "auto", "ru" or "none"')
    return text


def _check_path(value: object) -> str:
    return _text(value).strip()


def _setting(default: _T, check: Callable[[object], _T]) -> _T:
    """A :class:`Settings` field: its default and its check, side by side in the one table."""
    return field(default=default, metadata={"check": check})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """All non-secret settings; the class body is the one table of defaults.

    Construction validates and normalises every field (``ValueError`` names the field, never
    the value). :attr:`unknown` holds keys this version does not know, written back on save.
    """

    portal_url: str = _setting("", _check_portal_url)
    """``https://host[:port]`` of the portal, no path; "" until the user logs in."""
    user_id: int = _setting(0, _check_user_id)
    """The webhook's user id; 0 until the user logs in."""
    display_name: str = _setting("", _check_display_name)
    """The user's name as the portal reported it, for the tooltip."""
    ca_file: str = _setting("", _check_path)
    """A PEM file of extra CA certificates (self-hosted portals); "" for none."""
    proxy: str = _setting("", _check_proxy)
    """A proxy URL without credentials; "" for the system's settings."""
    poll_interval_s: int = _setting(60, _check_poll_interval)
    notifications: bool = _setting(True, _check_bool)
    paint_time_in_icon: bool = _setting(False, _check_bool)
    language: str = _setting("", _check_language)
    """A language tag, "" for the system language."""
    start_at_login: bool = _setting(False, _check_bool)
    remind_not_started: bool = _setting(True, _check_bool)
    """Remind when the day is not started by the latest on-time start."""
    remind_lunch: bool = _setting(True, _check_bool)
    """Remind when the lunch window opens while working (fixed hours)."""
    remind_work_done: bool = _setting(True, _check_bool)
    """Remind when the planned work is done."""
    remind_still_open: bool = _setting(True, _check_bool)
    """Remind when the day is still open :attr:`still_open_after_min` after its end."""
    remind_forgotten_day: bool = _setting(True, _check_bool)
    """Remind of a day that was never closed."""
    still_open_after_min: int = _setting(
        30, _minutes_between(MIN_STILL_OPEN_MIN, MAX_STILL_OPEN_MIN)
    )
    away_detection: bool = _setting(True, _check_bool)
    """Notice time away while the day is open and ask about it on return."""
    away_threshold_min: int = _setting(15, _minutes_between(MIN_AWAY_MIN, MAX_AWAY_MIN))
    """The shortest time away to ask about."""
    schedule: Mapping[str, Any] | None = field(
        default=None, hash=False, metadata={"check": _check_schedule}
    )
    """The work schedule (a WorkTimeSchedule object, imported or made by hand); None: the
    portal's limits."""
    shift: str | None = _setting(None, _check_shift)
    """The name of the shift the user works (shift schedules); None: the schedule's first
    (default) shift. A name the schedule no longer has means the default shift too."""
    holiday_calendar: str = _setting("auto", _check_holiday_calendar)
    """One of :data:`HOLIDAY_CALENDARS`: "auto" (the schedule's production calendar, Russian for
    Russia), "ru" (the Russian production calendar) or "none" (no holidays)."""
    unknown: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def __post_init__(self) -> None:
        for spec in _known_fields():
            check = spec.metadata["check"]
            try:
                normalised = check(getattr(self, spec.name))
            except ValueError as error:
                raise ValueError(f"{spec.name} {error}") from None
            object.__setattr__(self, spec.name, normalised)
        object.__setattr__(self, "unknown", MappingProxyType(_clean_unknown(self.unknown)))


def _known_fields() -> tuple[dataclasses.Field[Any], ...]:
    return tuple(spec for spec in fields(Settings) if "check" in spec.metadata)


def _clean_unknown(unknown: Mapping[str, Any]) -> dict[str, Any]:
    """Keep unknown keys for newer versions, but never a secret-looking or reserved one."""
    reserved = {spec.name for spec in _known_fields()} | {"version", "unknown"}
    kept: dict[str, Any] = {}
    for key, value in unknown.items():
        if key in reserved:
            continue
        if _SECRET_KEY.search(key) or looks_secret(json.dumps(value, default=str)):
            log.warning("Dropped the setting %r: secrets belong in the keyring", key)
            continue
        kept[key] = value
    return kept


# --- migrations: _MIGRATIONS[n] turns a version-n document into a version-(n + 1) one.


def _from_v0(document: dict[str, Any]) -> dict[str, Any]:
    """Files written before versioning had the same keys; early hand-written ones may hold a
    whole webhook URL. Keep its portal and user id; its secret is dropped with the key (see
    :func:`_clean_unknown`), so the user logs in once more and the secret goes to the keyring.
    """
    migrated = dict(document)
    for key in ("webhook_url", "webhook"):
        url = migrated.get(key)
        if not isinstance(url, str):
            continue
        match = re.match(r"^\s*(https?://[^/\s]+)/rest/(\d+)/", url)
        if match:
            migrated.setdefault("portal_url", match.group(1))
            migrated.setdefault("user_id", int(match.group(2)))
    migrated["version"] = 1
    return migrated


_MIGRATIONS: Final[Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {0: _from_v0}


def _damaged(path: Path, reason: str) -> SettingsFileError:
    return SettingsFileError(
        f"The settings file {path} {reason}: fix or delete it; until then timeman-tray uses "
        f"default settings and keeps that file as {path.name}.bak when it next saves.",
        path,
    )


def _read_document(path: Path) -> dict[str, Any] | None:
    """The file's JSON object migrated to :data:`CURRENT_VERSION`; None if there is no file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SettingsFileError(
            f"The settings file {path} cannot be read ({error.strerror}): check its "
            "permissions, or move it away to start with default settings.",
            path,
        ) from error
    try:
        document: object = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(path, f"is damaged ({error})") from error
    if not isinstance(document, dict):
        raise _damaged(path, "does not hold a JSON object")
    version = document.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _damaged(path, 'has an invalid "version"')
    if version > CURRENT_VERSION:
        raise _damaged(path, f"was written by a newer timeman-tray (version {version})")
    while version < CURRENT_VERSION:
        document = _MIGRATIONS[version](document)
        version += 1
    return document


def _from_document(document: Mapping[str, Any], path: Path) -> Settings:
    checks = {spec.name: spec.metadata["check"] for spec in _known_fields()}
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    for key, value in document.items():
        if key == "version":
            continue
        if key not in checks:
            unknown[key] = value
            continue
        try:
            values[key] = checks[key](value)
        except ValueError as error:
            log.warning("%s: %s %s; using the default", path, key, error)
    return Settings(**values, unknown=unknown)


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; defaults if there is no file. Never writes.

    Raises :class:`SettingsFileError` if the file exists but cannot be used at all.
    """
    target = path if path is not None else settings_path()
    document = _read_document(target)
    if document is None:
        return Settings()
    return _from_document(document, target)


def load_settings_or_defaults(
    path: Path | None = None,
) -> tuple[Settings, SettingsFileError | None]:
    """What the app calls at start: the settings, or the defaults plus the error to show."""
    try:
        return load_settings(path), None
    except SettingsFileError as error:
        log.warning("%s", error)
        return Settings(), error


def _to_document(settings: Settings) -> dict[str, Any]:
    document: dict[str, Any] = dict(settings.unknown)
    document.update({spec.name: getattr(settings, spec.name) for spec in _known_fields()})
    document["version"] = CURRENT_VERSION
    return document


def _keep_unusable(path: Path) -> None:
    """Move a damaged (or newer) settings file aside instead of overwriting it silently."""
    try:
        _read_document(path)
    except SettingsFileError:
        backup = path.with_name(path.name + ".bak")
        os.replace(path, backup)
        log.warning("Kept the unusable settings file as %s", backup)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically with mode 0600 (a crash leaves the old file or the new one).

    Raises :class:`SettingsFileError` if the file cannot be written.
    """
    target = path if path is not None else settings_path()
    text = json.dumps(_to_document(settings), indent=2, sort_keys=True, ensure_ascii=False)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _keep_unusable(target)
        write_atomically(target, (text + "\n").encode("utf-8"), mode=0o600)
    except OSError as error:
        raise SettingsFileError(
            f"The settings file {target} cannot be written ({error.strerror or error}): "
            "check the free space and the permissions of its folder.",
            target,
        ) from error
