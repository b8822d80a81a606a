"""What the tray shows about kept clicks (issue 12): the first one, how many, and where it is.

Pure, like :mod:`tray_app.ui.shared.viewstate`: the controller builds it from the kept queue and
the last sending round; the tooltip, the icon's badge and the panel render it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tray_app.core.kept_clicks import KeptClick
from tray_app.core.kept_rules import Ask, AskWhy, Conflict, ConflictWhy


class KeptStage(StrEnum):
    """Where the first kept click is."""

    WAITING = "waiting"
    """Will be sent when the portal answers."""
    SENDING = "sending"
    """A round (the status read, then the write) is on its way."""
    ASK = "ask"
    """The person decides (the portal cannot take it as it was clicked)."""
    CONFLICT = "conflict"
    """Not sent: the day changed elsewhere, or the portal refused it."""


@dataclass(frozen=True)
class KeptNote:
    """The head of the kept queue, the number kept, and what stops it (``stop``: the round's
    ``Ask`` or ``Conflict`` for this very click)."""

    click: KeptClick
    count: int
    stage: KeptStage
    stop: Ask | Conflict | None = None

    @property
    def offers_now(self) -> bool:
        """A button sends it as the portal allows now ("Pause now", "Resume now", ...), or
        tries a refused one again."""
        if isinstance(self.stop, Ask):
            return self.stop.now_send is not None
        if isinstance(self.stop, Conflict):
            return self.stop.why in (ConflictWhy.REFUSED, ConflictWhy.NO_EFFECT)
        return self.stage is KeptStage.WAITING

    @property
    def offers_new_time(self) -> bool:
        """The report dialog may give the day the time instead (a change elsewhere, a clock
        that jumped, a close the portal takes no more at that time)."""
        if isinstance(self.stop, Conflict):
            return self.stop.why is ConflictWhy.CHANGED_ELSEWHERE
        if isinstance(self.stop, Ask):
            return self.stop.why in (
                AskWhy.CLOCK_JUMPED,
                AskWhy.CLOSE_AFTER_START_DATE,
                AskWhy.CLOSE_BEFORE_BREAK,
                AskWhy.START_DATE_OVER,
            )
        return False
