"""Which reminders are due: a pure function of the plan, the status, the time and a small record.

The kinds (each can be turned off in :class:`ReminderSettings`):

- ``not_started``: the day is closed and was not started today, and the latest on-time start
  has passed (only where the schedule has one).
- ``lunch``: a lunch window is open while the day runs (OPENED, not on a break) and the breaks
  so far do not cover the lunches up to this one; fixed hours and shifts only. Each of two
  lunches is its own reminder.
- ``work_done``: the expected end has come ("you can close the day").
- ``still_open``: the day is still open ``still_open_after`` past the expected end. A running
  break does not move that end (it is the end as it stood when the break began). When due, it
  replaces ``work_done``.
- ``forgotten_day``: the last day was never closed (EXPIRED).

None fires on a day off (a weekend, a holiday of the production calendar, a transferred day
off): today's plan decides for ``not_started`` and ``forgotten_day``, the running day's plan
(its start date) for the others. A reminder fires at most once per local day; "snooze today"
silences its kind until the next local day. The caller keeps the :class:`ReminderRecord` that
says so between calls (``record_to_json``/``record_from_json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import ClassVar

from tray_app.core.day_plan import day_outlook, expected_end
from tray_app.core.day_rules import PlanSource, day_rules
from tray_app.core.elapsed import Elapsed
from tray_app.core.workday import DayState, Workday

_ZERO = timedelta(0)


class ReminderKind(StrEnum):
    """What a reminder is about."""

    NOT_STARTED = "not_started"
    LUNCH = "lunch"
    WORK_DONE = "work_done"
    STILL_OPEN = "still_open"
    FORGOTTEN_DAY = "forgotten_day"


@dataclass(frozen=True, kw_only=True)
class ReminderSettings:
    """The user's choices: each kind on or off, and the delay of ``still_open``."""

    not_started: bool = True
    lunch: bool = True
    work_done: bool = True
    still_open: bool = True
    forgotten_day: bool = True
    still_open_after: timedelta = timedelta(minutes=30)

    def enabled(self, kind: ReminderKind) -> bool:
        """Whether reminders of ``kind`` are wanted."""
        return bool(getattr(self, kind.value))


@dataclass(frozen=True)
class NotStarted:
    """Not started although the latest on-time start has passed."""

    kind: ClassVar[ReminderKind] = ReminderKind.NOT_STARTED
    latest_start: datetime

    @property
    def key(self) -> str:
        return self.kind.value


@dataclass(frozen=True)
class LunchDue:
    """Lunch ``number`` (1 or 2) is open from ``start`` to ``end`` and lasts ``length``."""

    kind: ClassVar[ReminderKind] = ReminderKind.LUNCH
    number: int
    start: datetime
    end: datetime
    length: timedelta

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.number}"


@dataclass(frozen=True)
class WorkDone:
    """The planned work is done: the day can be closed."""

    kind: ClassVar[ReminderKind] = ReminderKind.WORK_DONE
    expected_end: datetime
    planned: timedelta
    worked: timedelta

    @property
    def key(self) -> str:
        return self.kind.value


@dataclass(frozen=True)
class StillOpen:
    """The day is still open ``past`` after its expected end."""

    kind: ClassVar[ReminderKind] = ReminderKind.STILL_OPEN
    expected_end: datetime
    past: timedelta

    @property
    def key(self) -> str:
        return self.kind.value


@dataclass(frozen=True)
class ForgottenDay:
    """An earlier day was never closed; ``suggested_end`` is the portal's proposal."""

    kind: ClassVar[ReminderKind] = ReminderKind.FORGOTTEN_DAY
    started_at: datetime | None
    suggested_end: datetime | None

    @property
    def key(self) -> str:
        return self.kind.value


Reminder = NotStarted | LunchDue | WorkDone | StillOpen | ForgottenDay


@dataclass(frozen=True)
class ReminderRecord:
    """What fired and what was snoozed on ``day`` (a local date); other days' entries are void."""

    day: date | None = None
    fired: frozenset[str] = frozenset()
    snoozed: frozenset[ReminderKind] = frozenset()

    def on(self, today: date) -> ReminderRecord:
        """This record if it is for ``today``, else an empty one for ``today``."""
        return self if self.day == today else ReminderRecord(day=today)

    def silences(self, reminder: Reminder) -> bool:
        """Whether ``reminder`` already fired today or its kind was snoozed."""
        return reminder.key in self.fired or reminder.kind in self.snoozed


