"""The General and Connection tabs of the settings dialog, and the small widgets all tabs share.

Each page checks its own fields: :meth:`GeneralPage.apply` and :meth:`ConnectionPage.apply`
return the settings with the page's values, or None after showing a message next to each bad
field.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tray_app.config import Settings
from tray_app.config.setting_checks import (
    MAX_KEPT_REASON,
    MAX_POLL_INTERVAL_S,
    MIN_POLL_INTERVAL_S,
    check_kept_reason,
)
from tray_app.ui.settings.support import ca_file_problem, proxy_problem
from tray_app.ui.text.kept_texts import default_reason_template

LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ru", "Русский"))
"""Language tags and their own names (not translated: a person looks for their language)."""
ERROR_STYLE = "color: #c62828;"


class GeneralPage(QWidget):
    """Poll interval, notifications, the time on the icon, start at login, language."""

    def __init__(
        self,
        settings: Settings,
        *,
        start_at_login: bool,
        autostart_location: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("generalPage")
        # Grouped like a native preferences window: each group's rows at the top, the rest
        # of the tab (sized for the longer Schedule tab) left free below them.
        page = QVBoxLayout(self)
        form = _group(page, self.tr("Portal"), "portalGroup", self)

        self._poll = QSpinBox(self)
        self._poll.setObjectName("pollIntervalSpin")
        self._poll.setRange(MIN_POLL_INTERVAL_S, MAX_POLL_INTERVAL_S)
        self._poll.setSuffix(self.tr(" s"))
        self._poll.setValue(settings.poll_interval_s)
        self._poll.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._poll_error = error_label("pollIntervalError", self)
        hint = self.tr("How often the workday is read: {low} to {high} seconds.")
        form.addRow(
            self.tr("Check the portal &every:"),
            cell(
                self,
                self._poll,
                hint=hint.format(low=MIN_POLL_INTERVAL_S, high=MAX_POLL_INTERVAL_S),
                error=self._poll_error,
            ),
        )

        self._notifications = QCheckBox(self.tr("Show &notifications"), self)
        self._notifications.setObjectName("notificationsCheck")
        self._notifications.setChecked(settings.notifications)
        form = _group(page, self.tr("Tray icon"), "trayGroup", self)
        form.addRow(self._notifications)
        self._paint_time = QCheckBox(self.tr("Show the worked time on the t&ray icon"), self)
        self._paint_time.setObjectName("paintTimeCheck")
        self._paint_time.setChecked(settings.paint_time_in_icon)
        form.addRow(self._paint_time)
        self._start_at_login = QCheckBox(self.tr("Start time&man-tray when I log in"), self)
        self._start_at_login.setObjectName("startAtLoginCheck")
        self._start_at_login.setChecked(start_at_login)
        self._start_at_login.setToolTip(autostart_location)
        self._autostart_error = error_label("startAtLoginError", self)
        form = _group(page, self.tr("Start and language"), "startGroup", self)
        form.addRow(cell(self, self._start_at_login, error=self._autostart_error))

        self._language = QComboBox(self)
        self._language.setObjectName("languageCombo")
        self._language.addItem(self.tr("System language"), "")
        for tag, name in LANGUAGES:
            self._language.addItem(name, tag)
        if self._language.findData(settings.language) < 0:  # set by hand to another language
            self._language.addItem(settings.language, settings.language)
        self._language.setCurrentIndex(self._language.findData(settings.language))
        form.addRow(
            self.tr("&Language:"),
            cell(self, self._language, hint=self.tr("Takes effect when timeman-tray restarts.")),
        )
        page.addStretch(1)

    def apply(self, settings: Settings) -> Settings | None:
        """``settings`` with this page's values, or None (message shown) if one is bad."""
        set_error(self._autostart_error, "")
        if not self._poll.hasAcceptableInput():
            message = self.tr("Enter a number of seconds from {low} to {high}.")
            set_error(
                self._poll_error, message.format(low=MIN_POLL_INTERVAL_S, high=MAX_POLL_INTERVAL_S)
            )
            return None
        set_error(self._poll_error, "")
        return dataclasses.replace(
            settings,
            poll_interval_s=self._poll.value(),
            notifications=self._notifications.isChecked(),
            paint_time_in_icon=self._paint_time.isChecked(),
            start_at_login=self._start_at_login.isChecked(),
            language=str(self._language.currentData() or ""),
        )

    def show_autostart_error(self, message: str) -> None:
        """Why start at login could not be switched."""
        set_error(self._autostart_error, message)


