"""The administrator's policy: read-only settings a company rolls out with the app.

Where it is found (the first place of each OS that has one):

* **Linux and other Unix**: ``timeman-tray/policy.json`` in each folder of ``XDG_CONFIG_DIRS``
  (default ``/etc/xdg``), the first file found wins (the XDG base directory rule).
* **Windows**: the values of ``HKLM\\Software\\Policies\\timeman-tray`` (and of its ``settings``
  subkey), read with ``winreg``: REG_SZ, REG_DWORD, REG_MULTI_SZ.
* **macOS**: the managed preferences of the bundle id :data:`BUNDLE_ID`,
  ``/Library/Managed Preferences/<bundle-id>.plist``, with the per-user
  ``/Library/Managed Preferences/<user>/<bundle-id>.plist`` winning key by key.

The keys (docs/deploying.md shows them per OS): ``portal``, ``plan``, ``fleet_size``,
``budget_share``, ``min_interval_s``, ``default_interval_s``, ``locked`` and ``settings``.

A bad policy never stops the app: each bad key falls back to its default and
:func:`load_policy` returns the policy with one short sentence per problem, naming where the
policy was read and the key, never a value (a value might be a secret, and the policy refuses
any webhook URL: :func:`~tray_app.config.settings.looks_secret`).
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import plistlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple
from urllib.parse import urlsplit

from tray_app.config.settings import (
    MAX_POLL_INTERVAL_S,
    MIN_POLL_INTERVAL_S,
    Settings,
    _check_portal_url,
    _known_fields,
    load_settings_or_defaults,
    looks_secret,
    save_settings,
)
from tray_app.core.hosts import is_host
from tray_app.core.quoting import quoted
from tray_app.core.timing import fleet_start_window

__all__ = [
    "BUNDLE_ID",
    "DEFAULT_BUDGET_SHARE",
    "DRAIN_PER_S",
    "LOCKABLE",
    "POLICY_FILE",
    "REGISTRY_KEY",
    "Policy",
    "PolicyLoad",
    "RegistryReader",
    "derived_interval_s",
    "effective_settings",
    "load_effective_settings",
    "load_policy",
    "save_user_settings",
]

APP_FOLDER: Final = "timeman-tray"
POLICY_FILE: Final = "policy.json"
REGISTRY_KEY: Final = r"Software\Policies\timeman-tray"
"""Under ``HKEY_LOCAL_MACHINE``."""
SETTINGS_SUBKEY: Final = "settings"
BUNDLE_ID: Final = "com.timeman-tray"
"""The macOS bundle identifier (``APP_ID`` in packaging/installers/project.py)."""
MANAGED_PREFERENCES: Final = Path("/Library/Managed Preferences")
MAX_POLICY_BYTES: Final = 1_000_000
MAX_FLEET_SIZE: Final = 1_000_000

DRAIN_PER_S: Final[Mapping[str, float]] = MappingProxyType({"standard": 2.0, "enterprise": 5.0})
"""How fast the portal's leaky bucket drains, per plan (requests per second, per source IP)."""
DEFAULT_BUDGET_SHARE: Final = 0.5

_REMINDER_FIELDS: Final = (
    "remind_not_started",
    "remind_lunch",
    "remind_work_done",
    "remind_still_open",
    "remind_forgotten_day",
)
LOCKABLE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "autostart": ("start_at_login",),
        "reminders": _REMINDER_FIELDS,
        "proxy": ("proxy",),
        "ca_bundle": ("ca_file",),
        "language": ("language",),
    }
)
"""The policy's names of the settings it may lock, and the :class:`Settings` fields of each."""

