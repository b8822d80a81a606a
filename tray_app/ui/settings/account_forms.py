"""The two faces of the account tab: signed out (the masked webhook URL, *Test connection* and
*Sign in*) and signed in (who and where, *Sign out*). Widgets only: the flows behind the
buttons are :class:`~tray_app.ui.settings.account.AccountPage`'s.

The URL is typed into a masked field and never shown unless asked, logged or repeated.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tray_app.api.webhook import EXPECTED_FORM
from tray_app.config import Settings
from tray_app.ui.settings.pages import button, error_label, set_error

__all__ = ["SignedInForm", "SignedOutForm"]


class SignedOutForm(QWidget):
    """How to make a webhook, the policy's portal (when it sets one), the masked URL field
    with *Show*, its error line, and the buttons.

    Signals:
        testRequested(): *Test connection*.
        signInRequested(): *Sign in*, or Enter in the URL field.
    """

    testRequested = Signal()
    signInRequested = Signal()

    def __init__(self, portal_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signedOutPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        help_text = QLabel(
            self.tr(
                "timeman-tray works through an <b>incoming webhook</b> of your Bitrix24 "
                "account:<ol>"
                "<li>In Bitrix24 open <b>Developer resources → Other → Incoming webhook</b>.</li>"
                "<li>Tick the permission <b>timeman</b> (Time management) and save.</li>"
                "<li>Copy the webhook URL and paste it below. It looks like<br>"
                "<tt>{form}</tt></li></ol>"
            ).format(form=html.escape(EXPECTED_FORM)),
            self,
        )
        help_text.setObjectName("webhookHelpLabel")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(help_text)
        if portal_url:
            portal = QLabel(
                self.tr("Your administrator set the portal: {portal}").format(portal=portal_url),
                self,
            )
            portal.setObjectName("policyPortalLabel")
            portal.setTextFormat(Qt.TextFormat.PlainText)
            portal.setWordWrap(True)
            layout.addWidget(portal)
        layout.addSpacing(6)

        caption = QLabel(self.tr("&Webhook URL:"), self)
        self.url = QLineEdit(self)
        self.url.setObjectName("webhookUrlEdit")
        self.url.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setPlaceholderText(EXPECTED_FORM)
        self.url.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.url.installEventFilter(self)  # Enter signs in instead of saving the dialog
        self.url.textEdited.connect(lambda _text: self.set_error(""))
        caption.setBuddy(self.url)
        self.reveal = QPushButton(self.tr("Show"), self)
        self.reveal.setObjectName("showWebhookButton")
        self.reveal.setCheckable(True)
        self.reveal.setAutoDefault(False)
        self.reveal.setToolTip(self.tr("Show or hide the webhook URL"))
        self.reveal.toggled.connect(self._on_reveal)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.reveal)
        layout.addWidget(caption)
        layout.addLayout(row)
        self._error = error_label("webhookUrlError", self)
        layout.addWidget(self._error)

        self.test = button(self.tr("&Test connection"), "testConnectionButton", self)
        self.test.clicked.connect(self.testRequested)
        self.sign_in = button(self.tr("Sign &in"), "signInButton", self)
        self.sign_in.clicked.connect(self.signInRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test)
        buttons.addWidget(self.sign_in)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_error(self, message: str) -> None:
        """What is wrong with the typed URL ("" hides the line)."""
        set_error(self._error, message)

    def clear(self) -> None:
        """Forget the typed URL and mask the field again (after a sign in)."""
        self.url.clear()
        self.reveal.setChecked(False)

    def set_idle(self, idle: bool) -> None:
        """The field and the buttons work only while no task is on its way."""
        for widget in (self.url, self.reveal, self.test, self.sign_in):
            widget.setEnabled(idle)

    def _on_reveal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.url.setEchoMode(mode)
        self.reveal.setText(self.tr("Hide") if shown else self.tr("Show"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the URL field signs in (the dialog's default button would save instead)."""
        if (
            watched is self.url
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.signInRequested.emit()
            return True
        return super().eventFilter(watched, event)


class SignedInForm(QWidget):
    """Who is signed in where, and *Sign out*.

    Signals:
        signOutRequested(): *Sign out*.
    """

    signOutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signedInPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._who = QLabel(self)
        self._who.setObjectName("signedInLabel")
        self._who.setWordWrap(True)
        self._who.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._who)
        self.sign_out = button(self.tr("Sign &out…"), "signOutButton", self)
        self.sign_out.clicked.connect(self.signOutRequested)
        row = QHBoxLayout()
        row.addWidget(self.sign_out)
        row.addStretch(1)
        layout.addLayout(row)

    def show_account(self, settings: Settings) -> None:
        """Say who is signed in where."""
        if settings.display_name:
            text = self.tr("Signed in as {name} at {portal} (user {user_id})")
        else:
            text = self.tr("Signed in at {portal} (user {user_id})")
        self._who.setText(
            text.format(
                name=settings.display_name, portal=settings.portal_url, user_id=settings.user_id
            )
        )
