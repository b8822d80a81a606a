"""The tray's words that are not a widget's own: the headline (menu header, tooltip, panel),
the sentences for errors of the lower layers, and the start-up messages of ``main``.

The layers below the UI (``tray_app.core``, ``tray_app.api``, ``tray_app.config``) speak English:
the CLI prints their words as they are. Here they are said again in the user's language:

* :func:`headline` composes the line of :class:`~tray_app.ui.shared.viewstate.ViewState` from its
  fields (state, worked, breaks, start, end) with translated pieces; in English it is exactly
  the line :func:`tray_app.core.summary.headline` builds (``view.headline``).
* :func:`error_text` finds an error's English sentence among the known ones (by the error's
  class and code, then the sentence itself with its variable parts: a host, an HTTP status,
  the portal's own ``error_description``) and gives the translated sentence with the same
  parts. Without a translation the result is the error's own message, character for character;
  an unknown sentence falls back to a translated general one for its class, else stays English.

Every text is a literal in ``translate("Context", "...")`` or ``QT_TRANSLATE_NOOP("Context",
"...")``, so ``pyside6-lupdate`` finds it; values are filled in with ``str.format`` afterwards.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from tray_app.core.actions import Action
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Phase, PlanFigures, ViewState, Waiting, WaitReason

if TYPE_CHECKING:
    from tray_app.core.reminders import Reminder

__all__ = [
    "QT_TRANSLATE_NOOP",
    "crash_message",
    "day_and_time",
    "day_name",
    "error_text",
    "headline",
    "internal_error",
    "last_day",
    "no_workday_today",
    "plan_hint",
    "reminder_text",
    "reminder_title",
    "snooze_hint",
    "state_word",
    "time_range",
    "waiting_line",
    "week_line",
]

translate = QCoreApplication.translate
"""Always called by this name with a literal context: ``pyside6-lupdate`` finds nothing else."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate knows
    """Mark ``text`` for ``pyside6-lupdate`` in ``context``; returns it unchanged (translate it
    where it is shown). Typed, unlike PySide6's own, which returns ``object``."""
    del context
    return text


SEPARATOR: Final = " · "
EN_DASH: Final = "\u2013"


# -- the headline -----------------------------------------------------------------------------


def state_word(state: DayState) -> str:
    """``Working``, ``On a break``, ``Day closed``, ``Day left open``."""
    if state is DayState.OPENED:
        return translate("Headline", "Working")
    if state is DayState.PAUSED:
        return translate("Headline", "On a break")
    if state is DayState.CLOSED:
        return translate("Headline", "Day closed")
    return translate("Headline", "Day left open")


def no_workday() -> str:
    return translate("Headline", "No workday yet")


def no_workday_today() -> str:
    return translate("Headline", "No workday today")


def day_name(moment: datetime) -> str:
    """``Mon 16 Nov`` (the date of ``moment`` in its own zone)."""
    pattern = translate("Headline", "ddd dd MMM", "QLocale date format: the date of a workday")
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), pattern)


def last_day(moment: datetime) -> str:
    """``last day Mon 16 Nov``: the date of a closed day before today."""
    return translate("Headline", "last day {date}").format(date=day_name(moment))


def signed_out() -> str:
    return translate("Headline", "Not signed in")


def loading(*, signing_in: bool = False) -> str:
    if signing_in:
        return translate("Headline", "Signing in…")
    return translate("Headline", "Loading…")


def day_and_time(moment: datetime) -> str:
    """``Wed 26 Mar 08:00`` (the wall time of ``moment`` in its own zone)."""
    return f"{day_name(moment)} {moment:%H:%M}"


def headline(view: ViewState) -> str:
    """``Working · 3:41 · breaks 0:15 · since 09:02`` and its siblings, in the user's language."""
    text = _headline(view)
    if view.stale and view.phase is not Phase.SIGNED_OUT:
        text += SEPARATOR + translate("Headline", "offline")
        if view.as_of is not None:
            text += SEPARATOR + translate("Headline", "as of {time}").format(
                time=f"{view.as_of:%H:%M}"
            )
    return text


