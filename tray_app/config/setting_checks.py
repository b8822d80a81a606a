"""The checks of the settings' values, and their bounds: each takes a value from JSON or a
caller and returns it normalised, or raises ``ValueError`` with a message that never repeats
the value (it might be a secret).

**No secrets, ever**: the webhook secret lives only in the keyring (:mod:`.secrets`). A value
that looks like a webhook URL or a ``user:password@`` URL is refused in every text field
(:func:`looks_secret`), and the policy refuses it too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from tray_app.config.errors import SettingValueError
from tray_app.core.hosts import is_host, is_loopback
from tray_app.core.message import Message, say

__all__ = [
    "HOLIDAY_CALENDARS",
    "MAX_AWAY_MIN",
    "MAX_KEPT_REASON",
    "MAX_POLL_INTERVAL_S",
    "MAX_SHIFT_NAME",
    "MAX_STILL_OPEN_MIN",
    "MIN_AWAY_MIN",
    "MIN_POLL_INTERVAL_S",
    "MIN_STILL_OPEN_MIN",
    "looks_secret",
    "looks_secret_name",
]

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

# A webhook path (/rest/USER/SECRET, also REST 3.0's /rest/api/USER/SECRET) or a URL carrying
# user:password@ - the two ways a secret sneaks into a text field.
_SECRET_VALUE = re.compile(r"/rest/(?:api/)?[^/\s]+/[^/\s]+|://[^/@\s]*:[^/@\s]*@", re.IGNORECASE)
_SECRET_KEY = re.compile(r"secret|token|passw|webhook|credential|api[_-]?key|auth", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_PROXY_SCHEMES = frozenset({"http", "https"})  # what the api layer can use


def looks_secret(text: str) -> bool:
    """True if ``text`` contains a webhook path or a URL with ``user:password@``."""
    return _SECRET_VALUE.search(text) is not None


def looks_secret_name(key: str) -> bool:
    """True if a key's name says it holds a secret (``token``, ``password``, ``webhook`` …)."""
    return _SECRET_KEY.search(key) is not None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise SettingValueError(say("settings.check.text", "must be text"))
    if "\x00" in value:
        raise SettingValueError(say("settings.check.nul", "must not contain NUL characters"))
    if looks_secret(value):
        raise SettingValueError(
            say(
                "settings.check.secret",
                "looks like a secret (a webhook URL or a password), which belongs in the keyring",
            )
        )
    return value


def _netloc(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port is None else f"{shown}:{port}"


def check_portal_url(value: object) -> str:
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


def check_proxy(value: object) -> str:
    text = _text(value).strip()
    if not text:
        return ""
    expected = say(
        "settings.check.proxy_form", "must be a URL such as http://proxy.example.com:3128"
    )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise SettingValueError(expected) from None
    scheme = parts.scheme.lower()
    if scheme not in _PROXY_SCHEMES or not parts.hostname or parts.path not in {"", "/"}:
        raise SettingValueError(expected)
    if parts.username is not None:
        raise SettingValueError(
            say(
                "settings.check.proxy_credentials",
                "must not contain user@: proxy credentials are not kept in settings",
            )
        )
    if not is_host(parts.hostname):
        raise SettingValueError(
            say(
                "settings.check.proxy_host",
                "has no valid host name; {expected}",
                expected=expected,
            )
        )
    return f"{scheme}://{_netloc(parts.hostname, port)}"


def check_user_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
        raise ValueError("must be a whole number, 0 meaning not set")
    return value


def check_poll_interval(value: object) -> int:
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not MIN_POLL_INTERVAL_S <= value <= MAX_POLL_INTERVAL_S
    ):
        raise ValueError(
            f"must be a whole number of seconds from {MIN_POLL_INTERVAL_S} to {MAX_POLL_INTERVAL_S}"
        )
    return value


def minutes_between(low: int, high: int) -> Callable[[object], int]:
    """The check of a whole number of minutes from ``low`` to ``high``."""

    def check(value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"must be a whole number of minutes from {low} to {high}")
        return value

    return check


def check_schedule(value: object) -> dict[str, Any] | None:
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


def check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def check_language(value: object) -> str:
    text = _text(value).strip()
    if text and not _LANGUAGE.match(text):
        raise ValueError('must be a language tag such as "de" or "pt_BR", or "" for the system')
    return text


def check_display_name(value: object) -> str:
    text = _text(value).strip()
    if len(text) > 200:
        raise ValueError("must be at most 200 characters")
    return text


MAX_KEPT_REASON: Final = 255


def check_kept_reason(value: object) -> str:
    """The wording of the reason sent with a kept click's time ("" for the default), one line
    (the portal keeps the reason as one ``REPORT`` line)."""
    text = _text(value).strip()
    if "\n" in text or "\r" in text:
        raise ValueError("must be one line")
    if len(text) > MAX_KEPT_REASON:
        raise ValueError(f"must be at most {MAX_KEPT_REASON} characters")
    return text


def check_shift(value: object) -> str | None:
    """The name of the user's shift, or None (also for "") for the schedule's default shift."""
    if value is None:
        return None
    text = _text(value).strip()
    if len(text) > MAX_SHIFT_NAME:
        raise ValueError(f"must be at most {MAX_SHIFT_NAME} characters")
    return text or None


def check_holiday_calendar(value: object) -> str:
    text = _text(value).strip().lower()
    if text not in HOLIDAY_CALENDARS:
        raise ValueError('must be "auto", "ru" or "none"')
    return text


def check_path(value: object) -> str:
    return _text(value).strip()


_FIELD_NAMES: Final = {
    # The fields a person types into (Settings → Connection), named in the reader's language.
    "proxy": say("settings.field.proxy", "proxy"),
    "ca_file": say("settings.field.ca_file", "ca_file"),
}


def refused(name: str, error: ValueError) -> Message:
    """``proxy must not contain NUL characters``: the field's name, then what its check said."""
    problem = error.said if isinstance(error, SettingValueError) else str(error)
    return say(
        "settings.refused",
        "{name} {problem}",
        name=_FIELD_NAMES.get(name, name),
        problem=problem,
    )
