"""Every way a portal call can fail, translated once at the api boundary.

::

    TimemanError                    one clear sentence in .message (said by .said); no secret
    ├── ConfigurationError          bad input before anything was sent (nothing sent)
    │   └── WebhookUrlError         not a webhook URL of the form https://HOST/rest/ID/SECRET/
    ├── UnavailableError            no usable answer: network, timeout, 5xx error envelope
    │   ├── CertificateError        the portal's TLS certificate is not trusted
    │   └── RateLimitedError        QUERY_LIMIT_EXCEEDED (503), OPERATION_TIME_LIMIT (429)
    ├── AuthError                   the credentials do not work (whatever the HTTP status)
    ├── RefusedError                the portal refused the call; .code is its error code ("" too)
    ├── UnexpectedAnswerError       HTML instead of JSON, malformed JSON, no result nor error
    └── MovedError                  a 302 that cannot be followed safely

Each error is built from a :class:`~tray_app.core.message.Message` (``.said``: an id, the English
template, its values; ``.message`` is its English) and carries its
:class:`~tray_app.core.remedy.Remedy` (wait, the user acts, a bug). The CLI
maps the branches to exit codes, the tray to icons and sentences; the raw code and HTTP
status ride along for the log.
"""

from __future__ import annotations

from typing import ClassVar

from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy

EXPECTED_FORM = "https://your-portal.bitrix24.com/rest/USER_ID/SECRET/"
"""What a webhook URL looks like (the end of its sentences)."""


class TimemanError(Exception):
    """Base of the tree; ``said`` is the sentence for a person (its English in ``message``;
    None for a bare text, which only tests and foreign callers pass), ``code``/``http_status``
    for the log, ``remedy`` says what helps (:mod:`tray_app.core.remedy`)."""

    remedy: Remedy = Remedy.BUG
    general: ClassVar[Message | None] = None
    """What a branch says in general: for a bare text, where the reader's language has it."""

    def __init__(
        self, message: Message | str, *, code: str | None = None, http_status: int | None = None
    ):
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None
        self.message = str(message)
        self.code = code
        self.http_status = http_status

    def restate(self, message: Message) -> None:
        """Say ``message`` instead (a write's failure, with what the day is after it)."""
        self.said = message
        self.message = str(message)
        self.args = (self.message,)


class ConfigurationError(TimemanError):
    """A setting or an input that cannot work, found before anything was sent."""

    remedy = Remedy.USER_ACTS


class WebhookUrlError(ConfigurationError):
    """A webhook URL that is malformed, not HTTPS, or has a bad secret part."""

    general = say(
        "api.webhook.general", "That is not a webhook URL. Expected {form}", form=EXPECTED_FORM
    )


class UnavailableError(TimemanError):
    """The portal could not be reached or could not answer now; trying later may help.

    ``remedy`` is :attr:`Remedy.USER_ACTS` where waiting cannot help (a deleted portal).
    ``sent`` is false when the request certainly never reached the portal.
    """

    general = say("api.unavailable.general", "The portal cannot be reached right now.")

    def __init__(
        self,
        message: Message | str,
        *,
        code: str | None = None,
        http_status: int | None = None,
        remedy: Remedy = Remedy.WAIT,
        sent: bool = True,
    ) -> None:
        super().__init__(message, code=code, http_status=http_status)
        self.remedy = remedy
        self.sent = sent


class CertificateError(UnavailableError):
    """The portal's TLS certificate is not trusted (a corporate CA needs its CA file); nothing
    was sent, and waiting will not help."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(message, remedy=Remedy.USER_ACTS, sent=False)


class RateLimitedError(UnavailableError):
    """The portal's rate limit refused the request before running it.

    ``retry_at`` is the Unix time the portal said the limit resets (``operating_reset_at``).
    """

    general = say("api.rate_limited.general", "The portal is rate limiting requests.")

    def __init__(
        self,
        message: Message | str,
        *,
        code: str,
        http_status: int | None,
        retry_at: float | None = None,
    ) -> None:
        super().__init__(message, code=code, http_status=http_status, sent=False)
        self.retry_at = retry_at


class AuthError(TimemanError):
    """The webhook does not work (wrong, deleted, no timeman scope, HTTPS required, ...)."""

    remedy = Remedy.USER_ACTS
    general = say("api.auth.general", "The portal does not accept the webhook; sign in again.")


class RefusedError(TimemanError):
    """The portal understood and refused (``code`` may be the empty string)."""

    general = say("api.refused.general", "The portal refused the request.")

    def __init__(
        self, message: Message | str, *, code: str, http_status: int | None, description: str
    ):
        super().__init__(message, code=code, http_status=http_status)
        self.description = description

    remedy = Remedy.USER_ACTS


class UnexpectedAnswerError(TimemanError):
    """An answer that is not the portal's JSON: an HTML page, broken JSON, an odd envelope.

    With a 5xx status it is a server fault that passes (waiting helps); otherwise a bug."""

    general = say("api.answer.general", "The portal's answer cannot be used.")

    def __init__(
        self, message: Message | str, *, code: str | None = None, http_status: int | None = None
    ):
        super().__init__(message, code=code, http_status=http_status)
        self.remedy = Remedy.WAIT if (http_status or 0) >= 500 else Remedy.BUG


class MovedError(TimemanError):
    """The portal answered with a redirect that cannot be followed safely."""

    remedy = Remedy.USER_ACTS
    general = say("api.moved.general", "The portal has moved; check its address in Bitrix24.")
