"""``timeman.settings`` (API reference §4, §8)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.core.samples import D_SETTINGS, R_SETTINGS, result
from tray_app.core.portal_settings import PortalSettings, parse_portal_settings
from tray_app.core.workday import WorkdayParseError

DEFAULTS = PortalSettings(
    tracking_enabled=True,
    flexible=False,
    max_start=timedelta(hours=9, minutes=15),
    min_finish=timedelta(hours=17, minutes=45),
    min_duration=timedelta(hours=8),
    allowed_delta=timedelta(minutes=15),
    admin=False,
)

KEYS = (
    "UF_TIMEMAN",
    "UF_TM_FREE",
    "UF_TM_MAX_START",
    "UF_TM_MIN_FINISH",
    "UF_TM_MIN_DURATION",
    "UF_TM_ALLOWED_DELTA",
    "ADMIN",
)


@pytest.mark.parametrize("answer", [R_SETTINGS, D_SETTINGS])
def test_recorded_settings(answer: str) -> None:
    """[R]/[D]: the module defaults 33300/63900/28800/900 s, ADMIN true."""
    settings = parse_portal_settings(result(answer))
    assert settings.tracking_enabled is True
    assert settings.flexible is False
    assert settings.max_start == timedelta(seconds=33300)
    assert settings.min_finish == timedelta(seconds=63900)
    assert settings.min_duration == timedelta(seconds=28800)
    assert settings.allowed_delta == timedelta(seconds=900)
    assert settings.admin is True
    assert settings.reason_required is True


def test_missing_keys_take_the_module_defaults() -> None:
    """ADMIN is only present when asking about yourself: absent means no admin rights."""
    assert parse_portal_settings({}) == DEFAULTS
    assert PortalSettings() == DEFAULTS


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_values_take_the_defaults(empty: object) -> None:
    raw = dict.fromkeys(KEYS, empty)
    assert parse_portal_settings(raw) == DEFAULTS


def test_tracking_disabled_answers_zero_times() -> None:
    """§4.1: with tracking off the REST wrapper still emits every key, times as "00:00:00"."""
    raw = {
        "UF_TIMEMAN": False,
        "UF_TM_FREE": False,
        "UF_TM_MAX_START": "00:00:00",
        "UF_TM_MIN_FINISH": "00:00:00",
        "UF_TM_MIN_DURATION": "00:00:00",
        "UF_TM_ALLOWED_DELTA": "00:00:00",
        "ADMIN": False,
    }
    settings = parse_portal_settings(raw)
    assert settings.tracking_enabled is False
    assert settings.max_start == timedelta(0)
    assert settings.min_finish == timedelta(0)
    assert settings.min_duration == timedelta(0)
    assert settings.allowed_delta == timedelta(0)


@pytest.mark.parametrize(
    ("free", "required"), [(True, False), (False, True), ("Y", False), ("N", True)]
)
def test_reason_is_asked_for_unless_the_schedule_is_flexible(free: object, required: bool) -> None:
    """§2.3: UF_TM_FREE decides whether to *ask*; a reason is sent with every TIME anyway."""
    settings = parse_portal_settings({"UF_TM_FREE": free})
    assert settings.flexible is not required
    assert settings.reason_required is required


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("Y", True),
        ("N", False),
        (" y ", True),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
    ],
)
def test_flags_as_bool_or_bitrix_y_n(value: object, expected: bool) -> None:
    settings = parse_portal_settings({"UF_TIMEMAN": value, "ADMIN": value})
    assert settings.tracking_enabled is expected
    assert settings.admin is expected


@pytest.mark.parametrize(
    ("key", "attribute"),
    [
        ("UF_TM_MAX_START", "max_start"),
        ("UF_TM_MIN_FINISH", "min_finish"),
        ("UF_TM_MIN_DURATION", "min_duration"),
        ("UF_TM_ALLOWED_DELTA", "allowed_delta"),
    ],
)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:30:15", timedelta(hours=10, minutes=30, seconds=15)),
        ("10:30", timedelta(hours=10, minutes=30)),
    ],
)
def test_each_time_field_is_read(key: str, attribute: str, text: str, expected: timedelta) -> None:
    settings = parse_portal_settings({key: text})
    assert getattr(settings, attribute) == expected


@pytest.mark.parametrize("value", ["9:15am", "abc", "09-15-00", "09:75:00", True, ["09:15:00"]])
@pytest.mark.parametrize("key", ["UF_TM_MAX_START", "UF_TM_ALLOWED_DELTA"])
def test_bad_time_values_are_refused(key: str, value: object) -> None:
    with pytest.raises(WorkdayParseError, match="unusable settings field"):
        parse_portal_settings({key: value})


@pytest.mark.parametrize("raw", [None, [], "UF_TIMEMAN", 1])
def test_non_objects_are_refused(raw: object) -> None:
    with pytest.raises(WorkdayParseError, match="settings must be an object"):
        parse_portal_settings(raw)
