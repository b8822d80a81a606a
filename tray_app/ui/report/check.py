"""What the report dialog's form means under the portal's rules, without the widgets.

:func:`evaluate` turns what is typed (a wall time, a zone's name, a reason) into the moment to
send, or the first broken rule in words (:mod:`tray_app.ui.report.texts`), plus whether the
portal will ask a supervisor to confirm it. The rules themselves are
:mod:`tray_app.core.backdate`'s; here they are only applied to the dialog's fields:

- a start is typed on today's date in the chosen zone (its offset becomes the day's zone);
- an end is typed on the day's start date in the chosen zone and converted to the day's zone,
  where the rules check it (and the user is shown the converted time when the zones differ).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from tray_app.core.actions import Action, applies
from tray_app.core.backdate import (
    Rule,
    RuleViolation,
    check_close_time,
    check_open_time,
    check_reason,
    close_date,
    day_zone,
    needs_confirmation,
    open_date,
    parse_user_time,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.timefmt import TimeFormatError, fixed_offset
from tray_app.core.workday import DayState, Workday
from tray_app.ui.report import texts
from tray_app.ui.shared.viewstate import Phase, ViewState
from tray_app.ui.shared.zones import parse_zone_label, wall_time_problem, zone_label

_NINE_HOURS = timedelta(hours=9)  # the portal's own fallback for a missing suggested end


class ReportMode(StrEnum):
    """Which change the dialog asks for."""

    START = "start"
    CLOSE = "close"
    CLOSE_EXPIRED = "close_expired"


MODE_ACTIONS = {
    ReportMode.START: Action.OPEN,
    ReportMode.CLOSE: Action.CLOSE,
    ReportMode.CLOSE_EXPIRED: Action.CLOSE_EXPIRED,
}


class Severity(StrEnum):
    """How a message is shown: a broken rule, or a note (e.g. a reason not yet typed)."""

    ERROR = "error"
    INFO = "info"


@dataclass(frozen=True)
class Form:
    """What the dialog's fields hold."""

    zone_text: str
    hour: int
    minute: int
    reason: str
    reason_touched: bool = False


@dataclass(frozen=True)
class Check:
    """The rules' verdict on a :class:`Form`."""

    when: datetime | None = None
    reason: str | None = None
    problem: str = ""
    severity: Severity = Severity.ERROR
    on_date: date | None = None
    converted: str = ""
    hint: str = ""

    @property
    def valid(self) -> bool:
        return self.when is not None and self.reason is not None and not self.problem


def applicable_day(mode: ReportMode, view: ViewState) -> Workday | None:
    """The day ``mode`` applies to in ``view``, or None when it does not (any more)."""
    day = view.workday
    if view.phase is not Phase.READY or day is None or not applies(MODE_ACTIONS[mode], day.state):
        return None
    if view.settings is not None and not view.settings.tracking_enabled:
        return None
    if mode is not ReportMode.START and day.started_at is None:
        return None  # a close needs the day's start date and zone
    return day


def evaluate(mode: ReportMode, view: ViewState, form: Form, now: datetime) -> Check:
    """Check ``form`` at the portal's moment ``now``: the time first, then the reason."""
    day = applicable_day(mode, view)
    if day is None:
        state = view.workday.state if view.workday is not None else None
        return Check(problem=texts.no_longer_applies(state))
    try:
        zone = parse_zone_label(form.zone_text)
    except TimeFormatError:
        return Check(problem=texts.unknown_zone(form.zone_text))
    on_date = open_date(now, zone) if mode is ReportMode.START else close_date(day)
    timed = _check_time(mode, day, form, on_date=on_date, zone=zone, now=now)
    if timed.problem or timed.when is None:
        return timed
    text = form.reason
    try:
        reason = check_reason(text, required=view.reason_required)
    except RuleViolation as exc:
        quiet = exc.rule is Rule.REASON_MISSING and not form.reason_touched
        return Check(
            when=timed.when,
            problem=texts.reason_rule(exc.rule, reason_length(text)),
            severity=Severity.INFO if quiet else Severity.ERROR,
            on_date=on_date,
            converted=timed.converted,
            hint=_hint(day, timed.when, now, view.settings),
        )
    return Check(
        when=timed.when,
        reason=reason,
        on_date=on_date,
        converted=timed.converted,
        hint=_hint(day, timed.when, now, view.settings),
    )


def _check_time(
    mode: ReportMode, day: Workday, form: Form, *, on_date: date, zone: tzinfo, now: datetime
) -> Check:
    naive = datetime.combine(on_date, time(form.hour, form.minute))
    try:
        when = parse_user_time(f"{naive:%H:%M}", on_date, zone)
    except RuleViolation:
        problem = texts.bad_time(naive, zone, wall_time_problem(naive, zone))
        return Check(problem=problem, on_date=on_date)
    converted = ""
    if mode is not ReportMode.START:
        dzone = day_zone(day)
        if when.utcoffset() != when.astimezone(dzone).utcoffset():
            converted = texts.converted(when, dzone, on_date)
        when = when.astimezone(dzone)
    try:
        if mode is ReportMode.START:
            check_open_time(day, when, now)
        else:
            check_close_time(day, when, now)
    except RuleViolation as exc:
        problem = texts.time_rule(exc.rule, when, now, day, zone)
        return Check(problem=problem, on_date=on_date, converted=converted)
    return Check(when=when, on_date=on_date, converted=converted)


def _hint(day: Workday, when: datetime, now: datetime, settings: PortalSettings | None) -> str:
    """Whether the portal will ask a supervisor to confirm (unknown settings: its defaults)."""
    effective = settings or PortalSettings()
    if not needs_confirmation(when, now, day, effective):
        return ""
    return texts.confirmation(day.state is DayState.EXPIRED, effective.allowed_delta)


def suggested_moment(mode: ReportMode, view: ViewState, now: datetime) -> datetime:
    """What the time field shows first: now (to the minute), or the suggested end of an
    expired day (``TIME_FINISH_DEFAULT``, else start + 9 h); an end stays on the start date."""
    moment = now.replace(second=0, microsecond=0)
    day = view.workday
    if mode is ReportMode.START or day is None or day.started_at is None:
        return moment
    zone = day_zone(day)
    last = datetime.combine(close_date(day), time(23, 59), tzinfo=zone)
    if mode is ReportMode.CLOSE_EXPIRED:
        moment = day.suggested_finish or (day.started_at + _NINE_HOURS)
    return min(moment.astimezone(zone).replace(second=0, microsecond=0), last)


def default_zones(mode: ReportMode, view: ViewState, local: tzinfo, now: datetime) -> list[str]:
    """The zones listed first, the default one first: for a start the local zone and its
    offset now; for an end the day's zone, then the local one."""
    local_name = zone_label(local, now)
    day = view.workday
    if mode is ReportMode.START or day is None or day.day_offset is None:
        offset = now.astimezone(local).utcoffset() or timedelta(0)
        return [local_name, zone_label(fixed_offset(int(offset.total_seconds())), now)]
    return [zone_label(day_zone(day), now), local_name]


def reason_length(text: str) -> int:
    """The length :func:`~tray_app.core.backdate.check_reason` limits."""
    return len(text.replace("\r\n", "\n").strip())
