"""The portal's errors as the CLI's sentences and exit codes."""

from __future__ import annotations

from tray_app.api import AuthError, ConfigurationError, RefusedError, TimemanError
from tray_app.cli.exits import EXIT_AUTH, EXIT_REFUSED, EXIT_UNAVAILABLE, EXIT_USAGE, CliError


def cli_error(exc: TimemanError) -> CliError:
    """The sentence and exit code of a portal's error (its code named when it refused)."""
    if isinstance(exc, ConfigurationError):
        return CliError(exc.message, EXIT_USAGE)
    if isinstance(exc, AuthError):
        return CliError(exc.message, EXIT_AUTH)
    if isinstance(exc, RefusedError):
        code = exc.code or "no error code"
        return CliError(f"{exc.message} [{code}]", EXIT_REFUSED)
    return CliError(exc.message, EXIT_UNAVAILABLE)
