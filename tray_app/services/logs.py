"""Logging for the app and the CLI: a rotating file in the user's log folder, secrets masked.

Every handler carries the redacting filter, so whatever any library logs, a webhook secret
never reaches the file or the terminal.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from tray_app.api.redact import RedactingFilter, install_log_redaction

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """The per-user log folder (``~/.local/state/timeman-tray/log`` on Linux)."""
    return Path(platformdirs.user_log_dir("timeman-tray", appauthor=False))


def setup_logging(*, verbose: bool = False) -> None:
    """Log INFO and up to the file; with ``verbose``, DEBUG to stderr too."""
    install_log_redaction()
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_timeman_tray", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                folder / "timeman-tray.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        )
    except OSError:
        pass  # a read-only home must not stop the app; the terminal still gets errors
    if verbose:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(RedactingFilter())
        handler._timeman_tray = True  # type: ignore[attr-defined]
        root.addHandler(handler)
