"""The day's status and the portal's settings in one ``batch`` answer, made into readings.

Apart from the client so that an answer read elsewhere (the tray's first read, done in a child
process before Qt loads: tray_app/startup/prefetch.py) is judged by the same rules without httpx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, TypeVar

from tray_app.api.envelope import Answer, error_for
from tray_app.api.errors import UnexpectedAnswerError
from tray_app.api.models import DayReading
from tray_app.core.elapsed import ServerClock
from tray_app.core.message import say
from tray_app.core.portal_settings import PortalSettings, parse_portal_settings
from tray_app.core.workday import WorkdayParseError, parse_workday

STATUS_AND_SETTINGS: Final[Mapping[str, object]] = {
    "halt": 0,
    "cmd": {"status": "timeman.status", "settings": "timeman.settings"},
}
"""The ``batch`` parameters: both reads count once against the rate limit."""
_T = TypeVar("_T")


def day_reading(answer: Answer, received_at: float) -> DayReading:
    """The workday of a ``timeman.status`` answer, with the clock skew seen in it."""
    workday = parsed(parse_workday, answer.result)
    clock = ServerClock.from_answer(answer.server_time, received_at)
    return DayReading(workday, clock, received_at)


def status_and_settings(answer: Answer, received_at: float) -> tuple[DayReading, PortalSettings]:
    """The reading and settings of a :data:`STATUS_AND_SETTINGS` answer; a sub-command's own
    error is raised as the error it is (a rate limit of its own, say)."""
    results, errors = _batch_parts(answer.result)
    for key in ("status", "settings"):
        error = errors.get(key)
        if isinstance(error, Mapping):
            raise error_for(error.get("error"), error.get("error_description"), None)
    if "status" not in results or "settings" not in results:
        raise UnexpectedAnswerError(
            say(
                "api.answer.batch_incomplete",
                "The portal's batch answer lacks the status or settings.",
            )
        )
    status = Answer(results["status"], answer.server_time, answer.reset_at)
    reading = day_reading(status, received_at)
    return reading, parsed(parse_portal_settings, results["settings"])


def parsed(parser: Callable[[object], _T], raw: object) -> _T:
    """``parser(raw)``, its complaint raised as an unusable answer."""
    try:
        return parser(raw)
    except WorkdayParseError as exc:
        raise UnexpectedAnswerError(
            say(
                "api.answer.unusable",
                "The portal's answer cannot be used: {detail}",
                detail=str(exc),
            )
        ) from None


def _batch_parts(result: object) -> tuple[Mapping[str, object], Mapping[str, object]]:
    if not isinstance(result, Mapping):
        raise UnexpectedAnswerError(
            say("api.answer.batch_not_object", "The portal's batch answer is not an object.")
        )
    results = result.get("result")
    errors = result.get("result_error")
    return (
        results if isinstance(results, Mapping) else {},
        errors if isinstance(errors, Mapping) else {},
    )
