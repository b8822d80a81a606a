"""Start at login on every platform, each run here with injected paths and a fake registry.

The Linux entry is checked with ``desktop-file-validate`` (Debian ``desktop-file-utils``) and
parsed back by the Desktop Entry spec's rules, so paths with spaces, quotes, ``$`` or ``%``
start exactly the program they name.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from tray_app.services import autostart
from tray_app.services.autostart import (
    APPROVED_KEY,
    RUN_KEY,
    RUN_VALUE,
    Autostart,
    AutostartError,
    default_command,
    desktop_entry,
    exec_line,
)

COMMAND = ["/opt/timeman tray/bin/python3", "-m", "tray_app"]
TRICKY = [
    ["/home/anna/My Apps/timeman-tray"],
    ["/opt/it's/timeman-tray", "--name", 'say "hi"'],
    ["/opt/$HOME/`x`/tm", "100%", "50%%", "a 100% b"],
    ["C:\\odd\\path", "back\\slash\\\\", ""],
    ["/opt/тайм/трей", "a;b|c&d", "~user", "#x", "(y)", "*?<>", "tab\there"],
]
VALIDATOR = shutil.which("desktop-file-validate")


# -- the Desktop Entry spec's Exec rules, read back ------------------------------------------


def unescape_string(value: str) -> str:
    """The string-level escapes of a desktop entry value (\\s \\n \\t \\r \\\\)."""
    out, chars = [], iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars)
        out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(following, "\\"))
        if following not in "sntr\\":
            out.append(following)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """Split an Exec value into arguments like a launcher does (string escapes first)."""
    text = unescape_string(value)
    args: list[str] = []
    current: list[str] | None = None
    index = 0
    while index < len(text):
        char = text[index]
        if char == " ":
            if current is not None:
                args.append("".join(current))
                current = None
        elif char == '"':
            current = current if current is not None else []
            index += 1
            while text[index] != '"':
                if text[index] == "\\":
                    index += 1
                    assert text[index] in '"`$\\', f"bad escape in {value!r}"
                elif text[index] == "%":  # launchers expand %-codes before splitting
                    index += 1
                    assert text[index] == "%", f"a field code in {value!r}"
                current.append(text[index])
                index += 1
        elif char == "%":
            assert text[index + 1] == "%", f"a field code in {value!r}"
            current = (current or []) + ["%"]
            index += 1
        else:
            assert char not in "\"'\\><~|&;$*?#()`\t\n", f"unquoted {char!r} in {value!r}"
            current = (current or []) + [char]
        index += 1
    if current is not None:
        args.append("".join(current))
    return args


def entry_values(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


# -- default command -------------------------------------------------------------------------


def test_the_frozen_app_starts_itself() -> None:
    assert default_command(frozen=True, executable="/opt/tm/timeman-tray") == [
        "/opt/tm/timeman-tray"
    ]


def test_the_frozen_app_is_named_by_its_link_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, bin_dir = tmp_path / "lib" / "timeman-tray", tmp_path / "bin"
    bundle.mkdir(parents=True)
    bin_dir.mkdir()
    program = bundle / "timeman-tray"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert default_command(frozen=True, executable=str(program)) == [str(program)]
    (bin_dir / "timeman-tray").symlink_to(program)
    assert default_command(frozen=True, executable=str(program)) == [str(bin_dir / "timeman-tray")]


def test_a_same_named_program_elsewhere_on_the_path_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program, other = tmp_path / "a" / "timeman-tray", tmp_path / "b" / "timeman-tray"
    for path in (program, other):
        path.parent.mkdir()
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    monkeypatch.setenv("PATH", str(other.parent))
    assert default_command(frozen=True, executable=str(program)) == [str(program)]
    monkeypatch.setenv("PATH", str(program.parent))
    assert default_command(frozen=True, executable=str(program)) == [str(program)]


def test_from_source_python_runs_the_package() -> None:
    assert default_command(frozen=False, executable="/usr/bin/python3", platform="linux") == [
        "/usr/bin/python3",
        "-m",
        "tray_app",
    ]
    assert default_command() == [sys.executable, "-m", "tray_app"]


def test_on_windows_pythonw_is_preferred_when_it_is_there(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    python.touch()
    windowed = default_command(frozen=False, executable=str(python), platform="win32")
    assert windowed == [str(python), "-m", "tray_app"]
    (tmp_path / "pythonw.exe").touch()
    windowless = default_command(frozen=False, executable=str(python), platform="win32")
    assert windowless == [str(tmp_path / "pythonw.exe"), "-m", "tray_app"]


# -- Linux -----------------------------------------------------------------------------------


@pytest.fixture
def xdg(tmp_path: Path) -> Autostart:
    return Autostart(
        platform="linux", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, home=tmp_path
    )


def test_linux_writes_a_desktop_entry_in_the_autostart_folder(
    xdg: Autostart, tmp_path: Path
) -> None:
    path = tmp_path / "cfg" / "autostart" / "timeman-tray.desktop"
    assert xdg.location() == str(path)
    assert not xdg.is_enabled()
    xdg.enable(COMMAND)
    values = entry_values(path.read_text(encoding="utf-8"))
    assert values == {
        "Type": "Application",
        "Name": "timeman-tray",
        "GenericName": "Workday tracker",
        "Comment": "Bitrix24 workday in the system tray",
        "Exec": '"/opt/timeman tray/bin/python3" -m tray_app',
        "Icon": "timeman-tray",
        "Terminal": "false",
        "StartupNotify": "false",
        "X-GNOME-Autostart-enabled": "true",
    }
    assert xdg.is_enabled()
    xdg.disable()
    assert not path.exists()
    assert not xdg.is_enabled()
    xdg.disable()  # nothing there: nothing happens


def test_enable_replaces_an_older_entry(xdg: Autostart, tmp_path: Path) -> None:
    xdg.enable(["/old/place/timeman-tray"])
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / "timeman-tray.desktop"
    assert split_exec(entry_values(path.read_text())["Exec"]) == COMMAND
    assert [p.name for p in path.parent.iterdir()] == ["timeman-tray.desktop"]  # no temp left


@pytest.mark.parametrize("configured", [None, "", "relative/config"])
def test_without_a_usable_xdg_config_home_it_is_home_config(
    tmp_path: Path, configured: str | None
) -> None:
    environ = {} if configured is None else {"XDG_CONFIG_HOME": configured}
    target = Autostart(platform="linux", environ=environ, home=tmp_path)
    target.enable(COMMAND)
    assert (tmp_path / ".config" / "autostart" / "timeman-tray.desktop").is_file()


@pytest.mark.parametrize("command", TRICKY, ids=lambda c: repr(c[0]))
def test_exec_quoting_gives_back_the_exact_command(command: list[str]) -> None:
    assert split_exec(exec_line(command)) == command


def test_a_path_with_spaces_is_quoted() -> None:
    assert exec_line(["/home/anna/My Apps/tm", "-m", "x"]) == '"/home/anna/My Apps/tm" -m x'
    assert exec_line(["/opt/it's", "$x"]) == '"/opt/it\'s" "\\\\$x"'


@pytest.mark.parametrize("bad", [["/opt/a\nb"], ["/opt/tm", "x\x00"], []])
def test_an_impossible_command_is_refused(bad: list[str]) -> None:
    with pytest.raises(AutostartError):
        desktop_entry(bad)


@pytest.mark.skipif(VALIDATOR is None, reason="desktop-file-validate not installed")
@pytest.mark.parametrize("command", [COMMAND, *TRICKY], ids=lambda c: repr(c[0]))
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "timeman-tray.desktop"
    path.write_text(desktop_entry(command), encoding="utf-8")
    assert VALIDATOR is not None
    result = subprocess.run(
        [VALIDATOR, str(path)], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


@pytest.mark.parametrize(
    "line", ["X-GNOME-Autostart-enabled=false", "Hidden=true", "X-GNOME-Autostart-enabled = False"]
)
def test_an_entry_switched_off_by_the_desktop_counts_as_disabled(
    xdg: Autostart, tmp_path: Path, line: str
) -> None:
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / "timeman-tray.desktop"
    path.write_text(path.read_text().replace("X-GNOME-Autostart-enabled=true", line))
    assert not xdg.is_enabled()
    xdg.enable(COMMAND)
    assert xdg.is_enabled()


def test_a_switch_in_another_group_does_not_count(xdg: Autostart, tmp_path: Path) -> None:
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / "timeman-tray.desktop"
    path.write_text(path.read_text() + "\n[Desktop Action x]\nHidden=true\n")
    assert xdg.is_enabled()


def test_file_errors_become_autostart_errors(tmp_path: Path) -> None:
    blocked = Autostart(
        platform="linux", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, home=tmp_path
    )
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "autostart").write_text("a file where the folder belongs")
    with pytest.raises(AutostartError, match=r"Could not write .*timeman-tray\.desktop"):
        blocked.enable(COMMAND)
    (tmp_path / "cfg" / "autostart").unlink()
    (tmp_path / "cfg" / "autostart" / "timeman-tray.desktop").mkdir(parents=True)
    with pytest.raises(AutostartError, match="Could not read"):
        blocked.is_enabled()
    with pytest.raises(AutostartError, match="Could not remove"):
        blocked.disable()


def test_this_machine_round_trip() -> None:
    """The module functions act on this machine (HOME and XDG are a test's own folders)."""
    assert not autostart.is_enabled()
    autostart.enable(COMMAND)
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()


def test_other_unix_systems_use_the_xdg_entry(tmp_path: Path) -> None:
    bsd = Autostart(platform="freebsd14", environ={}, home=tmp_path)
    assert bsd.kind == "xdg"
    bsd.enable(COMMAND)
    assert bsd.is_enabled()


# -- macOS -----------------------------------------------------------------------------------


def test_macos_writes_a_launch_agent(tmp_path: Path) -> None:
    mac = Autostart(platform="darwin", home=tmp_path)
    path = tmp_path / "Library" / "LaunchAgents" / "com.timeman-tray.plist"
    assert mac.location() == str(path)
    assert not mac.is_enabled()
    mac.enable(["/Applications/Time Man.app/Contents/MacOS/timeman-tray", "--x"])
    with path.open("rb") as stream:
        document = plistlib.load(stream)
    assert document == {
        "Label": "com.timeman-tray",
        "ProgramArguments": ["/Applications/Time Man.app/Contents/MacOS/timeman-tray", "--x"],
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
    }
    assert path.read_bytes().startswith(b"<?xml")
    assert mac.is_enabled()
    mac.disable()
    assert not path.exists()
    assert not mac.is_enabled()
    with pytest.raises(AutostartError):
        mac.enable([])


# -- Windows ---------------------------------------------------------------------------------


class FakeKey:
    def __init__(self, registry: FakeWinReg, path: str, access: int) -> None:
        self.registry = registry
        self.path = path
        self.access = access

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.registry.closed += 1


class FakeWinReg:
    """The bits of ``winreg`` used: keys under HKCU with named values."""

    HKEY_CURRENT_USER = 0x80000001
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.closed = 0
        self.fail_writes: OSError | None = None

    def CreateKeyEx(
        self, key: int, sub_key: str, reserved: int = 0, access: int = KEY_READ
    ) -> FakeKey:
        assert key == self.HKEY_CURRENT_USER
        self.keys.setdefault(sub_key, {})
        return FakeKey(self, sub_key, access)

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> FakeKey:
        assert key == self.HKEY_CURRENT_USER
        if sub_key not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self, sub_key, access)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        try:
            return self.keys[key.path][name]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, type: int, value: str) -> None:
        assert key.access & self.KEY_SET_VALUE
        if self.fail_writes is not None:
            raise self.fail_writes
        self.keys[key.path][name] = (value, type)

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        assert key.access & self.KEY_SET_VALUE
        if self.fail_writes is not None:
            raise self.fail_writes
        if name not in self.keys[key.path]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key.path][name]


