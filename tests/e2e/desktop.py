"""A real, throw-away X desktop for end-to-end tests and benchmarks.

:class:`Desktop` starts, in this order, and stops in reverse:

1. ``Xvfb`` on a free display (``-displayfd`` fails inside pytest, so a number with no
   ``/tmp/.X{n}-lock`` is picked, its socket awaited, and the next number tried if another
   server won the race);
2. a private D-Bus session bus (``dbus-daemon --nofork --print-address=1``) so that nothing
   autolaunches one that outlives the test; with ``secret_service=True`` it is the bus of a
   :class:`~tests.keyring_session.SecretServiceSession` (gnome-keyring, unlocked). It can start
   the services installed on the machine (D-Bus activation) except, unless
   ``notification_daemon=True``, a notification daemon: a desktop without one, where the app
   falls back to the tray balloon (tests/e2e/test_notifications.py has one with dunst);
3. a tray host, ``icewm`` (a window manager with a taskbar tray, bottom right) or ``trayer`` (a
   bare tray panel, top right, no window manager), awaited until it owns the XEmbed selection
   ``_NET_SYSTEM_TRAY_S0``; or none.

Programs started with :meth:`Desktop.launch` get :attr:`Desktop.env` (``DISPLAY``,
``QT_QPA_PLATFORM=xcb``, the private bus, the caller's ``HOME``/``XDG_*``), write stdout and
stderr to files (read them with :meth:`Desktop.output` / :meth:`Desktop.wait_for_output`, no
pipe can fill up) and are killed at :meth:`Desktop.stop`.

Everything waits with a timeout and fails with :class:`DesktopError`, whose message shows what
was there instead (the window tree, the program's output).

The tray icon is found as an X window (XEmbed): Qt chooses XEmbed because nothing on the
private bus owns ``org.kde.StatusNotifierWatcher``. Under ``trayer`` the panel moves after each
new icon: :meth:`Desktop.find_tray_icon` returns only once the geometry has stayed put.

At a glance (``with Desktop("trayer") as desktop:``)::

    desktop.env                                  # for programs you start yourself
    process = desktop.launch(argv, env_extra)    # tracked, output to files, killed at stop
    desktop.wait_for_output(process, r"^activated Trigger$")
    icon = desktop.find_tray_icon("^timeman-tray$")          # Geometry(x, y, w, h), settled
    before = desktop.visible_windows(".", by="--class")
    desktop.click(icon, button=3)
    menu = desktop.wait_for_popup_menu(before)   # a new POPUP_MENU window
    desktop.window_geometry(menu)
    desktop.key("Escape"); desktop.wait_window_gone(menu)
    wid = desktop.wait_for_window("^Settings")   # by title (or by="--class")
    desktop.type_text("Привет", window=wid)      # any Unicode, via XTest
    shot = desktop.screenshot("name.png")        # into $TIMEMAN_ARTIFACTS_DIR
    desktop.mean_color(shot, icon)               # (r, g, b) in 0..1

Besides the command-line tools (xwininfo, xdotool, xprop, imagemagick) it calls libX11 and
libXtst through ctypes (tests/e2e/x11.py): to watch the tray cheaply and to type.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final, Literal, TypeVar

from tests.e2e.x11 import (
    DesktopError,
    Geometry,
    XConnection,
    XWindow,
    parse_tree,
    type_with_xtest,
)
from tests.keyring_session import SecretServiceSession
from tests.session_bus import BusError, SessionBus, write_bus_config

__all__ = [
    "INSTALL_HINT",
    "ROOT",
    "TRAY_HOSTS",
    "Desktop",
    "DesktopError",
    "Geometry",
    "TrayHost",
    "XWindow",
    "artifacts_dir",
    "missing_programs",
    "parse_tree",
    "wait_until",
]

TrayHost = Literal["icewm", "trayer"]
TRAY_HOSTS: Final[tuple[TrayHost, ...]] = ("icewm", "trayer")

ROOT: Final = Path(__file__).resolve().parents[2]
PROGRAMS: Final = ("Xvfb", "dbus-daemon", "xwininfo", "xdotool", "xprop", "import", "convert")
HOST_PROGRAMS: Final[Mapping[TrayHost, str]] = {"icewm": "icewm", "trayer": "trayer"}
INSTALL_HINT: Final = (
    "sudo apt-get install -y --no-install-recommends xvfb icewm trayer xdotool x11-utils "
    "imagemagick dbus dbus-x11 gnome-keyring libsecret-tools"
)
TRAYER_ARGV: Final = (
    "trayer",
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "32",
    "--SetDockType",
    "true",
    "--transparent",
    "false",
)
# The window that holds the embedded icons, per host: icewm's taskbar applet "SystemTray";
# trayer's panel ("panel", class "trayer"). The selection owner is a different, hidden window
# with both hosts, and a window manager reparents normal windows too, so only this tells an
# embedded icon from an application window of the same name.
TRAY_CONTAINERS: Final[Mapping[TrayHost, Callable[[XWindow], bool]]] = {
    "icewm": lambda window: window.name == "SystemTray",
    "trayer": lambda window: window.res_class == "trayer" and window.res_name == "panel",
}
# Variables that would lead a child to the person's session instead of ours.
_FOREIGN_VARIABLES: Final = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XAUTHORITY",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DESKTOP_SESSION",
    "QT_QPA_PLATFORMTHEME",
    "SESSION_MANAGER",
)
SYSTEM_SERVICES: Final = "/usr/share/dbus-1/services"
NOTIFICATIONS_NAME: Final = "Name=org.freedesktop.Notifications"
_POLL_S: Final = 0.02
_COMMAND_TIMEOUT_S: Final = 10.0

_T = TypeVar("_T")


def missing_programs(tray_host: TrayHost | None = None) -> list[str]:
    """The programs this harness needs (for ``tray_host``) that are not on PATH."""
    needed = list(PROGRAMS)
    if tray_host is not None:
        needed.append(HOST_PROGRAMS[tray_host])
    return [program for program in needed if shutil.which(program) is None]


def artifacts_dir() -> Path:
    """``$TIMEMAN_ARTIFACTS_DIR``, by default ``artifacts/`` at the repository root (created)."""
    directory = Path(os.environ.get("TIMEMAN_ARTIFACTS_DIR") or ROOT / "artifacts")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def wait_until(
    probe: Callable[[], _T | None],
    timeout_s: float,
    describe: Callable[[], str],
    interval_s: float = _POLL_S,
) -> _T:
    """Call ``probe`` until it returns something other than None; raise :class:`DesktopError`
    with ``describe()`` after ``timeout_s``.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() >= deadline:
            raise DesktopError(f"timed out after {timeout_s:g} s: {describe()}")
        time.sleep(interval_s)


