"""The question asked once when the person comes back: what was the time away?

"You were away from 12:10 to 13:05 (55 min, screen locked)." Three answers:

- **Keep as work**: nothing changes (also what closing the dialog means);
- **Pause now**: a break from now on. The portal has no way to start a break in the past
  (``timeman.pause`` takes no time), and the dialog says so instead of pretending;
- **Close the day at 12:10…**: the owner opens the report dialog pre-filled with that end time
  (the minute they left, in the day's zone, :func:`tray_app.core.away.close_prefill`) and a
  reason; the person checks it and sends it there.

The dialog only decides: it emits ``decided`` with an :class:`AwayDecision` (what to do, and the
pre-fill for a close) and calls nothing. :func:`away_decision` builds the same decision without
the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tray_app.core.away import AwayCause, AwayEpisode, ClosePrefill, close_prefill
from tray_app.core.backdate import RuleViolation
from tray_app.core.workday import Workday
from tray_app.ui.report.texts import span

__all__ = ["AwayChoice", "AwayDecision", "AwayDialog", "away_decision", "cause_words"]

translate = QCoreApplication.translate
"""Always called by this name with the literal context "AwayDialog" (for pyside6-lupdate)."""


class AwayChoice(StrEnum):
    """What to do with the time away."""

    KEEP = "keep"
    PAUSE = "pause"
    CLOSE = "close"


@dataclass(frozen=True)
class AwayDecision:
    """The answer, for the owner to carry out.

    ``close_at`` and ``reason`` are the report dialog's pre-fill, for :attr:`AwayChoice.CLOSE`
    only: the end time (aware, in the day's zone, to the minute) and a reason in the user's
    language; ``clamped`` says the end could not be the moment they left (see
    :class:`~tray_app.core.away.ClosePrefill`).
    """

    choice: AwayChoice
    episode: AwayEpisode
    close_at: datetime | None = None
    reason: str = ""
    clamped: bool = False


def cause_words(cause: AwayCause) -> str:
    """Why we think they were away, to finish "(55 min, …)"."""
    if cause is AwayCause.LOCKED:
        return translate("AwayDialog", "screen locked")
    if cause is AwayCause.ASLEEP:
        return translate("AwayDialog", "computer asleep")
    return translate("AwayDialog", "no input")


def close_reason(prefill: ClosePrefill, left_at: datetime) -> str:
    """The reason offered for closing the day when they left (the person may change it)."""
    values = {"time": f"{left_at:%H:%M}", "cause": cause_words(prefill.reason_key)}
    return translate(
        "AwayDialog", "Away from the computer from {time} ({cause}); the day ends when I left."
    ).format(**values)


def away_decision(choice: AwayChoice, episode: AwayEpisode, day: Workday | None) -> AwayDecision:
    """The decision for ``choice``; for a close, with the report dialog's pre-fill for ``day``.

    A close without a day that has a start cannot be pre-filled: it falls back to keeping.
    """
    if choice is not AwayChoice.CLOSE:
        return AwayDecision(choice, episode)
    prefill = _prefill(episode, day)
    if prefill is None:
        return AwayDecision(AwayChoice.KEEP, episode)
    left_local = episode.left_at.astimezone(prefill.when.tzinfo)
    return AwayDecision(
        AwayChoice.CLOSE,
        episode,
        close_at=prefill.when,
        reason=close_reason(prefill, left_local),
        clamped=prefill.clamped,
    )


def _prefill(episode: AwayEpisode, day: Workday | None) -> ClosePrefill | None:
    if day is None:
        return None
    try:
        return close_prefill(episode, day)
    except RuleViolation:
        return None


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


class AwayDialog(QDialog):
    """Ask once what the time away was.

    Signals: ``decided(object)`` — an :class:`AwayDecision`, emitted exactly once (closing the
    dialog any other way decides :attr:`AwayChoice.KEEP`).

    ``local_zone``: where the times are shown (the system's zone by default); ``day``: the
    running day, for the close pre-fill (no close button without it).
    """

    decided = Signal(object)

    def __init__(
        self,
        episode: AwayEpisode,
        day: Workday | None,
        parent: QWidget | None = None,
        local_zone: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("awayDialog")
        self._episode = episode
        self._day = day
        self._zone = local_zone
        self._decision: AwayDecision | None = None
        self._prefill = _prefill(episode, day)
        self._build()

    @property
    def decision(self) -> AwayDecision | None:
        """The answer once given, else None."""
        return self._decision

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Welcome back"))
        self.setMinimumWidth(460)
        headline = self._label("awayHeadline", self._headline())
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        question = self._label(
            "awayQuestion",
            self.tr("The workday kept running while you were away. What was that time?"),
        )
        note = self._label(
            "awayNote",
            self.tr(
                "The portal cannot start a break in the past: “Pause now” starts the break "
                "now, and the time you were away stays counted as work."
            ),
        )
        note_icon = QLabel(self)
        note_icon.setObjectName("awayNoteIcon")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        note_icon.setPixmap(icon.pixmap(size, size))
        note_icon.setAccessibleName(self.tr("Note"))
        note_row = QHBoxLayout()
        note_row.addWidget(note_icon, 0, Qt.AlignmentFlag.AlignTop)
        note_row.addWidget(note, 1)

        self._keep = self._button("awayKeep", self.tr("&Keep as work"))
        self._keep.setDefault(True)
        self._pause = self._button("awayPause", self.tr("&Pause now"))
        self._close = self._button("awayClose", self._close_text())
        self._keep.clicked.connect(lambda: self._decide(AwayChoice.KEEP))
        self._pause.clicked.connect(lambda: self._decide(AwayChoice.PAUSE))
        self._close.clicked.connect(lambda: self._decide(AwayChoice.CLOSE))
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        for button in (self._keep, self._pause, self._close):
            buttons.addWidget(button)
        self._close.setVisible(self._prefill is not None)

        root = QVBoxLayout(self)
        root.setSpacing(10)
        root.addWidget(headline)
        root.addWidget(question)
        root.addLayout(note_row)
        root.addStretch(1)  # spare height (wrapped labels ask for some) above the buttons
        root.addLayout(buttons)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    # -- texts ----------------------------------------------------------------------------

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._zone)

    def _moment(self, moment: datetime, other: datetime) -> str:
        """``12:10``, or ``Thu 23:30`` when the absence spans days."""
        local = self._local(moment)
        if local.date() == self._local(other).date():
            return f"{local:%H:%M}"
        day = QLocale().dayName(
            QDate(local.year, local.month, local.day).dayOfWeek(), QLocale.FormatType.ShortFormat
        )
        return f"{day} {local:%H:%M}"

    def _headline(self) -> str:
        episode = self._episode
        shown = _minute(episode.returned_at) - _minute(episode.left_at)  # as the times read
        return self.tr("You were away from {left} to {returned} ({duration}, {cause}).").format(
            left=self._moment(episode.left_at, episode.returned_at),
            returned=self._moment(episode.returned_at, episode.left_at),
            duration=span(shown),
            cause=cause_words(episode.cause),
        )

    def _close_text(self) -> str:
        if self._prefill is None:
            return ""
        return self.tr("&Close the day at {time}…").format(
            time=f"{self._local(self._prefill.when):%H:%M}"
        )

    # -- the answer -----------------------------------------------------------------------

    def _decide(self, choice: AwayChoice) -> None:
        if self._decision is not None:
            return
        self._decision = away_decision(choice, self._episode, self._day)
        self.decided.emit(self._decision)
        self.accept()

    def done(self, result: int) -> None:
        """Closed without an answer (Escape, the window's close button): keep as work."""
        if self._decision is None:
            self._decision = away_decision(AwayChoice.KEEP, self._episode, self._day)
            self.decided.emit(self._decision)
        super().done(result)
