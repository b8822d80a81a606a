"""Kept clicks against a small model portal (issue 12), for any sequence of clicks, outages,
restarts, changes elsewhere, lost answers and clock jumps: every click is sent once or shown to
the person, never applied twice, never sent after a change elsewhere, never out of order, and
a time sent is the real moment of the click.

The model portal follows the API reference §1.2 within one day (no EXPIRED): ``open`` starts,
continues a paused day, or resumes a closed day of today on a schedule that is not flexible
(refusing ``TIME`` there); ``pause`` only pauses a running day; ``close`` with ``TIME`` wants
the start date, a reason unless flexible, no end in the future or before the break.
The app under test is the engine (:func:`decide`, :func:`answered`) and the store, driven the way
the tray will drive them.
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given
from hypothesis import strategies as st

from tests.examples import examples
from tray_app.core.actions import Action
from tray_app.core.kept_clicks import (
    LEAVES,
    KeptAction,
    Steady,
    mark_of,
    new_click,
    projected_state,
)
from tray_app.core.kept_rules import (
    Ask,
    AskWhy,
    Conflict,
    Decision,
    Done,
    Send,
    Wait,
    answered,
    decide,
)
from tray_app.core.portal_settings import PortalSettings
from tray_app.core.workday import DayState, Workday
from tray_app.history.kept_store import KeptStore

PLUS3 = timezone(timedelta(hours=3))
SECOND = timedelta(seconds=1)
BEGIN = datetime(2026, 11, 17, 7, 0, tzinfo=PLUS3)
LAST = datetime(2026, 11, 17, 23, 0, tzinfo=PLUS3)


class Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Record:
    record_id: int
    start: datetime
    stop: datetime | None = None
    paused: bool = False
    closed: bool = False
    leaks: timedelta = timedelta(0)


@dataclass
class Portal:
    flexible: bool
    now: datetime = BEGIN
    records: list[Record] = field(default_factory=list)

    def current(self) -> Record | None:
        return self.records[-1] if self.records else None

    def state(self) -> DayState:
        record = self.current()
        if record is None or record.closed:
            return DayState.CLOSED
        return DayState.PAUSED if record.paused else DayState.OPENED

    def status(self) -> Workday:
        record = self.current()
        if record is None:
            return Workday(DayState.CLOSED)
        return Workday(
            self.state(),
            record_id=record.record_id,
            started_at=record.start,
            finished_at=record.stop,
            leaks=record.leaks,
            tz_offset=10800,
        )

    def write(self, method: str, time: datetime | None, report: str | None) -> Workday:
        if method == "timeman.open":
            self._open(time, report)
        elif method == "timeman.pause":
            self._pause()
        else:
            self._close(time, report)
        return self.status()

    def _open(self, time: datetime | None, report: str | None) -> None:
        record, state = self.current(), self.state()
        if state is DayState.OPENED:
            return
        if record is not None and (
            state is DayState.PAUSED
            or (not self.flexible and record.start.date() == self.now.date())
        ):
            if time is not None:
                raise Refused("TIME")
            assert record.stop is not None
            record.leaks += self.now - record.stop
            record.stop, record.paused, record.closed = None, False, False
            return
        start = self.now
        if time is not None:
            if time.astimezone(PLUS3).date() != self.now.date():
                raise Refused("WRONG_DATETIME")
            if not self.flexible and not report:
                raise Refused("")
            if time > self.now or (record is not None and record.stop and record.stop > time):
                raise Refused("ALERT_WARNING")
            start = time
        self.records.append(Record(len(self.records) + 1, start))

    def _pause(self) -> None:
        record = self.current()
        if record is not None and self.state() is DayState.OPENED:
            record.paused, record.stop = True, self.now

    def _close(self, time: datetime | None, report: str | None) -> None:
        record = self.current()
        if record is None or record.closed:
            raise Refused("ALERT_WARNING")
        stop = self.now
        if time is not None:
            if time.astimezone(PLUS3).date() != record.start.date():
                raise Refused("WRONG_DATETIME")
            if not self.flexible and not report:
                raise Refused("REPORT_NEEDED")
            stop = time
        leaks = record.leaks
        if record.paused:
            assert record.stop is not None
            if stop < record.stop:
                raise Refused("ALERT_WARNING")
            leaks += stop - record.stop
        if stop > self.now or stop - record.start < leaks:
            raise Refused("ALERT_WARNING")
        record.stop, record.leaks, record.paused, record.closed = stop, leaks, False, True


CHOICES = {
    DayState.CLOSED: (KeptAction.OPEN,),
    DayState.OPENED: (KeptAction.PAUSE, KeptAction.CLOSE),
    DayState.PAUSED: (KeptAction.RESUME, KeptAction.CLOSE),
}
ELSEWHERE = (("timeman.open", None), ("timeman.pause", None), ("timeman.close", None))


class Machine:
    """The person's machine: a wall clock that may be off, a steady counter, the store."""

    def __init__(self, path: Path, flexible: bool) -> None:
        self.path = path
        self.portal = Portal(flexible)
        self.settings = PortalSettings(flexible=flexible)
        self.store = KeptStore.open(path)
        self.online = True
        self.skew = timedelta(0)
        self.last_known: Workday = self.portal.status()
        self.foreign = 0  # changes made elsewhere so far
        self.clicked: dict[str, tuple[int, datetime]] = {}  # id: (foreign changes, true moment)
        self.order: list[str] = []
        self.reached: Counter[str] = Counter()
        self.applied: set[str] = set()
        self.applied_at: dict[str, int] = {}  # id: changes elsewhere when it took effect
        self.shown: set[str] = set()
        self.matched: set[str] = set()  # done by a change elsewhere just like it
        self.claimed_at: dict[str, int] = {}  # id: changes elsewhere when its write went out

    # -- the clocks ----------------------------------------------------------------------------

    def wall(self) -> datetime:
        return self.portal.now + self.skew

    def now(self) -> datetime:
        return self.wall()

    def steady(self) -> Steady:
        return Steady("boot-1", (self.portal.now - BEGIN).total_seconds())

    def tick(self, delta: timedelta) -> None:
        if self.portal.now + delta <= LAST:
            self.portal.now += delta

    # -- events ----------------------------------------------------------------------------

    def click(self, pick: int) -> None:
        queue = self.store.pending()
        believed = projected_state(self.last_known.state, queue)
        assert believed is not None
        options = CHOICES[believed]
        kept = new_click(
            options[pick % len(options)], self, last_known=self.last_known, queue=queue
        )
        self.store.keep(kept)
        self.clicked[kept.click_id] = (self.foreign, self.portal.now)
        self.order.append(kept.click_id)
        self.tick(SECOND)

    def elsewhere(self, pick: int) -> None:
        before = mark_of(self.portal.status())
        method, time = ELSEWHERE[pick % len(ELSEWHERE)]
        with suppress(Refused):
            self.portal.write(method, time, "by hand")
        if mark_of(self.portal.status()) != before:
            self.foreign += 1
        self.tick(SECOND)

    def restart(self) -> None:
        self.store.close()
        self.store = KeptStore.open(self.path)

    def reconnect(self, data: st.DataObject | None) -> None:
        """Read the status, then settle, send or show the head, until something stops it."""
        for _ in range(20):
            queue = self.store.pending()
            if not queue:
                return
            status = self.portal.status()
            self.last_known = status
            decision = decide(
                queue, status, now=self.portal.now, steady=self.steady(), settings=self.settings
            )
            if not self._act(decision, data):
                return

    def _act(self, decision: Decision | None, data: st.DataObject | None) -> bool:
        if isinstance(decision, Wait):
            return False
        if isinstance(decision, Done):
            click = decision.click
            if click.click_id not in self.applied:
                # Only a change elsewhere doing what the click meant, right after its write went
                # out and was lost, looks like its effect (kept_effects: the same window).
                assert self.foreign > self.claimed_at[click.click_id], "settled, never applied"
                assert decision.portal.state is LEAVES[click.action]
                self.matched.add(click.click_id)
            return self.store.settle(click.click_id, decision.left)
        if isinstance(decision, Send):
            return self._send(decision, data)
        assert isinstance(decision, Ask | Conflict)
        return self._show(decision, data)

    def _show(self, decision: Ask | Conflict, data: st.DataObject | None) -> bool:
        click_id = decision.click.click_id
        # A lost answer is settled, not shown, unless the day changed elsewhere since.
        if click_id in self.applied:
            assert self.foreign > self.applied_at[click_id], (
                f"{click_id} shown after it took effect"
            )
        self.shown.add(click_id)
        choice = 0 if data is None else data.draw(st.integers(0, 2), label="person")
        if choice == 2:
            return False  # left for later
        if choice == 0 and isinstance(decision, Ask):
            if decision.now_send is not None:
                return self._send(decision.now_send, data)
            if decision.why is AskWhy.CLOCK_JUMPED and decision.steady_moment is not None:
                return self.store.retime(click_id, decision.steady_moment)
        return self.store.discard(click_id)

    def _send(self, send: Send, data: st.DataObject | None) -> bool:
        click_id = send.click.click_id
        assert self.store.mark_sent(click_id, send.write(), replacing=send.click.sent)
        self.claimed_at[click_id] = self.foreign
        fault = (
            "none"
            if data is None
            else data.draw(st.sampled_from(["none", "none", "before", "after"]), label="fault")
        )
        if fault == "before" or not self.online:
            return False  # the request never reached the portal
        assert click_id not in self.applied, f"{click_id} sent again after it took effect"
        assert self.store.pending()[0].click_id == click_id, "sent out of order"
        self.reached[click_id] += 1
        before = mark_of(self.portal.status())
        try:
            answer = self.portal.write(
                send.method, send.time, None if send.reason is None else send.reason.render()
            )
        except Refused as refusal:
            self.tick(SECOND)
            return fault != "after" and self.store.hold(click_id, refusal.code)
        if mark_of(answer) != before:
            self._applied(send)
        self.tick(SECOND)
        if fault == "after":
            return False  # the answer was lost
        verdict = answered(send, answer)
        if isinstance(verdict, Done):
            return self.store.settle(click_id, verdict.left)
        return self.store.hold(click_id, "NO_EFFECT")

    def _applied(self, send: Send) -> None:
        click_id = send.click.click_id
        foreign, moment = self.clicked[click_id]
        assert self.foreign == foreign, f"{click_id} sent after a change elsewhere"
        if send.time is not None:
            assert send.time == moment, f"{click_id} sent at {send.time}, clicked at {moment}"
        assert send.action is not Action.CLOSE_EXPIRED
        self.applied.add(click_id)
        self.applied_at[click_id] = self.foreign


