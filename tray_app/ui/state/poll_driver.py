"""When the next background read goes: the poll timer, the read on its way, the settings read
along every so often, and the interval the rate limit taught, turned into timers from what
:class:`~tray_app.core.poll_schedule.PollSchedule` and
:class:`~tray_app.core.read_pacing.ReadPacing` decide."""

from __future__ import annotations

import logging
from collections.abc import Callable

from tray_app.core.poll_schedule import PollSchedule
from tray_app.core.read_pacing import Presence, ReadPacing
from tray_app.ui.state.jobs import JobKind
from tray_app.ui.state.timers import Timer, ms
from tray_app.ui.state.worker import PortalWorker

log = logging.getLogger(__name__)


class PollDriver:
    """The controller's reads of the day: timed, and asked for.

    ``running()``: started and not stopped; ``busy()``: an own action is on its way (its
    answer brings the day: no read meanwhile); ``signed_out()``: no usable account (no read
    nobody asked for: it would only ask the keyring again); ``needs_settings()``: whether
    the portal's limits are unknown yet (then every read brings them);
    ``interval_learnt(seconds)``: a learnt interval worth keeping between runs."""

    def __init__(
        self,
        timing: PollSchedule,
        pacing: ReadPacing,
        worker: PortalWorker,
        timer: Callable[[Callable[[], None]], Timer],
        *,
        clock: Callable[[], float],
        settings_every: int,
        running: Callable[[], bool],
        busy: Callable[[], bool],
        signed_out: Callable[[], bool],
        needs_settings: Callable[[], bool],
        interval_learnt: Callable[[float], None],
    ) -> None:
        """``timer(callback)``: the single-shot timer of the next read."""
        self.timing = timing
        self.pacing = pacing
        self._worker = worker
        self._timer = timer(self._on_timer)
        self._clock = clock
        self._settings_every = max(1, settings_every)
        self._running = running
        self._busy = busy
        self._signed_out = signed_out
        self._needs_settings = needs_settings
        self._interval_learnt = interval_learnt
        self._kept_interval = timing.learnt_interval
        self.seq: int | None = None
        """The read on its way, if any."""
        self.halted = False
        """No background reads: only the person can help (and ask again)."""
        self._polls_sent = 0
        self._due_at: float | None = None

    @property
    def timed(self) -> bool:
        """A read is timed (the timer runs)."""
        return self._timer.is_active()

    def poll(self) -> None:
        """Read the day now (with the portal's limits on the first read and every
        ``settings_every``-th)."""
        self._timer.stop()
        self._due_at = None
        self.pacing.sent(self._clock())
        self.halted = False
        full = self._needs_settings() or self._polls_sent % self._settings_every == 0
        self._polls_sent += 1
        kind = JobKind.STATUS_AND_SETTINGS if full else JobKind.STATUS
        self.seq = self._worker.submit(kind).seq

    def answered(self, seq: int) -> bool:
        """The result of job ``seq`` came: whether it was the read on its way."""
        if seq != self.seq:
            return False
        self.seq = None
        return True

    def _on_timer(self) -> None:
        self._due_at = None
        if self.seq is None and self._may_schedule():
            self.poll()

    def _may_schedule(self) -> bool:
        return self._running() and not self._busy()

    def may_read(self, *, asked: bool) -> bool:
        """Running and no read on its way; a read nobody ``asked`` for explicitly also not
        while signed out (it would only ask the keyring again, maybe with an unlock prompt) nor
        while only the person can help (an untrusted certificate does not heal by itself)."""
        if not self._running() or self.seq is not None:
            return False
        if self._busy():
            return False  # the action's answer (or its check) brings the day
        return asked or not (self._signed_out() or self.halted)

    def read_soon(self, why: str) -> bool:
        """Move the next read to a random moment of the wake spread. False when no read is
        due (:meth:`may_read`)."""
        if not self.may_read(asked=False):
            return False
        delay = self.timing.woke()
        log.info("%s: reading the day in %.0f s", why, delay)
        self.schedule(delay)
        return True

    def before_reminder(self, what: str) -> bool:
        """Whether ``what`` (a reminder due) waits for a read of a day shown too old: one is
        on its way, or is sent now (or as soon as the pacing allows). False: go on with the
        day known (fresh enough, read for this already, or no read can be made)."""
        if self.seq is not None or self._busy():
            age = self.pacing.age(self._clock())
            return age is None or age > self.pacing.times.reminder_fresh
        if not self.may_read(asked=False):
            return False
        delay = self.pacing.before_reminder(self._clock())
        if delay is None:
            return False
        log.info("%s is due on a day read long ago: reading it first", what)
        if delay <= 0:
            self.poll()
        else:
            self.within(delay)
        return True

    def set_presence(self, presence: Presence) -> bool:
        """The person is here, away or locked: away or locked, the background reads come
        further apart; back at a day shown too old, one read comes soon, spread like a
        wake's. Returns whether a read was timed for the return."""
        if presence is self.pacing.presence:
            return False
        log.info("the person is %s", presence)
        delay = self.pacing.set_presence(presence, self._clock(), self.timing.woke())
        if delay is None or not self.may_read(asked=False):
            return False
        log.info("back: reading the day in %.0f s", delay)
        self.within(delay)
        return True

    def schedule(self, seconds: float) -> None:
        """Read in ``seconds`` (when a read may be timed)."""
        if self._may_schedule():
            self._timer.start(ms(seconds))
            self._due_at = self._clock() + seconds
        self._keep_interval()

    def background(self, seconds: float) -> None:
        """A background read: further apart while nobody looks."""
        self.schedule(self.pacing.stretch(seconds))

    def within(self, seconds: float) -> None:
        """Read within ``seconds``: a read due sooner stays."""
        due = self._due_at
        if self._timer.is_active() and due is not None and due - self._clock() <= seconds:
            return
        self.schedule(seconds)

    def hold(self) -> None:
        """An own action goes now: a read still queued is dropped, none is timed."""
        self._timer.stop()
        self._due_at = None
        if self.seq is not None:
            self._worker.supersede(self.seq)
            self.seq = None

    def halt(self) -> None:
        """Only the person can help: no background read until asked."""
        self.halted = True
        self._timer.stop()

    def stop(self) -> None:
        """Signed out, or the controller stops: nothing timed."""
        self._timer.stop()

    def restart(self) -> None:
        """Signing in again: the reads start afresh (the limits read along first)."""
        self.seq = None
        self._polls_sent = 0
        self.halted = False

    def reset_count(self) -> None:
        """The next read brings the portal's limits too."""
        self._polls_sent = 0

    def _keep_interval(self) -> None:
        """Tell a learnt interval worth keeping: not every small step of the recovery."""
        learnt, kept = self.timing.learnt_interval, self._kept_interval
        back = learnt == self.timing.times.interval and kept != learnt
        if back or abs(learnt - kept) >= 0.1 * kept:
            self._kept_interval = learnt
            self._interval_learnt(learnt)
