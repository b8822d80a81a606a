"""Start timeman-tray at login: one entry per platform, written and removed by hand. No Qt.

======== ==================================================================================
Linux    ``$XDG_CONFIG_HOME/autostart/timeman-tray.desktop`` (``~/.config`` when unset), a
         desktop entry (XDG Autostart spec); GNOME's "Startup Applications" switch
         ``X-GNOME-Autostart-enabled=false`` and ``Hidden=true`` count as disabled. Other Unix
         systems (the BSDs) use the same file.
Windows  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``, value ``timeman-tray``
         (``REG_SZ``, the command line quoted by Windows' rules). Task Manager's "Disable"
         writes an entry under ``Explorer\\StartupApproved\\Run`` (first byte odd = disabled,
         undocumented): it counts as disabled, and :meth:`Autostart.enable` removes it.
macOS    ``~/Library/LaunchAgents/com.timeman-tray.plist`` with ``RunAtLoad`` and
         ``ProgramArguments`` (launchd reads it at the next login).
======== ==================================================================================

Everything that touches the system is injectable (platform, environment, home folder, the
``winreg`` module), so the tests run every platform's code on any machine. Failures raise
:class:`AutostartError` with one sentence for a person.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Final, Protocol, cast

from tray_app.config.files import write_atomically
from tray_app.core.message import say
from tray_app.services.autostart_entries import (
    LAUNCH_AGENT_LABEL,
    AutostartError,
    desktop_entry,
    entry_disabled,
    exec_line,
    launch_agent,
    windows_command_line,
)

__all__ = [
    "APPROVED_KEY",
    "DESKTOP_FILE",
    "LAUNCH_AGENT_LABEL",
    "RUN_KEY",
    "RUN_VALUE",
    "Autostart",
    "AutostartError",
    "default_command",
    "desktop_entry",
    "disable",
    "enable",
    "exec_line",
    "is_enabled",
    "launch_agent",
    "windows_command_line",
]

APP_NAME: Final = "timeman-tray"
DESKTOP_FILE: Final = "timeman-tray.desktop"
RUN_KEY: Final = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY: Final = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
RUN_VALUE: Final = "timeman-tray"


def default_command(
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str | None = None,
) -> list[str]:
    """What starts the tray: the frozen executable itself, else ``python -m tray_app``.

    A frozen executable reached through a link on ``PATH`` (the .deb's
    ``/usr/bin/timeman-tray`` -> ``/usr/lib/timeman-tray/timeman-tray``) is named by that link:
    it is the package's public name, kept when an upgrade moves the bundle.

    On Windows ``pythonw.exe`` (next to ``python.exe``) is preferred, so no console window
    opens at login.
    """
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    program = executable if executable is not None else sys.executable
    if is_frozen:
        return [_public_path(program)]
    system = platform if platform is not None else sys.platform
    if system == "win32":
        windowless = Path(program).with_name("pythonw.exe")
        if Path(program).name.lower() == "python.exe" and windowless.is_file():
            program = str(windowless)
    return [program, "-m", "tray_app"]


def _public_path(program: str) -> str:
    """The link on ``PATH`` that leads to ``program``, else ``program`` itself."""
    found = shutil.which(Path(program).name)
    if found is not None and found != program and Path(found).resolve() == Path(program).resolve():
        return found
    return program


class WinReg(Protocol):
    """The part of the standard ``winreg`` module used here (tests pass a fake). Key handles
    are opaque: whatever ``CreateKeyEx``/``OpenKey`` enter as."""

    HKEY_CURRENT_USER: int
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def CreateKeyEx(
        self, key: int, sub_key: str, reserved: int = 0, access: int = ...
    ) -> AbstractContextManager[Any]: ...

    def OpenKey(
        self, key: int, sub_key: str, reserved: int = 0, access: int = ...
    ) -> AbstractContextManager[Any]: ...

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]: ...

    def SetValueEx(self, key: Any, name: str, reserved: int, type: int, value: str) -> None: ...

    def DeleteValue(self, key: Any, name: str) -> None: ...


# -- the facade --------------------------------------------------------------------------------


class Autostart:
    """Start-at-login for one platform; every argument defaults to this machine's.

    ``platform``: a ``sys.platform`` value. ``environ``: where ``XDG_CONFIG_HOME`` is read.
    ``home``: the home folder (``~/.config``, ``~/Library``). ``winreg``: the registry module.
    """

    def __init__(
        self,
        *,
        platform: str | None = None,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
        winreg: WinReg | None = None,
    ) -> None:
        self.platform = platform if platform is not None else sys.platform
        self._environ = environ if environ is not None else os.environ
        self._home = home
        self._winreg = winreg

    @property
    def kind(self) -> str:
        """``"xdg"``, ``"windows"`` or ``"macos"``."""
        if self.platform == "win32":
            return "windows"
        if self.platform == "darwin":
            return "macos"
        return "xdg"

    def location(self) -> str:
        """Where the entry lives, for the log and the settings dialog's tooltip."""
        if self.kind == "windows":
            return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"
        return str(self._file())

    def enable(self, command: Sequence[str]) -> None:
        """Start ``command`` at every login (replacing an older entry of ours)."""
        if self.kind == "windows":
            self._set_run_value(windows_command_line(command))
            return
        content = launch_agent(command) if self.kind == "macos" else desktop_entry(command).encode()
        _write_atomically(self._file(), content)

    def disable(self) -> None:
        """Remove the entry; nothing happens if there is none."""
        if self.kind == "windows":
            self._delete_run_value()
            return
        path = self._file()
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise AutostartError(
                say(
                    "autostart.remove_failed",
                    "Could not remove {path} ({reason}); remove it by hand.",
                    path=path,
                    reason=error.strerror or str(error),
                )
            ) from error

    def is_enabled(self) -> bool:
        """Whether our entry exists and is not switched off by the desktop or Task Manager."""
        if self.kind == "windows":
            return self._run_value_enabled()
        path = self._file()
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise AutostartError(
                say(
                    "autostart.read_failed",
                    "Could not read {path} ({reason}).",
                    path=path,
                    reason=error.strerror or str(error),
                )
            ) from error
        if self.kind == "macos":
            return True
        return not entry_disabled(raw.decode("utf-8", errors="replace"))

    # -- files -----------------------------------------------------------------------------

    def _home_dir(self) -> Path:
        return self._home if self._home is not None else Path.home()

    def _file(self) -> Path:
        if self.kind == "macos":
            return self._home_dir() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        configured = self._environ.get("XDG_CONFIG_HOME", "")
        # The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        base = Path(configured) if os.path.isabs(configured) else self._home_dir() / ".config"
        return base / "autostart" / DESKTOP_FILE

    # -- the registry ----------------------------------------------------------------------

    def _registry(self) -> WinReg:
        if self._winreg is None:
            self._winreg = cast("WinReg", importlib.import_module("winreg"))
        return self._winreg

    def _set_run_value(self, command_line: str) -> None:
        reg = self._registry()
        with _registry_errors("write"):
            with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, command_line)
            self._delete_value(APPROVED_KEY)  # undo Task Manager's "Disable"

    def _delete_run_value(self) -> None:
        with _registry_errors("remove"):
            self._delete_value(RUN_KEY)
            self._delete_value(APPROVED_KEY)

    def _delete_value(self, sub_key: str) -> None:
        reg = self._registry()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass

    def _query(self, sub_key: str) -> object | None:
        reg = self._registry()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_READ) as key:
                value: object = reg.QueryValueEx(key, RUN_VALUE)[0]
                return value
        except FileNotFoundError:
            return None

    def _run_value_enabled(self) -> bool:
        with _registry_errors("read"):
            if not self._query(RUN_KEY):
                return False
            approved = self._query(APPROVED_KEY)
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)