_KNOWN_KEYS: Final = frozenset(
    {
        "version",
        "portal",
        "plan",
        "fleet_size",
        "budget_share",
        "min_interval_s",
        "default_interval_s",
        "locked",
        "settings",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """What the administrator decided; the defaults mean "no policy".

    Construction checks the invariants (``ValueError``); :func:`load_policy` only ever builds
    valid ones.
    """

    portal_url: str = ""
    """``https://host[:port]`` of the company's portal; "" for any portal."""
    plan: str = "standard"
    """The portal's plan, one of :data:`DRAIN_PER_S`."""
    fleet_size: int | None = None
    """How many trays share the portal's budget (behind one address); None: not said."""
    budget_share: float = DEFAULT_BUDGET_SHARE
    """The share of the bucket's drain the whole fleet may use (0 < share <= 1)."""
    min_interval_s: int | None = None
    """No tray polls more often than this."""
    default_interval_s: int | None = None
    """The interval of a tray whose user kept the built-in default."""
    locked: frozenset[str] = frozenset()
    """Names from :data:`LOCKABLE` whose values the policy gives."""
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """The :class:`Settings` field values of the locked settings (every locked field)."""
    source: str = ""
    """Where the policy was read ("" for none): a file, or the registry key."""

    def __post_init__(self) -> None:
        if self.portal_url and _check_portal_url(self.portal_url) != self.portal_url:
            raise ValueError("portal_url is not normalised")
        if self.plan not in DRAIN_PER_S:
            raise ValueError("plan is unknown")
        if self.fleet_size is not None and not 1 <= self.fleet_size <= MAX_FLEET_SIZE:
            raise ValueError("fleet_size is out of range")
        if not 0.0 < self.budget_share <= 1.0:
            raise ValueError("budget_share is out of range")
        for interval in (self.min_interval_s, self.default_interval_s):
            if interval is not None and not MIN_POLL_INTERVAL_S <= interval <= MAX_POLL_INTERVAL_S:
                raise ValueError("an interval is out of range")
        if not self.locked <= LOCKABLE.keys():
            raise ValueError("locked holds an unknown name")
        fields_ = {name for key in self.locked for name in LOCKABLE[key]}
        if set(self.values) != fields_:
            raise ValueError("values must hold exactly the locked fields")
        Settings(**self.values)  # each value passes its setting's check
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    # -- what the app asks ---------------------------------------------------------------

    @property
    def locked_fields(self) -> frozenset[str]:
        """The :class:`Settings` fields the user cannot change."""
        return frozenset(self.values)

    def is_locked(self, field_name: str) -> bool:
        """Whether the :class:`Settings` field ``field_name`` is set by the administrator."""
        return field_name in self.values

    @property
    def fleet_interval_s(self) -> int | None:
        """The interval that keeps the fleet within its share (None without a fleet size)."""
        if self.fleet_size is None:
            return None
        return derived_interval_s(self.fleet_size, self.plan, self.budget_share)

    @property
    def start_window_s(self) -> float:
        """Seconds over which the fleet's trays spread their first reads (0: read at once)."""
        return fleet_start_window(self.fleet_size, DRAIN_PER_S[self.plan])

    @property
    def floor_s(self) -> int:
        """The shortest interval any tray may poll at."""
        return max(MIN_POLL_INTERVAL_S, self.min_interval_s or 0, self.fleet_interval_s or 0)

    def interval_s(self, user_interval_s: int) -> int:
        """The interval to poll at: the user's (or the policy's default while the user kept
        the built-in one), never below :attr:`floor_s`."""
        chosen = user_interval_s
        if self.default_interval_s is not None and user_interval_s == _BUILT_IN_INTERVAL_S:
            chosen = self.default_interval_s
        return max(chosen, self.floor_s)

    @property
    def portal_host(self) -> str:
        """The portal's host name ("" for any portal)."""
        return (urlsplit(self.portal_url).hostname or "") if self.portal_url else ""

    def allows_portal(self, base_url: str) -> bool:
        """Whether a webhook at ``base_url`` (``https://host[:port]``) may be used."""
        if not self.portal_url:
            return True
        return _same_portal(base_url, self.portal_url)

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the locked values put in (the effective settings)."""
        if not self.values:
            return settings
        return dataclasses.replace(settings, **self.values)

    def keep_unlocked(self, new: Settings, stored: Settings) -> Settings:
        """What to write to the user's file: ``new``, but each locked field as ``stored``
        holds it, so the policy's values never land in the user's file."""
        if not self.values:
            return new
        return dataclasses.replace(new, **{name: getattr(stored, name) for name in self.values})


_BUILT_IN_INTERVAL_S: Final[int] = Settings().poll_interval_s


class PolicyLoad(NamedTuple):
    """The policy in force and what was wrong with it (one sentence each; empty if nothing)."""

    policy: Policy
    problems: tuple[str, ...]


RegistryValues = Mapping[str, tuple[object, int]]
RegistryReader = Callable[[str], RegistryValues | None]
"""``reader(subkey)``: the values of ``HKLM\\<subkey>`` as ``{name: (data, type)}`` with
winreg's type numbers, or None when the key does not exist."""

# winreg's type numbers (the module exists on Windows only).
REG_SZ: Final = 1
REG_EXPAND_SZ: Final = 2
REG_DWORD: Final = 4
REG_MULTI_SZ: Final = 7
REG_QWORD: Final = 11


def derived_interval_s(fleet_size: int, plan: str = "standard", share: float = 0.5) -> int:
    """Seconds between polls so that ``fleet_size`` trays use at most ``share`` of the
    plan's drain: ``fleet_size / (drain · share)``, rounded up, never below the app's minimum.
    """
    drain = DRAIN_PER_S[plan]
    seconds = math.ceil(fleet_size / (drain * share) - 1e-9)
    return max(MIN_POLL_INTERVAL_S, seconds)


def _same_portal(base_url: str, portal_url: str) -> bool:
    try:
        given, wanted = urlsplit(base_url), urlsplit(portal_url)
        given_port, wanted_port = given.port, wanted.port
    except ValueError:
        return False
    given_host = (given.hostname or "").removesuffix(".").lower()
    wanted_host = (wanted.hostname or "").removesuffix(".").lower()
    default = {"https": 443, "http": 80}
    return (
        given_host == wanted_host
        and given.scheme.lower() == wanted.scheme.lower()
        and (given_port or default.get(given.scheme.lower()))
        == (wanted_port or default.get(wanted.scheme.lower()))
    )


# -- reading: each OS's place into one JSON-like document ------------------------------------


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
            return _from_registry(registry or _winreg_reader)
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
                    return _unusable(str(path), "is not a file")
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
        return _unusable(where, f"cannot be read ({error.strerror or type(error).__name__})")
    if len(raw) > MAX_POLICY_BYTES:
        return _unusable(where, f"is larger than {MAX_POLICY_BYTES} bytes")
    try:
        document: object = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _unusable(where, "is not UTF-8 text")
    except (json.JSONDecodeError, RecursionError):
        return _unusable(where, "is not valid JSON")
    return _from_document(document, where)


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
            problems.append(_sentence(str(path), f"cannot be read ({type(error).__name__})"))
            continue
        if len(raw) > MAX_POLICY_BYTES:
            problems.append(_sentence(str(path), f"is larger than {MAX_POLICY_BYTES} bytes"))
            continue
        try:
            document = plistlib.loads(raw)
        except Exception:  # plistlib raises many kinds
            problems.append(_sentence(str(path), "is not a valid property list"))
            continue
        if not isinstance(document, dict):
            problems.append(_sentence(str(path), "does not hold a dictionary"))
            continue
        merged.update(_plain(document))  # the user's managed keys win over the computer's
        sources.append(str(path))
    if not sources:
        return PolicyLoad(Policy(), tuple(problems))
    loaded = _from_document(merged, " and ".join(sources))
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


def _winreg_reader(subkey: str) -> RegistryValues | None:
    if sys.platform != "win32":
        return None
    return _read_hklm(subkey)  # pragma: no cover - Windows only


def _read_hklm(subkey: str) -> RegistryValues | None:  # pragma: no cover - Windows only
    """The values of ``HKLM\\<subkey>`` (the tests pass a fake reader instead)."""
    if sys.platform != "win32":  # for mypy: what follows is checked on Windows only
        return None
    import winreg  # noqa: PLC0415  (Windows only)

    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, subkey)
    except FileNotFoundError:
        return None
    values: dict[str, tuple[object, int]] = {}
    with key:
        index = 0
        while True:
            try:
                name, data, kind = winreg.EnumValue(key, index)
            except OSError:
                break
            values[str(name)] = (data, int(kind))
            index += 1
    return values


# What each key's registry value means: how to turn REG_SZ text into the JSON value.
_NUMBER_KEYS: Final = frozenset({"fleet_size", "min_interval_s", "default_interval_s"})
_BOOL_SETTINGS: Final = frozenset({"autostart", "reminders"})


def _from_registry(reader: RegistryReader) -> PolicyLoad:
    where = "HKLM\\" + REGISTRY_KEY
    top = reader(REGISTRY_KEY)
    nested = reader(REGISTRY_KEY + "\\" + SETTINGS_SUBKEY)
    if top is None and nested is None:
        return PolicyLoad(Policy(), ())
    problems: list[str] = []
    document: dict[str, object] = {}
    for name, (data, kind) in (top or {}).items():
        key = name.lower()
        try:
            document[key] = _registry_value(key, data, kind)
        except ValueError as error:
            problems.append(_key_sentence(where, key, str(error)))
    if nested is not None:
        settings: dict[str, object] = {}
        for name, (data, kind) in nested.items():
            key = name.lower()
            try:
                settings[key] = _registry_setting(key, data, kind)
            except ValueError as error:
                problems.append(_key_sentence(where, f"settings.{key}", str(error)))
        document["settings"] = settings
    loaded = _from_document(document, where)
    return PolicyLoad(loaded.policy, (*problems, *loaded.problems))


def _registry_value(key: str, data: object, kind: int) -> object:
    if key == "locked":
        return _registry_list(data, kind)
    if key in _NUMBER_KEYS:
        return _registry_integer(data, kind)
    if key == "budget_share" and kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
        try:
            return float(data.strip().replace(",", "."))
        except ValueError:
            raise ValueError("must be a number such as 0.5") from None
    if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
        return data
    if kind in (REG_DWORD, REG_QWORD) and isinstance(data, int):
        return data
    raise ValueError("has a registry type that is not used here")


def _registry_list(data: object, kind: int) -> list[str]:
    if kind == REG_MULTI_SZ and isinstance(data, list):
        return [str(item).strip() for item in data if str(item).strip()]
    if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
        return [part.strip() for part in data.split(",") if part.strip()]
    raise ValueError("must be REG_MULTI_SZ or comma-separated REG_SZ")


def _registry_integer(data: object, kind: int) -> int:
    if kind in (REG_DWORD, REG_QWORD) and isinstance(data, int):
        return data
    if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str) and data.strip().isdigit():
        return int(data.strip())
    raise ValueError("must be a REG_DWORD (or REG_SZ digits)")


