"""The plan of the day and the week, wired into the running app: the planner made after the
first status (the schedule from the settings, the reminders' record kept between runs), the
week's worked time from the journal and the portal's records, and the planned work per day
History shows."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QLocale, QObject

if TYPE_CHECKING:
    from tray_app.api.client import TimemanClient
    from tray_app.api.record_models import RecordsOutcome
    from tray_app.config.settings import Settings
    from tray_app.core.reminders import Reminder, ReminderRecord
    from tray_app.core.schedule_model import WorkTimeSchedule
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.journal_keeper import JournalKeeper
    from tray_app.ui.state.planner import DayPlanner
    from tray_app.ui.state.records_source import WorkerRecordsSource
    from tray_app.ui.state.week_records import WeekRecords

log = logging.getLogger(__name__)


class PlanWiring:
    """The planner and the week's records of one running app (--demo keeps no record)."""

    def __init__(self, parent: QObject, *, zone: Callable[[], tzinfo], demo: bool) -> None:
        self._parent = parent
        self._zone = zone
        self._demo = demo
        self._records_source: WorkerRecordsSource | None = None
        self.week_records: WeekRecords | None = None
        self._controller: DayController | None = None
        self._journal: JournalKeeper | None = None

    def start(
        self,
        controller: DayController,
        settings: Settings | None,
        journal: JournalKeeper | None,
        *,
        remind: Callable[[Reminder], None],
        ends_at_first_status: bool,
    ) -> None:
        """Make the planner and hand it to ``controller``. A run that ends at its first
        status reads no records of the week, and makes no client ahead of a click."""
        from tray_app.ui.state.planner import DayPlanner  # noqa: PLC0415
        from tray_app.ui.state.reminder_state import load_record  # noqa: PLC0415

        self._controller, self._journal = controller, journal
        planner = DayPlanner(self._zone(), record=None if self._demo else load_record())
        if settings is not None:
            planner.follow(settings, schedule_of(settings), territory=territory())
        if journal is not None and not ends_at_first_status:
            self._read_week_records(controller, journal)
        self._update_week(planner)
        if not ends_at_first_status:
            # The first status may have come from a child (the first reading): make the
            # client now, so that the first click does not wait for httpx to load.
            controller.call(controller.portal_client)
        controller.remind.connect(remind)
        controller.remindersChanged.connect(self._keep_reminders)
        controller.set_planner(planner)
        if journal is not None:
            journal.written.connect(self.week_changed)

    def follow(self, settings: Settings) -> None:
        """Settings saved: the plan follows their schedule and reminders."""
        controller = self._controller
        planner = controller.planner if controller is not None else None
        if controller is not None and planner is not None:
            planner.follow(settings, schedule_of(settings), territory=territory())
            controller.plan_changed()

    def forget_week(self) -> None:
        """Signed in or out: the week's records are read again."""
        if self.week_records is not None:
            self.week_records.forget()

    def week_changed(self) -> None:
        controller = self._controller
        planner = controller.planner if controller is not None else None
        if controller is not None and planner is not None:
            version = planner.version
            self._update_week(planner)
            if planner.version != version:
                controller.plan_changed()

    def _update_week(self, planner: DayPlanner) -> None:
        """The worked time of the week's days so far, from the journal (with the portal's
        records of the week, read once a day by :attr:`week_records`)."""
        journal, controller = self._journal, self._controller
        if journal is None or controller is None:
            return
        now = controller.server_now()
        first, today = planner.week_dates(now)
        if self.week_records is not None:
            self.week_records.want(first, today, now)  # asks only at start-up and a new day
        planner.set_worked(journal.worked_by_date(first, today))

    def _read_week_records(self, controller: DayController, journal: JournalKeeper) -> None:
        """Days worked elsewhere this week count in the week's figure without History."""
        from tray_app.core.fleet_start import later_read_delay  # noqa: PLC0415
        from tray_app.ui.state.week_records import WeekRecords  # noqa: PLC0415

        times = controller.poll_times  # a fleet's trays read it later, each at its moment
        delay = later_read_delay(times.interval, times.start_window, random.Random())
        records = WeekRecords(
            self.records_source_of(controller),
            journal.journal,
            self._zone(),
            self._parent,
            not_before=controller.server_now() + timedelta(seconds=delay) if delay else None,
        )
        records.changed.connect(self.week_changed)
        self.week_records = records

    def records_source_of(self, controller: DayController) -> WorkerRecordsSource:
        """The one source of the portal's records, on the worker (History and the week)."""
        source = self._records_source
        if source is None:
            from tray_app.ui.state.records_source import WorkerRecordsSource  # noqa: PLC0415

            source = WorkerRecordsSource(controller.call, _records_fetcher(controller))
            controller.taskFinished.connect(source.task_finished)
            self._records_source = source
        return source

    @staticmethod
    def history_plan(controller: DayController, today: date) -> Mapping[date, timedelta] | None:
        """Planned work per day by the plan in use (None before the plan is known)."""
        planner = controller.planner
        if planner is None:
            return None
        return planner.plan_by_date(controller.portal_settings, today)

    def _keep_reminders(self, record: ReminderRecord) -> None:
        if not self._demo:  # --demo keeps nothing
            from tray_app.ui.state.reminder_state import save_record  # noqa: PLC0415

            save_record(record)


def schedule_of(settings: Settings | None) -> WorkTimeSchedule | None:
    """The stored work schedule, or None for the portal's limits (also when it is unusable:
    the settings page says why)."""
    if settings is None or settings.schedule is None:
        return None
    from tray_app.core.schedule_fields import ScheduleError  # noqa: PLC0415
    from tray_app.core.schedule_import import parse_schedule  # noqa: PLC0415

    try:
        return parse_schedule(dict(settings.schedule))
    except ScheduleError as error:
        log.warning(
            "the stored work schedule cannot be used (%s); the portal's limits apply", error
        )
        return None


def territory() -> str:
    """The system locale's country code ("RU"): whether the Russian holidays apply by default."""
    return QLocale.territoryToCode(QLocale.system().territory())


def _records_fetcher(controller: DayController) -> Callable[[datetime, datetime], RecordsOutcome]:
    """Past days from the portal, read on the worker with the worker's own client."""

    def fetch(since: datetime, until: datetime) -> RecordsOutcome:
        from tray_app.api.records import fetch_records  # noqa: PLC0415

        client = cast("TimemanClient", controller.portal_client())
        return fetch_records(client, since, until)

    return fetch