def _headline(view: ViewState) -> str:
    if view.phase is Phase.SIGNED_OUT:
        return signed_out()
    if view.phase is Phase.LOADING or view.day_state is None:
        return loading(signing_in=view.signing_in)
    if view.settings is not None and not view.settings.tracking_enabled:
        return translate("Headline", "Time tracking is off for you on this portal")
    state, start = view.day_state, view.started_at
    if start is None:
        return no_workday() if state is DayState.CLOSED else state_word(state)
    return _day_line(view, state, start)


def _day_line(view: ViewState, state: DayState, start: datetime) -> str:
    """The headline of a day that has a start (times in the zone it started in)."""
    if state is DayState.EXPIRED:
        started = translate("Headline", "started {start}").format(start=day_and_time(start))
        if view.suggested_close_at is None:
            return SEPARATOR.join((state_word(state), started))
        end = view.suggested_close_at.astimezone(start.tzinfo)
        suggested = translate("Headline", "suggested end {end}").format(end=f"{end:%H:%M}")
        return SEPARATOR.join((state_word(state), started, suggested))
    parts = [
        *((no_workday_today(), last_day(start)) if view.earlier_day else (state_word(state),)),
        format_hm(view.worked),
        translate("Headline", "breaks {breaks}").format(breaks=format_hm(view.breaks)),
    ]
    if state is DayState.CLOSED:
        finished = view.workday.finished_at if view.workday is not None else None
        if finished is not None:
            parts.append(time_range(start, finished))
    else:
        parts.append(translate("Headline", "since {start}").format(start=f"{start:%H:%M}"))
    hint = plan_hint(view.plan)
    if hint:
        parts.append(hint)
    return SEPARATOR.join(parts)


def time_range(start: datetime, end: datetime) -> str:
    """``09:12-17:45`` (with an en dash), both ends on the wall clock of ``start``."""
    return f"{start:%H:%M}{EN_DASH}{end.astimezone(start.tzinfo):%H:%M}"


def plan_hint(plan: PlanFigures | None) -> str:
    """``until 18:05`` (the expected end) or ``+0:20 overtime``; "" when the plan adds nothing."""
    if plan is None:
        return ""
    if plan.overtime is not None:
        return translate("Headline", "+{overtime} overtime").format(
            overtime=format_hm(plan.overtime)
        )
    if plan.until is not None:
        return translate("Headline", "until {end}").format(end=f"{plan.until:%H:%M}")
    return ""


def week_line(plan: PlanFigures | None) -> str:
    """``This week: 31:05 of 40:00`` for the tooltip (the figure the panel's week bar and
    History show); without a week's plan only what was done; "" before the plan is known."""
    if plan is None:
        return ""
    done = format_hm(plan.week_done)
    if plan.week_planned is None:
        return translate("Headline", "This week: {done}").format(done=done)
    return translate("Headline", "This week: {done} of {planned}").format(
        done=done, planned=format_hm(plan.week_planned)
    )


# -- an own action waiting for the portal -------------------------------------------------


def _doing(action: Action) -> str:
    """``Closing…``: the action under way."""
    if action is Action.OPEN:
        return translate("Waiting", "Starting…")
    if action is Action.PAUSE:
        return translate("Waiting", "Pausing…")
    if action is Action.RESUME:
        return translate("Waiting", "Resuming…")
    return translate("Waiting", "Closing…")


def waiting_line(waiting: Waiting | None) -> str:
    """``Closing… waiting for the portal, busy: trying again in 4 s`` (tooltip, panel); ""
    when nothing waits."""
    if waiting is None:
        return ""
    doing, seconds = _doing(waiting.action), waiting.retry_in
    if waiting.reason is WaitReason.CHECKING:
        if seconds is None:
            text = translate(
                "Waiting", "the answer was lost: reading the day to see whether it took effect"
            )
        else:
            text = translate(
                "Waiting",
                "the answer was lost: reading the day in {seconds} s to see whether it took effect",
            ).format(seconds=seconds)
    elif waiting.reason is WaitReason.BUSY:
        if seconds is None:
            text = translate("Waiting", "waiting for the portal, busy: trying again now")
        else:
            text = translate(
                "Waiting", "waiting for the portal, busy: trying again in {seconds} s"
            ).format(seconds=seconds)
    elif seconds is None:
        text = translate("Waiting", "waiting for the portal, unreachable: trying again now")
    else:
        text = translate(
            "Waiting", "waiting for the portal, unreachable: trying again in {seconds} s"
        ).format(seconds=seconds)
    return f"{doing} {text}"


