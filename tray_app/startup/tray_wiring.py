"""The tray's composition root: the portal clients, the first reading a child process made,
and the server for later launches, built here and handed to the app object
(:class:`tray_app.ui.shell.wiring.PortalSide`), so that the windows never import start-up code.

Imports stay inside the functions: this module is loaded before the icon shows, and httpx, the
keyring and QtNetwork are paid for only when they are used (benchmarks/run.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tray_app.ui.shell.wiring import HeldLock, PortalSide

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from tray_app.api.client import TimemanClient
    from tray_app.config.settings import Settings
    from tray_app.services.first_day import FirstDay
    from tray_app.startup.demo_child import DemoPortalProcess
    from tray_app.startup.instance_lock import InstanceLock
    from tray_app.ui.state.worker import FirstReading


def account_side() -> PortalSide:
    """The signed-in account's portal (the settings' webhook, its secret in the keyring)."""
    return PortalSide(client_factory=_account_client, first_reading=_account_first_reading)


def demo_side(portal: DemoPortalProcess) -> PortalSide:
    """The demo portal in its own process; the worker, which makes the clients, waits for it."""

    def demo_client() -> TimemanClient:
        from tray_app.api import TimemanClient, Webhook  # noqa: PLC0415  (httpx: not yet)
        from tray_app.api.retry import NO_RETRY  # noqa: PLC0415

        return TimemanClient(Webhook.parse(portal.webhook_url()), read_policy=NO_RETRY)

    def first_reading(_settings: Settings) -> FirstReading:
        def demo_day() -> FirstDay | None:
            from tray_app.services.first_day import reading_from  # noqa: PLC0415

            return reading_from(portal.first_day())

        return demo_day

    return PortalSide(client_factory=demo_client, first_reading=first_reading, demo_portal=portal)


def serve_commands(parent: QObject, lock: HeldLock, on_command: Callable[[str], None]) -> HeldLock:
    """Listen for later launches and the CLI (a Unix socket, on Windows QtNetwork's named
    pipe: made only now)."""
    from tray_app.startup.single_instance import SingleInstance  # noqa: PLC0415

    instance = SingleInstance(parent, _instance_lock(lock))
    if instance.acquire():
        instance.commandReceived.connect(on_command)
    return instance


def _instance_lock(lock: HeldLock) -> InstanceLock:
    from tray_app.startup.instance_lock import InstanceLock  # noqa: PLC0415

    if not isinstance(lock, InstanceLock):
        raise TypeError("the command server needs the start-up's InstanceLock")
    return lock


def _account_client() -> TimemanClient:
    """Runs on the worker thread: the keyring may be slow or ask to be unlocked."""
    from tray_app.api import TimemanClient  # noqa: PLC0415
    from tray_app.api.retry import NO_RETRY  # noqa: PLC0415
    from tray_app.config.secrets import KeyringSecretStore  # noqa: PLC0415
    from tray_app.services.account import load_account, remember_move  # noqa: PLC0415
    from tray_app.startup.prefetch import secret_store  # noqa: PLC0415

    # The first time, the secret read by the child started at launch (prefetch.py).
    account = load_account(secret_store(KeyringSecretStore))

    def keep_move(new_base_url: str) -> None:  # the new address, and the secret under it
        remember_move(account, new_base_url, KeyringSecretStore())

    # The poll schedule (core/poll_schedule.py) is the tray's retry: a refused read costs one
    # request.
    return TimemanClient(
        account.webhook,
        options=account.options,
        on_move=keep_move,
        may_move_to=account.may_move_to,
        read_policy=NO_RETRY,
    )


def _account_first_reading(settings: Settings) -> FirstReading | None:
    """The first status the keyring child read for the account in ``settings``."""
    if not settings.portal_url or not settings.user_id:
        return None
    from tray_app.config.secrets import account_key  # noqa: PLC0415

    account = account_key(settings.portal_url, settings.user_id)

    def account_day() -> FirstDay | None:
        from tray_app.startup.prefetch import first_day  # noqa: PLC0415

        return first_day(account)

    return account_day
