"""Keep webhook secrets out of logs.

httpx logs every request URL at INFO ("HTTP Request: POST https://…/rest/1/SECRET/…"), and a
webhook URL is a bearer credential. The filter rewrites any ``/rest/USER/SECRET`` in a record
to ``/rest/USER/***``, whoever logs it; the http loggers are also turned down to WARNING.
"""

from __future__ import annotations

import logging
import re

_REST_PATH = re.compile(r"(/rest/(?:api/)?[^/\s'\"]+/)[^/\s'\"]+")
HTTP_LOGGERS = ("httpx", "httpcore")
# A logger's filters do not see records of its children, and httpcore logs through these at
# DEBUG (response headers included: a redirect's Location may carry the secret).
_CHILD_LOGGERS = tuple(
    f"httpcore.{name}" for name in ("connection", "http11", "http2", "proxy", "socks")
)


def redact(text: str) -> str:
    """``text`` with every webhook secret masked."""
    return _REST_PATH.sub(r"\1***", text)


class RedactingFilter(logging.Filter):
    """A logging filter that masks webhook secrets in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


_FILTER = RedactingFilter()


def install_log_redaction() -> None:
    """Quieten the HTTP loggers and mask secrets in whatever they still say (idempotent)."""
    for name in HTTP_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in HTTP_LOGGERS + _CHILD_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
