"""Judging a policy document, key by key: each bad key falls back to its default with one
short sentence naming where the policy was read and the key, never a value (a value might be a
secret, and the policy refuses any webhook URL:
:func:`~tray_app.config.setting_checks.looks_secret`).

The document is JSON's shape whatever the source (:mod:`.policy_sources` turns each OS's place
into it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final
from urllib.parse import urlsplit

from tray_app.config.policy import (
    DRAIN_PER_S,
    LOCKABLE,
    MAX_FLEET_SIZE,
    REMINDER_FIELDS,
    Policy,
    PolicyLoad,
)
from tray_app.config.setting_checks import (
    MAX_POLL_INTERVAL_S,
    MIN_POLL_INTERVAL_S,
    check_portal_url,
    looks_secret,
)
from tray_app.config.settings import Settings, known_fields
from tray_app.core.hosts import is_host
from tray_app.core.quoting import quoted

__all__ = ["judge_document", "key_sentence", "sentence", "unusable"]

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


def unusable(where: str, reason: str) -> PolicyLoad:
    return PolicyLoad(Policy(), (sentence(where, f"{reason}; no policy applies"),))


def sentence(where: str, text: str) -> str:
    return f"The policy {where} {text}."


def key_sentence(where: str, key: str, reason: str) -> str:
    return f"The policy {where}: {_shown_key(key)} {reason}; it is ignored."


def _shown_key(key: str) -> str:
    if looks_secret(key):
        return "a key that looks like a secret"
    return quoted(key)


def judge_document(document: object, where: str) -> PolicyLoad:
    if not isinstance(document, dict):
        return unusable(where, "does not hold a JSON object")
    problems: list[str] = []
    values: dict[str, Any] = {"source": where}

    def bad(key: str, reason: str) -> None:
        problems.append(key_sentence(where, key, reason))

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
    url = check_portal_url(text)
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
    checks = {spec.name: spec.metadata["check"] for spec in known_fields()}
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
        return dict.fromkeys(REMINDER_FIELDS, value)
    if isinstance(value, dict):
        chosen: dict[str, bool] = {}
        for name, item in value.items():
            if name not in REMINDER_FIELDS or not isinstance(item, bool):
                raise ValueError(
                    f"must be true, false or an object of {', '.join(REMINDER_FIELDS)} "
                    "with true or false"
                )
            chosen[name] = item
        return chosen
    raise ValueError("must be true or false (all reminders), or an object of reminders")
