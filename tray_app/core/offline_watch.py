"""Telling the person once when the portal has been unreachable a while, and once when it is
back."""

from __future__ import annotations


class OfflineWatch:
    """Says once when the portal has not answered for ``notify_after`` seconds, and once when
    it answers again after that."""

    def __init__(self, notify_after: float) -> None:
        self._notify_after = notify_after
        self._since: float | None = None
        self._told = False

    @property
    def offline(self) -> bool:
        return self._since is not None

    def failed(self, now: float) -> int | None:
        """A failure at ``now``; the minutes offline when it is time to tell, else None."""
        if self._since is None:
            self._since = now
        return self.check(now)

    def check(self, now: float) -> int | None:
        """The minutes offline, once, when they reach ``notify_after``; else None."""
        since = self._since
        if since is None or self._told or now - since < self._notify_after:
            return None
        self._told = True
        return max(1, round((now - since) / 60))

    def answered(self) -> bool:
        """The portal answered: whether the person was told it was offline (say it is back)."""
        told = self._told
        self.forget()
        return told

    def forget(self) -> None:
        """Nothing to tell any more (signed out, a new account)."""
        self._since = None
        self._told = False