# -- reminders --------------------------------------------------------------------------------


def reminder_title(reminder: Reminder) -> str:
    """The first line of a reminder: what it is about."""
    from tray_app.core.reminders import (  # noqa: PLC0415  (loaded with the plan, after start)
        ForgottenDay,
        LunchDue,
        NotStarted,
        StillOpen,
    )

    if isinstance(reminder, NotStarted):
        return translate("Reminders", "Workday not started")
    if isinstance(reminder, LunchDue):
        return translate("Reminders", "Time for lunch")
    if isinstance(reminder, StillOpen):
        return translate("Reminders", "Workday still open")
    if isinstance(reminder, ForgottenDay):
        return translate("Reminders", "Workday left open")
    return translate("Reminders", "Planned work done")


def reminder_text(reminder: Reminder) -> str:
    """What the reminder says, in one or two sentences."""
    from tray_app.core.reminders import (  # noqa: PLC0415
        ForgottenDay,
        LunchDue,
        NotStarted,
        StillOpen,
    )

    if isinstance(reminder, NotStarted):
        return translate(
            "Reminders", "It is past {time}, the latest on-time start, and the day has not begun."
        ).format(time=f"{reminder.latest_start:%H:%M}")
    if isinstance(reminder, LunchDue):
        return translate(
            "Reminders", "Lunch is from {start} to {end} ({length}); pause the workday for it."
        ).format(
            start=f"{reminder.start:%H:%M}",
            end=f"{reminder.end:%H:%M}",
            length=format_hm(reminder.length),
        )
    if isinstance(reminder, StillOpen):
        return translate(
            "Reminders",
            "The workday is still open {past} after its expected end at {end}. Close it if "
            "you have finished.",
        ).format(past=format_hm(reminder.past), end=f"{reminder.expected_end:%H:%M}")
    if isinstance(reminder, ForgottenDay):
        if reminder.started_at is None:
            return translate(
                "Reminders", "An earlier workday was never closed. Close it with its real end time."
            )
        return translate(
            "Reminders",
            "The workday started {start} was never closed. Close it with its real end time.",
        ).format(start=day_and_time(reminder.started_at))
    return translate(
        "Reminders", "You have worked {worked} of the {planned} planned: you can close the day."
    ).format(worked=format_hm(reminder.worked), planned=format_hm(reminder.planned))


def snooze_hint() -> str:
    """The line a reminder notification ends with (a tray message has no buttons)."""
    return translate("Reminders", "Click this message to snooze it for today.")


# -- main -------------------------------------------------------------------------------------


def crash_message(kind: str, folder: object) -> str:
    """The dialog of an unexpected exception (``kind``: its class name)."""
    return translate(
        "Application",
        "timeman-tray ran into an unexpected problem ({kind}) and keeps running. "
        "Details are in the log in {folder}.",
    ).format(kind=kind, folder=folder)


def internal_error(error: BaseException) -> str:
    """A bug's one sentence (the traceback goes to the log)."""
    return translate(
        "Errors", "timeman-tray ran into an internal error ({kind}); see the log."
    ).format(kind=type(error).__name__)


# -- errors of the lower layers ---------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """An English sentence a lower layer raises (``{name}`` marks a variable part)."""

    kind: str  # the class, as "module:Name" (imported only when an error is shown)
    template: str
    code: str | None = None  # the error's .code (upper-cased), when it decides


