"""The real tray app on an accelerated clock, against the portal simulator over HTTPS.

One clock drives everything: the simulator's :class:`~tray_app.demo.SimClock` (frozen, moved
by the soak), which the controller reads as its wall clock and the away monitor as its wall
and (outside of a sleep) monotonic clock. The controller's timers are :class:`VirtualTimers`,
due on that clock; :meth:`SoakRig.run_for` moves time in steps, fires what is due and waits
(in real time) for the portal's answers, so a simulated day takes seconds.

The caller owns the process environment: ``HOME``/``XDG_*`` must point to throw-away folders
before this builds the app (it writes settings, a journal, a lock and logs there).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tray_app.api import TimemanClient, Webhook
from tray_app.api.transport import TransportOptions
from tray_app.config.settings import Settings
from tray_app.config.settings_file import save_settings
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.startup.instance_lock import InstanceLock
from tray_app.startup.tray_wiring import serve_commands
from tray_app.ui.app.application import TrayApplication
from tray_app.ui.away.idle.base import Detection
from tray_app.ui.shared.viewstate import Phase
from tray_app.ui.shell.wiring import PortalSide

ZONE = ZoneInfo("Europe/Moscow")  # the simulator's server zone: one calendar for both
USER_ID = 1
SECRET = "s0ak7test5ecret9"  # noqa: S105  (the simulator's own, throw-away webhook)
STEP_S = 30.0
"""Simulated seconds per step: the controller's tick and the away monitor's sample."""
ANSWER_TIMEOUT_S = 20.0


class VirtualTimer:
    """A controller timer due on the simulated clock (the controller's ``Timer`` protocol)."""

    def __init__(self, clock: Callable[[], float], callback: Callable[[], None], single: bool):
        self._clock = clock
        self.callback = callback
        self.single_shot = single
        self.due: float | None = None
        self.interval_s = 0.0

    def start(self, msec: int) -> None:
        self.interval_s = msec / 1000
        self.due = self._clock() + self.interval_s

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None


class VirtualTimers:
    """The controller's timer factory; :meth:`fire_due` fires what the clock has reached."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.made: list[VirtualTimer] = []

    def __call__(self, callback: Callable[[], None], single_shot: bool) -> VirtualTimer:
        timer = VirtualTimer(self._clock, callback, single_shot)
        self.made.append(timer)
        return timer

    def fire_due(self) -> int:
        """Fire each due timer once, earliest first (a repeating one that missed several
        periods fires once, as a QTimer after a sleep). Returns how many fired."""
        now = self._clock()
        due = sorted(
            (t for t in self.made if t.due is not None and t.due <= now),
            key=lambda t: t.due or 0.0,
        )
        for timer in due:
            if timer.single_shot:
                timer.due = None
            else:
                timer.due = now + timer.interval_s
            timer.callback()
        return len(due)


class Desk:
    """The person at the desk, as the away monitor's idle source sees them."""

    def __init__(self) -> None:
        self.idle: float = 0.0
        self.is_locked = False
        self.present = True
        self._callback: Callable[[], None] | None = None

    def pass_time(self, seconds: float) -> None:
        self.idle = 0.0 if self.present and not self.is_locked else self.idle + seconds

    def lock(self, locked: bool) -> None:
        """Lock or unlock the screen; the monitor hears of it at once, as from D-Bus."""
        self.is_locked = locked
        if not locked:
            self.idle = 0.0
        if self._callback is not None:
            self._callback()

    # -- the IdleSource protocol --------------------------------------------------------------

    def idle_seconds(self) -> float | None:
        return self.idle

    def locked(self) -> bool | None:
        return self.is_locked

    def describe(self) -> Detection:
        return Detection("soak desk", ("soak lock",))

    def on_change(self, callback: Callable[[], None] | None) -> None:
        self._callback = callback

    def close(self) -> None:
        self._callback = None


@dataclass
class Tally:
    """What the app did, counted by its signals."""

    notifications: int = 0
    reminders: int = 0
    wakes: int = 0
    away_dialogs: int = 0
    requests: int = 0
    """Requests the portal received (its log is emptied at every look, see take_requests)."""
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, name: str) -> None:
        self.extra[name] = self.extra.get(name, 0) + 1


