"""The words of the report dialog: each broken rule, hint and heading as a person reads it.

Every text goes through ``translate("ReportDialog", ...)`` (``QCoreApplication.translate``)
with a literal source string (values are filled in with ``str.format`` afterwards), so
``pyside6-lupdate`` extracts them into the dialog's context. Times are 24-hour ``HH:MM``; dates
use the locale's day and month names.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from tray_app.core.backdate import MAX_REASON_LENGTH, Rule
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.zones import WallTimeProblem, zone_label

COUNTER_FROM = MAX_REASON_LENGTH - 200
"""The reason's length is shown from here on (near the limit)."""


translate = QCoreApplication.translate
"""Always called by this name with the literal context "ReportDialog": ``pyside6-lupdate`` finds
nothing else (neither a wrapper like ``_t(text)`` nor a context held in a variable)."""


def long_date(day: date) -> str:
    """``Friday, 20 November 2026`` in the user's language."""
    pattern = translate(
        "ReportDialog", "dddd, d MMMM yyyy", "QLocale date format of the date shown in the dialog"
    )
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def clock(moment: datetime) -> str:
    """``09:05``: the 24-hour wall time of ``moment`` in its own zone."""
    return f"{moment:%H:%M}"


def span(delta: timedelta) -> str:
    """``15 min`` or ``1:30 h``."""
    minutes = int(delta.total_seconds()) // 60
    if minutes < 60:
        return translate("ReportDialog", "{minutes} min").format(minutes=max(minutes, 0))
    return translate("ReportDialog", "{hours_minutes} h").format(hours_minutes=format_hm(delta))


def state_words(state: DayState | None) -> str:
    """What the day is now, to finish "it is now …"."""
    if state is DayState.OPENED:
        return translate("ReportDialog", "running")
    if state is DayState.PAUSED:
        return translate("ReportDialog", "on a break")
    if state is DayState.CLOSED:
        return translate("ReportDialog", "closed")
    if state is DayState.EXPIRED:
        return translate("ReportDialog", "left open from an earlier day")
    return translate("ReportDialog", "unknown: there is no answer from the portal")


def no_longer_applies(state: DayState | None) -> str:
    return translate(
        "ReportDialog",
        "The workday changed meanwhile (it is now {state}), so this change no longer "
        "applies. Cancel, then choose again from the menu.",
    ).format(state=state_words(state))


def unknown_zone(text: str) -> str:
    return translate(
        "ReportDialog",
        'Unknown time zone "{zone}": choose one from the list, or type an offset like +03:00.',
    ).format(zone=text.strip())


def bad_time(naive: datetime, zone: tzinfo, problem: WallTimeProblem | None) -> str:
    """A wall time the zone's clocks skip or repeat."""
    values = {
        "time": clock(naive),
        "date": long_date(naive.date()),
        "zone": zone_label(zone, naive),
    }
    if problem is WallTimeProblem.GAP:
        text = translate(
            "ReportDialog",
            "{time} does not exist on {date} in {zone}: the clocks jump forward over it. "
            "Choose a time before or after the jump.",
        )
    elif problem is WallTimeProblem.REPEATED:
        text = translate(
            "ReportDialog",
            "{time} happens twice on {date} in {zone} (the clocks go back). Choose the zone "
            "as an offset, e.g. UTC+02:00, to say which one you mean.",
        )
    else:
        text = translate(
            "ReportDialog", "{time} on {date} is not a time the portal can take in {zone}."
        )
    return text.format(**values)


def time_rule(rule: Rule, when: datetime, now: datetime, day: Workday, shown: tzinfo) -> str:
    """The broken time rule in words; times are shown in the zone the user types in."""
    started = day.started_at.astimezone(shown) if day.started_at is not None else None
    finished = day.finished_at.astimezone(shown) if day.finished_at is not None else None
    values = {"time": clock(when.astimezone(shown)), "now": clock(now.astimezone(shown))}
    if rule is Rule.NOT_TODAY:
        text = translate("ReportDialog", "The start must be today ({date}).")
        values["date"] = long_date(now.astimezone(shown).date())
    elif rule is Rule.IN_FUTURE:
        text = translate("ReportDialog", "{time} is in the future: it is {now} now.")
    elif rule is Rule.OVERLAPS_PREVIOUS and finished is not None:
        text = translate("ReportDialog", "The start must be after your previous day ended ({end}).")
        values["end"] = clock(finished)
    elif rule is Rule.NOT_START_DATE and started is not None:
        text = translate("ReportDialog", "The end must be on the same day as the start ({date}).")
        values["date"] = long_date(started.date())
    elif rule is Rule.BEFORE_START and started is not None:
        text = translate("ReportDialog", "The end must be after the start ({start}).")
        values["start"] = clock(started)
    elif rule is Rule.BEFORE_BREAK and finished is not None:
        text = translate("ReportDialog", "The end cannot be before your break began ({pause}).")
        values["pause"] = clock(finished)
    elif rule is Rule.SHORTER_THAN_BREAKS:
        text = translate(
            "ReportDialog", "The day would be shorter than the breaks already taken ({breaks})."
        )
        values["breaks"] = format_hm(day.leaks)
    elif rule in (Rule.OPEN_NOT_CLOSED, Rule.CLOSE_NOT_RUNNING):
        return no_longer_applies(day.state)
    else:
        text = translate("ReportDialog", "The portal would refuse {time}.")
    return text.format(**values)


