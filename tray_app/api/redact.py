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
        logger = logging.getLogger(name)
        logger.setLevel(logging.WARNING)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
