"""What one run of the app reads once and keeps: the administrator's policy (its problems said
once), the poll interval an earlier run learnt from the rate limit (--demo keeps none), the day
controller made under both, and the ``READY`` line a measured start ends with
(benchmarks/starts.py reads it)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from tray_app.config.policy import Policy, PolicyLoad
    from tray_app.config.settings import Settings
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.kept_flow import KeptFlow
    from tray_app.ui.state.worker import ClientFactory, FirstReading

log = logging.getLogger(__name__)


class RunWiring:
    """``policy``: the administrator's policy as read (None: read it from this computer's place
    for it on first use); ``demo``: nothing is kept between runs."""

    def __init__(self, policy: PolicyLoad | None, *, demo: bool) -> None:
        self._load = policy
        self._demo = demo
        self.policy: Policy | None = None

    def read_policy(self) -> tuple[str, ...]:
        """The policy, once per run; its problems logged one line each (and returned)."""
        if self._load is None:
            from tray_app.config.policy_sources import load_policy  # noqa: PLC0415

            self._load = load_policy()
        self.policy = self._load.policy
        if self.policy.source:
            log.info("policy from %s", self.policy.source)
        for problem in self._load.problems:
            log.warning("%s", problem)
        return self._load.problems

    def current_policy(self) -> Policy:
        if self.policy is None:
            self.read_policy()
        assert self.policy is not None
        return self.policy

    def make_controller(
        self,
        factory: ClientFactory,
        settings: Settings,
        *,
        first_reading: FirstReading | None,
        kept: KeptFlow,
        options: Mapping[str, Any],
    ) -> DayController:
        """The day controller, polling as the policy allows (``options``: the tests' fake clock
        and timers, over these)."""
        from tray_app.ui.state.controller import DayController  # noqa: PLC0415  (pulls in httpx)

        policy = self.current_policy()
        chosen: dict[str, Any] = {
            "learnt_interval_s": self.learnt_interval(),
            "start_window_s": policy.start_window_s,
            "kept": kept,
            **options,
        }
        return DayController(
            factory,
            poll_interval_s=policy.interval_s(settings.poll_interval_s),
            plan_follows=True,  # the planner comes after the first status
            first_reading=first_reading,
            **chosen,
        )

    @staticmethod
    def problems_notice(problems: tuple[str, ...]) -> tuple[str, str] | None:
        """The one notification a bad policy gets (None: a good one says nothing)."""
        if not problems:
            return None
        return (
            QCoreApplication.translate(
                "TrayApplication", "The administrator's policy has problems"
            ),
            QCoreApplication.translate(
                "TrayApplication",
                "{count} part(s) of it are ignored; timeman-tray uses its defaults for "
                "them. The log names each.",
            ).format(count=len(problems)),
        )

    def learnt_interval(self) -> float | None:
        """The poll interval an earlier run learnt from the rate limit."""
        if self._demo:
            return None
        from tray_app.ui.state.poll_state import load_learnt_interval  # noqa: PLC0415

        return load_learnt_interval()

    def keep_interval(self, seconds: float) -> None:
        if not self._demo:
            from tray_app.ui.state.poll_state import save_learnt_interval  # noqa: PLC0415

            save_learnt_interval(seconds)

    @staticmethod
    def say_ready(icon_shown_at: float | None, phase: str) -> None:
        """``READY icon=<ms> status=<ms> phase=<phase>`` on stderr (monotonic milliseconds)."""
        status_at = time.monotonic()
        icon_at = icon_shown_at or status_at
        sys.stderr.write(
            f"READY icon={icon_at * 1000:.1f} status={status_at * 1000:.1f} phase={phase}\n"
        )
        sys.stderr.flush()
