"""Stand-ins for the controller's collaborators: a scripted portal client, a clock, timers.

:class:`FakeClient` has the surface of :class:`tray_app.api.TimemanClient` the tray uses. It holds
one workday like a tiny portal (the tests change it to play "somebody did it elsewhere"), moves
it through the state machine on :meth:`~FakeClient.perform` (silent no-ops included, API
reference §1.2), raises scripted errors, can hold every call until released (to test ordering)
and records every call with the thread it ran on.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace, TracebackType
from typing import Any

from tray_app.api.envelope import Answer
from tray_app.api.errors import RefusedError
from tray_app.api.models import DayReading, WriteOutcome
from tray_app.core.actions import SPECS, Action
from tray_app.core.elapsed import ServerClock
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday
from tray_app.ui.shared.viewstate import ViewState, compute_view

ZONE = timezone(timedelta(hours=2))
START = datetime(2025, 3, 27, 8, 0, tzinfo=ZONE)
T0 = datetime(2025, 3, 27, 10, 0, 30, tzinfo=ZONE).timestamp()
"""The fake clock starts half a minute into 10:00, two hours after the day began."""
HOLD_TIMEOUT_S = 10.0


def workday(
    state: DayState,
    *,
    start: datetime | None = START,
    finish: datetime | None = None,
    leaks: timedelta = timedelta(0),
    duration: timedelta = timedelta(0),
    suggested: datetime | None = None,
    record_id: int | None = 1,
) -> Workday:
    """A workday as the portal would answer it (offset +02:00)."""
    return Workday(
        state=state,
        record_id=record_id,
        started_at=start,
        finished_at=finish,
        duration=duration,
        leaks=leaks,
        confirmed=True,
        tz_offset=7200 if start is not None else None,
        suggested_finish=suggested,
    )


def reading(day: Workday, *, at: float = T0, skew_s: float = 0.0) -> DayReading:
    """``day`` as read at the local time ``at`` from a portal ``skew_s`` ahead of us."""
    return DayReading(day, ServerClock(timedelta(seconds=skew_s)), at)


def view_of(state: DayState, **changes: Any) -> ViewState:
    """What the tray shows at T0 of a typical day in ``state`` (``changes``: compute_view's
    keywords)."""
    days = {
        DayState.OPENED: workday(DayState.OPENED, leaks=timedelta(minutes=15)),
        DayState.PAUSED: workday(
            DayState.PAUSED, finish=START + timedelta(hours=1), leaks=timedelta(minutes=5)
        ),
        DayState.CLOSED: workday(
            DayState.CLOSED,
            finish=START + timedelta(hours=8),
            duration=timedelta(hours=7, minutes=30),
            leaks=timedelta(minutes=30),
        ),
        DayState.EXPIRED: workday(
            DayState.EXPIRED,
            start=START - timedelta(days=1),
            suggested=START - timedelta(days=1) + timedelta(hours=9),
        ),
    }
    now = datetime.fromtimestamp(T0, ZONE)
    return compute_view(reading(days[state]), PortalSettings(), now, **changes)


class FakeClock:
    """Wall-clock seconds that move only when told."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass(frozen=True)
class Call:
    """One call the client received."""

    method: str
    thread: int
    action: Action | None = None
    time: datetime | None = None
    reason: str | None = None
    with_report: bool = True


