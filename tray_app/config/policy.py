"""The administrator's policy as a value: what a company decided, and what the app asks of it.

Where a policy is found and how its document is judged: :mod:`.policy_sources` (each OS's
place), :mod:`.policy_registry` (Windows) and :mod:`.policy_document` (the keys). The settings
in force under it: :mod:`.effective_settings`. docs/deploying.md shows the keys per OS.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, NamedTuple
from urllib.parse import urlsplit

from tray_app.config.setting_checks import (
    MAX_POLL_INTERVAL_S,
    MIN_POLL_INTERVAL_S,
    check_portal_url,
)
from tray_app.config.settings import Settings
from tray_app.core.fleet_start import fleet_start_window

__all__ = [
    "DEFAULT_BUDGET_SHARE",
    "DRAIN_PER_S",
    "LOCKABLE",
    "MAX_FLEET_SIZE",
    "REMINDER_FIELDS",
    "Policy",
    "PolicyLoad",
    "derived_interval_s",
]

MAX_FLEET_SIZE: Final = 1_000_000


DRAIN_PER_S: Final[Mapping[str, float]] = MappingProxyType({"standard": 2.0, "enterprise": 5.0})
"""How fast the portal's leaky bucket drains, per plan (requests per second, per source IP)."""


DEFAULT_BUDGET_SHARE: Final = 0.5


REMINDER_FIELDS: Final = (
    "remind_not_started",
    "remind_lunch",
    "remind_work_done",
    "remind_still_open",
    "remind_forgotten_day",
)


LOCKABLE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "autostart": ("start_at_login",),
        "reminders": REMINDER_FIELDS,
        "proxy": ("proxy",),
        "ca_bundle": ("ca_file",),
        "language": ("language",),
    }
)
"""The policy's names of the settings it may lock, and the :class:`Settings` fields of each."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """What the administrator decided; the defaults mean "no policy".

    Construction checks the invariants (``ValueError``); :func:`load_policy` only ever builds
    valid ones.
    """

    portal_url: str = ""
    """``https://host[:port]`` of the company's portal; "" for any portal."""
    plan: str = "standard"
    """The portal's plan, one of :data:`DRAIN_PER_S`."""
    fleet_size: int | None = None
    """How many trays share the portal's budget (behind one address); None: not said."""
    budget_share: float = DEFAULT_BUDGET_SHARE
    """The share of the bucket's drain the whole fleet may use (0 < share <= 1)."""
    min_interval_s: int | None = None
    """No tray polls more often than this."""
    default_interval_s: int | None = None
    """The interval of a tray whose user kept the built-in default."""
    locked: frozenset[str] = frozenset()
    """Names from :data:`LOCKABLE` whose values the policy gives."""
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """The :class:`Settings` field values of the locked settings (every locked field)."""
    source: str = ""
    """Where the policy was read ("" for none): a file, or the registry key."""

    def __post_init__(self) -> None:
        if self.portal_url and check_portal_url(self.portal_url) != self.portal_url:
            raise ValueError("portal_url is not normalised")
        if self.plan not in DRAIN_PER_S:
            raise ValueError("plan is unknown")
        if self.fleet_size is not None and not 1 <= self.fleet_size <= MAX_FLEET_SIZE:
            raise ValueError("fleet_size is out of range")
        if not 0.0 < self.budget_share <= 1.0:
            raise ValueError("budget_share is out of range")
        for interval in (self.min_interval_s, self.default_interval_s):
            if interval is not None and not MIN_POLL_INTERVAL_S <= interval <= MAX_POLL_INTERVAL_S:
                raise ValueError("an interval is out of range")
        if not self.locked <= LOCKABLE.keys():
            raise ValueError("locked holds an unknown name")
        fields_ = {name for key in self.locked for name in LOCKABLE[key]}
        if set(self.values) != fields_:
            raise ValueError("values must hold exactly the locked fields")
        Settings(**self.values)  # each value passes its setting's check
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    # -- what the app asks ---------------------------------------------------------------

    @property
    def locked_fields(self) -> frozenset[str]:
        """The :class:`Settings` fields the user cannot change."""
        return frozenset(self.values)

    def is_locked(self, field_name: str) -> bool:
        """Whether the :class:`Settings` field ``field_name`` is set by the administrator."""
        return field_name in self.values

    @property
    def fleet_interval_s(self) -> int | None:
        """The interval that keeps the fleet within its share (None without a fleet size)."""
        if self.fleet_size is None:
            return None
        return derived_interval_s(self.fleet_size, self.plan, self.budget_share)

    @property
    def start_window_s(self) -> float:
        """Seconds over which the fleet's trays spread their first reads (0: read at once)."""
        return fleet_start_window(self.fleet_size, DRAIN_PER_S[self.plan])

    @property
    def floor_s(self) -> int:
        """The shortest interval any tray may poll at."""
        return max(MIN_POLL_INTERVAL_S, self.min_interval_s or 0, self.fleet_interval_s or 0)

    def interval_s(self, user_interval_s: int) -> int:
        """The interval to poll at: the user's (or the policy's default while the user kept
        the built-in one), never below :attr:`floor_s`."""
        chosen = user_interval_s
        if self.default_interval_s is not None and user_interval_s == _BUILT_IN_INTERVAL_S:
            chosen = self.default_interval_s
        return max(chosen, self.floor_s)

    @property
    def portal_host(self) -> str:
        """The portal's host name ("" for any portal)."""
        return (urlsplit(self.portal_url).hostname or "") if self.portal_url else ""

    def allows_portal(self, base_url: str) -> bool:
        """Whether a webhook at ``base_url`` (``https://host[:port]``) may be used."""
        if not self.portal_url:
            return True
        return _same_portal(base_url, self.portal_url)

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the locked values put in (the effective settings)."""
        if not self.values:
            return settings
        return dataclasses.replace(settings, **self.values)

    def keep_unlocked(self, new: Settings, stored: Settings) -> Settings:
        """What to write to the user's file: ``new``, but each locked field as ``stored``
        holds it, so the policy's values never land in the user's file."""
        if not self.values:
            return new
        return dataclasses.replace(new, **{name: getattr(stored, name) for name in self.values})


_BUILT_IN_INTERVAL_S: Final[int] = Settings().poll_interval_s


class PolicyLoad(NamedTuple):
    """The policy in force and what was wrong with it (one sentence each; empty if nothing)."""

    policy: Policy
    problems: tuple[str, ...]


def derived_interval_s(fleet_size: int, plan: str = "standard", share: float = 0.5) -> int:
    """Seconds between polls so that ``fleet_size`` trays use at most ``share`` of the
    plan's drain: ``fleet_size / (drain · share)``, rounded up, never below the app's minimum.
    """
    drain = DRAIN_PER_S[plan]
    seconds = math.ceil(fleet_size / (drain * share) - 1e-9)
    return max(MIN_POLL_INTERVAL_S, seconds)


def _same_portal(base_url: str, portal_url: str) -> bool:
    try:
        given, wanted = urlsplit(base_url), urlsplit(portal_url)
        given_port, wanted_port = given.port, wanted.port
    except ValueError:
        return False
    given_host = (given.hostname or "").removesuffix(".").lower()
    wanted_host = (wanted.hostname or "").removesuffix(".").lower()
    default = {"https": 443, "http": 80}
    return (
        given_host == wanted_host
        and given.scheme.lower() == wanted.scheme.lower()
        and (given_port or default.get(given.scheme.lower()))
        == (wanted_port or default.get(wanted.scheme.lower()))
    )