@dataclass(frozen=True)
class ReminderCheck:
    """The reminders to show now, and the record to keep for the next check."""

    due: tuple[Reminder, ...]
    record: ReminderRecord


def local_day(now: datetime, zone: tzinfo) -> date:
    """The local date of ``now``: the period a snooze or a fired reminder lasts."""
    return now.astimezone(zone).date()


def snooze(
    record: ReminderRecord, kind: ReminderKind, now: datetime, zone: tzinfo
) -> ReminderRecord:
    """The "snooze today" of a notification: no reminder of ``kind`` until the next local day."""
    current = record.on(local_day(now, zone))
    return replace(current, snoozed=current.snoozed | {kind})


def due_reminders(
    source: PlanSource,
    day: Workday,
    figures: Elapsed,
    now: datetime,
    *,
    settings: ReminderSettings,
    record: ReminderRecord,
) -> ReminderCheck:
    """The reminders due at ``now`` (the portal's time) for ``day`` (the last status).

    ``figures`` is :func:`tray_app.core.elapsed.elapsed` of ``day`` at ``now``. What is due is
    marked as fired in the returned record, so the same call a minute later returns nothing.
    """
    today = local_day(now, source.zone)
    current = record.on(today)
    candidates = [
        reminder
        for reminder in _candidates(source, day, figures, now, settings=settings, today=today)
        if settings.enabled(reminder.kind)
    ]
    due = tuple(reminder for reminder in candidates if not current.silences(reminder))
    fired = current.fired | {reminder.key for reminder in due}
    return ReminderCheck(due=due, record=replace(current, fired=fired))


def _candidates(
    source: PlanSource,
    day: Workday,
    figures: Elapsed,
    now: datetime,
    *,
    settings: ReminderSettings,
    today: date,
) -> list[Reminder]:
    found: list[Reminder] = []
    outlook = day_outlook(source, day, figures, now)
    rules = outlook.rules
    today_rules = rules if rules.on == today else day_rules(source, today)
    if today_rules.working:
        if day.state is DayState.EXPIRED:
            found.append(ForgottenDay(day.started_at, day.suggested_finish))
        latest = today_rules.latest_start
        not_started = day.state is DayState.CLOSED and outlook.started_at is None
        if not_started and latest is not None and now >= latest:
            found.append(NotStarted(latest))
    if not (outlook.running and rules.working):
        return found
    started_at = outlook.started_at
    assert started_at is not None, "a running day has a start"
    if rules.rigid and day.state is DayState.OPENED:
        owed = _ZERO
        for number, lunch in enumerate(rules.lunches, start=1):
            owed += lunch.length
            if lunch.start <= now < lunch.end and outlook.breaks < owed:
                found.append(LunchDue(number, lunch.start, lunch.end, lunch.length))
    settled = expected_end(rules, started_at, day.leaks)
    assert settled is not None, "a working day has an end"
    assert outlook.expected_end is not None, "a running working day has an end"
    if now >= settled + settings.still_open_after and settings.still_open:
        found.append(StillOpen(settled, now - settled))
    elif now >= outlook.expected_end:
        found.append(WorkDone(outlook.expected_end, rules.planned, outlook.worked))
    return found


# --- keeping the record between runs -------------------------------------------------------------


def record_to_json(record: ReminderRecord) -> dict[str, object]:
    """The record as a JSON object for the settings file."""
    return {
        "day": None if record.day is None else record.day.isoformat(),
        "fired": sorted(record.fired),
        "snoozed": sorted(kind.value for kind in record.snoozed),
    }


def record_from_json(raw: object) -> ReminderRecord:
    """A record read back; anything unusable yields an empty record (at worst a reminder
    shows once more)."""
    if not isinstance(raw, Mapping):
        return ReminderRecord()
    try:
        day = date.fromisoformat(str(raw["day"]))
        fired = raw["fired"]
        snoozed = raw["snoozed"]
        if not isinstance(fired, list) or not isinstance(snoozed, list):
            return ReminderRecord()
        return ReminderRecord(
            day=day,
            fired=frozenset(str(key) for key in fired),
            snoozed=frozenset(ReminderKind(str(kind)) for kind in snoozed),
        )
    except (KeyError, ValueError):
        return ReminderRecord()
