"""The running app's kept clicks (issue 12): their store beside the history journal (--demo's
in a folder of its own that goes at quit), the automatic reason in the person's wording or
language, the panel's choices, and a click the CLI kept shown at once (the CLI's ``refresh``
nudge, and a look at the store every few seconds for a CLI that could not reach the tray)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from tempfile import TemporaryDirectory

    from tray_app.config.settings import Settings
    from tray_app.ui.shared.kept_note import KeptNote
    from tray_app.ui.state.controller import DayController
    from tray_app.ui.state.kept_flow import KeptFlow
    from tray_app.ui.state.kept_rounds import KeptRounds

LOOK_EVERY_MS = 5000
"""How often the store's version is read (one SQLite row) for a click another process kept."""


class KeptWiring:
    """``journal_path``: the journal's file (the kept clicks live beside it; None: the user's
    place); ``account()``: whose clicks; ``settings()``: for the reason's wording."""

    def __init__(
        self,
        journal_path: Path | None,
        *,
        demo: bool,
        account: Callable[[], str],
        settings: Callable[[], Settings | None],
    ) -> None:
        self._journal_path = journal_path
        self._demo = demo
        self._account = account
        self._settings = settings
        self._demo_folder: TemporaryDirectory[str] | None = None
        self._controller: DayController | None = None

    def flow(self) -> KeptFlow:
        """The kept clicks of the account signed in (its store opened on first use)."""
        from tray_app.history.kept_store import KeptStore, kept_path  # noqa: PLC0415
        from tray_app.ui.state.kept_flow import KeptFlow  # noqa: PLC0415

        if self._demo:
            from tempfile import TemporaryDirectory  # noqa: PLC0415

            self._demo_folder = TemporaryDirectory(prefix="timeman-tray-demo-kept-")
            path = Path(self._demo_folder.name) / "kept.sqlite3"
        elif self._journal_path is not None:
            path = self._journal_path.with_name("kept.sqlite3")
        else:
            path = kept_path()
        return KeptFlow(
            lambda: KeptStore.open(path, account=self._account()), reason_template=self._reason
        )

    def _reason(self) -> str:
        """The automatic reason's wording: the person's, else the default in their language."""
        from tray_app.ui.text.kept_texts import default_reason_template  # noqa: PLC0415

        settings = self._settings()
        return (settings.kept_reason if settings is not None else "") or default_reason_template()

    def watch(self, controller: DayController, parent: QObject) -> None:
        """Look for clicks the CLI kept every few seconds."""
        self._controller = controller
        timer = QTimer(parent)
        timer.setInterval(LOOK_EVERY_MS)
        timer.timeout.connect(self.look)
        timer.start()

    def _rounds(self) -> KeptRounds | None:
        return self._controller.kept if self._controller is not None else None

    def look(self, *, account_changed: bool = False) -> None:
        """The CLI nudged the tray, the timer came, or another account is signed in."""
        if (kept := self._rounds()) is not None:
            kept.look_elsewhere(account_changed=account_changed)

    def send_now(self, click_id: str) -> None:
        if (kept := self._rounds()) is not None:
            kept.send_now(click_id)

    def discard(self, click_id: str) -> None:
        if (kept := self._rounds()) is not None:
            kept.discard(click_id)

    @staticmethod
    def report_mode(note: KeptNote) -> str:
        """The report dialog that gives the day the kept click's time instead."""
        from tray_app.core.kept_clicks import KeptAction  # noqa: PLC0415

        return "start" if note.click.action is KeptAction.OPEN else "close"

    def close(self) -> None:
        if self._demo_folder is not None:
            self._demo_folder.cleanup()
