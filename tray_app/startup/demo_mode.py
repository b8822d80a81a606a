"""``--demo``: the app against the built-in portal simulator, with a workday in progress and
four weeks of past workdays for the history window (``timeman.record.list``).

The simulator runs in this process on loopback (plain HTTP, which the client allows only
there); the secret lives in memory; nothing is written to the keyring or the settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tray_app.demo import PortalSimulator, SimUser
from tray_app.demo.records import sample_history

if TYPE_CHECKING:
    from tray_app.cli.environment import Environment

DEMO_SECRET = "demo0portal0webhook"  # noqa: S105  (the demo portal is public by design)
DEMO_USER_ID = 1
HISTORY_WEEKS = 4


def demo_start(local_now: datetime) -> tuple[datetime, timedelta]:
    """When the demo day began and its breaks: 2½ hours ago with 15 minutes of break, but
    never before today's midnight, so the day is today's."""
    local = local_now.astimezone()
    since_midnight = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
    worked = min(timedelta(hours=2, minutes=30), since_midnight - timedelta(minutes=1))
    worked = max(worked, timedelta(0))
    breaks = timedelta(minutes=15) if worked > timedelta(minutes=45) else timedelta(0)
    return local - worked, breaks


def start_demo_portal(local_now: datetime | None = None, *, tls: bool = False) -> PortalSimulator:
    """A running simulator with one user whose day is in progress, after
    :data:`HISTORY_WEEKS` weeks of plausible past days. ``tls``: over HTTPS with its own CA
    (``ca_file``), as the benchmarks sign in to it; the demo itself uses plain HTTP."""
    now = local_now or datetime.now(UTC)
    offset = now.astimezone().utcoffset()
    assert offset is not None
    simulator = PortalSimulator(tls=tls, allow_http=not tls)
    simulator.add_user(
        SimUser(
            user_id=DEMO_USER_ID,
            secret=DEMO_SECRET,
            name="Demo",
            last_name="User",
            schedule="FIXED",
            timezone=int(offset.total_seconds()),
        )
    )
    simulator.start()
    start, breaks = demo_start(now)
    local = now.astimezone()
    simulator.seed_history(
        DEMO_USER_ID, sample_history(local.date(), local.tzinfo or UTC, weeks=HISTORY_WEEKS)
    )
    simulator.seed_day(DEMO_USER_ID, "OPENED", start=start, leaks=breaks)
    return simulator


@contextmanager
def demo_environment() -> Iterator[Environment]:
    """A CLI environment wired to a fresh demo portal, stopped on exit."""
    # The CLI's modules load here, not at import: the tray's demo needs only the portal.
    from tray_app.api import TimemanClient, TransportOptions, Webhook  # noqa: PLC0415
    from tray_app.cli.environment import Environment  # noqa: PLC0415
    from tray_app.config.secrets import MemorySecretStore  # noqa: PLC0415
    from tray_app.services.account import Account  # noqa: PLC0415

    simulator = start_demo_portal()
    try:
        webhook = Webhook.parse(simulator.webhook_url(DEMO_USER_ID))
        account = Account(webhook, "Demo User", TransportOptions())
        store = MemorySecretStore()
        yield Environment(
            store_factory=lambda: store,
            account_loader=lambda _store: account,
            client_factory=lambda acc: TimemanClient(acc.webhook, options=acc.options),
            persist_moves=False,
            notify_tray=lambda: None,  # a real tray does not watch the demo portal
            kept_path=lambda: Path(":memory:"),  # --demo stores nothing: no kept clicks either
        )
    finally:
        simulator.stop()