def reason_rule(rule: Rule, length: int) -> str:
    if rule is Rule.REASON_MISSING:
        return translate(
            "ReportDialog", "Give a reason: the portal needs one when you change a time."
        )
    if rule is Rule.REASON_TOO_LONG:
        return translate(
            "ReportDialog", "The reason is too long: {count} characters, at most {limit}."
        ).format(count=length, limit=MAX_REASON_LENGTH)
    return translate(
        "ReportDialog",
        "The reason contains invisible control characters; remove them "
        "(retype the text rather than pasting it).",
    )


def converted(when: datetime, day_zone: tzinfo, typed_date: date) -> str:
    """The typed time as the portal books it, in the day's zone."""
    local = when.astimezone(day_zone)
    values = {"time": clock(local), "zone": zone_label(day_zone, local)}
    if local.date() == typed_date:
        return translate("ReportDialog", "That is {time} in the day's zone ({zone}).").format(
            **values
        )
    values["date"] = long_date(local.date())
    return translate("ReportDialog", "That is {time} on {date} in the day's zone ({zone}).").format(
        **values
    )


def title(mode: str) -> str:
    """The window title of a :class:`~tray_app.ui.report.check.ReportMode` (by value)."""
    if mode == "start":
        return translate("ReportDialog", "Change start time")
    if mode == "close":
        return translate("ReportDialog", "Close at another time")
    return translate("ReportDialog", "Close the forgotten day")


def intro(mode: str, day: Workday | None, zone: tzinfo | None) -> str:
    """The sentence at the top: what the dialog changes (``zone``: the day's zone)."""
    if mode == "start" or day is None or day.started_at is None or zone is None:
        return translate(
            "ReportDialog", "Start today's workday at the time you actually began working."
        )
    start = day.started_at.astimezone(zone)
    if mode == "close":
        return translate(
            "ReportDialog",
            "Close the workday that started at {start} at the time you actually stopped.",
        ).format(start=clock(start))
    return translate(
        "ReportDialog",
        "The workday that started on {date} at {start} was never closed. "
        "Give the time you stopped working that day.",
    ).format(date=long_date(start.date()), start=clock(start))


def reason_label(required: bool) -> str:
    if required:
        return translate("ReportDialog", "&Reason (required):")
    return translate("ReportDialog", "&Reason (optional: your schedule is flexible):")


def zone_tip(day_zone_name: str | None) -> str:
    if day_zone_name is None:
        return translate("ReportDialog", "Type to search, e.g. Berlin, or an offset like +03:00.")
    return translate(
        "ReportDialog",
        "The day started in {zone}. A time typed in another zone is converted to it.",
    ).format(zone=day_zone_name)


def ok_text(start: bool, typed: str) -> str:
    if start:
        return translate("ReportDialog", "Start at {time}").format(time=typed)
    return translate("ReportDialog", "Close at {time}").format(time=typed)


def counter(length: int) -> str:
    return translate("ReportDialog", "{count} / {limit}").format(
        count=length, limit=MAX_REASON_LENGTH
    )


def confirmation(expired: bool, allowed: timedelta) -> str:
    if expired:
        return translate(
            "ReportDialog", "Closing a forgotten day always needs your supervisor's confirmation."
        )
    return translate(
        "ReportDialog",
        "Your supervisor will be asked to confirm this change (more than {delta} from the "
        "actual time).",
    ).format(delta=span(allowed))


def refusal(message: str) -> str:
    return translate("ReportDialog", "The portal refused the change: {message}").format(
        message=message.strip()
    )


def sending() -> str:
    return translate("ReportDialog", "Sending to the portal…")