SIMPLE = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 90)),
    st.tuples(st.just("outage"), st.just(0)),
    st.tuples(st.just("back"), st.just(0)),
    st.tuples(st.just("click"), st.integers(0, 1)),
    st.tuples(st.just("elsewhere"), st.integers(0, 2)),
    st.tuples(st.just("reconnect"), st.just(0)),
    st.tuples(st.just("restart"), st.just(0)),
    st.tuples(st.just("skew"), st.sampled_from([0, 10, -20])),
)
# The common story: the portal goes away, clicks are kept, the day may change elsewhere, the
# portal comes back.
EPISODE = st.tuples(
    st.lists(st.tuples(st.just("click"), st.integers(0, 1)), min_size=1, max_size=3),
    st.lists(st.tuples(st.just("advance"), st.integers(1, 90)), max_size=2),
    st.lists(st.tuples(st.just("elsewhere"), st.integers(0, 2)), max_size=2),
).map(lambda parts: [("outage", 0), *parts[0], *parts[1], *parts[2], ("back", 0), ("reconnect", 0)])
EVENTS = st.lists(st.one_of(SIMPLE.map(lambda event: [event]), EPISODE), max_size=12).map(
    lambda groups: [event for group in groups for event in group]
)
# tmpfs where there is one: the store syncs every change to the disk (that is tested with a
# kill in test_kept_store.py), which would make hundreds of examples slow here.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None


