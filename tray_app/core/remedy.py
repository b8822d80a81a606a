"""What can be done about a failure: the one answer to "will waiting help?".

Every error a lower layer raises states its remedy where it is raised (``error.remedy``), so the
tray's polling, the client's retry loop, the CLI's exit code and the settings dialog all read the
same decision instead of each guessing from the error's class:

- :attr:`Remedy.WAIT`: the network is down, the portal answers 5xx or is rate limiting; the same
  request later may well succeed.
- :attr:`Remedy.USER_ACTS`: only the person (or their admin) can fix it: a bad or revoked webhook,
  a missing scope, an untrusted certificate, a moved or deleted portal, a bad setting, a locked
  keyring, a refusal of the portal. Trying again unchanged gets the same answer.
- :attr:`Remedy.BUG`: an answer nobody expected, or an error of ours; logged with its traceback.
"""

from __future__ import annotations

from enum import StrEnum


class Remedy(StrEnum):
    """What helps against a failure."""

    WAIT = "wait"
    USER_ACTS = "user_acts"
    BUG = "bug"


def remedy_of(error: BaseException) -> Remedy:
    """The remedy an error carries; an error that carries none is a bug."""
    remedy = getattr(error, "remedy", None)
    return remedy if isinstance(remedy, Remedy) else Remedy.BUG