_TIMEMAN = "tray_app.api.errors:TimemanError"
_AUTH = "tray_app.api.errors:AuthError"
_UNAVAILABLE = "tray_app.api.errors:UnavailableError"
_RATE_LIMITED = "tray_app.api.errors:RateLimitedError"
_REFUSED = "tray_app.api.errors:RefusedError"
_UNEXPECTED = "tray_app.api.errors:UnexpectedAnswerError"
_MOVED = "tray_app.api.errors:MovedError"
_CONFIGURATION = "tray_app.api.errors:ConfigurationError"
_WEBHOOK_URL = "tray_app.api.errors:WebhookUrlError"
_NOT_SIGNED_IN = "tray_app.services.account:NotSignedInError"
_KEYRING_UNAVAILABLE = "tray_app.config.errors:KeyringUnavailableError"
_KEYRING_LOCKED = "tray_app.config.errors:KeyringLockedError"
_KEYRING_FAILED = "tray_app.config.errors:KeyringOperationError"
_SETTINGS_FILE = "tray_app.config.errors:SettingsFileError"
_AUTOSTART = "tray_app.services.autostart:AutostartError"
_VALUE = "builtins:ValueError"

_KNOWN: Final = (
    # A write that failed, then a status read (client._write): the sentence, then the day.
    _Known(_TIMEMAN, QT_TRANSLATE_NOOP("Errors", "{message} The day is still OPENED.")),
    _Known(_TIMEMAN, QT_TRANSLATE_NOOP("Errors", "{message} The day is still PAUSED.")),
    _Known(_TIMEMAN, QT_TRANSLATE_NOOP("Errors", "{message} The day is still CLOSED.")),
    _Known(_TIMEMAN, QT_TRANSLATE_NOOP("Errors", "{message} The day is still EXPIRED.")),
    # The webhook does not work (tray_app.api.envelope.AUTH_MESSAGES, client.verify).
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The portal does not accept this webhook: it was deleted or its secret changed. "
            "Sign in again with a new webhook URL.",
        ),
        "INVALID_CREDENTIALS",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal found no credentials in the request; check the webhook URL."
        ),
        "NO_AUTH_FOUND",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The webhook has no access to work time: edit it in Bitrix24 and tick "
            "the 'timeman' (Time management) permission.",
        ),
        "INSUFFICIENT_SCOPE",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors", "The webhook has expired; create a new one in Bitrix24 and sign in again."
        ),
        "EXPIRED_TOKEN",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP("Errors", "The portal does not accept these credentials; sign in again."),
        "INVALID_TOKEN",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP("Errors", "The portal requires HTTPS; use the https:// webhook URL."),
        "INVALID_REQUEST",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The portal denies REST access (it needs a paid plan or is restricted); "
            "ask the portal administrator.",
        ),
        "ACCESS_DENIED",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors",
            "This is an external (extranet) account; Bitrix24 tracks work time for employees only.",
        ),
        "ALLOWED_ONLY_INTRANET_USER",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors", "This user may not use the webhook; ask the portal administrator."
        ),
        "USER_ACCESS_ERROR",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP("Errors", "The portal refused the credentials; sign in again."),
        "AUTHORIZATION_ERROR",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal does not accept this kind of credentials; use a webhook URL."
        ),
        "WRONG_AUTH_TYPE",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP(
            "Errors", "The administrator has not confirmed the webhook's access yet."
        ),
        "METHOD_CONFIRM_WAITING",
    ),
    _Known(
        _AUTH,
        QT_TRANSLATE_NOOP("Errors", "The portal administrator denied access for the webhook."),
        "METHOD_CONFIRM_DENIED",
    ),
    # No usable answer now (envelope.error_for, client._post, client._status_after_failure).
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "{message} Whether the {action} took effect is unknown until the portal answers "
            "again; it will not be sent twice.",
        ),
    ),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP("Errors", "{message} The {action} was not made; try it again later."),
    ),
    _Known(
        _RATE_LIMITED,
        QT_TRANSLATE_NOOP("Errors", "The portal is rate limiting requests; trying again shortly."),
    ),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The portal has been deleted or closed; waiting will not help. Check its address.",
        ),
        "PORTAL_DELETED",
    ),
    _Known(_UNAVAILABLE, QT_TRANSLATE_NOOP("Errors", "The portal is unavailable ({code}).")),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP("Errors", "The portal is unavailable ({code}). {description}"),
    ),
    _Known(_UNAVAILABLE, QT_TRANSLATE_NOOP("Errors", "Cannot connect to {host}: no answer.")),
    _Known(_UNAVAILABLE, QT_TRANSLATE_NOOP("Errors", "{host} did not answer in time.")),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP("Errors", "The proxy refused the connection: {reason}"),
    ),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The certificate of {host} is not trusted. If your company uses its own "
            "certificate authority, set its CA file in the settings (or SSL_CERT_FILE).",
        ),
    ),
    _Known(_UNAVAILABLE, QT_TRANSLATE_NOOP("Errors", "Cannot connect to {host}: {reason}")),
    _Known(
        _UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors", "The connection to {host} broke off before an answer came: {reason}"
        ),
    ),
    # The portal said no (envelope.REFUSAL_MESSAGES, then the portal's own words).
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP("Errors", "The portal did not understand the time that was sent."),
        "WRONG_DATETIME_FORMAT",
    ),
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP("Errors", "The portal refused the time: {description}"),
        "WRONG_DATETIME",
    ),
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP(
            "Errors", "A start time cannot be set while the day is paused; resume it instead."
        ),
        "TIME",
    ),
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP("Errors", "The day is expired: close it with an end time and a reason."),
        "WD_EXPIRED",
    ),
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP("Errors", "The portal requires a reason for a changed time."),
        "REPORT_NEEDED",
    ),
    _Known(
        _REFUSED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal does not offer this method (is time tracking enabled?)."
        ),
        "ERROR_METHOD_NOT_FOUND",
    ),
    _Known(_REFUSED, QT_TRANSLATE_NOOP("Errors", "The portal refused (no error code).")),
    _Known(_REFUSED, QT_TRANSLATE_NOOP("Errors", "The portal refused ({code}).")),
    _Known(_REFUSED, QT_TRANSLATE_NOOP("Errors", "The portal refused: {description}")),
    # Not the portal's JSON (envelope.parse_answer, client).
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The portal answered with a web page instead of data. A proxy or a login page may "
            "be in the way, or the portal is under maintenance. (HTTP {status})",
        ),
    ),
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal answered with data that is not valid JSON. (HTTP {status})"
        ),
    ),
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP("Errors", "The portal's answer is not a JSON object (HTTP {status})."),
    ),
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal's answer has neither a result nor an error (HTTP {status})."
        ),
    ),
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal answered HTTP {status} with a result; not trusting it."
        ),
    ),
    _Known(
        _UNEXPECTED,
        QT_TRANSLATE_NOOP("Errors", "The portal's batch answer lacks the status or settings."),
    ),
    _Known(_UNEXPECTED, QT_TRANSLATE_NOOP("Errors", "The portal's profile answer has no user id.")),
    _Known(_UNEXPECTED, QT_TRANSLATE_NOOP("Errors", "The portal's scope answer is not a list.")),
    _Known(_UNEXPECTED, QT_TRANSLATE_NOOP("Errors", "The portal's batch answer is not an object.")),
    _Known(
        _UNEXPECTED, QT_TRANSLATE_NOOP("Errors", "The portal's answer cannot be used: {detail}")
    ),
    # A redirect that is not followed (client).
    _Known(
        _MOVED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal redirects again after moving; check its address in Bitrix24."
        ),
    ),
    _Known(
        _MOVED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The portal says it has moved but gives no new address; check it in Bitrix24.",
        ),
    ),
    _Known(
        _MOVED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal redirects to a non-HTTPS address; not following it."
        ),
    ),
    _Known(
        _MOVED,
        QT_TRANSLATE_NOOP(
            "Errors", "The portal redirects to an address that is not a portal; not following it."
        ),
    ),
    # A pasted webhook URL (api.webhook).
    _Known(_WEBHOOK_URL, QT_TRANSLATE_NOOP("Errors", "No webhook URL given. Expected {form}")),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP(
            "Errors", "The webhook URL contains spaces. Expected {form} in one piece"
        ),
    ),
    _Known(_WEBHOOK_URL, QT_TRANSLATE_NOOP("Errors", "That is not a URL. Expected {form}")),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "A webhook URL has no user:password@. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP(
            "Errors",
            "That is not a webhook URL: the path must be /rest/USER_ID/SECRET/. Expected {form}",
        ),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP(
            "Errors", "The part after the secret is not a method name. Expected {form}"
        ),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "A webhook URL has no ?query or #fragment. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "The portal address is not a URL. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "The portal address must start with https://. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "The portal address has no valid host name. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP(
            "Errors",
            "Plain http:// would send the webhook secret unencrypted; use the https:// "
            "address of the portal. Expected {form}",
        ),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "The user id must be a positive number. Expected {form}"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "The webhook secret contains spaces; copy the URL again"),
    ),
    _Known(
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The webhook secret has unexpected characters (letters and digits only). "
            "Expected {form}",
        ),
    ),
    # The connection settings (api.transport).
    _Known(
        _CONFIGURATION,
        QT_TRANSLATE_NOOP("Errors", "The CA file {path} does not exist or is not a file"),
    ),
    _Known(
        _CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "Errors", "The CA file {path} holds no usable certificate (expected PEM)"
        ),
    ),
    _Known(
        _CONFIGURATION,
        QT_TRANSLATE_NOOP("Errors", "The SSL_CERT_FILE {path} does not exist or is not a file"),
    ),
    _Known(
        _CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "Errors", "The SSL_CERT_FILE {path} holds no usable certificate (expected PEM)"
        ),
    ),
    _Known(
        _CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "Errors", "The proxy must look like http://host:port or https://host:port"
        ),
    ),
    _Known(_CONFIGURATION, QT_TRANSLATE_NOOP("Errors", "The proxy address is not a valid URL")),
    # The account (tray_app.services.account).
    _Known(
        _NOT_SIGNED_IN,
        QT_TRANSLATE_NOOP("Errors", "Not signed in: run 'timeman-tray login' first."),
    ),
    _Known(
        _NOT_SIGNED_IN,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The webhook secret is missing from the keyring: run 'timeman-tray login' again.",
        ),
    ),
    _Known(
        _NOT_SIGNED_IN,
        QT_TRANSLATE_NOOP(
            "Errors", "The secret in the keyring is unusable: run 'timeman-tray login' again."
        ),
    ),
    # The keyring (tray_app.config._keyring).
    _Known(
        _KEYRING_UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "No usable keyring: install and unlock GNOME Keyring or KWallet (Secret Service), "
            "or on a headless machine start gnome-keyring-daemon --unlock.",
        ),
    ),
    _Known(
        _KEYRING_UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring is switched off (keyring's null backend is configured): remove it from "
            "PYTHON_KEYRING_BACKEND or keyringrc.cfg so the webhook secret can be stored.",
        ),
    ),
    _Known(
        _KEYRING_UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "Only the keyring backend {name} is available, which may keep the secret in a plain "
            "file: install and unlock GNOME Keyring or KWallet, or choose that backend on "
            "purpose with PYTHON_KEYRING_BACKEND.",
        ),
    ),
    _Known(
        _KEYRING_UNAVAILABLE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring backend chosen in PYTHON_KEYRING_BACKEND or keyringrc.cfg cannot be "
            "used (not installed, or its service is not running): start it, or correct or "
            "remove that setting.",
        ),
    ),
    _Known(
        _KEYRING_LOCKED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring is locked: unlock it (log in to the desktop session, or run "
            "gnome-keyring-daemon --unlock) and try again.",
        ),
    ),
    _Known(
        _KEYRING_LOCKED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring did not answer within {seconds} s; it may be waiting for an unlock "
            "prompt: unlock the keyring and try again.",
        ),
    ),
    _Known(
        _KEYRING_FAILED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring could not read the webhook secret: try again, and if it keeps failing "
            "check the keyring with your desktop's password manager.",
        ),
    ),
    _Known(
        _KEYRING_FAILED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring could not store the webhook secret: try again, and if it keeps failing "
            "check the keyring with your desktop's password manager.",
        ),
    ),
    _Known(
        _KEYRING_FAILED,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The keyring could not delete the webhook secret: try again, and if it keeps "
            "failing check the keyring with your desktop's password manager.",
        ),
    ),
    # The settings file (tray_app.config.settings).
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The settings file {path} cannot be read ({reason}): check its permissions, or move "
            "it away to start with default settings.",
        ),
    ),
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The settings file {path} cannot be written ({reason}): check the free space and "
            "the permissions of its folder.",
        ),
    ),
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The settings file {path} is damaged ({reason}): fix or delete it; until then "
            "timeman-tray uses default settings and keeps that file as {name}.bak when it next "
            "saves.",
        ),
    ),
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The settings file {path} does not hold a JSON object: fix or delete it; until then "
            "timeman-tray uses default settings and keeps that file as {name}.bak when it next "
            "saves.",
        ),
    ),
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            'The settings file {path} has an invalid "version": fix or delete it; until then '
            "timeman-tray uses default settings and keeps that file as {name}.bak when it next "
            "saves.",
        ),
    ),
    _Known(
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The settings file {path} was written by a newer timeman-tray (version {version}): "
            "fix or delete it; until then timeman-tray uses default settings and keeps that "
            "file as {name}.bak when it next saves.",
        ),
    ),
    # Start at login (tray_app.services.autostart).
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP(
            "Errors",
            "The program's path contains a control character; it cannot start at login.",
        ),
    ),
    _Known(_AUTOSTART, QT_TRANSLATE_NOOP("Errors", "No program to start at login.")),
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP("Errors", "Could not remove {path} ({reason}); remove it by hand."),
    ),
    _Known(_AUTOSTART, QT_TRANSLATE_NOOP("Errors", "Could not read {path} ({reason}).")),
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP(
            "Errors", "Could not write {path} ({reason}); check the folder's permissions."
        ),
    ),
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP(
            "Errors", "Could not read the start-at-login entry in the registry ({reason})."
        ),
    ),
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP(
            "Errors", "Could not write the start-at-login entry in the registry ({reason})."
        ),
    ),
    _Known(
        _AUTOSTART,
        QT_TRANSLATE_NOOP(
            "Errors", "Could not remove the start-at-login entry in the registry ({reason})."
        ),
    ),
    # A field the settings refuse (tray_app.config.settings; the dialog makes it a sentence).
    _Known(
        _VALUE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "proxy looks like a secret (a webhook URL or a password), which belongs in the keyring",
        ),
    ),
    _Known(
        _VALUE,
        QT_TRANSLATE_NOOP(
            "Errors",
            "ca_file looks like a secret (a webhook URL or a password), which belongs in the "
            "keyring",
        ),
    ),
    _Known(
        _VALUE,
        QT_TRANSLATE_NOOP(
            "Errors", "proxy must not contain user@: proxy credentials are not kept in settings"
        ),
    ),
    _Known(_VALUE, QT_TRANSLATE_NOOP("Errors", "proxy must not contain NUL characters")),
    _Known(_VALUE, QT_TRANSLATE_NOOP("Errors", "ca_file must not contain NUL characters")),
)

