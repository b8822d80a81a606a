"""``timeman.settings``: the portal's limits for this user (API reference §4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from tray_app.core.timefmt import TimeFormatError, parse_hms
from tray_app.core.workday import WorkdayParseError

_DEFAULTS = {
    "UF_TM_MAX_START": timedelta(hours=9, minutes=15),
    "UF_TM_MIN_FINISH": timedelta(hours=17, minutes=45),
    "UF_TM_MIN_DURATION": timedelta(hours=8),
    "UF_TM_ALLOWED_DELTA": timedelta(minutes=15),
}


@dataclass(frozen=True)
class PortalSettings:
    """The effective limits; times of day are durations since midnight."""

    tracking_enabled: bool = True
    flexible: bool = False
    max_start: timedelta = _DEFAULTS["UF_TM_MAX_START"]
    min_finish: timedelta = _DEFAULTS["UF_TM_MIN_FINISH"]
    min_duration: timedelta = _DEFAULTS["UF_TM_MIN_DURATION"]
    allowed_delta: timedelta = _DEFAULTS["UF_TM_ALLOWED_DELTA"]
    admin: bool = False

    @property
    def reason_required(self) -> bool:
        """Whether to *ask* for a reason with a changed time (we always send one)."""
        return not self.flexible


def parse_portal_settings(raw: object) -> PortalSettings:
    """:class:`PortalSettings` from the ``result`` of ``timeman.settings``; missing keys default."""
    if not isinstance(raw, Mapping):
        raise WorkdayParseError(f"settings must be an object, got {type(raw).__name__}")
    try:
        return PortalSettings(
            tracking_enabled=_flag(raw.get("UF_TIMEMAN"), default=True),
            flexible=_flag(raw.get("UF_TM_FREE"), default=False),
            max_start=_hms(raw, "UF_TM_MAX_START"),
            min_finish=_hms(raw, "UF_TM_MIN_FINISH"),
            min_duration=_hms(raw, "UF_TM_MIN_DURATION"),
            allowed_delta=_hms(raw, "UF_TM_ALLOWED_DELTA"),
            admin=_flag(raw.get("ADMIN"), default=False),
        )
    except TimeFormatError as exc:
        raise WorkdayParseError(f"unusable settings field: {exc}") from None


def _flag(value: object, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.strip().upper() in {"Y", "TRUE", "1"}
    return bool(value)


def _hms(raw: Mapping[str, object], key: str) -> timedelta:
    value = raw.get(key)
    if value is None or value == "":
        return _DEFAULTS[key]
    return parse_hms(str(value))