def _registry_setting(key: str, data: object, kind: int) -> object:
    if key in _BOOL_SETTINGS:
        if kind in (REG_DWORD, REG_QWORD) and isinstance(data, int) and data in (0, 1):
            return bool(data)
        if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
            text = data.strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
        raise ValueError("must be a REG_DWORD 0 or 1")
    if kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(data, str):
        return data
    raise ValueError("must be REG_SZ text")


# -- judging the document, key by key -------------------------------------------------------


def _unusable(where: str, reason: str) -> PolicyLoad:
    return PolicyLoad(Policy(), (_sentence(where, f"{reason}; no policy applies"),))


def _sentence(where: str, text: str) -> str:
    return f"The policy {where} {text}."


def _key_sentence(where: str, key: str, reason: str) -> str:
    return f"The policy {where}: {_shown_key(key)} {reason}; it is ignored."


def _shown_key(key: str) -> str:
    if looks_secret(key):
        return "a key that looks like a secret"
    return quoted(key)


def _from_document(document: object, where: str) -> PolicyLoad:
    if not isinstance(document, dict):
        return _unusable(where, "does not hold a JSON object")
    problems: list[str] = []
    values: dict[str, Any] = {"source": where}

    def bad(key: str, reason: str) -> None:
        problems.append(_key_sentence(where, key, reason))

    usable: dict[str, object] = {}
    for raw_key, value in document.items():
        key = str(raw_key)
        if key not in _KNOWN_KEYS:
            bad(key, "is not a policy key")
        elif _holds_secret(value):
            bad(
                key,
                "looks like it holds a secret (a webhook URL or a password), which no "
                "policy may hold",
            )
        elif key in _SCALARS:
            target, check = _SCALARS[key]
            try:
                values[target] = check(value)
            except ValueError as error:
                bad(key, str(error))
        else:
            usable[key] = value
    values.pop("", None)
    locked = _judge_locked(usable.get("locked", []), bad)
    given = _judge_settings(usable.get("settings", {}), bad)
    names = locked | given.keys()
    defaults = Settings()
    fields_: dict[str, Any] = {}
    for name in names:
        for field_name in LOCKABLE[name]:
            fields_[field_name] = getattr(defaults, field_name)
        fields_.update(given.get(name, {}))
    values["locked"] = frozenset(names)
    values["values"] = fields_
    return PolicyLoad(Policy(**values), tuple(problems))