_NETWORK_REASONS: Final = frozenset(
    # tray_app.api.network_words.REASONS (a test keeps the two equal): the {reason} of the
    # connection sentences above, translated on their own.
    (
        QT_TRANSLATE_NOOP("Errors", "the connection was refused"),
        QT_TRANSLATE_NOOP(
            "Errors", "the name of the server cannot be found (check the address and the network)"
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "the name of the server could not be looked up (no DNS answer)"
        ),
        QT_TRANSLATE_NOOP("Errors", "there is no network"),
        QT_TRANSLATE_NOOP("Errors", "the server cannot be reached from this network"),
        QT_TRANSLATE_NOOP("Errors", "the connection was reset"),
        QT_TRANSLATE_NOOP("Errors", "the connection timed out"),
        QT_TRANSLATE_NOOP("Errors", "the connection was closed"),
    )
)

_GENERAL: Final = (
    # For a sentence not listed above: said in general terms, but only where translated.
    (_AUTH, QT_TRANSLATE_NOOP("Errors", "The portal does not accept the webhook; sign in again.")),
    (_RATE_LIMITED, QT_TRANSLATE_NOOP("Errors", "The portal is rate limiting requests.")),
    (_UNAVAILABLE, QT_TRANSLATE_NOOP("Errors", "The portal cannot be reached right now.")),
    (_REFUSED, QT_TRANSLATE_NOOP("Errors", "The portal refused the request.")),
    (_UNEXPECTED, QT_TRANSLATE_NOOP("Errors", "The portal's answer cannot be used.")),
    (_MOVED, QT_TRANSLATE_NOOP("Errors", "The portal has moved; check its address in Bitrix24.")),
    (
        _WEBHOOK_URL,
        QT_TRANSLATE_NOOP("Errors", "That is not a webhook URL. Expected {form}"),
    ),
    (_NOT_SIGNED_IN, QT_TRANSLATE_NOOP("Errors", "Not signed in.")),
    (
        _KEYRING_UNAVAILABLE,
        QT_TRANSLATE_NOOP("Errors", "No usable keyring was found for the webhook secret."),
    ),
    (
        _KEYRING_LOCKED,
        QT_TRANSLATE_NOOP("Errors", "The keyring is locked; unlock it and try again."),
    ),
    (
        _KEYRING_FAILED,
        QT_TRANSLATE_NOOP("Errors", "The keyring failed; try again."),
    ),
    (
        _SETTINGS_FILE,
        QT_TRANSLATE_NOOP("Errors", "The settings file cannot be used; default settings apply."),
    ),
    (_AUTOSTART, QT_TRANSLATE_NOOP("Errors", "Start at login could not be changed.")),
)

