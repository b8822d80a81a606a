"""Time away, wired into the running app: the away monitor while the settings want it (it
tells the controller when the person is away or the screen locked) and, back after time away
on an open day, the one question what it was."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from tray_app.core.actions import Action
from tray_app.core.workday import DayState
from tray_app.ui.shared.viewstate import Phase, ViewState

if TYPE_CHECKING:
    from tray_app.config.settings import Settings
    from tray_app.core.away import AwayEpisode
    from tray_app.ui.away.dialog import AwayDecision, AwayDialog
    from tray_app.ui.away.idle.base import IdleSource
    from tray_app.ui.away.monitor import AwayMonitor
    from tray_app.ui.state.controller import DayController

log = logging.getLogger(__name__)

OpenReport = Callable[[str, datetime | None, str], None]
"""``open_report(mode, prefill_at, prefill_reason)``: the report dialog, filled in."""


def day_open(view: ViewState) -> bool:
    """Whether the day runs (OPENED): time away counts only then."""
    return view.phase is Phase.READY and view.day_state is DayState.OPENED


class AwayWiring:
    """The away monitor and its question, for one running app."""

    def __init__(
        self,
        parent: QObject,
        *,
        zone: Callable[[], tzinfo],
        notify: Callable[[str, str], None],
        open_report: OpenReport,
        idle_source: Callable[[], IdleSource] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        """``idle_source``: the desktop's idle and lock readers (tests pass fakes; None: the
        desktop's own); ``options`` go to the :class:`AwayMonitor` (fake clocks)."""
        self._parent = parent
        self._zone = zone
        self._notify = notify
        self._open_report = open_report
        self._idle_source = idle_source
        self._options = dict(options or {})
        self.monitor: AwayMonitor | None = None
        self.dialog: AwayDialog | None = None
        self._controller: DayController | None = None

    def start(self, settings: Settings, controller: DayController) -> None:
        """Watch for time away while the day is open (when the settings want it)."""
        if self.monitor is not None or not settings.away_detection:
            return
        from tray_app.ui.away.monitor import AwayMonitor  # noqa: PLC0415

        try:
            source = self._idle_source() if self._idle_source else _desktop_idle_source()
        except Exception:  # a desktop we cannot read must not stop the tray
            log.warning("away detection is not available here", exc_info=True)
            return
        monitor = AwayMonitor(
            source, threshold_min=settings.away_threshold_min, parent=self._parent, **self._options
        )
        monitor.returned.connect(self._returned)
        monitor.presenceChanged.connect(controller.set_presence)  # away or locked: read less
        controller.woke.connect(monitor.sample_now)  # sooner than its next timed sample
        monitor.set_day_open(day_open(controller.view()))
        monitor.start()
        self.monitor = monitor
        self._controller = controller
        log.info("watching for time away (%d min)", settings.away_threshold_min)

    def follow(
        self, settings: Settings, controller: DayController | None, *, started: bool
    ) -> None:
        """New settings: stop watching, a new threshold, or start (once ``started``: the first
        status has been seen)."""
        if self.monitor is not None and not settings.away_detection:
            self.stop()
        elif self.monitor is not None:
            self.monitor.set_threshold(settings.away_threshold_min)
        elif started and controller is not None:
            self.start(settings, controller)

    def stop(self) -> None:
        monitor, self.monitor = self.monitor, None
        if monitor is not None:
            monitor.close()
            monitor.deleteLater()

    def show_view(self, view: ViewState) -> None:
        """Time away counts while the day shown is open."""
        if self.monitor is not None:
            self.monitor.set_day_open(day_open(view))

    def _returned(self, episode: AwayEpisode) -> None:
        """Back after time away: ask once what it was (one question at a time)."""
        import shiboken6  # noqa: PLC0415

        current = self.dialog
        if current is not None and shiboken6.isValid(current) and current.isVisible():
            log.info("time away while the last question is open: not asked again")
            return
        controller = self._controller
        if controller is None:
            return
        from PySide6.QtCore import Qt  # noqa: PLC0415

        from tray_app.ui.away.dialog import AwayDialog  # noqa: PLC0415

        view = controller.view()
        day = view.workday if day_open(view) else None
        dialog = AwayDialog(episode, day, None, local_zone=self._zone())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(self._decided)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _decided(self, decision: AwayDecision) -> None:
        from tray_app.ui.away.dialog import AwayChoice  # noqa: PLC0415

        log.info("time away: %s", decision.choice.value)
        controller = self._controller
        if controller is None or decision.choice is AwayChoice.KEEP:
            return
        if decision.choice is AwayChoice.PAUSE:
            if not controller.request(Action.PAUSE):
                self._notify(
                    QCoreApplication.translate("TrayApplication", "Not paused"),
                    QCoreApplication.translate(
                        "TrayApplication",
                        "The workday is no longer running, or another action is on its way.",
                    ),
                )
            return
        self._open_report("close", decision.close_at, decision.reason)


def _desktop_idle_source() -> IdleSource:
    from tray_app.ui.away.idle.chooser import choose_source  # noqa: PLC0415  (D-Bus, X11 probing)

    return choose_source()
