"""The jobs of the portal worker: what a job asks (:class:`JobKind`), what it gives
(:class:`JobResult`), the client it asks it of (:class:`PortalClient`), and which results are
still news (:class:`ResultGate`: a poll never overwrites a later action)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from tray_app.core.actions import Action
from tray_app.core.portal_settings import PortalSettings
from tray_app.services.kept_sending import KeptPortal

if TYPE_CHECKING:  # only types: tray_app.api pulls in httpx, which the tray imports lazily
    from tray_app.api.models import DayReading, WriteOutcome
    from tray_app.services.first_day import FirstDay


class PortalClient(KeptPortal, Protocol):
    """The part of :class:`tray_app.api.TimemanClient` the tray uses: what the kept clicks'
    sender asks (the status with the settings, a write), a status alone, and closing it."""

    def status(self) -> DayReading: ...

    def shutdown(self) -> None: ...


ClientFactory = Callable[[], PortalClient]
FirstReading = Callable[[], "FirstDay | None"]
"""The first status and settings read elsewhere (tray_app/services/first_day.py), or None: then the
client reads them. Runs on the worker thread, and may wait there."""


class JobKind(StrEnum):
    """What a job asks of the portal."""

    STATUS = "status"
    STATUS_AND_SETTINGS = "status_and_settings"
    ACTION = "action"
    RESET = "reset"
    """Close and forget the client, so the next job reads the account again (after a login)."""
    CHECK = "check"
    """A status read on the action lane: did the action whose answer was lost take effect?"""
    KEPT = "kept"
    """A round of the kept clicks (issue 12) on the action lane: the status read, then what
    the portal allows, in order (:mod:`tray_app.ui.state.kept_flow`); ``portal_task`` runs it
    with the lane's client and its value is the round."""
    CALL = "call"
    """Any other blocking work that must stay off the UI thread (a login's check and keyring
    write, a read of past days through :meth:`PortalWorker.client`), in line with the portal
    calls."""


@dataclass(frozen=True)
class Job:
    """One request for the worker; ``seq`` grows with every job submitted."""

    seq: int
    kind: JobKind
    action: Action | None = None
    time: datetime | None = None
    reason: str | None = None
    task: Callable[[], object] | None = None
    portal_task: Callable[[PortalClient], object] | None = None

    @property
    def is_poll(self) -> bool:
        """A status read (with or without the settings, or an action's check)."""
        return self.kind in (JobKind.STATUS, JobKind.STATUS_AND_SETTINGS, JobKind.CHECK)

    @property
    def on_action_lane(self) -> bool:
        """Runs on the action lane (an own action, its check, or a round of kept clicks)."""
        return self.kind in (JobKind.ACTION, JobKind.CHECK, JobKind.KEPT)


@dataclass(frozen=True)
class JobResult:
    """What a job gave: a reading (and settings), a write outcome, a task's ``value``, or the
    exception raised.

    ``sign_in_failed`` tells that the error came from creating the client (no account, the
    keyring refused), not from the portal.
    """

    job: Job
    reading: DayReading | None = None
    settings: PortalSettings | None = None
    outcome: WriteOutcome | None = None
    value: object = None
    error: Exception | None = None
    sign_in_failed: bool = False


class ResultGate:
    """Which results may still be shown: none from before a sign-in, and no poll whose job is
    older than an action result already shown (it would paint a state the action replaced)."""

    def __init__(self) -> None:
        self._floor = 0
        self._newest_action = 0

    def discard_before(self, seq: int) -> None:
        """Ignore every result of a job numbered below ``seq``."""
        self._floor = max(self._floor, seq)

    def action_sent(self, seq: int) -> None:
        """An action numbered ``seq`` was submitted: reads numbered below it are no longer
        news, even when their answer comes first (the lanes run side by side)."""
        self._newest_action = max(self._newest_action, seq)

    def accept(self, job: Job) -> bool:
        """Whether the result of ``job`` is still news; records action results as they pass."""
        if job.kind is JobKind.CALL:
            return True  # not about the day: whoever submitted it waits for the answer
        if job.seq < self._floor:
            return False
        if job.kind in (JobKind.ACTION, JobKind.KEPT):
            self._newest_action = max(self._newest_action, job.seq)
            return True
        return job.seq > self._newest_action
