"""Where the administrator's policy is found, the first place of each OS that has one:

* **Linux and other Unix**: ``timeman-tray/policy.json`` in each folder of ``XDG_CONFIG_DIRS``
  (default ``/etc/xdg``), the first file found wins (the XDG base directory rule).
* **Windows**: the registry, :mod:`.policy_registry`.
* **macOS**: the managed preferences of the bundle id :data:`BUNDLE_ID`,
  ``/Library/Managed Preferences/<bundle-id>.plist``, with the per-user
  ``/Library/Managed Preferences/<user>/<bundle-id>.plist`` winning key by key.

A bad policy never stops the app: :func:`load_policy` returns the policy with one short
sentence per problem (:mod:`.policy_document` judges the keys).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from tray_app.config.policy import Policy, PolicyLoad
from tray_app.config.policy_document import judge_document, sentence, unusable
from tray_app.config.policy_registry import RegistryReader, from_registry, winreg_reader

__all__ = ["BUNDLE_ID", "MAX_POLICY_BYTES", "POLICY_FILE", "load_policy", "policy_paths"]

APP_FOLDER: Final = "timeman-tray"


POLICY_FILE: Final = "policy.json"


BUNDLE_ID: Final = "com.timeman-tray"
"""The macOS bundle identifier (``APP_ID`` in packaging/installers/project.py)."""


MANAGED_PREFERENCES: Final = Path("/Library/Managed Preferences")


MAX_POLICY_BYTES: Final = 1_000_000


def load_policy(
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    registry: RegistryReader | None = None,
    managed_root: Path = MANAGED_PREFERENCES,
    user: str | None = None,
) -> PolicyLoad:
    """The policy of this computer (no policy: the defaults), and its problems. Never raises
    for what it reads: a bad key falls back to its default, an unusable source to no policy.

    For tests: ``platform`` replaces ``sys.platform``, ``environ`` ``os.environ`` (Linux),
    ``registry`` the winreg reader (Windows), ``managed_root`` and ``user`` the managed
    preferences folder and the user's name (macOS).
    """
    name = platform or sys.platform
    try:
        if name.startswith("win"):
            return from_registry(registry or winreg_reader)
        if name == "darwin":
            return _from_managed_preferences(managed_root, user)
        return _from_xdg(os.environ if environ is None else environ)
    except Exception as error:  # a policy never stops the app
        kind = type(error).__name__
        return PolicyLoad(Policy(), (f"The policy could not be read ({kind}); none applies.",))


def policy_paths(environ: Mapping[str, str]) -> list[Path]:
    """Where a Linux policy file may be, in the order they are tried."""
    folders = environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    return [
        Path(folder) / APP_FOLDER / POLICY_FILE
        for folder in folders.split(os.pathsep)
        if folder and os.path.isabs(folder)  # the spec: relative entries are ignored
    ]


def _from_xdg(environ: Mapping[str, str]) -> PolicyLoad:
    for path in policy_paths(environ):
        try:
            if not path.is_file():
                if path.exists():
                    return unusable(str(path), "is not a file")
                continue
        except OSError:
            continue
        return _from_file(path)
    return PolicyLoad(Policy(), ())


def _from_file(path: Path) -> PolicyLoad:
    where = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_POLICY_BYTES + 1)
    except OSError as error:
        return unusable(where, f"cannot be read ({error.strerror or type(error).__name__})")
    if len(raw) > MAX_POLICY_BYTES:
        return unusable(where, f"is larger than {MAX_POLICY_BYTES} bytes")
    try:
        document: object = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return unusable(where, "is not UTF-8 text")
    except (json.JSONDecodeError, RecursionError):
        return unusable(where, "is not valid JSON")
    return judge_document(document, where)


def _from_managed_preferences(root: Path, user: str | None) -> PolicyLoad:
    user = user if user is not None else _user_name()
    places = [root / f"{BUNDLE_ID}.plist"]
    if user and "/" not in user and user not in {".", ".."}:
        places.append(root / user / f"{BUNDLE_ID}.plist")
    merged: dict[str, object] = {}
    sources: list[str] = []
    problems: list[str] = []
    for path in places:
        try:
            if not path.is_file():
                continue
            with path.open("rb") as stream:
                raw = stream.read(MAX_POLICY_BYTES + 1)
        except OSError as error:
            problems.append(sentence(str(path), f"cannot be read ({type(error).__name__})"))
            continue
        if len(raw) > MAX_POLICY_BYTES:
            problems.append(sentence(str(path), f"is larger than {MAX_POLICY_BYTES} bytes"))
            continue
        import plistlib  # noqa: PLC0415  (macOS's only, and only with a file there)

        try:
            document = plistlib.loads(raw)
        except Exception:  # plistlib raises many kinds
            problems.append(sentence(str(path), "is not a valid property list"))
            continue
        if not isinstance(document, dict):
            problems.append(sentence(str(path), "does not hold a dictionary"))
            continue
        merged.update(_plain(document))  # the user's managed keys win over the computer's
        sources.append(str(path))
    if not sources:
        return PolicyLoad(Policy(), tuple(problems))
    loaded = judge_document(merged, " and ".join(sources))
    return PolicyLoad(loaded.policy, (*problems, *loaded.problems))


def _plain(document: Mapping[Any, Any]) -> dict[str, object]:
    """A property list's values as JSON's: dates and data become text (then refused as the
    wrong type where they appear)."""

    def convert(value: object) -> object:
        if isinstance(value, dict):
            return {str(key): convert(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [convert(item) for item in value]
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        return repr(type(value))

    return {str(key): convert(value) for key, value in document.items()}


def _user_name() -> str:
    try:
        import pwd  # noqa: PLC0415  (Unix only)

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        return os.environ.get("USER", "")
