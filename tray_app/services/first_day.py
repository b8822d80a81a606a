"""The tray's first status read, made in a child process and handed over as one JSON object.

Why: the tray's children (the keyring read, tray_app/startup/prefetch.py; the ``--demo`` portal,
tray_app/startup/demo_child.py) start before Qt loads and run on the other core. The child that
reads the day imports httpx and makes the request while the tray imports Qt and shows its
icon, so the first status waits for the slower of the two, not for both one after the other.

Only a clean answer is handed over: the child does not retry or follow a moved portal; on any
failure the tray makes the same read itself, with its retries and its words for the error.
Except a refusal for the rate limit: reading again at once would only add to the portal's load
(a whole office starting at 9:00), so it is handed over as the refusal it was, and the tray's
poll schedule backs off from it as from any refused read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tray_app.api.day_batch import STATUS_AND_SETTINGS, status_and_settings
from tray_app.api.envelope import Answer
from tray_app.api.errors import RateLimitedError, TimemanError
from tray_app.core.message import from_document, to_document

if TYPE_CHECKING:
    from tray_app.api.models import DayReading
    from tray_app.api.transport import TransportOptions
    from tray_app.api.webhook import Webhook
    from tray_app.core.portal_settings import PortalSettings

log = logging.getLogger(__name__)

FirstDay = tuple["DayReading", "PortalSettings"]


def read_in_child(webhook: Webhook, options: TransportOptions) -> dict[str, object]:
    """One ``batch`` of status and settings, as the document :func:`reading_from` takes; or
    ``{"error": kind}`` when the tray should read it itself."""
    from tray_app.api.client import TimemanClient  # noqa: PLC0415  (httpx: in the child only)

    try:
        with TimemanClient(webhook, options=options) as client:
            answer = client.call("batch", STATUS_AND_SETTINGS)
            received_at = time.time()
            moved = client.moved_to is not None
        status_and_settings(answer, received_at)  # an error answer is the tray's to handle
    except RateLimitedError as error:
        refused: dict[str, object] = {
            "message": error.message,
            "code": error.code,
            "http_status": error.http_status,
        }
        if error.said is not None:
            refused["said"] = to_document(error.said)
        return {"error": type(error).__name__, "refused": {**refused, "retry_at": error.retry_at}}
    except TimemanError as error:
        return {"error": type(error).__name__}
    if moved:
        return {"error": "moved"}  # the tray keeps the new address itself (remember_move)
    return {
        "result": answer.result,
        "server_time": answer.server_time,
        "reset_at": answer.reset_at,
        "received_at": received_at,
    }


def reading_from(document: object) -> FirstDay | None:
    """The reading and settings in a child's document; None (logged) when there are none.
    Raises :class:`RateLimitedError` when the portal refused the child's read for its limit."""
    if not isinstance(document, Mapping):
        return None
    refusal = _refusal(document.get("refused"))
    if refusal is not None:
        log.info("the first read before start-up was refused for the rate limit; backing off")
        raise refusal
    if "error" in document:
        log.info("the first read before start-up failed (%s); reading again", document["error"])
        return None
    try:
        answer = Answer(
            document["result"], _number(document["server_time"]), _number(document["reset_at"])
        )
        received_at = _number(document["received_at"])
        if received_at is None:
            return None
        return status_and_settings(answer, received_at)
    except (KeyError, TypeError, ValueError, TimemanError):
        log.warning("the first read before start-up is unusable; reading again", exc_info=True)
        return None


def _refusal(document: object) -> RateLimitedError | None:
    """The rate-limit refusal a child's document describes, if it is a well-formed one."""
    if not isinstance(document, Mapping):
        return None
    message, code, status = (
        document.get("message"),
        document.get("code"),
        document.get("http_status"),
    )
    if not isinstance(message, str) or not isinstance(code, str):
        return None
    if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
        return None
    try:
        retry_at = _number(document.get("retry_at"))
    except TypeError:
        return None
    said = from_document(document.get("said")) or message
    return RateLimitedError(said, code=code, http_status=status, retry_at=retry_at)


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    return float(value)
