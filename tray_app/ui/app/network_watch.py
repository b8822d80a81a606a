"""Reading at once when the network comes back, instead of waiting out the back-off."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tray_app.ui.state.controller import DayController

log = logging.getLogger(__name__)


def watch_network(controller: DayController) -> None:
    """Tell ``controller`` when the network is online again (from the first failed read on:
    until then the polls are on time anyway; the backend costs ~3 MiB and a thread)."""
    from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

    if not QNetworkInformation.loadDefaultBackend():
        log.info("no network-information backend; relying on polls")
        return
    information = QNetworkInformation.instance()
    online = QNetworkInformation.Reachability.Online

    def changed(reachability: QNetworkInformation.Reachability) -> None:
        if reachability == online:
            controller.on_network_up()

    information.reachabilityChanged.connect(changed)
