"""The settings in force: the user's file under the administrator's policy, and the save that
never writes a locked value into the user's file."""

from __future__ import annotations

from pathlib import Path

from tray_app.config.policy import Policy
from tray_app.config.policy_sources import load_policy
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings_or_defaults, save_settings

__all__ = ["effective_settings", "load_effective_settings", "save_user_settings"]


def effective_settings(settings: Settings, policy: Policy) -> Settings:
    """The user's settings with the policy's locked values over them."""
    return policy.apply(settings)


def load_effective_settings(
    path: Path | None = None, policy: Policy | None = None
) -> tuple[Settings, Policy]:
    """The settings in force (the user's file, or the defaults if it is unusable, under the
    policy) and the policy."""
    if policy is None:
        policy = load_policy().policy
    settings, _error = load_settings_or_defaults(path)
    return policy.apply(settings), policy


def save_user_settings(
    settings: Settings, policy: Policy | None = None, path: Path | None = None
) -> Settings:
    """Save ``settings`` to the user's file, except the locked fields: those keep what the
    file held (the policy's values are never written into it). Returns what was written.

    Raises :class:`~tray_app.config.errors.SettingsFileError` as
    :func:`~tray_app.config.settings.save_settings` does.
    """
    if policy is None:
        policy = load_policy().policy
    if policy.values:
        stored, _error = load_settings_or_defaults(path)
        settings = policy.keep_unlocked(settings, stored)
    save_settings(settings, path)
    return settings
