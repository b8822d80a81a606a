"""Clicks kept while the portal could not be reached (issue 12): the values.

A start, pause, resume or close that cannot reach the portal is kept as a :class:`KeptClick`:
what was clicked, the moment of the click with the machine's UTC offset, a reading of the
machine's steady counter at that moment (to see later whether the wall clock jumped), the day as
the app last knew it (its :class:`DayMark`, to see later whether it changed elsewhere) and, once a
write went out, the :class:`SentWrite` whose answer may never come. What to do with a kept click
once the portal answers again is decided in :mod:`tray_app.core.kept_rules`; the durable queue
is :mod:`tray_app.history.kept_store`.

The clock is injected (:class:`Clock`); :class:`SystemClock` is the machine's. Its steady counter
is ``CLOCK_BOOTTIME`` where the system has it (it goes on counting while the lid is closed), else
``time.monotonic()``; readings are comparable only within one boot (Linux: the kernel's boot id)
or, where no boot id can be read, within one run of the program.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from tray_app.core.actions import Action
from tray_app.core.workday import DayState, Workday

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
_RUN_ID = f"run-{uuid.uuid4().hex}"
JUMP_TOLERANCE = timedelta(minutes=3)
"""More than this between the kept moment and the steady counter's: the clock jumped."""


class KeptAction(StrEnum):
    """What was clicked."""

    OPEN = "open"
    PAUSE = "pause"
    RESUME = "resume"
    CLOSE = "close"


KEPT_ACTIONS = {
    Action.OPEN: KeptAction.OPEN,
    Action.PAUSE: KeptAction.PAUSE,
    Action.RESUME: KeptAction.RESUME,
    Action.CLOSE: KeptAction.CLOSE,
}
"""The clicks that may be kept (a close of an expired day needs a time: it is not one)."""
ACTION_OF = {kept: action for action, kept in KEPT_ACTIONS.items()}
"""The action a kept click is."""


@dataclass(frozen=True)
class Steady:
    """A reading of a counter nobody sets: ``seconds`` since an arbitrary start of ``boot``."""

    boot: str
    seconds: float

    def elapsed_since(self, earlier: Steady) -> timedelta | None:
        """Real time from ``earlier`` to this reading; None when they cannot be compared."""
        if not self.boot or self.boot != earlier.boot:
            return None
        return timedelta(seconds=self.seconds - earlier.seconds)


class Clock(Protocol):
    """The machine's idea of the time."""

    def now(self) -> datetime:
        """The wall clock, aware, in the machine's offset."""
        ...

    def steady(self) -> Steady:
        """The steady counter."""
        ...


class SystemClock:
    """The machine's clocks."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()

    def steady(self) -> Steady:
        return Steady(boot_id(), steady_seconds())


def steady_seconds() -> float:
    """``CLOCK_BOOTTIME`` (counts suspend) where there is one, else ``time.monotonic()``."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is None:
        return time.monotonic()
    return time.clock_gettime(boottime)


