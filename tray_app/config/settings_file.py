"""The settings file: a versioned JSON file in the platform's config folder.

Why a file of our own and not ``QSettings``: the CLI and the tests read settings without Qt, and
a small JSON file is easy to inspect, migrate and isolate (``XDG_CONFIG_HOME``).

* **Versioned**: ``"version": 1``; an older (or unversioned) file is migrated in memory on load,
  and written in the new form on the next save. Load never writes.
* **Damaged file**: :func:`load_settings` raises :class:`SettingsFileError` naming the file;
  :func:`load_settings_or_defaults` (what the app calls) returns the defaults and that error for
  the user instead. The damaged file is never overwritten silently: the next save first moves
  it to ``settings.json.bak`` and logs it. One bad value (a string where a number belongs)
  falls back to that field's default with a logged warning; the rest of the file is used.
* **Atomic, private writes**: a temporary file in the same folder, ``fsync``, ``os.replace``;
  mode 0600.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import platformdirs

from tray_app.config.errors import SettingsFileError
from tray_app.config.files import write_atomically
from tray_app.config.settings import Settings, known_fields
from tray_app.core.message import Message, say

__all__ = [
    "CURRENT_VERSION",
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


def settings_path() -> Path:
    """``settings.json`` in the per-user config folder (``$XDG_CONFIG_HOME/timeman-tray`` on
    Linux, ``%APPDATA%\\timeman-tray`` on Windows, ``~/Library/Application Support`` on macOS).
    """
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def user_log_dir() -> Path:
    """The per-user log folder (``$XDG_STATE_HOME/timeman-tray/log`` on Linux); not created."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


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


def _damaged(path: Path, said: Message) -> SettingsFileError:
    """``said`` names the file as ``{path}`` and its backup as ``{name}.bak``."""
    return SettingsFileError(said.with_params(path=path, name=path.name), path)


def _read_document(path: Path) -> dict[str, Any] | None:
    """The file's JSON object migrated to :data:`CURRENT_VERSION`; None if there is no file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SettingsFileError(
            say(
                "settings.file.unreadable",
                "The settings file {path} cannot be read ({reason}): check its "
                "permissions, or move it away to start with default settings.",
                path=path,
                reason=error.strerror,
            ),
            path,
        ) from error
    try:
        document: object = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(
            path,
            say(
                "settings.file.damaged",
                "The settings file {path} is damaged ({reason}): fix or delete it; until then "
                "timeman-tray uses default settings and keeps that file as {name}.bak when it "
                "next saves.",
                reason=str(error),
            ),
        ) from error
    if not isinstance(document, dict):
        raise _damaged(
            path,
            say(
                "settings.file.not_object",
                "The settings file {path} does not hold a JSON object: fix or delete it; until "
                "then timeman-tray uses default settings and keeps that file as {name}.bak when "
                "it next saves.",
            ),
        )
    version = document.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _damaged(
            path,
            say(
                "settings.file.bad_version",
                'The settings file {path} has an invalid "version": fix or delete it; until then '
                "timeman-tray uses default settings and keeps that file as {name}.bak when it "
                "next saves.",
            ),
        )
    if version > CURRENT_VERSION:
        raise _damaged(
            path,
            say(
                "settings.file.newer",
                "The settings file {path} was written by a newer timeman-tray (version "
                "{version}): fix or delete it; until then timeman-tray uses default settings and "
                "keeps that file as {name}.bak when it next saves.",
                version=version,
            ),
        )
    while version < CURRENT_VERSION:
        document = _MIGRATIONS[version](document)
        version += 1
    return document


def _from_document(document: Mapping[str, Any], path: Path) -> Settings:
    checks = {spec.name: spec.metadata["check"] for spec in known_fields()}
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
    document.update({spec.name: getattr(settings, spec.name) for spec in known_fields()})
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
            say(
                "settings.file.unwritable",
                "The settings file {path} cannot be written ({reason}): check the free space "
                "and the permissions of its folder.",
                path=target,
                reason=error.strerror or str(error),
            ),
            target,
        ) from error
