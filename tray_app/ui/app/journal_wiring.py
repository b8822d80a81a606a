"""The history journal of the running app: every answer and action of the controller written
into it (after it is shown); --demo's lives in a folder that goes at quit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from tempfile import TemporaryDirectory

    from tray_app.config.settings import Settings
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.journal_keeper import JournalKeeper


def journal_account(settings: Settings | None, *, demo: bool) -> str:
    """Whose days the journal records: the portal and the user, or the demo."""
    if demo:
        return "demo"
    if settings is None or not settings.portal_url:
        return ""
    return f"{settings.portal_url}/{settings.user_id}"


class JournalWiring:
    """Opens the journal for a controller and closes it at quit. ``path``: the journal's
    file (None: the user's; --demo: a folder of its own)."""

    def __init__(self, path: Path | None, *, demo: bool) -> None:
        self._path = path
        self._demo = demo
        self._demo_folder: TemporaryDirectory[str] | None = None
        self.keeper: JournalKeeper | None = None

    def start(
        self,
        controller: DayController,
        account: str,
        parent: QObject,
        problem: Callable[[str], None],
    ) -> JournalKeeper:
        """Write what ``controller`` answers and settles; ``problem(message)``: it cannot."""
        from tray_app.ui.state.journal_keeper import JournalKeeper  # noqa: PLC0415  (small; no sqlite)

        path = self._path
        if path is None and self._demo:
            # --demo keeps nothing: its history lives as long as its portal.
            from tempfile import TemporaryDirectory  # noqa: PLC0415

            self._demo_folder = TemporaryDirectory(prefix="timeman-tray-demo-")
            path = Path(self._demo_folder.name) / "journal.sqlite3"
        keeper = JournalKeeper(path, account=account, parent=parent)
        controller.dayAnswered.connect(keeper.record_status)
        controller.actionSettled.connect(keeper.record_action)
        keeper.problem.connect(problem)
        self.keeper = keeper
        return keeper

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.close()
        if self._demo_folder is not None:
            self._demo_folder.cleanup()
