"""Turn one HTTP answer into a result or into the matching error of :mod:`tray_app.api.errors`.

The portal's ``error`` string decides, never its text (localized) and only coarsely the HTTP
status: authentication failures come as 401 from the server code but 403/400 per the docs
(API reference §5.4).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from tray_app.api.errors import (
    AuthError,
    RateLimitedError,
    RefusedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)
from tray_app.api.redact import redact
from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy

_MAX_DESCRIPTION = 300
_TAG = re.compile(r"<[^>]*>")

AUTH_MESSAGES: Mapping[str, Message] = {
    "INVALID_CREDENTIALS": say(
        "api.auth.invalid_credentials",
        "The portal does not accept this webhook: it was deleted or its secret changed. "
        "Sign in again with a new webhook URL.",
    ),
    "NO_AUTH_FOUND": say(
        "api.auth.no_auth_found",
        "The portal found no credentials in the request; check the webhook URL.",
    ),
    "INSUFFICIENT_SCOPE": say(
        "api.auth.insufficient_scope",
        "The webhook has no access to work time: edit it in Bitrix24 and tick "
        "the 'timeman' (Time management) permission.",
    ),
    "EXPIRED_TOKEN": say(
        "api.auth.expired_token",
        "The webhook has expired; create a new one in Bitrix24 and sign in again.",
    ),
    "INVALID_TOKEN": say(
        "api.auth.invalid_token", "The portal does not accept these credentials; sign in again."
    ),
    "INVALID_REQUEST": say(
        "api.auth.invalid_request", "The portal requires HTTPS; use the https:// webhook URL."
    ),
    "ACCESS_DENIED": say(
        "api.auth.access_denied",
        "The portal denies REST access (it needs a paid plan or is restricted); "
        "ask the portal administrator.",
    ),
    "ALLOWED_ONLY_INTRANET_USER": say(
        "api.auth.extranet_user",
        "This is an external (extranet) account; Bitrix24 tracks work time for employees only.",
    ),
    "USER_ACCESS_ERROR": say(
        "api.auth.user_access",
        "This user may not use the webhook; ask the portal administrator.",
    ),
    "AUTHORIZATION_ERROR": say(
        "api.auth.authorization", "The portal refused the credentials; sign in again."
    ),
    "WRONG_AUTH_TYPE": say(
        "api.auth.wrong_auth_type",
        "The portal does not accept this kind of credentials; use a webhook URL.",
    ),
    "METHOD_CONFIRM_WAITING": say(
        "api.auth.confirm_waiting",
        "The administrator has not confirmed the webhook's access yet.",
    ),
    "METHOD_CONFIRM_DENIED": say(
        "api.auth.confirm_denied", "The portal administrator denied access for the webhook."
    ),
}

RATE_LIMIT_CODES = frozenset({"QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT"})
UNAVAILABLE_CODES = frozenset(
    {"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "OVERLOAD_LIMIT"}
)

REFUSAL_MESSAGES: Mapping[str, Message] = {
    # Filled with description= (the portal's words, else its code) where the template asks.
    "WRONG_DATETIME_FORMAT": say(
        "api.refused.datetime_format", "The portal did not understand the time that was sent."
    ),
    "WRONG_DATETIME": say("api.refused.datetime", "The portal refused the time: {description}"),
    "TIME": say(
        "api.refused.time_while_paused",
        "A start time cannot be set while the day is paused; resume it instead.",
    ),
    "WD_EXPIRED": say(
        "api.refused.day_expired", "The day is expired: close it with an end time and a reason."
    ),
    "REPORT_NEEDED": say(
        "api.refused.report_needed", "The portal requires a reason for a changed time."
    ),
    "ERROR_METHOD_NOT_FOUND": say(
        "api.refused.no_method",
        "The portal does not offer this method (is time tracking enabled?).",
    ),
}


@dataclass(frozen=True)
class Answer:
    """A successful envelope: the ``result`` and what its ``time`` block says."""

    result: object
    server_time: float | None
    reset_at: float | None


def describe(description: object) -> str:
    """The portal's error text, made safe to show: no tags, no secrets, bounded length."""
    text = _TAG.sub("", str(description or "")).strip()
    text = " ".join(text.split())
    if len(text) > _MAX_DESCRIPTION:
        text = text[: _MAX_DESCRIPTION - 1] + "…"
    return redact(text)


