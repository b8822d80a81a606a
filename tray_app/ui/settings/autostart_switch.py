"""Start at login as the settings see it: the system's entry, switched on *Save*, and the
administrator's locked value put into effect when the tray starts. No Qt.

The entry itself (one per platform) is :mod:`tray_app.services.autostart`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from tray_app.config.policy import Policy
from tray_app.services.autostart import Autostart, AutostartError, default_command

__all__ = ["AutostartSwitch", "apply_policy_autostart"]

log = logging.getLogger(__name__)


class AutostartSwitch:
    """The start-at-login entry and whether it was on when last read or switched.

    ``autostart`` and ``command`` default to this machine's entry and what starts the tray.
    """

    def __init__(
        self, autostart: Autostart | None = None, command: Sequence[str] | None = None
    ) -> None:
        self.autostart = autostart if autostart is not None else Autostart()
        self.command = list(command or default_command())
        self.was_on = self.is_on()

    def is_on(self) -> bool:
        """The system's state now (off, logged, when it cannot be read)."""
        try:
            return self.autostart.is_enabled()
        except AutostartError as error:
            log.warning("start at login: %s", error)
            return False

    def shown(self, policy: Policy, current: bool) -> bool:
        """What the switch shows: the administrator's value when the policy sets it (it is
        ``current`` then), else the system's state."""
        return current if policy.is_locked("start_at_login") else self.was_on

    def switch(self, wanted: bool) -> None:
        """Switch the entry on (also refreshing an outdated command) or off.

        Raises :class:`AutostartError` (logged) when the entry cannot be written or removed.
        """
        try:
            if wanted:
                self.autostart.enable(self.command)
            elif self.was_on:
                self.autostart.disable()
        except AutostartError as error:
            log.warning("start at login: %s", error)
            raise
        if wanted != self.was_on:
            state = "on" if wanted else "off"
            log.info("start at login %s (%s)", state, self.autostart.location())
        self.was_on = wanted


def apply_policy_autostart(
    policy: Policy, autostart: Autostart | None = None, command: Sequence[str] | None = None
) -> bool | None:
    """Make the start-at-login entry match a locked ``autostart`` at once (the tray calls it
    at start-up), not only on the next *Save*. The state put in force, or None when the
    policy does not lock it or the entry cannot be switched (logged)."""
    if not policy.is_locked("start_at_login"):
        return None
    wanted = bool(policy.values["start_at_login"])
    switch = AutostartSwitch(autostart, command)
    try:
        switch.switch(wanted)
    except AutostartError:
        return None
    return wanted
