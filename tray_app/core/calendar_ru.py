"""The Russian production calendar: public holidays and the government's transfers.

Holidays: the Labour Code, art. 112 -- 1 to 8 January (New Year holidays and, on the 7th,
Christmas), 23 February, 8 March, 1 May, 9 May, 12 June, 4 November. The January ones falling on
a weekend move only by decree; the others move to the next working day by law. 31 December is
not a holiday: it is a day off only in the years a decree moves a January weekend there.

Transfers: the government's decrees on moving days off for 2023 to 2027, as the consultant.ru
calendars and the news of their signing report them (the ``holidays`` package's table of
Russia served to cross-check the dates). 2027 is known from that table only. Other years get
the statutory rules only (see :mod:`tray_app.core.production_calendar`); extend
:data:`RUSSIAN_DECREES` when a new decree is signed (usually in the autumn before its year).
"""

from __future__ import annotations

from datetime import date

from tray_app.core.production_calendar import Decree, ProductionCalendar, Transfer

_JANUARY = 1

RUSSIAN_HOLIDAYS = frozenset(
    {(_JANUARY, day) for day in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
)


def _moves(year: int, *pairs: tuple[tuple[int, int], tuple[int, int]]) -> Decree:
    """A decree from ((month, day) of the weekend day off, (month, day) it moves to) pairs."""
    return Decree(
        year,
        tuple(Transfer(date(year, *day_off), date(year, *to)) for day_off, to in pairs),
    )


RUSSIAN_DECREES = (
    # Decree No. 1505 of 29 August 2022.
    _moves(2023, ((1, 1), (2, 24)), ((1, 8), (5, 8))),
    # Decree No. 1314 of 10 August 2023: three working Saturdays.
    _moves(
        2024,
        ((1, 6), (5, 10)),
        ((1, 7), (12, 31)),
        ((4, 27), (4, 29)),
        ((11, 2), (4, 30)),
        ((12, 28), (12, 30)),
    ),
    # Decree No. 1335 of 4 October 2024: 23 February and 8 March (weekend) move to May and June.
    _moves(
        2025,
        ((1, 4), (5, 2)),
        ((1, 5), (12, 31)),
        ((2, 23), (5, 8)),
        ((3, 8), (6, 13)),
        ((11, 1), (11, 3)),
    ),
    # Decree No. 1466 of 24 September 2025.
    _moves(2026, ((1, 3), (1, 9)), ((1, 4), (12, 31))),
    # The 2027 decree as the holidays package lists it (not cross-checked).
    _moves(2027, ((1, 2), (11, 5)), ((1, 3), (12, 31)), ((2, 20), (2, 22))),
)

RUSSIA = ProductionCalendar(
    name="ru",
    holidays=RUSSIAN_HOLIDAYS,
    decree_only_months=frozenset({_JANUARY}),
    decrees=RUSSIAN_DECREES,
)
"""The main Russian production calendar (the only one the app has)."""