@pytest.fixture
def registry() -> FakeWinReg:
    return FakeWinReg()


@pytest.fixture
def windows(registry: FakeWinReg) -> Autostart:
    return Autostart(platform="win32", winreg=registry)


WINDOWS_COMMAND = ["C:\\Program Files\\timeman-tray\\timeman-tray.exe", "--from", "login"]


def test_windows_writes_the_run_value(windows: Autostart, registry: FakeWinReg) -> None:
    assert windows.location() == f"HKEY_CURRENT_USER\\{RUN_KEY}\\timeman-tray"
    assert not windows.is_enabled()
    windows.enable(WINDOWS_COMMAND)
    assert registry.keys[RUN_KEY][RUN_VALUE] == (
        '"C:\\Program Files\\timeman-tray\\timeman-tray.exe" --from login',
        registry.REG_SZ,
    )
    assert windows.is_enabled()
    windows.disable()
    assert RUN_VALUE not in registry.keys[RUN_KEY]
    assert not windows.is_enabled()
    windows.disable()  # nothing there: nothing happens
    assert registry.closed > 0  # every key handle was closed


def test_windows_quotes_arguments_by_the_c_runtime_rules(
    windows: Autostart, registry: FakeWinReg
) -> None:
    windows.enable(["C:\\My Apps\\py\\pythonw.exe", "-m", "tray_app", 'say "hi"', ""])
    assert registry.keys[RUN_KEY][RUN_VALUE][0] == (
        '"C:\\My Apps\\py\\pythonw.exe" -m tray_app "say \\"hi\\"" ""'
    )