class ConnectionPage(QWidget):
    """A custom CA file (PEM), a proxy, and the reason sent with a click kept while the portal
    was unreachable.

    ``ca_file_locked``: the administrator's policy sets the CA file. The person cannot change
    it, so a problem with it (a missing file) is a note under the field, not an error that
    holds *Save* back.
    """

    def __init__(
        self, settings: Settings, *, ca_file_locked: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ca_locked = ca_file_locked
        self.setObjectName("connectionPage")
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "The CA file and the proxy are needed only in some company networks; leave "
                "both empty for a Bitrix24 cloud portal."
            ),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)

        self._ca_file = QLineEdit(settings.ca_file, self)
        self._ca_file.setObjectName("caFileEdit")
        self._ca_file.setPlaceholderText(self.tr("none"))
        browse = button(self.tr("&Browse…"), "caFileBrowseButton", self)
        browse.clicked.connect(self._browse)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self._ca_file, 1)
        row_layout.addWidget(browse)
        self._ca_error = error_label("caFileError", self)
        ca_hint = self.tr(
            "For a portal whose certificate comes from your company's own certificate "
            "authority: that authority's certificate as a PEM file."
        )
        ca_cell = cell(self, row, hint=ca_hint, error=self._ca_error)
        self._ca_note = hint_label("", ca_cell)
        self._ca_note.setObjectName("caFilePolicyNote")
        self._ca_note.setVisible(False)
        ca_layout = ca_cell.layout()
        assert ca_layout is not None
        ca_layout.addWidget(self._ca_note)
        form.addRow(self.tr("CA certificate &file:"), ca_cell)
        if ca_file_locked:
            self._note_locked_ca_file(ca_file_problem(settings.ca_file))

        self._proxy = QLineEdit(settings.proxy, self)
        self._proxy.setObjectName("proxyEdit")
        self._proxy.setPlaceholderText("http://proxy.example.com:3128")
        self._proxy_error = error_label("proxyError", self)
        proxy_hint = self.tr(
            "http://host:port or https://host:port, without a password; empty to use the "
            "system's proxy variables (HTTPS_PROXY)."
        )
        form.addRow(
            self.tr("&Proxy:"), cell(self, self._proxy, hint=proxy_hint, error=self._proxy_error)
        )
        self._kept_reason = QLineEdit(settings.kept_reason, self)
        self._kept_reason.setObjectName("keptReasonEdit")
        self._kept_reason.setPlaceholderText(default_reason_template())
        self._kept_reason.setMaxLength(MAX_KEPT_REASON)
        self._kept_reason.setClearButtonEnabled(True)
        self._kept_reason_error = error_label("keptReasonError", self)
        form.addRow(
            self.tr("Reason for a click &sent later:"),
            cell(
                self,
                self._kept_reason,
                hint=self.tr(
                    "Sent with a start or close you clicked while the portal was unreachable. "
                    "{clicked} and {sent} stand for the two times; empty: the text shown."
                ),
                error=self._kept_reason_error,
            ),
        )

    def apply(self, settings: Settings) -> Settings | None:
        """``settings`` with this CA file, proxy and reason, or None (messages shown) if one
        is bad."""
        ca_file, proxy = self._ca_file.text().strip(), self._proxy.text().strip()
        ca_bad, proxy_bad = ca_file_problem(ca_file), proxy_problem(proxy)
        if self._ca_locked:  # the administrator's file: said, but no reason to hold Save back
            self._note_locked_ca_file(ca_bad)
            ca_bad = None
        set_error(self._ca_error, ca_bad or "")
        set_error(self._proxy_error, proxy_bad or "")
        kept_reason = self._kept_reason_checked()
        if ca_bad or proxy_bad or kept_reason is None:
            return None
        return dataclasses.replace(settings, ca_file=ca_file, proxy=proxy, kept_reason=kept_reason)

    def _kept_reason_checked(self) -> str | None:
        try:
            kept_reason = check_kept_reason(self._kept_reason.text())
        except ValueError:
            set_error(
                self._kept_reason_error,
                self.tr("Write the reason on one line, without a webhook address."),
            )
            return None
        set_error(self._kept_reason_error, "")
        return kept_reason

    def _note_locked_ca_file(self, problem: str | None) -> None:
        """Say what is wrong with the administrator's CA file (None: nothing; the note hides)."""
        if problem:
            self._ca_note.setText(
                self.tr(
                    "{problem} Your administrator sets this file; the other settings still save."
                ).format(problem=problem)
            )
        self._ca_note.setVisible(bool(problem))

    def focus_ca_file(self) -> None:
        """Put the cursor into the CA file field."""
        self._ca_file.setFocus()

    def _browse(self) -> None:
        start = self._ca_file.text().strip()
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the CA certificate"),
            str(Path(start).parent) if start else "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if chosen:
            self._ca_file.setText(chosen)
            set_error(self._ca_error, ca_file_problem(chosen) or "")


# -- shared widgets ----------------------------------------------------------------------------


def _group(page: QVBoxLayout, title: str, name: str, parent: QWidget) -> QFormLayout:
    """A titled group of rows added to ``page``; its form lays out as the platform's own."""
    group = QGroupBox(title, parent)
    group.setObjectName(name)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    page.addWidget(group)
    return form


def cell(
    parent: QWidget, field: QWidget, *, hint: str = "", error: QLabel | None = None
) -> QWidget:
    """A form field with its hint and its error line underneath."""
    widget = QWidget(parent)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    if hint:
        layout.addWidget(hint_label(hint, widget))
    if error is not None:
        layout.addWidget(error)
    return widget


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A remark in a quieter colour: 60 % of the way from the background to the text, readable
    in light and dark themes (a disabled label is too faint)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    ink = palette.color(QPalette.ColorRole.WindowText)
    paper = palette.color(QPalette.ColorRole.Window)
    quiet = QColor(
        (ink.red() * 3 + paper.red() * 2) // 5,
        (ink.green() * 3 + paper.green() * 2) // 5,
        (ink.blue() * 3 + paper.blue() * 2) // 5,
    )
    palette.setColor(QPalette.ColorRole.WindowText, quiet)
    label.setPalette(palette)
    return label


def error_label(name: str, parent: QWidget) -> QLabel:
    """A hidden red line for a field's problem (plain text: messages may hold paths)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


def set_error(label: QLabel, message: str) -> None:
    """Show ``message`` in an error line, or hide the line for ""."""
    label.setText(message)
    label.setVisible(bool(message))


def button(text: str, name: str, parent: QWidget) -> QPushButton:
    """A push button that Enter does not press (Enter belongs to the dialog's Save)."""
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    widget.setAutoDefault(False)
    return widget
