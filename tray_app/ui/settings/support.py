"""What the settings dialog does besides widgets: the worker tasks, the runner that puts them on
the portal thread, the field checks and the sentences for people.

The tasks (:func:`check_task`, :func:`sign_out_task`) block on the network and the keyring: they
are handed to a :data:`RunTask`, which runs them off the UI thread and calls ``done`` back on the
UI thread. :func:`controller_runner` is that runner in the app: the controller's single worker,
so a login stays in line with the polls.

Texts are translated with ``QCoreApplication.translate("SettingsDialog", ...)`` written out in
full: pyside6-lupdate finds only literal calls, not a wrapper function.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from tray_app.api import (
    AccountCheck,
    CertificateError,
    ConfigurationError,
    RetryPolicy,
    TimemanClient,
    TimemanError,
    TransportOptions,
    Webhook,
)
from tray_app.api.transport import ssl_context
from tray_app.config import (
    ConfigError,
    SecretStore,
    SecretStoreError,
    Settings,
    SettingsFileError,
    load_settings,
)
from tray_app.config.policy import Policy
from tray_app.core.workday import DayState
from tray_app.services.account import forget_account, save_account
from tray_app.ui.text.messages import error_text, internal_error

if TYPE_CHECKING:
    from tray_app.ui.state.controller import DayController

Done = Callable[[object | None, BaseException | None], None]
"""``done(value, error)``: exactly one of them is set; called on the UI thread."""
RunTask = Callable[[Callable[[], object], Done], None]
"""``run_task(task, done)``: run ``task`` off the UI thread, then ``done`` on the UI thread."""
ClientFactory = Callable[[Webhook, TransportOptions], TimemanClient]
StoreFactory = Callable[[], SecretStore]

TEST_POLICY = RetryPolicy(attempts=2, base=1.0, cap=2.0, budget=10.0)
"""A person waits for the test: one quick retry, not the polls' minute of back-off."""


def default_client(webhook: Webhook, options: TransportOptions) -> TimemanClient:
    """The real client, with the short retry policy of an interactive check."""
    return TimemanClient(webhook, options=options, policy=TEST_POLICY)


def controller_runner(controller: DayController) -> RunTask:
    """A :data:`RunTask` on the controller's worker (``call`` + ``taskFinished``).

    Make one per controller (each connects once to ``taskFinished``).
    """
    pending: dict[int, Done] = {}

    def finished(seq: int, value: object, error: object) -> None:
        done = pending.pop(seq, None)
        if done is not None:
            done(value, error if isinstance(error, BaseException) else None)

    controller.taskFinished.connect(finished)

    def run(task: Callable[[], object], done: Done) -> None:
        pending[controller.call(task)] = done

    return run


# -- the tasks (run on the worker) -------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A webhook that works: who it is, and the settings stored when signing in."""

    webhook: Webhook
    check: AccountCheck
    saved: Settings | None = None


def portal_allowed(base_url: str, portal_url: str) -> bool:
    """Whether a webhook at ``base_url`` is of ``portal_url``, the administrator's only portal
    ("" allows any)."""
    return not portal_url or Policy(portal_url=portal_url).allows_portal(base_url)


class PortalRefusedError(Exception):
    """The portal answered from ``given``, which is not the administrator's portal."""

    def __init__(self, given: str) -> None:
        super().__init__(f"the portal answered from {given}, not the policy's portal")
        self.given = given


def check_task(
    webhook: Webhook,
    settings: Settings,
    *,
    client_factory: ClientFactory,
    store_factory: StoreFactory | None,
    portal_url: str = "",
) -> Callable[[], Checked]:
    """Verify ``webhook`` with the connection of ``settings``; with a ``store_factory`` also
    sign in: the secret to the keyring, the account (and the connection used) to the settings.

    ``portal_url``: the administrator's only portal ("" for any). A portal that answers from
    another address (a followed move) must still be that one, else :class:`PortalRefusedError`
    and nothing is stored.
    """
    options = TransportOptions(ca_file=settings.ca_file or None, proxy=settings.proxy or None)

    def task() -> Checked:
        with client_factory(webhook, options) as client:
            check = client.verify()
            used = client.webhook  # after a followed redirect: the portal's new address
        if not portal_allowed(used.base_url, portal_url):
            raise PortalRefusedError(used.base_url)
        if store_factory is None:
            return Checked(used, check)
        return Checked(used, check, save_account(used, check, store_factory(), settings))

    return task