def _check_version(value: object) -> int:
    if value != 1 or isinstance(value, bool):
        raise ValueError("must be 1")
    return 1


def _holds_secret(value: object) -> bool:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return False
    return looks_secret(text)


def _check_portal(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text: the portal's host name or https:// address")
    text = value.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    url = _check_portal_url(text)
    if not is_host(urlsplit(url).hostname or ""):
        raise ValueError("must be the portal's host name or https://host[:port]")
    return url


def _check_plan(value: object) -> str:
    if not isinstance(value, str) or value.strip().lower() not in DRAIN_PER_S:
        raise ValueError('must be "standard" or "enterprise"')
    return value.strip().lower()


def _check_whole(value: object, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"must be a whole number from {low} to {high}")
    return value


def _check_share(value: object) -> float:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0.0 < value <= 1.0
    ):
        raise ValueError("must be a number above 0 and at most 1, such as 0.5")
    return float(value)


_SCALARS: Final[Mapping[str, tuple[str, Callable[[object], object]]]] = MappingProxyType(
    {
        "version": ("", _check_version),
        "portal": ("portal_url", _check_portal),
        "plan": ("plan", _check_plan),
        "fleet_size": ("fleet_size", lambda value: _check_whole(value, 1, MAX_FLEET_SIZE)),
        "budget_share": ("budget_share", _check_share),
        "min_interval_s": (
            "min_interval_s",
            lambda value: _check_whole(value, MIN_POLL_INTERVAL_S, MAX_POLL_INTERVAL_S),
        ),
        "default_interval_s": (
            "default_interval_s",
            lambda value: _check_whole(value, MIN_POLL_INTERVAL_S, MAX_POLL_INTERVAL_S),
        ),
    }
)
"""The single-valued keys: the :class:`Policy` field each sets ("" none) and its check."""