_REGISTRY_FAILED: Final = {
    "read": say(
        "autostart.registry_read_failed",
        "Could not read the start-at-login entry in the registry ({reason}).",
    ),
    "write": say(
        "autostart.registry_write_failed",
        "Could not write the start-at-login entry in the registry ({reason}).",
    ),
    "remove": say(
        "autostart.registry_remove_failed",
        "Could not remove the start-at-login entry in the registry ({reason}).",
    ),
}


@contextlib.contextmanager
def _registry_errors(verb: str) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise AutostartError(
            _REGISTRY_FAILED[verb].with_params(reason=error.strerror or str(error))
        ) from error


def _write_atomically(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content, mode=0o644)
    except OSError as error:
        raise AutostartError(
            say(
                "autostart.write_failed",
                "Could not write {path} ({reason}); check the folder's permissions.",
                path=path,
                reason=error.strerror or str(error),
            )
        ) from error


# -- this machine ------------------------------------------------------------------------------


def enable(command: list[str]) -> None:
    """Start ``command`` at login on this machine (see :func:`default_command`)."""
    Autostart().enable(command)


def disable() -> None:
    """Do not start at login on this machine."""
    Autostart().disable()


def is_enabled() -> bool:
    """Whether this machine starts timeman-tray at login."""
    return Autostart().is_enabled()
