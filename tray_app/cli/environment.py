"""What the CLI's commands touch (the keyring, the portal client, the streams, the clocks), so
tests and ``--demo`` can swap it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO

from tray_app.api import TimemanClient
from tray_app.cli.kept_command import PathSource
from tray_app.config.policy import PolicyLoad
from tray_app.config.policy_sources import load_policy
from tray_app.config.secrets import KeyringSecretStore, SecretStore
from tray_app.core.kept_clicks import Clock, SystemClock
from tray_app.history.kept_store import kept_path
from tray_app.services import instance
from tray_app.services.account import Account, load_account


@dataclass
class Environment:
    """What the commands touch, so tests and ``--demo`` can swap it."""

    store_factory: Callable[[], SecretStore] = KeyringSecretStore
    client_factory: Callable[[Account], TimemanClient] = field(
        default=lambda account: TimemanClient(
            account.webhook, options=account.options, may_move_to=account.may_move_to
        )
    )
    account_loader: Callable[[SecretStore], Account] = load_account
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    local_now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    persist_moves: bool = True
    notify_tray: Callable[[], object] = field(default=lambda: instance.send(instance.REFRESH))
    """Tell a running tray to read the day now, so it shows the change at once."""
    policy_loader: Callable[[], PolicyLoad] = field(default=load_policy)
    """The administrator's policy (tray_app/config/policy.py); the CLI obeys it as the tray."""
    kept_clock: Clock = field(default_factory=SystemClock)
    """The machine's clocks, for the moment of a kept click (``--keep``, issue 12)."""
    kept_path: PathSource = field(default=kept_path)
    """Where the kept clicks are (beside the history journal)."""