def _judge_locked(value: object, bad: Callable[[str, str], None]) -> frozenset[str]:
    if not isinstance(value, list):
        bad("locked", "must be a list of setting names")
        return frozenset()
    names: set[str] = set()
    for item in value:
        if isinstance(item, str) and item.strip().lower() in LOCKABLE:
            names.add(item.strip().lower())
        elif isinstance(item, str):
            bad(
                "locked",
                f"names {_shown_key(item)}, which cannot be locked; one of "
                f"{', '.join(LOCKABLE)} can",
            )
        else:
            bad("locked", "must hold only setting names (text)")
    return frozenset(names)


def _judge_settings(value: object, bad: Callable[[str, str], None]) -> dict[str, dict[str, Any]]:
    """``{policy name: {field: value}}`` of the good values in ``settings``."""
    if not isinstance(value, dict):
        bad("settings", "must be an object of setting names and values")
        return {}
    checks = {spec.name: spec.metadata["check"] for spec in _known_fields()}
    given: dict[str, dict[str, Any]] = {}
    for raw_key, item in value.items():
        key = str(raw_key)
        shown = f"settings.{key}"
        if key not in LOCKABLE:
            bad(shown if not looks_secret(key) else key, "is not a setting a policy can set")
            continue
        fields_ = LOCKABLE[key]
        try:
            if key == "reminders":
                given[key] = _check_reminders(item)
            else:
                given[key] = {fields_[0]: checks[fields_[0]](item)}
        except ValueError as error:
            bad(shown, str(error))
    return given


def _check_reminders(value: object) -> dict[str, bool]:
    """``true``/``false`` for all reminders, or ``{"remind_lunch": false, …}`` for some (the
    rest keep their defaults, locked too)."""
    if isinstance(value, bool):
        return dict.fromkeys(_REMINDER_FIELDS, value)
    if isinstance(value, dict):
        chosen: dict[str, bool] = {}
        for name, item in value.items():
            if name not in _REMINDER_FIELDS or not isinstance(item, bool):
                raise ValueError(
                    f"must be true, false or an object of {', '.join(_REMINDER_FIELDS)} "
                    "with true or false"
                )
            chosen[name] = item
        return chosen
    raise ValueError("must be true or false (all reminders), or an object of reminders")


# -- the effective settings -------------------------------------------------------------------


def effective_settings(settings: Settings, policy: Policy) -> Settings:
    """The user's settings with the policy's locked values over them."""
    return policy.apply(settings)


def load_effective_settings(
    path: Path | None = None, policy: Policy | None = None
) -> tuple[Settings, Policy]:
    """The settings in force (the user's file, or the defaults if it is unusable, under the
    policy) and the policy."""
    if policy is None:
        policy = load_policy().policy
    settings, _error = load_settings_or_defaults(path)
    return policy.apply(settings), policy


def save_user_settings(
    settings: Settings, policy: Policy | None = None, path: Path | None = None
) -> Settings:
    """Save ``settings`` to the user's file, except the locked fields: those keep what the
    file held (the policy's values are never written into it). Returns what was written.

    Raises :class:`~tray_app.config.errors.SettingsFileError` as
    :func:`~tray_app.config.settings.save_settings` does.
    """
    if policy is None:
        policy = load_policy().policy
    if policy.values:
        stored, _error = load_settings_or_defaults(path)
        settings = policy.keep_unlocked(settings, stored)
    save_settings(settings, path)
    return settings
