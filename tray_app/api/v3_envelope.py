"""The REST 3.0 envelope: its address shape is the client's, its error shape is turned here.

REST 3.0 answers errors as ``{"error": {"code", "message", "validation": [{"field",
"message"}]}}``, codes prefixed ``BITRIX_REST_V3_EXCEPTION_`` (API reference §5.1, §5.3, §7).
:func:`parse_v3_answer` turns that shape into the error tree once, like
:func:`~tray_app.api.envelope.parse_answer` does for the old one (which it falls back to for
everything else: the old REST's errors, HTML pages, broken JSON, results). A missing scope is
403 ``INSUFFICIENTSCOPEEXCEPTION`` here, an :class:`~tray_app.api.errors.AuthError` as ever.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from tray_app.api.envelope import AUTH_MESSAGES, Answer, describe, error_for, parse_answer
from tray_app.api.errors import AuthError, TimemanError

V3_PREFIX = "BITRIX_REST_V3_EXCEPTION_"
SCOPE_CODE = V3_PREFIX + "INSUFFICIENTSCOPEEXCEPTION"
ACCESS_DENIED_CODE = V3_PREFIX + "ACCESSDENIEDEXCEPTION"


def parse_v3_answer(status: int, content_type: str, body: bytes) -> Answer:
    """The :class:`Answer` of a REST 3.0 response, or raise the matching error."""
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document = None
    if isinstance(document, Mapping):
        error = document.get("error")
        if isinstance(error, Mapping):
            raise v3_error_for(error, status)
    return parse_answer(status, content_type, body)


def v3_error_for(error: Mapping[str, object], http_status: int | None) -> TimemanError:
    """The error of the tree for a REST 3.0 ``error`` object."""
    code = error.get("code")
    raw_code = "" if code is None else str(code)
    details = [describe(error.get("message"))]
    validation = error.get("validation")
    if isinstance(validation, list):
        for entry in validation:
            if isinstance(entry, Mapping):
                field, message = describe(entry.get("field")), describe(entry.get("message"))
                details.append(f"{field}: {message}" if field else message)
    text = "; ".join(part for part in details if part)
    if raw_code.upper() == SCOPE_CODE:
        return AuthError(
            AUTH_MESSAGES["INSUFFICIENT_SCOPE"], code=raw_code, http_status=http_status
        )
    return error_for(raw_code, text, http_status)
