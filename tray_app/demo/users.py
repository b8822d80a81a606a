"""Employees of the simulated portal and their webhooks.

A :class:`SimUser` is an employee together with one incoming webhook that belongs to them (the
``/rest/<id>/<secret>/`` URL): its scopes, the employee's time zone, work schedule and the
rights that change what timeman answers (``admin`` = may manage other people's days; extranet
users are refused).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone, tzinfo
from typing import Literal

import pytz

from tray_app.demo.atom import parse_hms

ScheduleType = Literal["FIXED", "SHIFT", "FLEXTIME"]
SCHEDULE_TYPES: tuple[str, ...] = ("FIXED", "SHIFT", "FLEXTIME")

# Module defaults of timeman.settings (timeman_user.php prepareSettingsValues()).
DEFAULT_SETTINGS: dict[str, int] = {
    "UF_TM_MAX_START": 9 * 3600 + 15 * 60,
    "UF_TM_MIN_FINISH": 17 * 3600 + 45 * 60,
    "UF_TM_MIN_DURATION": 8 * 3600,
    "UF_TM_ALLOWED_DELTA": 15 * 60,
}
_SETTING_KEYS = frozenset({*DEFAULT_SETTINGS, "UF_TIMEMAN"})


@dataclass(frozen=True)
class SimUser:
    """One employee with one webhook.

    ``timezone``: a zone name (``"Europe/Moscow"``) or a fixed offset in seconds east of UTC.
    ``schedule``: ``None`` (no work schedule), ``"FIXED"``, ``"SHIFT"`` or ``"FLEXTIME"``;
    ``shift_start``/``shift_end``/``work_days`` describe its shift (``work_days`` uses ISO
    weekday digits, ``"12345"`` = Monday to Friday). ``can_reopen``: the schedule lets a closed
    day be resumed the same working day (a schedule setting on the portal, so it needs a FIXED or
    SHIFT schedule). ``settings``: overrides of ``timeman.settings`` values
    (``UF_TM_MAX_START`` etc. as ``"HH:MM:SS"``, seconds or timedelta; ``UF_TIMEMAN`` as bool).
    ``login``: the webhook URL may name the user by login instead of id.
    """

    user_id: int
    secret: str
    name: str = "Anna"
    last_name: str = "Ivanova"
    scopes: tuple[str, ...] = ("timeman", "user")
    schedule: ScheduleType | None = None
    timezone: str | int = "Europe/Moscow"
    language: str = "en"
    extranet: bool = False
    admin: bool = False
    can_reopen: bool = False
    settings: Mapping[str, object] = field(default_factory=dict)
    shift_start: time = time(9, 0)
    shift_end: time = time(18, 0)
    work_days: str = "12345"
    login: str | None = None
    active: bool = True
    gender: str = ""

    def __post_init__(self) -> None:
        if self.user_id <= 0:
            raise ValueError("user_id must be positive")
        if not self.secret:
            raise ValueError("a webhook needs a secret")
        if self.schedule is not None and self.schedule not in SCHEDULE_TYPES:
            raise ValueError(f"schedule must be one of {SCHEDULE_TYPES} or None")
        if self.can_reopen and self.schedule not in ("FIXED", "SHIFT"):
            raise ValueError("can_reopen is a schedule setting: it needs a FIXED or SHIFT schedule")
        unknown = set(self.settings) - _SETTING_KEYS
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        if not self.work_days or not set(self.work_days) <= set("1234567"):
            raise ValueError("work_days is a string of ISO weekday digits, e.g. '12345'")
        self.zone  # noqa: B018 - fail early on an unknown zone name

    @property
    def zone(self) -> tzinfo:
        """The profile time zone."""
        if isinstance(self.timezone, int):
            return timezone(timedelta(seconds=self.timezone))
        return pytz.timezone(self.timezone)

    @property
    def timezone_name(self) -> str:
        """What ``profile`` shows as ``TIME_ZONE`` ("" when the portal default is used)."""
        return self.timezone if isinstance(self.timezone, str) else ""

    def offset_at(self, moment: datetime) -> int:
        """Seconds east of UTC of the profile zone at ``moment``."""
        offset = moment.astimezone(self.zone).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    @property
    def flextime(self) -> bool:
        return self.schedule == "FLEXTIME"

    @property
    def timeman_enabled(self) -> bool:
        return bool(self.settings.get("UF_TIMEMAN", True))

    def setting_seconds(self, key: str) -> int:
        """A time setting in seconds, the override or the module default."""
        value = self.settings.get(key, DEFAULT_SETTINGS[key])
        if isinstance(value, timedelta):
            return int(value.total_seconds())
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            return parse_hms(value)
        raise TypeError(f"{key} must be HH:MM:SS, seconds or a timedelta")

    @property
    def allowed_delta(self) -> int:
        """``UF_TM_ALLOWED_DELTA`` in seconds: an edit beyond it needs approval."""
        return self.setting_seconds("UF_TM_ALLOWED_DELTA")
