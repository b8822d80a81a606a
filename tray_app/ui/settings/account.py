"""The account tab of the settings dialog: sign in with a webhook URL (tested first), sign out.

The URL is typed into a masked field (:mod:`.account_forms`) and never shown, logged or
repeated: the page shows only the portal's address and the user id. Under the administrator's
policy only its portal can be signed in to, also when the portal answers from a new address.
Every check, keyring and settings write runs through the injected
:data:`~tray_app.ui.settings.support.RunTask` (the portal worker in the app).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tray_app.api import Webhook, WebhookUrlError
from tray_app.config import Settings
from tray_app.ui.settings.account_forms import SignedInForm, SignedOutForm
from tray_app.ui.settings.pages import ERROR_STYLE, hint_label
from tray_app.ui.settings.support import (
    Checked,
    ClientFactory,
    PortalRefusedError,
    RunTask,
    StoreFactory,
    check_line,
    check_task,
    describe_error,
    expected_error,
    is_certificate_error,
    log_text,
    portal_allowed,
    sign_out_task,
)
from tray_app.ui.text.messages import error_text

log = logging.getLogger(__name__)

Confirm = Callable[[QWidget, str, str], bool]
"""``confirm(parent, title, question)``: whether the user agreed."""
CONNECTION_LINK = "#connection"


def ask(parent: QWidget, title: str, question: str) -> bool:
    """A Yes/No question; No is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class AccountPage(QWidget):
    """Signed out: the masked webhook URL, *Test connection* and *Sign in*. Signed in: who and
    where, and *Sign out*.

    Signals:
        accountChanged(object): the :class:`Settings` as stored after a sign in or sign out.
        busyChanged(bool): a task started or ended (the dialog holds *Save* meanwhile).
        connectionRequested(): the user followed the link to the CA file field.
    """

    accountChanged = Signal(object)
    busyChanged = Signal(bool)
    connectionRequested = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        run_task: RunTask,
        store_factory: StoreFactory,
        client_factory: ClientFactory,
        connection: Callable[[Settings], Settings | None],
        confirm: Confirm = ask,
        first_run: bool = False,
        portal_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``portal_url``: the only portal the administrator allows ("" for any)."""
        super().__init__(parent)
        self.setObjectName("accountPage")
        self._portal_url = portal_url
        self._settings = settings
        self._run_task = run_task
        self._store_factory = store_factory
        self._client_factory = client_factory
        self._connection = connection
        self._confirm = confirm
        self._task: str | None = None
        self._build(first_run)
        self._show_account()

    # -- public face -----------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings as stored, account fields included."""
        return self._settings

    @property
    def busy(self) -> bool:
        """A test, sign in or sign out is on its way."""
        return self._task is not None

    @property
    def changing_account(self) -> bool:
        """A sign in or sign out is on its way: the dialog must stay open until it ends."""
        return self._task in ("sign_in", "sign_out")

    @property
    def signed_in(self) -> bool:
        """Whether an account is configured."""
        return bool(self._settings.portal_url and self._settings.user_id)

    def adopt(self, settings: Settings) -> None:
        """Take the settings the dialog just saved (the same account, other options)."""
        self._settings = settings
        self._show_account()

    def test_connection(self) -> None:
        """Check the typed webhook without storing anything."""
        self._start_check(store=False)

    def sign_in(self) -> None:
        """Check the typed webhook, then store it."""
        self._start_check(store=True)

    def sign_out(self) -> None:
        """After a confirmation, delete the secret and the account fields."""
        if self.busy or not self.signed_in:
            return
        question = self.tr(
            "Sign out of {portal}? The webhook secret is deleted from the keyring; you will "
            "need the webhook URL to sign in again."
        ).format(portal=self._settings.portal_url)
        if not self._confirm(self, self.tr("Sign out"), question):
            return
        self._begin("sign_out", self.tr("Signing out…"))
        self._run_task(
            sign_out_task(self._settings, self._store_factory), self._signed_out_or_failed
        )

    # -- building --------------------------------------------------------------------------

    def _build(self, first_run: bool) -> None:
        layout = QVBoxLayout(self)
        if first_run:
            welcome = QLabel(self.tr("<h3>Welcome to timeman-tray</h3>"), self)
            welcome.setObjectName("welcomeLabel")
            layout.addWidget(welcome)
        # Two pages, only one shown: a QStackedWidget would keep the taller one's height.
        self._signed_out_page = SignedOutForm(self._portal_url, self)
        self._signed_out_page.testRequested.connect(self.test_connection)
        self._signed_out_page.signInRequested.connect(self.sign_in)
        self._signed_in_page = SignedInForm(self)
        self._signed_in_page.signOutRequested.connect(self.sign_out)
        layout.addWidget(self._signed_out_page)
        layout.addWidget(self._signed_in_page)
        self._status = QLabel(self)
        self._status.setObjectName("accountStatusLabel")
        self._status.setWordWrap(True)
        self._status.setTextFormat(Qt.TextFormat.RichText)
        self._status.linkActivated.connect(self._on_link)
        layout.addWidget(self._status)
        layout.addStretch(1)
        self._note = hint_label("", self)
        self._note.setObjectName("keyringNoteLabel")
        layout.addWidget(self._note)

    # -- the flows -------------------------------------------------------------------------

    def _start_check(self, *, store: bool) -> None:
        if self.busy or self.signed_in:
            return
        self._set_status("")
        try:
            webhook = Webhook.parse(self._signed_out_page.url.text())
        except WebhookUrlError as error:
            self._set_url_error(error_text(error))
            return
        if not portal_allowed(webhook.base_url, self._portal_url):
            self._refuse_portal(webhook.base_url)
            return
        self._set_url_error("")
        settings = self._connection(self._settings)
        if settings is None:
            self._set_status(self.tr("Fix the connection settings first."), error=True, link=True)
            return
        task = check_task(
            webhook,
            settings,
            client_factory=self._client_factory,
            store_factory=self._store_factory if store else None,
            portal_url=self._portal_url,
        )
        kind = "sign_in" if store else "test"
        self._begin(kind, self.tr("Signing in…") if store else self.tr("Testing the connection…"))
        log.info(
            "%s: checking the webhook of user %d at %s", kind, webhook.user_id, webhook.base_url
        )

        def done(value: object | None, error: BaseException | None) -> None:
            self._checked_or_failed(value, error, webhook, store=store)

        self._run_task(task, done)

    def _checked_or_failed(
        self, value: object | None, error: BaseException | None, webhook: Webhook, *, store: bool
    ) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog was closed meanwhile (a test only: a sign-in keeps it open)
        self._end()
        if isinstance(error, PortalRefusedError):  # the portal moved away from the policy's
            log.warning(
                "%s refused: the portal moved to %s", "sign in" if store else "test", error.given
            )
            self._set_status("")
            self._refuse_portal(error.given)
            return
        if error is not None or not isinstance(value, Checked):
            failure = error or TypeError("no result")
            self._failed("connection check", failure, webhook.secret, nothing_stored=store)
            return
        log.info("the webhook of user %d at %s works", webhook.user_id, value.webhook.base_url)
        if store and value.saved is not None:
            self._signed_out_page.clear()
            self._settings = value.saved
            self._show_account()
            self.accountChanged.emit(value.saved)
        self._set_status(check_line(value))

    def _signed_out_or_failed(self, value: object | None, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._end()
        if error is not None or not isinstance(value, Settings):
            self._failed("sign out", error or TypeError("no result"), None, nothing_stored=False)
            return
        log.info("signed out")
        self._settings = value
        self._show_account()
        self._set_status(self.tr("Signed out; the webhook secret is deleted."))
        self.accountChanged.emit(value)

    def _failed(
        self, what: str, error: BaseException, secret: str | None, *, nothing_stored: bool
    ) -> None:
        message = describe_error(error, secret, nothing_stored=nothing_stored)
        if expected_error(error):
            log.warning("%s failed (%s): %s", what, getattr(error, "code", None) or "-", message)
        else:
            log.error("%s failed unexpectedly: %s", what, log_text(error, secret))
        self._set_status(message, error=True, link=is_certificate_error(error))

    # -- state -----------------------------------------------------------------------------

    def _begin(self, kind: str, message: str) -> None:
        self._task = kind
        self._set_status(message)
        self._update_enabled()
        self.busyChanged.emit(True)

    def _end(self) -> None:
        self._task = None
        self._update_enabled()
        self.busyChanged.emit(False)

    def _update_enabled(self) -> None:
        idle = self._task is None
        self._signed_out_page.set_idle(idle)
        self._signed_in_page.sign_out.setEnabled(idle)

    def _show_account(self) -> None:
        settings = self._settings
        self._signed_out_page.setVisible(not self.signed_in)
        self._signed_in_page.setVisible(self.signed_in)
        if not self.signed_in:
            self._note.setText(
                self.tr(
                    "The secret part of the URL is kept in the system keyring; the settings "
                    "file holds only the portal address and your user id."
                )
            )
            return
        self._note.setText(
            self.tr(
                "The webhook secret is kept in the system keyring. To use another webhook, "
                "sign out first."
            )
        )
        self._signed_in_page.show_account(settings)

    def _set_url_error(self, message: str) -> None:
        self._signed_out_page.set_error(message)

    def _refuse_portal(self, given: str) -> None:
        """Say that a webhook of ``given`` is not the administrator's portal (at sign in, and
        when the portal answered from another address)."""
        self._set_url_error(
            self.tr(
                "This webhook is of {given}, but your administrator allows only webhooks "
                "of {portal}. Nothing was stored."
            ).format(given=given, portal=self._portal_url)
        )

    def _set_status(self, message: str, *, error: bool = False, link: bool = False) -> None:
        text = html.escape(message, quote=False)
        if link:
            text += ' <a href="{href}">{label}</a>'.format(
                href=CONNECTION_LINK, label=html.escape(self.tr("Open the connection settings"))
            )
        self._status.setText(text)
        self._status.setStyleSheet(ERROR_STYLE if error else "")
        self._status.setProperty("error", error)

    def _on_link(self, href: str) -> None:
        if href == CONNECTION_LINK:
            self.connectionRequested.emit()
