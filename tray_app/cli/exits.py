"""The CLI's exit codes and its one failure type, shared by its command modules.

0 done; 1 the portal refused, the action does not apply, or kept clicks wait for the person;
2 bad usage or input rejected before anything was sent; 3 not signed in, credentials rejected,
or no usable keyring; 4 portal unreachable or unavailable after retries (a click kept with
``--keep`` is exit 0).
"""

from __future__ import annotations

from typing import TextIO

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_UNAVAILABLE = 4


class CliError(Exception):
    """A failure to report as one sentence with an exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def say(stream: TextIO, message: str) -> None:
    """One sentence on ``stream`` (stderr), prefixed with the program's name."""
    stream.write(f"timeman-tray: {message}\n")
    stream.flush()
