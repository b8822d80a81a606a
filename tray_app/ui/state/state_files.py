"""Small JSON files the tray keeps between runs in the per-user state folder.

``$XDG_STATE_HOME/timeman-tray`` on Linux: what is kept there is not a setting (nobody edits it,
and the settings file should not change every time a reminder fires or the portal slows the
polls). A file that cannot be read or written costs little (a reminder shown once more, an
interval learnt again): the failure is logged, never raised.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import platformdirs

from tray_app.config.files import write_atomically

log = logging.getLogger(__name__)


def state_file(name: str) -> Path:
    """``name`` in the per-user state folder (not created here)."""
    return Path(platformdirs.user_state_dir("timeman-tray", appauthor=False)) / name


def read_state(path: Path, what: str) -> object | None:
    """The JSON value kept in ``path``; None when there is none or it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("the %s %s cannot be read (%s); starting afresh", what, path, error)
        return None


def write_state(path: Path, value: object, what: str) -> bool:
    """Keep ``value`` as JSON in ``path``; False (and logged) when it cannot be written."""
    text = json.dumps(value, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"), mode=0o600)
    except OSError as error:
        log.warning("the %s %s cannot be written: %s", what, path, error)
        return False
    return True