def sign_out_task(settings: Settings, store_factory: StoreFactory) -> Callable[[], Settings]:
    """Delete the secret and the account fields; returns the settings as stored now.

    The file is read again first: the portal may have moved since the dialog opened (its new
    address is written by :func:`tray_app.services.account.remember_move`), and the key follows it.
    """

    def task() -> Settings:
        try:
            current = load_settings()
        except SettingsFileError:
            current = settings
        forget_account(store_factory(), current)
        return dataclasses.replace(current, portal_url="", user_id=0, display_name="")

    return task


# -- sentences -----------------------------------------------------------------------------------


def scrub(text: str, secret: str | None) -> str:
    """``text`` with ``secret`` masked, should anything ever have repeated it."""
    return text.replace(secret, "***") if secret else text


def state_words(state: DayState) -> str:
    """How today's day reads in the result line."""
    words = {
        DayState.OPENED: QCoreApplication.translate("SettingsDialog", "Working"),
        DayState.PAUSED: QCoreApplication.translate("SettingsDialog", "On a break"),
        DayState.CLOSED: QCoreApplication.translate("SettingsDialog", "Not working"),
        DayState.EXPIRED: QCoreApplication.translate(
            "SettingsDialog", "A day from before is still open"
        ),
    }
    return words[state]


def check_line(checked: Checked) -> str:
    """``Anna Ivanova (user 1) · timeman access granted · today: Working``."""
    return QCoreApplication.translate(
        "SettingsDialog", "{name} (user {user_id}) · timeman access granted · today: {state}"
    ).format(
        name=checked.check.profile.display_name,
        user_id=checked.webhook.user_id,
        state=state_words(checked.check.reading.workday.state),
    )


def is_certificate_error(error: BaseException | None) -> bool:
    """The portal's certificate is not trusted (a corporate CA needs the CA file)."""
    return isinstance(error, CertificateError)


def describe_error(error: BaseException, secret: str | None, *, nothing_stored: bool) -> str:
    """One sentence for a person, never the secret."""
    if isinstance(error, TimemanError | ConfigError):
        text = error_text(error)
        if isinstance(error, SecretStoreError) and nothing_stored:
            text = QCoreApplication.translate(
                "SettingsDialog", "{reason} Nothing was stored."
            ).format(reason=text)
    else:
        text = internal_error(error)
    return scrub(text, secret)


def expected_error(error: BaseException) -> bool:
    """One of the trees the lower layers raise (logged as a line, not as a traceback)."""
    return isinstance(error, TimemanError | ConfigError)


def log_text(error: BaseException, secret: str | None) -> str:
    """The traceback of an unexpected error for the log, the secret masked."""
    return scrub("".join(traceback.format_exception(error)), secret)


def sentence(text: str) -> str:
    """``proxy must not …`` -> ``Proxy must not ….``"""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# -- field checks (UI thread: small, local) ----------------------------------------------------


def ca_file_problem(path: str) -> str | None:
    """Why ``path`` cannot be the CA file (missing, not PEM), or None; "" means none."""
    if not path:
        return None
    try:
        Settings(ca_file=path)
        ssl_context(path)
    except (ConfigurationError, ValueError) as error:
        return sentence(error_text(error))
    except OSError:  # e.g. a name longer than the system allows: refused, never a crash
        return QCoreApplication.translate(
            "SettingsDialog", "This CA certificate file cannot be opened; choose another file."
        )
    return None


def proxy_problem(text: str) -> str | None:
    """Why ``text`` cannot be the proxy (not http(s)://host:port, has credentials), or None."""
    if not text:
        return None
    expected = QCoreApplication.translate(
        "SettingsDialog", "Enter the proxy as http://host:port or https://host:port."
    )
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return expected
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return expected
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return expected
    try:
        Settings(proxy=text)
    except ValueError as error:  # credentials, or something else the settings refuse
        return sentence(error_text(error))
    return None
