"""A production calendar ("производственный календарь"): the days off and the shorter working
days of a five-day week (Monday to Friday working, Saturday and Sunday off).

Table driven and pure. A :class:`ProductionCalendar` holds the public holidays (month and day)
and, per year, the transfers of the government's decree; the data of a country lives in its
own module (:mod:`tray_app.core.calendar_ru`). For every date:

- a public holiday is a day off, whatever its weekday;
- a holiday on a Saturday or Sunday gives its day off to the next working day (the Russian
  Labour Code, art. 112) -- except the holidays of :attr:`ProductionCalendar.decree_only_months`
  (the January ones), whose days off move only by decree, and except a weekend date the year's
  decree moves itself;
- a decree's :class:`Transfer` moves the day off of a weekend date to another date; a weekend
  date that is not a holiday thereby becomes a working day, and it is worked as the date it was
  exchanged for (a Saturday paired with a Monday off plans as that Monday);
- a working day right before a public holiday is one hour shorter (art. 95); a working weekend
  date is shorter when the date it stands in for would have been.

A year without a known decree gets these statutory rules only: its holidays and their weekend
moves, never a transfer. The days off of a decree are those of a five-day week; a six-day week's
calendar differs and is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

_DAY = timedelta(days=1)
_SATURDAY = 5


def _weekend(on: date) -> bool:
    return on.weekday() >= _SATURDAY


class DayType(StrEnum):
    """What the calendar says about a date."""

    WORKING = "working"  # a working day, a weekend date made working included
    WEEKEND = "weekend"  # Saturday or Sunday, not a holiday
    HOLIDAY = "holiday"  # a public holiday
    DAY_OFF = "day_off"  # a weekday off: a transfer's target or a holiday's weekend move


@dataclass(frozen=True, kw_only=True)
class CalendarDay:
    """One date of the calendar."""

    on: date
    type: DayType
    plan_as: date  # the date whose weekday plan applies: the paired day off, or ``on`` itself
    shortened: bool = False  # a working day one hour shorter

    @property
    def working(self) -> bool:
        return self.type is DayType.WORKING

    @property
    def off(self) -> bool:
        """A day off by the calendar itself: a holiday or a weekday off (not a plain weekend)."""
        return self.type in (DayType.HOLIDAY, DayType.DAY_OFF)


@dataclass(frozen=True)
class Transfer:
    """A decree's transfer: the day off of the weekend date ``day_off`` moves to ``to``."""

    day_off: date
    to: date


@dataclass(frozen=True)
class Decree:
    """The transfers the government set for ``year``."""

    year: int
    transfers: tuple[Transfer, ...]


@dataclass(frozen=True, kw_only=True)
class ProductionCalendar:
    """Public holidays by (month, day) and the decrees of the years that have one."""

    name: str
    holidays: frozenset[tuple[int, int]]
    decree_only_months: frozenset[int] = frozenset()
    decrees: tuple[Decree, ...] = ()

    def is_holiday(self, on: date) -> bool:
        """Whether ``on`` is a public holiday."""
        return (on.month, on.day) in self.holidays

    def has_decree(self, year: int) -> bool:
        """Whether the transfers of ``year`` are known (else only the statutory rules apply)."""
        return any(decree.year == year for decree in self.decrees)

    def pre_holiday(self, on: date) -> bool:
        """Whether the date after ``on`` is a public holiday (art. 95, read literally)."""
        return self.is_holiday(on + _DAY)

    def day(self, on: date) -> CalendarDay:
        """What the calendar says about ``on`` on a five-day week."""
        if self.is_holiday(on):
            return CalendarDay(on=on, type=DayType.HOLIDAY, plan_as=on)
        year = _year(self, on.year)
        if on in year.days_off:
            return CalendarDay(on=on, type=DayType.DAY_OFF, plan_as=on)
        plan_as = year.worked.get(on, on)
        if _weekend(on) and plan_as == on:
            return CalendarDay(on=on, type=DayType.WEEKEND, plan_as=on)
        return CalendarDay(
            on=on, type=DayType.WORKING, plan_as=plan_as, shortened=self.pre_holiday(plan_as)
        )


@dataclass(frozen=True)
class _Year:
    days_off: frozenset[date]  # weekdays off: decree targets and holidays' weekend moves
    worked: dict[date, date]  # a weekend date made working -> the date it stands in for


@lru_cache(maxsize=64)
def _year(calendar: ProductionCalendar, year: int) -> _Year:
    transfers = next((d.transfers for d in calendar.decrees if d.year == year), ())
    moved_by_decree = {transfer.day_off for transfer in transfers}
    days_off = {transfer.to for transfer in transfers}
    holidays = sorted(date(year, month, day) for month, day in calendar.holidays)
    for holiday in holidays:
        if (
            _weekend(holiday)
            and holiday.month not in calendar.decree_only_months
            and holiday not in moved_by_decree
        ):
            target = holiday + _DAY
            while _weekend(target) or calendar.is_holiday(target) or target in days_off:
                target += _DAY
            days_off.add(target)
    worked = {
        transfer.day_off: transfer.to
        for transfer in transfers
        if not calendar.is_holiday(transfer.day_off)
    }
    return _Year(days_off=frozenset(days_off), worked=worked)
