"""``status``: the day as a few lines, or as JSON (``--json``)."""

from __future__ import annotations

import argparse
import json

from tray_app.api import TimemanClient
from tray_app.cli.environment import Environment
from tray_app.cli.exits import EXIT_OK
from tray_app.core.elapsed import elapsed
from tray_app.core.summary import DaySummary, headline, status_document, summarize
from tray_app.core.timefmt import format_hm
from tray_app.core.workday import DayState, Workday


def status(client: TimemanClient, args: argparse.Namespace, env: Environment) -> int:
    """``status [--json]``: the day as the portal has it now."""
    reading = client.status()
    now = reading.clock.server_now(env.local_now())
    summary = summarize(reading.workday, elapsed(reading.workday, now), now)
    if args.json:
        env.stdout.write(json.dumps(status_document(reading.workday, summary)) + "\n")
    else:
        env.stdout.write(_describe(reading.workday, summary))
    return EXIT_OK


def _describe(day: Workday, summary: DaySummary) -> str:
    lines = [headline(summary)]
    if summary.started_at is not None:
        lines.append(f"Started:  {summary.started_at:%Y-%m-%d %H:%M} (UTC{_offset(summary)})")
        if day.state is not DayState.EXPIRED:
            lines.append(f"Worked:   {format_hm(summary.worked)}")
        lines.append(f"Breaks:   {format_hm(summary.breaks)}")
    if summary.finished_at is not None and day.state is DayState.CLOSED:
        lines.append(f"Ended:    {summary.local(summary.finished_at):%Y-%m-%d %H:%M}")
    if day.confirmed is False:
        lines.append("Awaiting your supervisor's confirmation.")
    if summary.suggested_close_at is not None:
        end = summary.local(summary.suggested_close_at)
        lines.append(f"Suggested end: {end:%Y-%m-%d %H:%M}")
        lines.append(
            f"Close it with: timeman-tray close --at {end:%H:%M} --reason 'Forgot to close'"
        )
    return "\n".join(lines) + "\n"


def _offset(summary: DaySummary) -> str:
    assert summary.started_at is not None
    return f"{summary.started_at:%z}"[:3] + ":" + f"{summary.started_at:%z}"[3:]
