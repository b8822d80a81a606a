"""The Windows policy: the values of ``HKLM\\Software\\Policies\\timeman-tray`` (and of its
``settings`` subkey), read with ``winreg`` (REG_SZ, REG_DWORD, REG_MULTI_SZ), turned into the
policy document :mod:`.policy_document` judges.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Final

from tray_app.config.policy import Policy, PolicyLoad
from tray_app.config.policy_document import judge_document, key_sentence

__all__ = [
    "REGISTRY_KEY",
    "REG_DWORD",
    "REG_EXPAND_SZ",
    "REG_MULTI_SZ",
    "REG_QWORD",
    "REG_SZ",
    "RegistryReader",
    "RegistryValues",
    "from_registry",
    "winreg_reader",
]

REGISTRY_KEY: Final = r"Software\Policies\timeman-tray"
"""Under ``HKEY_LOCAL_MACHINE``."""


SETTINGS_SUBKEY: Final = "settings"


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


def winreg_reader(subkey: str) -> RegistryValues | None:
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


def from_registry(reader: RegistryReader) -> PolicyLoad:
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
            problems.append(key_sentence(where, key, str(error)))
    if nested is not None:
        settings: dict[str, object] = {}
        for name, (data, kind) in nested.items():
            key = name.lower()
            try:
                settings[key] = _registry_setting(key, data, kind)
            except ValueError as error:
                problems.append(key_sentence(where, f"settings.{key}", str(error)))
        document["settings"] = settings
    loaded = judge_document(document, where)
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
