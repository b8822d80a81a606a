"""A failed job in the controller's terms: what helps (:mod:`tray_app.core.remedy`), one
sentence for the person, and whether there is an account at all."""

from __future__ import annotations

from dataclasses import dataclass

from tray_app.core.remedy import Remedy, remedy_of
from tray_app.ui.text.messages import error_text, internal_error


@dataclass(frozen=True)
class Failure:
    """A failure in the controller's terms; ``message`` is one sentence for a person.

    ``signed_out``: there is no usable account (none, the keyring refused, or the webhook stopped
    working: ``auth``)."""

    remedy: Remedy
    message: str
    retry_at: float | None = None
    rate_limited: bool = False
    signed_out: bool = False
    auth: bool = False


def classify(error: Exception, *, sign_in: bool = False) -> Failure:
    """Sort an exception of the worker into a :class:`Failure`.

    ``sign_in``: it came from creating the client (account, keyring), so there is no client.
    """
    from tray_app.api import errors  # noqa: PLC0415 - httpx is loaded after the icon shows

    remedy = remedy_of(error)
    if isinstance(error, errors.AuthError):
        return Failure(remedy, error_text(error), signed_out=True, auth=True)
    if sign_in:
        message = error_text(error) if str(error) else internal_error(error)
        return Failure(remedy, message, signed_out=True)
    if not isinstance(error, errors.TimemanError):
        return Failure(remedy, internal_error(error))
    if isinstance(error, errors.RateLimitedError):
        return Failure(remedy, error_text(error), retry_at=error.retry_at, rate_limited=True)
    return Failure(remedy, error_text(error))
