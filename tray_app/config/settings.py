"""Per-user, non-secret settings: the one table of defaults (:class:`Settings`).

* **One table of defaults**: the fields of :class:`Settings`, each with its default and its
  check (:mod:`.setting_checks`).
* **Forward-compatible**: unknown keys are kept and written back, except secret-looking ones.

The file they live in (versioned JSON in the platform's config folder, atomic private writes,
migrations, the damaged file kept aside): :mod:`.settings_file`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, TypeVar

from tray_app.config.errors import SettingValueError
from tray_app.config.setting_checks import (
    MAX_AWAY_MIN,
    MAX_STILL_OPEN_MIN,
    MIN_AWAY_MIN,
    MIN_STILL_OPEN_MIN,
    check_bool,
    check_display_name,
    check_holiday_calendar,
    check_kept_reason,
    check_language,
    check_path,
    check_poll_interval,
    check_portal_url,
    check_proxy,
    check_schedule,
    check_shift,
    check_user_id,
    looks_secret,
    looks_secret_name,
    minutes_between,
    refused,
)

__all__ = ["Settings", "known_fields"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")


def _setting(default: _T, check: Callable[[object], _T]) -> _T:
    """A :class:`Settings` field: its default and its check, side by side in the one table."""
    return field(default=default, metadata={"check": check})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """All non-secret settings; the class body is the one table of defaults.

    Construction validates and normalises every field (``ValueError`` names the field, never
    the value). :attr:`unknown` holds keys this version does not know, written back on save.
    """

    portal_url: str = _setting("", check_portal_url)
    """``https://host[:port]`` of the portal, no path; "" until the user logs in."""
    user_id: int = _setting(0, check_user_id)
    """The webhook's user id; 0 until the user logs in."""
    display_name: str = _setting("", check_display_name)
    """The user's name as the portal reported it, for the tooltip."""
    ca_file: str = _setting("", check_path)
    """A PEM file of extra CA certificates (self-hosted portals); "" for none."""
    proxy: str = _setting("", check_proxy)
    """A proxy URL without credentials; "" for the system's settings."""
    poll_interval_s: int = _setting(60, check_poll_interval)
    notifications: bool = _setting(True, check_bool)
    paint_time_in_icon: bool = _setting(False, check_bool)
    language: str = _setting("", check_language)
    """A language tag, "" for the system language."""
    start_at_login: bool = _setting(False, check_bool)
    remind_not_started: bool = _setting(True, check_bool)
    """Remind when the day is not started by the latest on-time start."""
    remind_lunch: bool = _setting(True, check_bool)
    """Remind when the lunch window opens while working (fixed hours)."""
    remind_work_done: bool = _setting(True, check_bool)
    """Remind when the planned work is done."""
    remind_still_open: bool = _setting(True, check_bool)
    """Remind when the day is still open :attr:`still_open_after_min` after its end."""
    remind_forgotten_day: bool = _setting(True, check_bool)
    """Remind of a day that was never closed."""
    still_open_after_min: int = _setting(
        30, minutes_between(MIN_STILL_OPEN_MIN, MAX_STILL_OPEN_MIN)
    )
    away_detection: bool = _setting(True, check_bool)
    """Notice time away while the day is open and ask about it on return."""
    away_threshold_min: int = _setting(15, minutes_between(MIN_AWAY_MIN, MAX_AWAY_MIN))
    """The shortest time away to ask about."""
    schedule: Mapping[str, Any] | None = field(
        default=None, hash=False, metadata={"check": check_schedule}
    )
    """The work schedule (a WorkTimeSchedule object, imported or made by hand); None: the
    portal's limits."""
    shift: str | None = _setting(None, check_shift)
    """The name of the shift the user works (shift schedules); None: the schedule's first
    (default) shift. A name the schedule no longer has means the default shift too."""
    kept_reason: str = _setting("", check_kept_reason)
    """How the reason sent with a click kept while the portal was unreachable reads
    (``{clicked}``, ``{sent}``, ``{clicked_date}``, ``{sent_date}`` are filled in); "" for
    the default wording in the user's language."""
    holiday_calendar: str = _setting("auto", check_holiday_calendar)
    """One of :data:`HOLIDAY_CALENDARS`: "auto" (the schedule's production calendar, Russian for
    Russia), "ru" (the Russian production calendar) or "none" (no holidays)."""
    unknown: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def __post_init__(self) -> None:
        for spec in known_fields():
            check = spec.metadata["check"]
            try:
                normalised = check(getattr(self, spec.name))
            except ValueError as error:
                raise SettingValueError(refused(spec.name, error)) from None
            object.__setattr__(self, spec.name, normalised)
        object.__setattr__(self, "unknown", MappingProxyType(_clean_unknown(self.unknown)))


def known_fields() -> tuple[dataclasses.Field[Any], ...]:
    return tuple(spec for spec in fields(Settings) if "check" in spec.metadata)


def _clean_unknown(unknown: Mapping[str, Any]) -> dict[str, Any]:
    """Keep unknown keys for newer versions, but never a secret-looking or reserved one."""
    reserved = {spec.name for spec in known_fields()} | {"version", "unknown"}
    kept: dict[str, Any] = {}
    for key, value in unknown.items():
        if key in reserved:
            continue
        if looks_secret_name(key) or looks_secret(json.dumps(value, default=str)):
            log.warning("Dropped the setting %r: secrets belong in the keyring", key)
            continue
        kept[key] = value
    return kept