def _free_display(start: int) -> int:
    for number in range(start, 1000):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise DesktopError(f"no free X display number in {start}..999")


def _stop_process(
    process: subprocess.Popen[bytes], grace_s: float = 3.0, *, group: bool = False
) -> None:
    """SIGTERM, then SIGKILL after ``grace_s``; reaps the process. ``group``: signal its whole
    process group (it was started with ``start_new_session``), so its children go too.
    """

    def send(signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if group:
                os.killpg(process.pid, signum)
            else:
                os.kill(process.pid, signum)

    if process.poll() is None:
        send(signal.SIGTERM)
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            process.wait(timeout=grace_s)
    if group:
        send(signal.SIGKILL)  # children that outlived their parent


@dataclass
class _Launched:
    process: subprocess.Popen[bytes]
    argv: tuple[str, ...]
    stdout: Path
    stderr: Path


class Desktop:
    """An Xvfb display with a session bus, a tray host and optionally a Secret Service.

    Use as a context manager (or :meth:`start` / :meth:`stop`). ``size`` is the screen in
    pixels; ``workdir`` receives the programs' output files (a temporary folder by default,
    removed at :meth:`stop`); ``base_env`` is the environment to build :attr:`env` from
    (``os.environ`` at :meth:`start` by default).
    """

    def __init__(
        self,
        tray_host: TrayHost | None = "icewm",
        *,
        secret_service: bool = False,
        size: tuple[int, int] = (1024, 768),
        workdir: Path | None = None,
        base_env: Mapping[str, str] | None = None,
        notification_daemon: bool = False,
    ) -> None:
        self.tray_host = tray_host
        self.notification_daemon = notification_daemon
        self.size = size
        self._want_secret_service = secret_service
        self._base_env = base_env
        self._own_workdir = workdir is None
        self._workdir = workdir
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._bus: SessionBus | None = None
        self._host: subprocess.Popen[bytes] | None = None
        self._launched: list[_Launched] = []
        self._x: XConnection | None = None
        self._containers: list[XWindow] = []
        self.secret_service: SecretServiceSession | None = None
        self.display = ""
        self.bus_address = ""
        self.env: dict[str, str] = {}

    # -- life cycle ---------------------------------------------------------------------------

    def __enter__(self) -> Desktop:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def workdir(self) -> Path:
        assert self._workdir is not None, "the desktop is not started"
        return self._workdir

    def start(self) -> Desktop:
        missing = missing_programs(self.tray_host)
        if missing:
            raise DesktopError(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="tm-desktop-"))
        self._workdir.mkdir(parents=True, exist_ok=True)
        try:
            self._start_xvfb()
            self._start_bus()
            self._build_env()
            if self.tray_host is not None:
                self._start_tray_host(self.tray_host)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Kill every launched program, then the tray host, the bus (and keyring), Xvfb."""
        for launched in reversed(self._launched):
            _stop_process(launched.process, grace_s=2.0, group=True)
        if self._host is not None:
            _stop_process(self._host, group=True)
            self._host = None
        if self._bus is not None:
            self._bus.stop()
            self._bus = None
        if self.secret_service is not None:
            self.secret_service.stop()
            self.secret_service = None
        if self._x is not None:
            self._x.close()
            self._x = None
        self._containers = []
        if self._xvfb is not None:
            _stop_process(self._xvfb)
            self._xvfb = None
        if self._own_workdir and self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def _start_xvfb(self) -> None:
        width, height = self.size
        number = 90
        for _attempt in range(10):
            number = _free_display(number)
            log = self.workdir / f"xvfb-{number}.log"
            with log.open("wb") as stream:
                process = subprocess.Popen(
                    [
                        *("Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24"),
                        *("-nolisten", "tcp", "-noreset"),
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=stream,
                    stderr=subprocess.STDOUT,
                )
            socket = Path(f"/tmp/.X11-unix/X{number}")
            deadline = time.monotonic() + 10
            while process.poll() is None and not socket.exists():
                if time.monotonic() > deadline:
                    _stop_process(process)
                    raise DesktopError(f"Xvfb :{number} made no socket in 10 s: {log.read_text()}")
                time.sleep(0.01)
            if process.poll() is None:
                self._xvfb = process
                self.display = f":{number}"
                break
            number += 1  # another server took this number between our check and its start
        else:
            raise DesktopError("Xvfb did not start on any of 10 display numbers")
        # The socket exists before the server accepts clients: wait for an answer.
        wait_until(
            lambda: True if self._run_ok(["xwininfo", "-root"]) else None,
            10,
            lambda: f"Xvfb {self.display} does not answer",
        )

    def _bus_config(self) -> Path:
        """The session bus's configuration: its services are the machine's (links in a folder
        of its own), less any notification daemon unless one is wanted."""
        services = self.workdir / "dbus-services"
        services.mkdir(exist_ok=True)
        for installed in sorted(Path(SYSTEM_SERVICES).glob("*.service")):
            text = installed.read_text(encoding="utf-8", errors="replace")
            if NOTIFICATIONS_NAME in text and not self.notification_daemon:
                continue
            target = services / installed.name
            if not target.exists():
                target.symlink_to(installed)
        config = self.workdir / "session-bus.conf"
        return write_bus_config(config, services)

    def _start_bus(self) -> None:
        config = self._bus_config()
        if self._want_secret_service:
            self.secret_service = SecretServiceSession.start(bus_config=config)
            self.secret_service.set_activation_env({"DISPLAY": self.display})
            self.bus_address = self.secret_service.address
            return
        try:
            self._bus = SessionBus.start(config)
        except BusError as error:
            raise DesktopError(str(error)) from None
        self.bus_address = self._bus.address

    def _build_env(self) -> None:
        env = dict(os.environ if self._base_env is None else self._base_env)
        for variable in _FOREIGN_VARIABLES:
            env.pop(variable, None)
        env.update(
            DISPLAY=self.display,
            QT_QPA_PLATFORM="xcb",
            DBUS_SESSION_BUS_ADDRESS=self.bus_address,
            PYTHONUNBUFFERED="1",
        )
        self.env = env

    def add_tray_host(self, host: TrayHost) -> None:
        """Start ``host`` on a desktop started without one: a tray that appears after the app."""
        if self.tray_host is not None:
            raise DesktopError(f"this desktop has a tray host already: {self.tray_host}")
        self.tray_host = host
        self._containers = []
        self._start_tray_host(host)

    def remove_tray_host(self) -> None:
        """Stop the tray host (a panel that crashed or was removed); the desktop stays."""
        if self._host is None:
            raise DesktopError("this desktop has no tray host to remove")
        _stop_process(self._host, group=True)
        self._host = None
        self.tray_host = None
        self._containers = []
        wait_until(
            lambda: True if not self.tray_owner() else None,
            10,
            lambda: f"_NET_SYSTEM_TRAY_S0 is still owned\n{self.tree_text()}",
        )

    def _start_tray_host(self, host: TrayHost) -> None:
        argv: Sequence[str] = ("icewm",) if host == "icewm" else TRAYER_ARGV
        log = self.workdir / f"{host}.log"
        with log.open("wb") as stream:
            self._host = subprocess.Popen(
                list(argv),
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        host_process = self._host

        def owned() -> bool | None:
            if host_process.poll() is not None:
                raise DesktopError(
                    f"{host} exited with {host_process.returncode}: {log.read_text()[-2000:]}"
                )
            return True if self.tray_owner() else None

        wait_until(owned, 15, lambda: f"{host} never took _NET_SYSTEM_TRAY_S0\n{self.tree_text()}")

    # -- X queries ----------------------------------------------------------------------------

    @property
    def _xconn(self) -> XConnection:
        if self._x is None:
            self._x = XConnection(self.display)
        return self._x

    def tray_owner(self) -> int:
        """The window that owns the XEmbed tray selection of screen 0 (0: no tray host)."""
        return self._xconn.selection_owner("_NET_SYSTEM_TRAY_S0")

    def _run(
        self, argv: Sequence[str], timeout_s: float = _COMMAND_TIMEOUT_S
    ) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                list(argv),
                env=self.env or {**os.environ, "DISPLAY": self.display},
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise DesktopError(f"{' '.join(argv)} did not finish in {timeout_s:g} s") from exc

    def _run_ok(self, argv: Sequence[str]) -> bool:
        return self._run(argv).returncode == 0

    def _check(self, argv: Sequence[str], timeout_s: float = _COMMAND_TIMEOUT_S) -> str:
        result = self._run(argv, timeout_s)
        if result.returncode != 0:
            raise DesktopError(
                f"{' '.join(argv)} failed with {result.returncode}: {result.stderr.strip()}"
            )
        return result.stdout

    def tree_text(self) -> str:
        """``xwininfo -root -tree``, or why it could not be read (for error messages)."""
        result = self._run(["xwininfo", "-root", "-tree"])
        if result.returncode != 0:
            return f"(xwininfo failed: {result.stderr.strip()})"
        return result.stdout

    def windows(self) -> list[XWindow]:
        """Every window on the display (mapped or not), parsed from the tree."""
        return parse_tree(self._check(["xwininfo", "-root", "-tree"]))

    def visible_windows(self, name_regex: str = ".", *, by: str = "--name") -> list[int]:
        """Ids of viewable windows whose name (``by="--class"``: class) matches."""
        result = self._run(["xdotool", "search", "--onlyvisible", by, name_regex])
        return [int(line) for line in result.stdout.split()]

    def is_viewable(self, wid: int) -> bool:
        result = self._run(["xwininfo", "-id", str(wid)])
        return result.returncode == 0 and "Map State: IsViewable" in result.stdout

    def window_geometry(self, wid: int) -> Geometry:
        """The window's absolute position and size."""
        text = self._check(["xwininfo", "-id", str(wid)])
        values: dict[str, int] = {}
        for key, label in (
            ("x", "Absolute upper-left X"),
            ("y", "Absolute upper-left Y"),
            ("w", "Width"),
            ("h", "Height"),
        ):
            match = re.search(rf"^\s*{label}:\s*(-?\d+)", text, re.MULTILINE)
            if match is None:
                raise DesktopError(f"no {label} in xwininfo -id {wid}:\n{text}")
            values[key] = int(match[1])
        return Geometry(**values)

    def window_name(self, wid: int) -> str:
        return self._check(["xdotool", "getwindowname", str(wid)]).rstrip("\n")

    def window_types(self, wid: int) -> list[str]:
        """``_NET_WM_WINDOW_TYPE`` without its prefix, e.g. ``["POPUP_MENU"]`` for a Qt menu."""
        text = self._run(["xprop", "-id", str(wid), "_NET_WM_WINDOW_TYPE"]).stdout
        _, equals, atoms = text.partition("=")
        if not equals:
            return []  # "not found": the property is not set
        return [atom.strip().removeprefix("_NET_WM_WINDOW_TYPE_") for atom in atoms.split(",")]

    # -- finding things -----------------------------------------------------------------------

    def tray_icons(self, name_regex: str = ".") -> list[XWindow]:
        """Embedded tray icons: windows with a WM_CLASS inside the tray host's tray (see
        :data:`TRAY_CONTAINERS`) whose name, resource name or class matches, with a real size.
        (Qt names the icon's window after the application: WM_CLASS ``timeman-tray``.)

        Cheap enough to poll every few milliseconds: the tray's window is found once (with
        ``xwininfo``), then only its subtree is read, over one open X connection.
        """
        if self.tray_host is None:
            raise DesktopError("this desktop has no tray host")
        if not self._containers:
            is_container = TRAY_CONTAINERS[self.tray_host]
            self._containers = [window for window in self.windows() if is_container(window)]
        pattern = re.compile(name_regex)
        return [
            window
            for container in self._containers
            for window in self._xconn.subtree(container)
            if window.res_class is not None  # a client's window, not the host's embedder
            and window.matches(pattern)
            and window.geometry.w > 1
            and window.geometry.h > 1
        ]

    def find_tray_icon(
        self, name_regex: str, timeout_s: float = 10.0, *, settle_s: float = 0.3
    ) -> Geometry:
        """The geometry of the one embedded tray icon matching ``name_regex``, once it has not
        moved for ``settle_s`` (trayer re-lays its panel after each new icon).
        """
        deadline = time.monotonic() + timeout_s
        last: Geometry | None = None
        since = 0.0
        seen: list[XWindow] = []
        while True:
            now = time.monotonic()
            seen = self.tray_icons(name_regex)
            if len(seen) > 1:
                raise DesktopError(
                    f"{len(seen)} tray icons match {name_regex!r}: {seen}\n{self.tree_text()}"
                )
            current = seen[0].geometry if seen else None
            if current != last:
                last, since = current, now
            elif current is not None and now - since >= settle_s:
                return current
            if now >= deadline:
                state = "moving" if current is not None else "absent"
                raise DesktopError(
                    f"no settled tray icon matching {name_regex!r} after {timeout_s:g} s "
                    f"(last: {state}, {last}); the tray owner is {self.tray_owner():#x}; "
                    f"the window tree:\n{self.tree_text()}{self._outputs_summary()}"
                )
            time.sleep(_POLL_S)

    def wait_for_window(
        self, title_regex: str, timeout_s: float = 10.0, *, by: str = "--name"
    ) -> int:
        """The id of a viewable window whose title (``by="--class"``: class) matches."""

        def probe() -> int | None:
            found = self.visible_windows(title_regex, by=by)
            return found[0] if found else None

        return wait_until(
            probe,
            timeout_s,
            lambda: (
                f"no viewable window {by} {title_regex!r}; the window tree:\n"
                f"{self.tree_text()}{self._outputs_summary()}"
            ),
        )

    def wait_for_new_window(
        self,
        before: Sequence[int],
        timeout_s: float = 5.0,
        *,
        types: Sequence[str] = (),
        class_regex: str = ".",
    ) -> int:
        """A viewable top-level window that is not in ``before`` (ids from
        :meth:`visible_windows`), optionally of one of the ``_NET_WM_WINDOW_TYPE`` ``types``.
        """
        known = set(before)

        def probe() -> int | None:
            for wid in self.visible_windows(class_regex, by="--class"):
                if wid in known:
                    continue
                if not types or set(self.window_types(wid)) & set(types):
                    return wid
            return None

        return wait_until(
            probe,
            timeout_s,
            lambda: (
                f"no new viewable window of class {class_regex!r}"
                f"{f' and type {list(types)}' if types else ''}; the window tree:\n"
                f"{self.tree_text()}"
            ),
        )

    def wait_for_popup_menu(
        self, before: Sequence[int], timeout_s: float = 5.0, class_regex: str = "."
    ) -> int:
        """A context menu window that appeared since ``before`` was taken."""
        return self.wait_for_new_window(
            before, timeout_s, types=("POPUP_MENU", "DROPDOWN_MENU"), class_regex=class_regex
        )

    def wait_window_gone(self, wid: int, timeout_s: float = 5.0) -> None:
        wait_until(
            lambda: True if not self.is_viewable(wid) else None,
            timeout_s,
            lambda: f"window {wid:#x} is still viewable",
        )

    # -- input and pictures -------------------------------------------------------------------

    def move_pointer(self, x: int, y: int) -> None:
        self._check(["xdotool", "mousemove", str(x), str(y)])

    def click(self, where: Geometry | tuple[int, int], button: int = 1) -> None:
        """Move the pointer to the middle of ``where`` (or the point) and click ``button``
        (1 left, 2 middle, 3 right).
        """
        x, y = where.center if isinstance(where, Geometry) else where
        # One xdotool run, one X connection: the click cannot overtake the move.
        self._check(["xdotool", "mousemove", str(x), str(y), "click", str(button)])

    def focus(self, wid: int) -> None:
        """Give ``wid`` the keyboard focus (works without a window manager too)."""
        if self.tray_host == "icewm":
            self._run(["xdotool", "windowactivate", "--sync", str(wid)], timeout_s=5)
        self._check(["xdotool", "windowfocus", "--sync", str(wid)])

    def key(self, *keys: str, window: int | None = None) -> None:
        """Press key combinations in turn (xdotool names: ``Return``, ``ctrl+a``, ``Escape``)
        to ``window`` (focused first) or to whatever has the focus.
        """
        if window is not None:
            self.focus(window)
        self._check(["xdotool", "key", "--clearmodifiers", "--delay", "30", *keys])

    def type_text(self, text: str, window: int | None = None, *, delay_ms: int = 20) -> None:
        """Type ``text`` (any Unicode: Cyrillic, dashes, ``\\n`` as Return) into ``window``
        (focused first) or the focused window, through XTest (see
        :func:`tests.e2e.x11.type_with_xtest`).
        """
        if window is not None:
            self.focus(window)
        type_with_xtest(self._xconn, text, delay_ms / 1000)

    def screenshot(self, path: Path | str) -> Path:
        """Save the whole screen as PNG. A bare file name goes to :func:`artifacts_dir`."""
        target = Path(path)
        if not target.is_absolute() and target.parent == Path():
            target = artifacts_dir() / target
        target.parent.mkdir(parents=True, exist_ok=True)
        self._check(["import", "-display", self.display, "-window", "root", str(target)], 30)
        return target

    def mean_color(self, image: Path, where: Geometry) -> tuple[float, float, float]:
        """The average (red, green, blue), each 0..1, of ``where`` in a screenshot."""
        crop = f"{where.w}x{where.h}+{where.x}+{where.y}"
        average = ("-crop", crop, "+repage", "-scale", "1x1!")
        text = self._check(
            ["convert", str(image), *average, "-format", "%[fx:r] %[fx:g] %[fx:b]", "info:"], 30
        )
        red, green, blue = (float(value) for value in text.split())
        return (red, green, blue)

    # -- programs -----------------------------------------------------------------------------

    def launch(
        self,
        argv: Sequence[str],
        env_extra: Mapping[str, str] | None = None,
        *,
        cwd: Path | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start a program on this desktop; its stdout and stderr go to files (see
        :meth:`output`); it is killed at :meth:`stop` if still running.
        """
        index = len(self._launched)
        stem = re.sub(r"[^\w.-]+", "_", Path(argv[0]).name)[:40]
        stdout = self.workdir / f"{index:02d}-{stem}.out"
        stderr = self.workdir / f"{index:02d}-{stem}.err"
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                list(argv),
                env={**self.env, **(env_extra or {})},
                cwd=cwd or ROOT,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        self._launched.append(_Launched(process, tuple(argv), stdout, stderr))
        return process

    def terminate(self, process: subprocess.Popen[bytes], grace_s: float = 3.0) -> int:
        """Stop a launched program and its children (SIGTERM, SIGKILL after ``grace_s``);
        returns its exit status.
        """
        self._entry(process)
        _stop_process(process, grace_s, group=True)
        return process.returncode

    def _entry(self, process: subprocess.Popen[bytes]) -> _Launched:
        for launched in self._launched:
            if launched.process is process:
                return launched
        raise DesktopError(f"process {process.pid} was not started by this desktop")

    def output(self, process: subprocess.Popen[bytes], stream: str = "stdout") -> str:
        """What ``process`` has written so far to ``stream`` (``"stdout"`` or ``"stderr"``)."""
        entry = self._entry(process)
        path = entry.stdout if stream == "stdout" else entry.stderr
        return path.read_bytes().decode("utf-8", errors="replace")

    def wait_for_output(
        self,
        process: subprocess.Popen[bytes],
        regex: str,
        timeout_s: float = 10.0,
        stream: str = "stdout",
    ) -> re.Match[str]:
        """The first match of ``regex`` (multi-line) in ``process``'s ``stream``."""
        pattern = re.compile(regex, re.MULTILINE)

        def probe() -> re.Match[str] | None:
            found = pattern.search(self.output(process, stream))
            if found is None and process.poll() is not None:
                found = pattern.search(self.output(process, stream))
                if found is None:
                    raise DesktopError(
                        f"{process.args!r} exited with {process.returncode} without printing "
                        f"{regex!r}{self._outputs_summary()}"
                    )
            return found

        return wait_until(
            probe,
            timeout_s,
            lambda: f"{process.args!r} printed no {regex!r} to {stream}{self._outputs_summary()}",
        )

    def _outputs_summary(self, limit: int = 3000) -> str:
        parts: list[str] = []
        for launched in self._launched:
            code = launched.process.poll()
            state = "running" if code is None else f"exit {code}"
            parts.append(f"\n--- {' '.join(launched.argv)} ({state})")
            for label, path in (("stdout", launched.stdout), ("stderr", launched.stderr)):
                with contextlib.suppress(OSError):
                    text = path.read_bytes().decode("utf-8", errors="replace")
                    if text:
                        parts.append(f"\n[{label}]\n{text[-limit:]}")
        return "".join(parts)

    def save_diagnostics(self, stem: str) -> list[Path]:
        """A screenshot, the window tree and every program's output, under
        :func:`artifacts_dir` (for a failed test).
        """
        directory = artifacts_dir()
        saved: list[Path] = []
        with contextlib.suppress(DesktopError):
            saved.append(self.screenshot(directory / f"{stem}.png"))
        text = f"DISPLAY={self.display} tray host={self.tray_host}\n{self.tree_text()}"
        text += self._outputs_summary(limit=20000)
        log = directory / f"{stem}.txt"
        log.write_text(text, encoding="utf-8")
        saved.append(log)
        return saved
