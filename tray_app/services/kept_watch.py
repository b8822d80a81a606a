"""Noticing, cheaply, that another process (the CLI) kept, sent or discarded a click.

:meth:`tray_app.history.kept_store.KeptStore.version` is a counter every change by any process
moves on; reading it is one row of SQLite. A running tray polls :meth:`KeptWatch.changed` (on
the CLI's ``refresh`` nudge, and on a short timer, since a CLI without a tray to nudge still
changes the file) and reads ``pending()`` again only when it says so.
"""

from __future__ import annotations

from tray_app.history.kept_store import KeptStore


class KeptWatch:
    """Whether the kept clicks of ``store`` changed since the last look (or since made)."""

    def __init__(self, store: KeptStore) -> None:
        self._store = store
        self._seen = store.version()

    def changed(self) -> bool:
        """True once per change (of any number of rows) since the last call."""
        version = self._store.version()
        if version == self._seen:
            return False
        self._seen = version
        return True
