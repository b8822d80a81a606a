"""Watches for the person leaving and coming back while the day is open.

:class:`AwayMonitor` samples an :class:`~tray_app.ui.away.idle.base.IdleSource` on a coarse timer
(every 60 s by default: absences are minutes long, and each sample is a D-Bus round trip or an
X request; at 20 s the app's idle CPU touched its 0.1 % budget), feeds
:class:`tray_app.core.away.AwayTracker` and emits ``returned`` with the
episode when the person is back. While the day is not open the source is not asked at all
(the clocks are still sampled, so a sleep is never mistaken across the switch).

A lock or unlock the desktop announces (``ActiveChanged``) is sampled at once, so its moment is
exact; :meth:`AwayMonitor.sample_now` does the same for a wake noticed elsewhere.

D-Bus reads block the GUI thread for at most their timeout (250 ms) and a failing service is
then left alone for a minute (:mod:`tray_app.ui.away.idle._bus`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from tray_app.core.away import AwayEpisode, AwayTracker, Sample
from tray_app.core.read_pacing import Presence
from tray_app.ui.away.idle.base import Detection, DetectionLevel, IdleSource

__all__ = ["DEFAULT_INTERVAL_S", "AwayMonitor", "detection_text", "local_now"]

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60.0

translate = QCoreApplication.translate
"""Always called by this name with the literal context "AwayMonitor" (for pyside6-lupdate)."""


def local_now() -> datetime:
    """The aware local wall-clock time."""
    return datetime.now().astimezone()


def detection_text(detection: Detection) -> str:
    """What the settings say about away detection on this system, in the user's language."""
    level = detection.level
    if level is DetectionLevel.FULL:
        return translate(
            "AwayMonitor", "Time away is noticed from no input, a locked screen and sleep."
        )
    if level is DetectionLevel.IDLE_AND_SLEEP:
        return translate("AwayMonitor", "Time away is noticed from no input and sleep.")
    if level is DetectionLevel.LOCK_AND_SLEEP:
        return translate(
            "AwayMonitor",
            "This desktop does not tell how long there has been no input: time away is "
            "noticed from a locked screen and sleep only.",
        )
    return translate(
        "AwayMonitor",
        "This desktop tells neither how long there has been no input nor whether the screen "
        "is locked: time away is noticed from sleep only.",
    )


class AwayMonitor(QObject):
    """Samples ``source`` and reports absences of at least ``threshold_min`` minutes.

    Signals: ``returned(object)`` — an :class:`~tray_app.core.away.AwayEpisode`, once per
    absence, when the person is back; ``presenceChanged(object)`` — a
    :class:`~tray_app.core.read_pacing.Presence` when the screen was locked or unlocked, or an
    absence under way reached the threshold (the controller reads less meanwhile).

    ``interval_s``: how often to sample; ``wall``/``monotonic``: the clocks (tests pass fakes);
    ``timer_ms``: the timer's period, ``interval_s`` by default (tests shorten it).
    """

    returned = Signal(object)
    presenceChanged = Signal(object)

    def __init__(
        self,
        source: IdleSource,
        *,
        threshold_min: float,
        interval_s: float = DEFAULT_INTERVAL_S,
        wall: Callable[[], datetime] = local_now,
        monotonic: Callable[[], float] = time.monotonic,
        timer_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._wall = wall
        self._monotonic = monotonic
        self._tracker = AwayTracker(timedelta(minutes=threshold_min), timedelta(seconds=interval_s))
        self._day_open = False
        self._running = False
        self._presence = Presence.HERE
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.setInterval(round(interval_s * 1000) if timer_ms is None else timer_ms)
        self._timer.timeout.connect(self.sample_now)

    # -- public ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def day_open(self) -> bool:
        return self._day_open

    @property
    def away_since(self) -> datetime | None:
        """When the person left, during an absence that is under way."""
        return self._tracker.away_since

    def describe(self) -> Detection:
        return self._source.describe()

    def start(self) -> None:
        """Sample now and then every interval; follow the desktop's lock announcements."""
        if self._running:
            return
        self._running = True
        self._source.on_change(self.sample_now)
        self._timer.start()
        self.sample_now()

    def stop(self) -> None:
        """Stop sampling (the source stays open; :meth:`close` releases it)."""
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        self._source.on_change(None)
        self._tracker.reset()  # the gap until the next start is not a sleep
        self._tell_presence(Presence.HERE)  # nobody watches: the polls go back to normal

    def close(self) -> None:
        self.stop()
        self._source.close()

    @Slot(bool)
    def set_day_open(self, day_open: bool) -> None:
        """The day is (no longer) OPENED: wire to every new view of the controller."""
        if day_open != self._day_open:
            self._day_open = day_open
            if self._running:
                self.sample_now()

    def set_threshold(self, minutes: float) -> None:
        """The shortest absence to ask about (from the settings)."""
        self._tracker.threshold = timedelta(minutes=minutes)

    @Slot()
    def sample_now(self) -> None:
        """Take a sample at once (a lock announcement, a wake noticed elsewhere)."""
        if not self._running:
            return
        if self._day_open:
            idle, locked = self._source.idle_seconds(), self._source.locked()
        else:
            idle, locked = None, None
        sample = Sample(
            now=self._wall(),
            monotonic=self._monotonic(),
            idle_s=idle,
            locked=locked,
            day_open=self._day_open,
        )
        episode = self._tracker.feed(sample)
        self._tell_presence(self._presence_of(sample))
        if episode is not None:
            self._report(episode)

    @property
    def presence(self) -> Presence:
        """Here, away or locked, as last sampled (here while the day is not open)."""
        return self._presence

    def _presence_of(self, sample: Sample) -> Presence:
        if sample.locked:
            return Presence.LOCKED
        since = self._tracker.away_since
        if since is not None and sample.now - since >= self._tracker.threshold:
            return Presence.AWAY
        return Presence.HERE

    def _tell_presence(self, presence: Presence) -> None:
        if presence is not self._presence:
            self._presence = presence
            self.presenceChanged.emit(presence)

    def _report(self, episode: AwayEpisode) -> None:
        log.info(
            "away from %s to %s (%s)",
            episode.left_at.isoformat(timespec="seconds"),
            episode.returned_at.isoformat(timespec="seconds"),
            episode.cause,
        )
        self.returned.emit(episode)