def error_for(code: object, description: object, http_status: int | None) -> TimemanError:
    """The error of the tree for a portal ``error`` envelope (also a batch ``result_error``)."""
    raw_code = "" if code is None else str(code)
    key = raw_code.upper()
    text = describe(description)
    if key in AUTH_MESSAGES:
        return AuthError(AUTH_MESSAGES[key], code=raw_code, http_status=http_status)
    if key in RATE_LIMIT_CODES:
        return RateLimitedError(
            say("api.rate_limited", "The portal is rate limiting requests; trying again shortly."),
            code=raw_code,
            http_status=http_status,
        )
    if key == "PORTAL_DELETED":
        return UnavailableError(
            say(
                "api.portal_deleted",
                "The portal has been deleted or closed; waiting will not help. Check its address.",
            ),
            code=raw_code,
            http_status=http_status,
            remedy=Remedy.USER_ACTS,
        )
    if key in UNAVAILABLE_CODES or (http_status is not None and http_status >= 500):
        return UnavailableError(
            _unavailable(raw_code or str(http_status), text),
            code=raw_code,
            http_status=http_status,
        )
    return RefusedError(
        _refusal(key, raw_code, text), code=raw_code, http_status=http_status, description=text
    )


def _unavailable(code: str, description: str) -> Message:
    if description:
        return say(
            "api.unavailable.described",
            "The portal is unavailable ({code}). {description}",
            code=code,
            description=description,
        )
    return say("api.unavailable.code", "The portal is unavailable ({code}).", code=code)


def _refusal(key: str, raw_code: str, description: str) -> Message:
    known = REFUSAL_MESSAGES.get(key)
    if known is not None:
        return known.with_params(description=description or raw_code)
    if description:
        return say(
            "api.refused.described", "The portal refused: {description}", description=description
        )
    if raw_code:
        return say("api.refused.code", "The portal refused ({code}).", code=raw_code)
    return say("api.refused.no_code", "The portal refused (no error code).")


def parse_answer(status: int, content_type: str, body: bytes) -> Answer:
    """The :class:`Answer` of one HTTP response, or raise the matching error."""
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _not_json(status, content_type, body) from None
    if not isinstance(document, Mapping):
        raise UnexpectedAnswerError(
            say(
                "api.answer.not_object",
                "The portal's answer is not a JSON object (HTTP {status}).",
                status=status,
            ),
            http_status=status,
        )
    if "error" in document:
        raise error_for(document.get("error"), document.get("error_description"), status)
    if "result" not in document:
        raise UnexpectedAnswerError(
            say(
                "api.answer.no_result",
                "The portal's answer has neither a result nor an error (HTTP {status}).",
                status=status,
            ),
            http_status=status,
        )
    if status >= 400:
        raise UnexpectedAnswerError(
            say(
                "api.answer.error_with_result",
                "The portal answered HTTP {status} with a result; not trusting it.",
                status=status,
            ),
            http_status=status,
        )
    timing = document.get("time")
    server_time = reset_at = None
    if isinstance(timing, Mapping):
        server_time = _number(timing.get("start"))
        reset_at = _number(timing.get("operating_reset_at"))
    return Answer(result=document["result"], server_time=server_time, reset_at=reset_at)


def _not_json(status: int, content_type: str, body: bytes) -> UnexpectedAnswerError:
    looks_html = "html" in content_type.lower() or body.lstrip()[:1] == b"<"
    if looks_html:
        said = say(
            "api.answer.web_page",
            "The portal answered with a web page instead of data. A proxy or a login page may "
            "be in the way, or the portal is under maintenance. (HTTP {status})",
            status=status,
        )
    else:
        said = say(
            "api.answer.not_json",
            "The portal answered with data that is not valid JSON. (HTTP {status})",
            status=status,
        )
    return UnexpectedAnswerError(said, http_status=status)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
