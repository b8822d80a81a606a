"""What the controller knows of the day: the last answer and the portal's limits, whether the
day shown is stale or there is no account, the last error, and since when the portal has not
answered. It turns that into the :class:`~tray_app.ui.shared.viewstate.ViewState` of a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tray_app.core.elapsed import Elapsed
from tray_app.core.offline_watch import OfflineWatch
from tray_app.core.portal_settings import PortalSettings
from tray_app.ui.shared.viewstate import (
    PlanFigures,
    ViewState,
    Waiting,
    compute_view,
    figures,
)
from tray_app.ui.state.day_reminders import ShownDay

if TYPE_CHECKING:  # only the types: tray_app.api pulls in httpx, loaded after the icon shows
    from tray_app.api.models import DayReading
    from tray_app.core.reminders import Reminder
    from tray_app.ui.shared.kept_note import KeptNote


class DayKnowledge:
    """The day as last answered, and how far it can be trusted."""

    def __init__(self, offline_notify_after_s: float) -> None:
        self.reading: DayReading | None = None
        self.settings: PortalSettings | None = None
        self.frozen: Elapsed | None = None
        """The worked time kept for a PAUSED answer of the same day without its finish."""
        self.signed_out = False
        self.signing_in = False
        self.stale = False
        self.last_error: str | None = None
        self.last_answer_at: float | None = None
        self.outcome_unknown = False
        """The next answer may show our own action: not a change made elsewhere."""
        self.projection: Callable[[DayReading], DayReading] = lambda reading: reading
        """The day as the person sees it: the answer with the clicks kept meanwhile applied
        (:meth:`tray_app.ui.state.kept_rounds.KeptRounds.project`)."""
        self._offline = OfflineWatch(offline_notify_after_s)
        self._offline_after_s = offline_notify_after_s
        self._offline_since: float | None = None

    @property
    def tracking(self) -> bool:
        """Time tracking is on at the portal (or its limits are unknown yet)."""
        return self.settings is None or self.settings.tracking_enabled

    def shown(self, local: datetime) -> ShownDay | None:
        """The day shown at ``local``, or None without one (or signed out)."""
        if self.reading is None or self.signed_out:
            return None
        return ShownDay(self.projection(self.reading), self.settings, self.frozen, local)

    def server_now(self, local: datetime) -> datetime:
        """The portal's "now" (``local`` plus the last answer's skew)."""
        return self.reading.clock.server_now(local) if self.reading else local

    def view(
        self,
        local: datetime,
        *,
        busy: bool,
        waiting: Waiting | None,
        hold_actions: bool,
        plan: PlanFigures | None,
        reminder: Reminder | None,
        kept: KeptNote | None = None,
        projected: bool = True,
    ) -> ViewState:
        """The view at ``local``, with what an own action, the plan and the kept clicks add
        (``projected``: with the kept clicks applied to the day; else the portal's day, for a
        dialog that gives it a time instead)."""
        answered = self.last_answer_at
        reading = self.reading
        if reading is not None and projected:
            reading = self.projection(reading)
        return compute_view(
            reading,
            self.settings,
            local,
            signed_out=self.signed_out,
            signing_in=self.signing_in,
            busy=busy,
            stale=self.stale,
            last_error=self.last_error,
            previous=self.frozen,
            plan=plan,
            reminder=reminder,
            answered_at=None if answered is None else datetime.fromtimestamp(answered, UTC),
            waiting=waiting,
            hold_actions=hold_actions,
            kept=kept,
        )

    def take(self, reading: DayReading, local: datetime) -> None:
        """Make ``reading`` the day shown, keeping the worked time of the same day for a PAUSED
        answer without ``TIME_FINISH``."""
        old = self.reading
        same_day = old is not None and old.workday.started_at == reading.workday.started_at
        self.frozen = figures(old, local, self.frozen) if old and same_day else None
        self.reading = reading

    def answered(self, now: float) -> bool:
        """The portal answered at ``now``. Returns whether it is back after being offline
        long enough to have been told."""
        back = self._offline.answered()
        self._offline_since = None
        self.signed_out = False
        self.stale = False
        self.last_error = None
        self.last_answer_at = now
        return back

    def offline(self, message: str, now: float) -> int | None:
        """A read failed where waiting may help: the day shown is stale. Returns the minutes
        offline when it is time to tell, else None."""
        self.stale = True
        self.last_error = message
        if not self._offline.offline:
            self._offline_since = now
        return self._offline.failed(now)

    def still_offline(self, now: float) -> int | None:
        """The minutes offline when it is time to tell (once), else None."""
        return self._offline.check(now)

    @property
    def offline_due(self) -> float | None:
        """When the offline notice is due, while offline (it may be past)."""
        since = self._offline_since
        return None if since is None else since + self._offline_after_s

    def sign_out(self, message: str) -> None:
        """No usable account: nothing of the day is shown."""
        self.signed_out = True
        self.reading = None
        self.frozen = None
        self.stale = False
        self._forget_offline()
        self.last_error = message

    def signing_in_again(self) -> None:
        """After a login or logout: nothing known until the next answer."""
        self.reading = None
        self.settings = None
        self.frozen = None
        self.signed_out = False
        self.signing_in = True
        self.stale = False
        self.last_error = None
        self._forget_offline()

    def _forget_offline(self) -> None:
        self._offline.forget()
        self._offline_since = None