@examples(400)
@given(flexible=st.booleans(), events=EVENTS, data=st.data())
def test_every_kept_click_is_sent_once_or_shown(
    flexible: bool, events: list[tuple[str, int]], data: st.DataObject
) -> None:
    with TemporaryDirectory(dir=SCRATCH) as folder:
        machine = Machine(Path(folder) / "kept.sqlite3", flexible)
        try:
            for kind, value in events:
                if kind == "advance":
                    machine.tick(timedelta(minutes=value))
                elif kind in ("outage", "back"):
                    machine.online = kind == "back"
                elif kind == "click":
                    machine.click(value)  # made while the portal is unreachable, or behind one
                elif kind == "elsewhere":
                    machine.elsewhere(value)
                elif kind == "reconnect" and machine.online:
                    machine.reconnect(data)
                elif kind == "restart":
                    machine.restart()
                elif kind == "skew":
                    machine.skew = timedelta(minutes=value)
            # The portal answers for good; the person answers every question.
            machine.online = True
            for _ in range(10):
                machine.reconnect(None)
                machine.tick(timedelta(minutes=2))
            assert machine.store.pending() == []
            for click_id in machine.order:
                seen = machine.applied | machine.shown | machine.matched
                assert click_id in seen, f"{click_id} neither sent nor shown"
        finally:
            machine.store.close()
