"""The windows the running app opens on demand: History, the report dialog (a changed start
or end, a forgotten day), About; and the pages it opens outside (the log folder, the portal's
workday page). One of each at a time; each made when first needed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from tray_app import __version__
from tray_app.core.actions import Action
from tray_app.ui.shared.viewstate import ViewState

if TYPE_CHECKING:
    from tray_app.ui.app.plan_wiring import PlanWiring
    from tray_app.ui.history.window import HistoryWindow
    from tray_app.ui.report.dialog import ReportDialog
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.journal_keeper import JournalKeeper

WORKDAY_PAGE = "/timeman/timeman.php"


class AppWindows:
    """History and the report dialog of one running app; ``zone()`` is the user's zone,
    ``today()`` today there by the portal's clock."""

    def __init__(self, *, zone: Callable[[], tzinfo], today: Callable[[], date]) -> None:
        self._zone = zone
        self._today = today
        self.report: ReportDialog | None = None
        self.history: HistoryWindow | None = None

    def open_history(
        self, controller: DayController, keeper: JournalKeeper, plan: PlanWiring
    ) -> HistoryWindow:
        """The history window (one; shown again and re-read when open already)."""
        import shiboken6  # noqa: PLC0415
        from PySide6.QtCore import Qt  # noqa: PLC0415  (its namespace is slow to build)

        window = self.history
        if window is not None and shiboken6.isValid(window):
            window.set_plan(plan.history_plan(controller, self._today()))
            window.reload()
            window.show()
            window.raise_()
            window.activateWindow()
            return window
        from tray_app.ui.history.window import open_history  # noqa: PLC0415

        source = plan.records_source_of(controller)
        keeper.flush()  # what was answered a moment ago is in the window too
        planned = plan.history_plan(controller, self._today())
        window = open_history(
            None, keeper.journal(), source, planned, today=self._today, zone=self._zone()
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history = window
        return window

    def open_report(
        self,
        controller: DayController,
        mode: str,
        *,
        prefill_at: datetime | None = None,
        prefill_reason: str = "",
        replaces: str | None = None,
    ) -> None:
        """The report dialog in ``mode`` (one at a time: an open one is closed). ``replaces``:
        the id of the kept click the dialog's write stands in for: the dialog starts from the
        portal's day, and the kept click is dropped when the write is sent."""
        from PySide6.QtCore import Qt  # noqa: PLC0415

        from tray_app.ui.report.dialog import ReportDialog, ReportMode  # noqa: PLC0415

        if self.report is not None:
            self.report.close()
        dialog = ReportDialog(
            ReportMode(mode),
            controller.view(projected=replaces is None),
            controller.server_now,
            local_zone=self._zone(),
            prefill_at=prefill_at,
            prefill_reason=prefill_reason,
        )

        def submit(action: Action, when: object, reason: str) -> None:
            if replaces is not None and controller.kept is not None:
                controller.kept.discard(replaces)
            if not controller.request(action, time=when, reason=reason):  # type: ignore[arg-type]
                dialog.show_refusal(
                    QCoreApplication.translate(
                        "TrayApplication",
                        "Not sent: another action is on its way, or the workday has changed.",
                    )
                )

        # Parentless, and held by the closures above: only deleting it on close frees it.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _code: self._forget_report(dialog))
        self.report = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _forget_report(self, dialog: QObject) -> None:
        if self.report is dialog:
            self.report = None

    def show_view(self, view: ViewState) -> None:
        if self.report is not None:
            self.report.update_view(view)

    def refused(self, message: str) -> bool:
        """An own action did not happen: said in the open report dialog (which keeps what
        was typed), if one is open. Returns whether it was."""
        if self.report is None:
            return False
        self.report.show_refusal(message)
        return True

    def done(self) -> None:
        if self.report is not None:
            self.report.finish()


def open_log_folder() -> None:
    from tray_app.services.logs import log_dir  # noqa: PLC0415

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))


def open_workday_page(portal_url: str) -> None:
    """The portal's own workday page, in the browser (nothing without a portal)."""
    if portal_url:
        QDesktopServices.openUrl(QUrl(portal_url + WORKDAY_PAGE))


def show_about(portal_url: str, *, demo: bool) -> None:
    from tray_app.services.logs import log_dir  # noqa: PLC0415

    where = portal_url or QCoreApplication.translate("TrayApplication", "not signed in")
    if demo:
        where = QCoreApplication.translate("TrayApplication", "the built-in demo portal")
    QMessageBox.about(
        None,
        QCoreApplication.translate("TrayApplication", "About timeman-tray"),
        QCoreApplication.translate(
            "TrayApplication",
            "<b>timeman-tray {version}</b><p>Your Bitrix24 workday in the system tray.</p>"
            "<p>Portal: {portal}<br>Log folder: {logs}</p>",
        ).format(version=__version__, portal=where, logs=log_dir()),
    )
