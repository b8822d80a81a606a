"""The Bitrix24 REST client (httpx; no Qt). Its public face is re-exported here."""

from tray_app.api.client import TimemanClient
from tray_app.api.errors import (
    AuthError,
    ConfigurationError,
    MovedError,
    RateLimitedError,
    RefusedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
    WebhookUrlError,
)
from tray_app.api.models import AccountCheck, DayReading, Profile, WriteOutcome
from tray_app.api.retry import RetryPolicy
from tray_app.api.transport import TransportOptions
from tray_app.api.webhook import Webhook

__all__ = [
    "AccountCheck",
    "AuthError",
    "ConfigurationError",
    "DayReading",
    "MovedError",
    "Profile",
    "RateLimitedError",
    "RefusedError",
    "RetryPolicy",
    "TimemanClient",
    "TimemanError",
    "TransportOptions",
    "UnavailableError",
    "UnexpectedAnswerError",
    "Webhook",
    "WebhookUrlError",
    "WriteOutcome",
]