class SoakRig:
    """The simulator, the app, and the simulated time that drives both."""

    def __init__(self, start: datetime, folder: Path) -> None:
        self.sim_clock = SimClock(start=start)
        self.sim = PortalSimulator(
            clock=self.sim_clock, users=[SimUser(user_id=USER_ID, secret=SECRET)]
        ).start()
        self.mono = 1000.0
        self.desk = Desk()
        self.timers = VirtualTimers(self.now)
        self.tally = Tally()
        self.journal_path = folder / "journal.sqlite3"
        self.app = self._launch()

    # -- clocks -------------------------------------------------------------------------------

    def now(self) -> float:
        return self.sim_clock.timestamp()

    def wall(self) -> datetime:
        return self.sim_clock.now().astimezone(ZONE)

    def monotonic(self) -> float:
        return self.mono

    # -- building -----------------------------------------------------------------------------

    def _launch(self) -> TrayApplication:
        qt = QApplication.instance()
        assert isinstance(qt, QApplication), "a QApplication must exist"
        save_settings(
            Settings(
                portal_url=self.sim.base_url,
                user_id=USER_ID,
                language="en",
                ca_file=str(self.sim.ca_file),
                poll_interval_s=60,
            )
        )
        lock = InstanceLock()
        if not lock.acquire():
            raise RuntimeError("another timeman-tray holds the lock of this HOME")
        url = self.sim.webhook_url(USER_ID)
        options = TransportOptions(ca_file=str(self.sim.ca_file))
        app = TrayApplication(
            qt,
            QSystemTrayIcon(),
            lock,
            portal=PortalSide(
                client_factory=lambda: TimemanClient(Webhook.parse(url), options=options)
            ),
            serve_commands=serve_commands,
            controller_options={
                "clock": self.now,
                "timer_factory": self.timers,
                "rng": random.Random(13),
                "tick_s": STEP_S,
            },
            journal_path=self.journal_path,
            zone=ZONE,
            idle_source=lambda: self.desk,
            away_options={
                "interval_s": STEP_S,
                "wall": self.wall,
                "monotonic": self.monotonic,
                "timer_ms": 24 * 3600 * 1000,  # the soak samples; the real timer never fires
            },
        )
        app.start()
        self.wait_for(lambda: app.controller is not None, "the controller")
        controller = app.controller
        assert controller is not None
        controller.notify.connect(lambda *_args: self._count("notifications"))
        controller.remind.connect(lambda *_args: self._count("reminders"))
        controller.woke.connect(lambda: self._count("wakes"))
        self.wait_for(lambda: controller.view().phase is Phase.READY, "the first status")
        self.wait_for(lambda: app.away is not None, "the away monitor")
        self.wait_for(lambda: controller.idle, "the portal's answer")
        return app

    def _count(self, name: str) -> None:
        setattr(self.tally, name, getattr(self.tally, name) + 1)

    # -- waiting (real time) --------------------------------------------------------------------

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + ANSWER_TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"soak: waited {ANSWER_TIMEOUT_S:.0f} s for {what}")
            QCoreApplication.processEvents()
            time.sleep(0.0005)
        QCoreApplication.processEvents()

    def settle_answers(self) -> None:
        """Until no poll or action is on its way (answers shown, journal queued)."""
        controller = self.app.controller
        assert controller is not None
        self.wait_for(lambda: controller.idle, "the portal's answer")

    # -- time -----------------------------------------------------------------------------------

    def step(self, seconds: float = STEP_S) -> None:
        """``seconds`` pass: timers fire, the monitor samples, answers arrive."""
        self.sim_clock.advance(seconds)
        self.mono += seconds
        self.desk.pass_time(seconds)
        self.timers.fire_due()
        monitor = self.app.away
        if monitor is not None:
            monitor.sample_now()
        self.settle_answers()

    def run_for(self, seconds: float) -> None:
        end = self.now() + seconds
        while self.now() + STEP_S <= end + 1e-6:
            self.step()
        if end - self.now() > 1e-6:
            self.step(end - self.now())

    def sleep_for(self, seconds: float) -> None:
        """The machine sleeps: the wall clock jumps, the monotonic one stands still, no timer
        fires; the next step sees the jump (a wake)."""
        self.sim_clock.advance(seconds)
        self.desk.idle += seconds
        self.step()

    def take_requests(self) -> int:
        """Count and forget the simulator's request log (it would grow, in this process)."""
        count = len(self.sim.requests)
        self.sim.clear_requests()
        self.tally.requests += count
        return count

    def stop(self) -> None:
        """Quit the app (without leaving the event loop nobody runs) and the simulator."""
        app = self.app
        app.app = _NoExit()  # type: ignore[assignment]
        app.quit()
        QCoreApplication.processEvents()
        self.sim.stop()


class _NoExit(QObject):
    def exit(self, code: int) -> None:
        del code
