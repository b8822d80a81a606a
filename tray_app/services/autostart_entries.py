"""What starts timeman-tray at login on each platform, as text: the XDG desktop entry (with its
``Exec`` line quoted by the Desktop Entry spec), the macOS LaunchAgent, the Windows command
line; and :class:`AutostartError`, the one error of :mod:`tray_app.services.autostart`."""

from __future__ import annotations

import plistlib
import subprocess
from collections.abc import Sequence
from typing import Any, ClassVar, Final

from tray_app.core.message import Message, say

LAUNCH_AGENT_LABEL: Final = "com.timeman-tray"

# Characters that force quoting of an Exec argument (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED: Final = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_EXEC_ESCAPED_IN_QUOTES: Final = frozenset('"`$\\')


class AutostartError(Exception):
    """The start-at-login entry could not be read, written or removed; ``str()`` says why
    (``said``: the same sentence with its id)."""

    general: ClassVar[Message] = say("autostart.general", "Start at login could not be changed.")

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None


# -- Linux / XDG -------------------------------------------------------------------------------


def _exec_argument(argument: str) -> str:
    """One argument of an ``Exec`` line: quoted by the Exec rules, then escaped as a string."""
    if any(ord(char) < 0x20 and char != "\t" for char in argument) or "\x7f" in argument:
        raise AutostartError(
            say(
                "autostart.control_character",
                "The program's path contains a control character; it cannot start at login.",
            )
        )
    if argument and not any(char in _EXEC_RESERVED for char in argument):
        quoted = argument
    else:
        inner = "".join(f"\\{c}" if c in _EXEC_ESCAPED_IN_QUOTES else c for c in argument)
        quoted = f'"{inner}"'
    # "%" starts a field code; the string-level escapes (undone by the reader before the Exec
    # quoting rules apply) double every backslash and write a tab as \t.
    return quoted.replace("%", "%%").replace("\\", "\\\\").replace("\t", "\\t")


def exec_line(command: Sequence[str]) -> str:
    """The ``Exec`` value that runs ``command`` exactly (spaces, quotes, ``$``, ``%`` too)."""
    if not command:
        raise AutostartError(say("autostart.no_program", "No program to start at login."))
    return " ".join(_exec_argument(argument) for argument in command)


def desktop_entry(command: Sequence[str]) -> str:
    """The autostart desktop entry for ``command``."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=timeman-tray",
        "GenericName=Workday tracker",
        "Comment=Bitrix24 workday in the system tray",
        f"Exec={exec_line(command)}",
        "Icon=timeman-tray",
        "Terminal=false",
        "StartupNotify=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def entry_disabled(text: str) -> bool:
    """``Hidden=true`` or ``X-GNOME-Autostart-enabled=false`` in the [Desktop Entry] group."""
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            group = line
            continue
        if group != "[Desktop Entry]" or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if (key, value.lower()) in (("Hidden", "true"), ("X-GNOME-Autostart-enabled", "false")):
            return True
    return False


# -- macOS -------------------------------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    """The LaunchAgent property list (XML) that runs ``command`` at login."""
    if not command:
        raise AutostartError(say("autostart.no_program", "No program to start at login."))
    document: dict[str, Any] = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(document, fmt=plistlib.FMT_XML, sort_keys=True)


# -- Windows -----------------------------------------------------------------------------------


def windows_command_line(command: Sequence[str]) -> str:
    """``command`` as one Windows command line (the quoting the C runtime undoes)."""
    if not command:
        raise AutostartError(say("autostart.no_program", "No program to start at login."))
    return subprocess.list2cmdline(list(command))