def test_task_managers_disable_counts_and_enable_undoes_it(
    windows: Autostart, registry: FakeWinReg
) -> None:
    windows.enable(WINDOWS_COMMAND)
    registry.keys[APPROVED_KEY] = {RUN_VALUE: (b"\x03" + bytes(11), registry.REG_BINARY)}
    assert not windows.is_enabled()
    registry.keys[APPROVED_KEY][RUN_VALUE] = (b"\x02" + bytes(11), registry.REG_BINARY)
    assert windows.is_enabled()
    registry.keys[APPROVED_KEY][RUN_VALUE] = (b"\x03" + bytes(11), registry.REG_BINARY)
    windows.enable(WINDOWS_COMMAND)
    assert RUN_VALUE not in registry.keys[APPROVED_KEY]
    assert windows.is_enabled()
    registry.keys[APPROVED_KEY][RUN_VALUE] = (b"\x03" + bytes(11), registry.REG_BINARY)
    windows.disable()
    assert RUN_VALUE not in registry.keys[APPROVED_KEY]


def test_registry_errors_become_autostart_errors(windows: Autostart, registry: FakeWinReg) -> None:
    registry.fail_writes = PermissionError(5, "Access is denied")
    with pytest.raises(AutostartError, match=r"Could not write .*registry \(Access is denied\)"):
        windows.enable(WINDOWS_COMMAND)
    registry.keys[RUN_KEY] = {RUN_VALUE: ("x", registry.REG_SZ)}
    with pytest.raises(AutostartError, match="Could not remove"):
        windows.disable()


@pytest.fixture
def fake_winreg_module(registry: FakeWinReg, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "winreg", registry)


@pytest.mark.usefixtures("fake_winreg_module")
def test_winreg_is_imported_only_when_needed(registry: FakeWinReg) -> None:
    target = Autostart(platform="win32")
    target.enable(WINDOWS_COMMAND)
    assert RUN_VALUE in registry.keys[RUN_KEY]


def test_the_module_has_no_qt() -> None:
    code = "import sys, tray_app.services.autostart; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