def boot_id(path: Path = BOOT_ID_FILE) -> str:
    """The kernel's id of this boot; elsewhere an id of this run of the program."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return _RUN_ID
    return f"boot-{text}" if text else _RUN_ID


@dataclass(frozen=True)
class DayMark:
    """What tells one state of the portal's day from another (``ACTIVE`` and the duration
    aside): a change elsewhere, or the effect of a write, changes one of these."""

    state: DayState
    record_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    leaks: timedelta = timedelta(0)


def mark_of(day: Workday) -> DayMark:
    """The :class:`DayMark` of an answered workday."""
    return DayMark(day.state, day.record_id, day.started_at, day.finished_at, day.leaks)


def same_record(mark: DayMark, day: Workday) -> bool:
    """Whether ``day`` is the record ``mark`` was taken of (by ``ID`` where both carry one)."""
    if mark.record_id is not None and day.record_id is not None:
        return mark.record_id == day.record_id
    return mark.started_at == day.started_at


def same_day(mark: DayMark, day: Workday) -> bool:
    """Whether nothing happened to the day since ``mark`` was taken: the same record with the
    same start, end and breaks, in the same state -- or one that expired meanwhile, which
    happens by itself (a running or paused day becomes EXPIRED)."""
    if not same_record(mark, day):
        return False
    if (mark.started_at, mark.finished_at, mark.leaks) != (
        day.started_at,
        day.finished_at,
        day.leaks,
    ):
        return False
    if mark.state is day.state:
        return True
    return day.state is DayState.EXPIRED and mark.state in (DayState.OPENED, DayState.PAUSED)


@dataclass(frozen=True)
class SentWrite:
    """A write that went out for a kept click: its method, the ``TIME`` it carried (None: at
    the portal's now), when it went (the portal's time) and the day it was decided on."""

    method: str
    time: datetime | None
    sent_at: datetime
    basis: DayMark


@dataclass(frozen=True)
class KeptClick:
    """One kept click. ``basis``: the day as the app last knew it before the click (None:
    unknown, or the click followed another kept click, ``after``, and that one has not been
    settled yet). ``steady``: None once the person confirmed the time. ``held``: the portal
    refused a write for it (the code); it waits for the person."""

    click_id: str
    action: KeptAction
    clicked_at: datetime
    steady: Steady | None
    basis: DayMark | None
    after: str | None = None
    sent: SentWrite | None = None
    held: str | None = None


def new_click(
    action: KeptAction,
    clock: Clock,
    *,
    last_known: Workday | None,
    queue: Sequence[KeptClick],
    make_id: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> KeptClick:
    """A click being kept now. Behind other kept clicks its basis is what they will leave,
    known only once they are settled (the store fills it in then)."""
    after = queue[-1].click_id if queue else None
    basis = None if after is not None or last_known is None else mark_of(last_known)
    return KeptClick(
        click_id=make_id(),
        action=action,
        clicked_at=clock.now().replace(microsecond=0),
        steady=clock.steady(),
        basis=basis,
        after=after,
    )


def clock_jump(
    click: KeptClick, now: datetime, steady: Steady | None
) -> tuple[bool, datetime | None]:
    """Whether the kept moment is not to be trusted, and when the click was by the steady
    counter (None: not known). A moment after ``now`` is never trusted."""
    if click.steady is None:  # the person confirmed the time
        return False, None
    elapsed = None if steady is None else steady.elapsed_since(click.steady)
    if elapsed is not None:
        moment = now - elapsed
        if abs(moment - click.clicked_at) > JUMP_TOLERANCE:
            return True, moment.astimezone(click.clicked_at.tzinfo).replace(microsecond=0)
    return click.clicked_at > now + JUMP_TOLERANCE, None


REASON_TEMPLATE_ID = "kept_click_reason"
DEFAULT_REASON_TEMPLATE = (
    "Clicked {clicked} while the portal was unreachable; sent {sent} by timeman-tray"
)
REASON_PLACEHOLDERS = ("clicked", "sent", "clicked_date", "sent_date")


@dataclass(frozen=True)
class KeptReason:
    """The automatic reason sent with a kept click's time: a template id and its parameters
    (the UI words it in the person's language, from Settings); both moments in the day's
    offset."""

    clicked_at: datetime
    sent_at: datetime
    template_id: str = REASON_TEMPLATE_ID

    def params(self) -> dict[str, str]:
        return {
            "clicked": f"{self.clicked_at:%H:%M}",
            "sent": f"{self.sent_at:%H:%M}",
            "clicked_date": f"{self.clicked_at:%Y-%m-%d}",
            "sent_date": f"{self.sent_at:%Y-%m-%d}",
        }

    def render(self, template: str = DEFAULT_REASON_TEMPLATE) -> str:
        """``template`` with its ``{clicked}``, ``{sent}``, ``{clicked_date}``, ``{sent_date}``
        filled in; any other brace is left as typed (a person edits the template)."""
        text = template
        for key, value in self.params().items():
            text = text.replace("{" + key + "}", value)
        return text


LEAVES = {
    KeptAction.OPEN: DayState.OPENED,
    KeptAction.PAUSE: DayState.PAUSED,
    KeptAction.RESUME: DayState.OPENED,
    KeptAction.CLOSE: DayState.CLOSED,
}
"""The state each click means to leave the day in."""


def projected_state(known: DayState | None, queue: Sequence[KeptClick]) -> DayState | None:
    """The day as the person sees it while clicks are kept: the last kept click's state (the
    menu offers what follows it; a kept close stops the clock), else the state last read."""
    return LEAVES[queue[-1].action] if queue else known