_EXPECTED_FORM: Final = "https://your-portal.bitrix24.com/rest/USER_ID/SECRET/"
_FIELD: Final = re.compile(r"\{(\w+)\}")
_FIELD_PATTERNS: Final = {"code": r"[^\s()]+", "status": r"\d+", "host": r"\S+", "seconds": r"\S+"}


def error_text(error: BaseException) -> str:
    """``error``'s sentence in the user's language (see the module's docstring)."""
    message = getattr(error, "message", None)
    english = message if isinstance(message, str) else str(error)
    code = getattr(error, "code", None)
    code_key = code.upper() if isinstance(code, str) else None
    known = [
        entry
        for entry in _KNOWN
        if isinstance(error, _class(entry.kind)) and entry.code in (None, code_key)
    ]
    translated = _translated(english, known)
    if translated is not None:
        return translated
    for kind, template in _GENERAL:
        if isinstance(error, _class(kind)):
            general = translate("Errors", template)
            if general == template:
                return english  # not translated: the specific English sentence says more
            return general.format(form=_EXPECTED_FORM)
    return english


def _translated(english: str, known: list[_Known]) -> str | None:
    """The translation of the first sentence of ``known`` that ``english`` is, or None."""
    for entry in known:
        values = _match(entry.template, english)
        if values is None:
            continue
        if "message" in values:  # a write's failure, wrapped: say the inner sentence too
            inner = [other for other in _KNOWN if other.kind.startswith("tray_app.api.")]
            values["message"] = _translated(values["message"], inner) or values["message"]
        if values.get("reason") in _NETWORK_REASONS:
            values["reason"] = translate("Errors", values["reason"])
        return translate("Errors", entry.template).format(**values)
    return None


def _match(template: str, text: str) -> dict[str, str] | None:
    found = _pattern(template).fullmatch(text)
    return None if found is None else found.groupdict()


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    """``"Cannot connect to {host}: {reason}"`` as a regular expression with named groups."""
    pieces = _FIELD.split(template)  # literal, name, literal, name, ..., literal
    regex = "".join(
        f"(?P<{piece}>{_FIELD_PATTERNS.get(piece, '.+?')})" if index % 2 else re.escape(piece)
        for index, piece in enumerate(pieces)
    )
    return re.compile(regex, re.DOTALL)


@functools.cache
def _class(kind: str) -> type[BaseException]:
    """The exception class ``"module:Name"`` (imported on first use: the api pulls in httpx)."""
    module_name, _, name = kind.partition(":")
    found: object = getattr(importlib.import_module(module_name), name)
    assert isinstance(found, type), kind
    assert issubclass(found, BaseException), kind
    return found
