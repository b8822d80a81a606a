"""Every way a portal call can fail, translated once at the api boundary.

::

    TimemanError                    one clear sentence in .message; never the secret
    ├── ConfigurationError          bad input before anything was sent (nothing sent)
    │   └── WebhookUrlError         not a webhook URL of the form https://HOST/rest/ID/SECRET/
    ├── UnavailableError            no usable answer: network, timeout, TLS, 5xx error envelope
    │   └── RateLimitedError        QUERY_LIMIT_EXCEEDED (503), OPERATION_TIME_LIMIT (429)
    ├── AuthError                   the credentials do not work (whatever the HTTP status)
    ├── RefusedError                the portal refused the call; .code is its error code ("" too)
    ├── UnexpectedAnswerError       HTML instead of JSON, malformed JSON, no result nor error
    └── MovedError                  a 302 that cannot be followed safely

The CLI maps the branches to exit codes, the tray to icons and sentences; the raw code and HTTP
status ride along for the log.
"""

from __future__ import annotations


class TimemanError(Exception):
    """Base of the tree; ``message`` is for a person, ``code``/``http_status`` for the log."""

    def __init__(self, message: str, *, code: str | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status


class ConfigurationError(TimemanError):
    """A setting or an input that cannot work, found before anything was sent."""


class WebhookUrlError(ConfigurationError):
    """A webhook URL that is malformed, not HTTPS, or has a bad secret part."""


class UnavailableError(TimemanError):
    """The portal could not be reached or could not answer now; trying later may help.

    ``retryable`` is false where waiting cannot help (an untrusted TLS certificate).
    ``sent`` is false when the request certainly never reached the portal.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        http_status: int | None = None,
        retryable: bool = True,
        sent: bool = True,
    ) -> None:
        super().__init__(message, code=code, http_status=http_status)
        self.retryable = retryable
        self.sent = sent


class RateLimitedError(UnavailableError):
    """The portal's rate limit refused the request before running it.

    ``retry_at`` is the Unix time the portal said the limit resets (``operating_reset_at``).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        http_status: int | None,
        retry_at: float | None = None,
    ) -> None:
        super().__init__(message, code=code, http_status=http_status, sent=False)
        self.retry_at = retry_at


class AuthError(TimemanError):
    """The webhook does not work (wrong, deleted, no timeman scope, HTTPS required, ...)."""


class RefusedError(TimemanError):
    """The portal understood and refused (``code`` may be the empty string)."""

    def __init__(self, message: str, *, code: str, http_status: int | None, description: str):
        super().__init__(message, code=code, http_status=http_status)
        self.description = description


class UnexpectedAnswerError(TimemanError):
    """An answer that is not the portal's JSON: an HTML page, broken JSON, an odd envelope."""


class MovedError(TimemanError):
    """The portal answered with a redirect that cannot be followed safely."""
