"""The Bitrix24 REST client (httpx; no Qt). Its public face is re-exported here.

The names load on first use (PEP 562), so importing a light submodule such as
``tray_app.api.redact`` or ``tray_app.api.errors`` does not pull in httpx: the tray shows its
icon before paying for the HTTP stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names, spelled out for type checkers (``as`` marks a re-export)
    from tray_app.api.client import TimemanClient as TimemanClient
    from tray_app.api.errors import AuthError as AuthError
    from tray_app.api.errors import CertificateError as CertificateError
    from tray_app.api.errors import ConfigurationError as ConfigurationError
    from tray_app.api.errors import MovedError as MovedError
    from tray_app.api.errors import RateLimitedError as RateLimitedError
    from tray_app.api.errors import RefusedError as RefusedError
    from tray_app.api.errors import TimemanError as TimemanError
    from tray_app.api.errors import UnavailableError as UnavailableError
    from tray_app.api.errors import UnexpectedAnswerError as UnexpectedAnswerError
    from tray_app.api.errors import WebhookUrlError as WebhookUrlError
    from tray_app.api.models import AccountCheck as AccountCheck
    from tray_app.api.models import DayReading as DayReading
    from tray_app.api.models import Profile as Profile
    from tray_app.api.models import WriteOutcome as WriteOutcome
    from tray_app.api.record_models import PortalRecord as PortalRecord
    from tray_app.api.record_models import RecordList as RecordList
    from tray_app.api.record_models import RecordsUnavailable as RecordsUnavailable
    from tray_app.api.record_models import Unavailability as Unavailability
    from tray_app.api.records import fetch_records as fetch_records
    from tray_app.api.retry import RetryPolicy as RetryPolicy
    from tray_app.api.transport import TransportOptions as TransportOptions
    from tray_app.api.webhook import Webhook as Webhook

_HOMES = {
    "TimemanClient": "client",
    "AuthError": "errors",
    "CertificateError": "errors",
    "ConfigurationError": "errors",
    "MovedError": "errors",
    "RateLimitedError": "errors",
    "RefusedError": "errors",
    "TimemanError": "errors",
    "UnavailableError": "errors",
    "UnexpectedAnswerError": "errors",
    "WebhookUrlError": "errors",
    "AccountCheck": "models",
    "DayReading": "models",
    "Profile": "models",
    "WriteOutcome": "models",
    "PortalRecord": "record_models",
    "RecordList": "record_models",
    "RecordsUnavailable": "record_models",
    "Unavailability": "record_models",
    "fetch_records": "records",
    "RetryPolicy": "retry",
    "TransportOptions": "transport",
    "Webhook": "webhook",
}

__all__ = [
    "AccountCheck",
    "AuthError",
    "CertificateError",
    "ConfigurationError",
    "DayReading",
    "MovedError",
    "PortalRecord",
    "Profile",
    "RateLimitedError",
    "RecordList",
    "RecordsUnavailable",
    "RefusedError",
    "RetryPolicy",
    "TimemanClient",
    "TimemanError",
    "TransportOptions",
    "Unavailability",
    "UnavailableError",
    "UnexpectedAnswerError",
    "Webhook",
    "WebhookUrlError",
    "WriteOutcome",
    "fetch_records",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