class FakeClient:
    """A scripted, recording, optionally blocking portal client (thread-safe)."""

    def __init__(
        self,
        day: Workday,
        *,
        clock: FakeClock,
        settings: PortalSettings | None = None,
        skew_s: float = 0.0,
    ) -> None:
        self._lock = threading.Lock()
        self._day = day
        self._clock = clock
        self.settings = settings or PortalSettings()
        self.skew_s = skew_s
        self.calls: list[Call] = []
        self.errors: deque[Exception] = deque()
        self.outcomes: deque[WriteOutcome] = deque()
        self.release: threading.Event | None = None
        self.waiting = threading.Event()
        self.shutdown_thread: int | None = None
        self.webhook = SimpleNamespace(user_id=1)
        self.records: list[dict[str, object]] = []
        """The items ``timeman.record.list`` answers (REST 3.0, one page)."""

    # -- what the tests script -----------------------------------------------------------------

    @property
    def day(self) -> Workday:
        with self._lock:
            return self._day

    @day.setter
    def day(self, value: Workday) -> None:
        with self._lock:
            self._day = value

    def fail(self, *errors: Exception) -> None:
        """The next calls raise these, one each, in order."""
        with self._lock:
            self.errors.extend(errors)

    def hold(self) -> threading.Event:
        """Make every call wait until the returned event is set."""
        self.release = threading.Event()
        return self.release

    def methods(self) -> list[str]:
        """The names of the calls so far."""
        with self._lock:
            return [call.method for call in self.calls]

    # -- the TimemanClient surface ---------------------------------------------------------------

    def status(self) -> DayReading:
        self._enter(Call("status", threading.get_ident()))
        return self._reading()

    def status_and_settings(self) -> tuple[DayReading, PortalSettings]:
        self._enter(Call("status_and_settings", threading.get_ident()))
        return self._reading(), self.settings

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        with_report: bool = True,
    ) -> WriteOutcome:
        self._enter(Call("perform", threading.get_ident(), action, time, reason, with_report))
        with self._lock:
            if self.outcomes:
                return self.outcomes.popleft()
            self._day = self._after(action, self._day, time)
        answer = self._reading()
        return WriteOutcome(action, answer, applied=answer.workday.state is SPECS[action].expected)

    def read(self, method: str, params: object = None, *, rest_v3: bool = False) -> Answer:
        """What :func:`tray_app.api.records.fetch_records` asks: one page of :attr:`records`."""
        del params
        self._enter(Call(f"read:{method}" + (":v3" if rest_v3 else ""), threading.get_ident()))
        return Answer(result={"items": list(self.records)}, server_time=None, reset_at=None)

    def shutdown(self) -> None:
        self.shutdown_thread = threading.get_ident()

    def __enter__(self) -> FakeClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.shutdown()

    # -- inside ------------------------------------------------------------------------------------

    def _enter(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
        release = self.release
        if release is not None:
            self.waiting.set()
            if not release.wait(HOLD_TIMEOUT_S):
                raise AssertionError("the test never released the held call")
            self.waiting.clear()
        with self._lock:
            if self.errors:
                raise self.errors.popleft()

    def _reading(self) -> DayReading:
        return reading(self.day, at=self._clock(), skew_s=self.skew_s)

    def _after(self, action: Action, day: Workday, time: datetime | None = None) -> Workday:
        """The portal's state machine, silent no-ops included (API reference §1.2); a ``time``
        is when it happened (a start or a close backdated)."""
        now = time if time is not None else datetime.fromtimestamp(self._clock(), ZONE)
        state = day.state
        if action is Action.OPEN and state is DayState.CLOSED:
            return workday(DayState.OPENED, start=now, record_id=(day.record_id or 0) + 1)
        if action is Action.RESUME and state is DayState.PAUSED:
            assert day.finished_at is not None
            return replace(
                day,
                state=DayState.OPENED,
                finished_at=None,
                leaks=day.leaks + now - day.finished_at,
            )
        if action is Action.PAUSE and state is DayState.OPENED:
            return replace(day, state=DayState.PAUSED, finished_at=now)
        if (action is Action.CLOSE and state in (DayState.OPENED, DayState.PAUSED)) or (
            action is Action.CLOSE_EXPIRED and state is DayState.EXPIRED
        ):
            return replace(day, state=DayState.CLOSED, finished_at=now)
        if action in (Action.CLOSE, Action.CLOSE_EXPIRED):
            raise RefusedError(
                "The portal refused: the action is not allowed now.",
                code="ALERT_WARNING",
                http_status=400,
                description="Action not allowed",
            )
        return day


class FakeTimer:
    """A timer the test fires by hand; remembers every interval it was started with."""

    def __init__(self, callback: Callable[[], None], single_shot: bool) -> None:
        self.callback = callback
        self.single_shot = single_shot
        self.active = False
        self.started: list[int] = []

    @property
    def interval_ms(self) -> int:
        """The interval of the last start."""
        assert self.started, "the timer was never started"
        return self.started[-1]

    def start(self, msec: int) -> None:
        self.active = True
        self.started.append(msec)

    def stop(self) -> None:
        self.active = False

    def is_active(self) -> bool:
        return self.active

    def fire(self) -> None:
        """Time out now (a single-shot timer must be running)."""
        assert self.active, "firing a timer that is not running"
        if self.single_shot:
            self.active = False
        self.callback()


class FakeTimers:
    """A timer factory for the controller; ``poll`` is the single-shot one, ``tick`` the other."""

    def __init__(self) -> None:
        self.made: list[FakeTimer] = []

    def __call__(self, callback: Callable[[], None], single_shot: bool) -> FakeTimer:
        timer = FakeTimer(callback, single_shot)
        self.made.append(timer)
        return timer

    @property
    def poll(self) -> FakeTimer:
        return next(timer for timer in self.made if timer.single_shot)

    @property
    def tick(self) -> FakeTimer:
        return next(timer for timer in self.made if not timer.single_shot)


class FakeFactory:
    """The client factory: hands out the client, or raises the scripted sign-in errors first."""

    def __init__(self, client: FakeClient) -> None:
        self.client = client
        self.errors: deque[Exception] = deque()
        self.created = 0
        self.threads: list[int] = []

    def __call__(self) -> FakeClient:
        self.threads.append(threading.get_ident())
        if self.errors:
            raise self.errors.popleft()
        self.created += 1
        return self.client
