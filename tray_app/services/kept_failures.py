"""Which failures of a click make it a kept click, and whether a failed write may have run."""

from __future__ import annotations

from tray_app.api.errors import ConfigurationError, TimemanError, UnavailableError
from tray_app.api.retry import worth_retrying


def keepable(error: TimemanError) -> bool:
    """Whether a failed click is to be kept: the portal could not be reached or could not
    answer now (network, timeout, 5xx, the rate limit after the quick retries) -- what waiting
    helps. Not a refusal, a rejected webhook or an untrusted certificate."""
    return worth_retrying(error)


def may_have_run(error: TimemanError) -> bool:
    """Whether the portal may have run a write that failed with ``error``: a network failure
    after the request was sent, a lost answer; not a refusal before it ran (the rate limit, no
    connection) nor a rejected webhook."""
    if isinstance(error, UnavailableError):
        return error.sent
    if isinstance(error, ConfigurationError):
        return False  # refused here, before anything was sent
    return error.http_status is None or error.http_status >= 500
