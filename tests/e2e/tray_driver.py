"""Driving the real timeman-tray on a :class:`~tests.e2e.desktop.Desktop`, from the outside only.

* :class:`Portal`: the simulator over HTTPS: :meth:`Portal.go_away` and :meth:`Portal.come_back`
  are a real outage for a client that already trusts it (same port, same certificate).
* :class:`TrayApp`: the running program: its icon (an X window in the tray), what the icon
  looks like (:func:`icon_look`: the state's colour on a screenshot, or grey when stale), its
  context menu driven by keyboard, the status panel (and the reminder it shows), its log file,
  settings file and reminders' state file.
* :func:`keyring_secret`: what the desktop's Secret Service holds for the app.

Every wait has a time-out and says what it saw instead.
"""

from __future__ import annotations

import colorsys
import contextlib
import json
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from tests.e2e.desktop import Desktop, DesktopError, Geometry, wait_until
from tray_app.demo import PortalSimulator, RecordedRequest, SimClock, SimUser

__all__ = [
    "APP_CLASS",
    "POLLS",
    "WRITES",
    "Look",
    "Portal",
    "TrayApp",
    "icon_look",
    "keyring_secret",
    "wait_for_secret",
]

APP_CLASS: Final = "^timeman-tray$"
"""The WM_CLASS Qt gives every window of the app (and the icon's window)."""
WRITES: Final = ("timeman.open", "timeman.pause", "timeman.close")
POLLS: Final = ("timeman.status", "batch")
"""A read of the day: the status alone, or with the settings in one ``batch``."""

Look = Literal["opened", "paused", "closed", "expired", "kept", "grey"]
STATE_HUES: Final[Mapping[Look, float]] = {
    "opened": 134.0,  # #2e9e48 green (resources/icons/opened.svg)
    "paused": 42.0,  # #ffb300 amber
    "closed": 203.0,  # #5b7f95 slate blue
    "expired": 16.0,  # #e8531e red-orange
    "kept": 282.0,  # #7b1fa2 violet: the kept badge on a grey (offline) icon
}
_COLOURED_SATURATION: Final = 0.25
_COLOURED_VALUE: Final = 0.25
_COLOURED_SHARE: Final = 0.08
"""Below this share of coloured pixels the icon counts as grey (stale: desaturated)."""
_HIGHLIGHT_HUES: Final = (190.0, 225.0)
"""Qt's highlight of the active menu row (Fusion: #308cc6)."""
_HIGHLIGHT_SHARE: Final = 0.03
"""A highlighted row covers at least this share of the menu (one row of ~13)."""
_PANEL_HIGHLIGHT: Final = (48, 140, 198)
"""The border of the panel's reminder (the palette's highlight, Fusion #308cc6)."""
_PANEL_HIGHLIGHT_DISTANCE: Final = 24
"""RGB distance still counted as that border (the week bar's #1565c0 is ~48 away)."""
_SNOOZE_FROM_RIGHT_PX: Final = 25
_SNOOZE_FROM_TOP_PX: Final = 20
"""Where "Snooze today" is inside the reminder's frame: the right end of its first row (the
frame's layout margins are 8 and 6 px; the button is ~30 px high and ~100 px wide)."""
_MENU_KEY_WAIT_S: Final = 1.0
_MENU_OPENINGS: Final = 3
_SAME_ROW_PX: Final = 4.0
_ROW_CORRECTIONS: Final = 2  # steps towards the wanted row before giving up
"""Two highlights this close are the same row (rows are ~22 px; antialiased text shifts the
middle of the highlight's pixels a little)."""


# -- the portal ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Portal:
    """A running :class:`PortalSimulator` over HTTPS on ``port``, which it keeps on restart."""

    sim: PortalSimulator
    port: int
    ca_file: Path

    @classmethod
    @contextlib.contextmanager
    def running(
        cls, tls_dir: Path, clock: SimClock, users: Sequence[SimUser], **options: Any
    ) -> Iterator[Portal]:
        """Start it (``options`` go to :class:`PortalSimulator`: the bucket's plan and scale,
        another integration's load); stopped on exit."""
        port = _free_port()
        sim = PortalSimulator(clock=clock, port=port, tls_dir=tls_dir, users=users, **options)
        sim.start()
        try:
            assert sim.ca_file is not None
            yield cls(sim, port, sim.ca_file)
        finally:
            sim.stop()

    def go_away(self) -> None:
        """Stop listening: connections are refused (the days and the request log stay)."""
        self.sim.go_offline()

    def come_back(self) -> None:
        """Listen again, on the same port with the same certificate."""
        self.sim.come_back()
        assert self.sim.port == self.port
        assert self.sim.ca_file == self.ca_file

    def index(self, request: RecordedRequest) -> int:
        """Where ``request`` is in the simulator's log."""
        return next(i for i, seen in enumerate(self.sim.requests) if seen is request)

    def requests_since(self, mark: int) -> list[RecordedRequest]:
        return self.sim.requests[mark:]

    def methods_since(self, mark: int) -> list[str]:
        return [r.rest_method or r.path for r in self.requests_since(mark)]

    def writes_since(self, mark: int) -> list[tuple[str, object]]:
        """``(method, JSON body)`` of every write received after ``mark``."""
        return [
            (r.rest_method, r.json) for r in self.requests_since(mark) if r.rest_method in WRITES
        ]

    def polls_since(self, mark: int) -> int:
        """How many reads of the day (:data:`POLLS`) were received after ``mark``."""
        return sum(r.rest_method in POLLS for r in self.requests_since(mark))

    def wait_for_polls(self, count: int, mark: int, timeout_s: float = 15.0) -> None:
        """Until ``count`` reads of the day have been received after ``mark``."""
        wait_until(
            lambda: True if self.polls_since(mark) >= count else None,
            timeout_s,
            lambda: f"not {count} reads of the day; the portal received {self.methods_since(mark)}",
        )

    def wait_for_request(self, method: str, mark: int, timeout_s: float = 15.0) -> RecordedRequest:
        """The first ``method`` request received after ``mark``."""

        def probe() -> RecordedRequest | None:
            return next((r for r in self.requests_since(mark) if r.rest_method == method), None)

        return wait_until(
            probe,
            timeout_s,
            lambda: f"no {method} request; the portal received {self.methods_since(mark)}",
        )

    def status(self) -> str | None:
        """The state of user 1's newest day on the portal (None: no day)."""
        day = self.sim.day(1)
        return None if day is None else day.status


# -- pixels -------------------------------------------------------------------------------------


def _pixels(shot: Path, where: Geometry) -> list[tuple[int, int, int]]:
    """The RGB pixels of ``where`` on the screenshot, row by row."""
    raw = subprocess.run(
        [
            *("convert", str(shot), "-crop", f"{where.w}x{where.h}+{where.x}+{where.y}"),
            *("+repage", "-depth", "8", "rgb:-"),
        ],
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw) - 2, 3)]


def _hsv(pixel: tuple[int, int, int]) -> tuple[float, float, float]:
    """Hue in degrees, saturation and value in 0..1."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(channel / 255 for channel in pixel))
    return hue * 360.0, saturation, value


def _hue_distance(a: float, b: float) -> float:
    return min(abs(a - b), 360.0 - abs(a - b))


def icon_look(shot: Path, where: Geometry) -> Look:
    """The state colour the icon at ``where`` shows on ``shot``: the median hue of its clearly
    coloured pixels, or ``"grey"`` when hardly any pixel is coloured (the tray is grey).
    """
    pixels = _pixels(shot, where)
    hues = [
        hue
        for hue, saturation, value in map(_hsv, pixels)
        if saturation >= _COLOURED_SATURATION and value >= _COLOURED_VALUE
    ]
    if len(hues) < _COLOURED_SHARE * max(1, len(pixels)):
        return "grey"
    middle = statistics.median(hue - 360.0 if hue > 320.0 else hue for hue in hues) % 360.0
    return min(STATE_HUES, key=lambda state: _hue_distance(STATE_HUES[state], middle))


def _highlighted_row(shot: Path, area: Geometry) -> float | None:
    """The middle (screen y) of the highlighted row of the menu at ``area``; None: none is."""
    low, high = _HIGHLIGHT_HUES
    rows = [
        index // area.w
        for index, (hue, saturation, value) in enumerate(map(_hsv, _pixels(shot, area)))
        if low <= hue <= high and saturation >= 0.5 and value >= 0.5
    ]
    if len(rows) < _HIGHLIGHT_SHARE * area.w * area.h:
        return None
    return area.y + statistics.mean(rows)


def _frame_of_colour(
    shot: Path, area: Geometry, colour: tuple[int, int, int], distance: float
) -> Geometry | None:
    """The rectangle whose 1-px border is ``colour`` (within ``distance``) and spans over half of
    ``area``'s width: its top and bottom rows are the first and last such wide rows; its sides
    are the ends of the top row. None: no such rectangle (or only one wide row)."""
    pixels = _pixels(shot, area)
    near = [
        sum((a - b) ** 2 for a, b in zip(pixel, colour, strict=True)) <= distance**2
        for pixel in pixels
    ]
    wide = [
        row for row in range(area.h) if sum(near[row * area.w : (row + 1) * area.w]) >= area.w // 2
    ]
    if len(wide) < 2 or wide[-1] - wide[0] < 2:
        return None
    top, bottom = wide[0], wide[-1]
    columns = [x for x in range(area.w) if near[top * area.w + x]]
    left, right = columns[0], columns[-1]
    return Geometry(area.x + left, area.y + top, right - left + 1, bottom - top + 1)


# -- the app ------------------------------------------------------------------------------------


@dataclass
class TrayApp:
    """``python -m tray_app`` running on ``desktop``, seen from the outside."""

    desktop: Desktop
    process: subprocess.Popen[bytes]
    icon: Geometry
    shots: list[Path] = field(default_factory=list)

    @classmethod
    def launch(cls, desktop: Desktop, env: Mapping[str, str]) -> TrayApp:
        """Start the app with ``env`` added and wait for its icon in the tray."""
        process = desktop.launch([sys.executable, "-m", "tray_app"], env)
        return cls(desktop, process, desktop.find_tray_icon(APP_CLASS, timeout_s=20))

    # -- pictures ------------------------------------------------------------------------------

    def screenshot(self, step: str) -> Path:
        """The screen as ``tray-<host>-<step>.png`` in the artifacts folder."""
        self.alive()
        shot = self.desktop.screenshot(f"tray-{self.desktop.tray_host}-{step}.png")
        self.shots.append(shot)
        return shot

    def _scratch_shot(self) -> Path:
        return self.desktop.screenshot(self.desktop.workdir / "scratch.png")

    def look(self) -> Look:
        """What the icon shows now."""
        return icon_look(self._scratch_shot(), self.icon)

    def wait_for_look(self, expected: Look, timeout_s: float = 15.0) -> float:
        """Wait until the icon shows ``expected``; returns the seconds that took."""
        started = time.monotonic()
        seen: list[Look] = []

        def probe() -> bool | None:
            self.alive()
            seen.append(self.look())
            return True if seen[-1] == expected else None

        wait_until(
            probe,
            timeout_s,
            lambda: f"the icon never looked {expected}; lately {seen[-5:]}\n{self.tail()}",
            interval_s=0.1,
        )
        return time.monotonic() - started

    # -- menu and panel ------------------------------------------------------------------------

    def open_menu(self) -> tuple[int, Geometry]:
        """Right-click the icon; the menu's window id and geometry."""
        before = self.desktop.visible_windows(".", by="--class")
        self.desktop.click(self.icon, button=3)
        menu = self.desktop.wait_for_popup_menu(before, class_regex=APP_CLASS)
        return menu, self.desktop.window_geometry(menu)

    def choose(
        self,
        step: str,
        first: str,
        *more: str,
        above_bottom: float | None = None,
        keep: bool = True,
    ) -> float:
        """Open the menu, go to an item with the keys ``first``, ``*more`` (arrows skip disabled
        and hidden items), photograph it highlighted as ``step``, press Return. Returns how far
        above the menu's bottom edge the highlighted row was: the same item, the same distance;
        with ``above_bottom`` a row elsewhere is not chosen but fails. ``keep=False``: the
        picture of the highlighted row is not kept among the artifacts (a routine Refresh).

        Keys sent the moment the menu is mapped can be lost (seen once under trayer: two of
        six): the first key is sent again until a row is highlighted, then the others. A menu
        that takes no key at all (seen once in CI under icewm: its keyboard grab lost) is
        photographed, closed and opened again.
        """
        for opening in range(_MENU_OPENINGS):
            menu, area = self.open_menu()
            if _highlighted_row(self._scratch_shot(), area) is not None:
                raise DesktopError(f"a row of the menu at {area} is highlighted before any key")
            if self._press_until_highlighted(first, area):
                break
            self.screenshot(f"{step}-deaf-menu-{opening + 1}")
            self._close_menu(menu)
        else:
            raise DesktopError(
                f"the menu highlighted nothing after {first!r}, {_MENU_OPENINGS} times opened"
            )
        for key in more:
            self._press_until_moved(key, area)
        row = _highlighted_row(self.screenshot(step) if keep else self._scratch_shot(), area)
        if row is None:
            raise DesktopError(f"the menu at {area} highlights nothing after {(first, *more)}")
        distance = area.y + area.h - row
        for _step in range(_ROW_CORRECTIONS):
            # A key lost on the way (seen under trayer in full runs, never alone): the row
            # wanted is known, so step towards it instead of choosing another item.
            if above_bottom is None or abs(distance - above_bottom) <= _SAME_ROW_PX:
                break
            self._press_until_moved("Up" if distance < above_bottom else "Down", area)
            row = _highlighted_row(self.screenshot(f"{step}-corrected"), area)
            if row is None:
                break
            distance = area.y + area.h - row
        if above_bottom is not None and abs(distance - above_bottom) > _SAME_ROW_PX:
            self.desktop.key("Escape")
            raise DesktopError(
                f"{(first, *more)} highlighted the row {distance:.0f} px above the menu's "
                f"bottom, not {above_bottom:.0f} px (see {step})"
            )
        self.desktop.key("Return")
        self.desktop.wait_window_gone(menu)
        return distance

    def _press_until_highlighted(self, key: str, area: Geometry) -> bool:
        """Press ``key`` (up to three times) until a row of the menu at ``area`` is highlighted."""
        for _attempt in range(3):
            self.desktop.key(key)
            deadline = time.monotonic() + _MENU_KEY_WAIT_S
            while time.monotonic() <= deadline:
                if _highlighted_row(self._scratch_shot(), area) is not None:
                    return True
        return False

    def _press_until_moved(self, key: str, area: Geometry) -> None:
        """Press ``key`` until the highlight leaves the row it was on (a key lost on a busy
        machine, seen once under trayer, is sent again; one that arrives late is waited for
        first). A highlight hidden under a notification balloon cannot be followed: the key is
        sent once and trusted."""
        before = _highlighted_row(self._scratch_shot(), area)
        for _attempt in range(3):
            self.desktop.key(key)
            deadline = time.monotonic() + _MENU_KEY_WAIT_S
            while time.monotonic() <= deadline:
                row = _highlighted_row(self._scratch_shot(), area)
                if before is None or row is None or abs(row - before) > _SAME_ROW_PX:
                    return
        raise DesktopError(f"{key!r} did not move the highlight in the menu at {area}")

    def _close_menu(self, menu: int) -> None:
        """Escape, or else a click on the empty desktop, closes the menu."""
        self.desktop.key("Escape")
        with contextlib.suppress(DesktopError):
            self.desktop.wait_window_gone(menu, timeout_s=1.0)
            return
        width, height = self.desktop.size
        self.desktop.click((width // 2, height // 2))
        self.desktop.wait_window_gone(menu)

    def open_panel(self, step: str) -> int:
        """Left-click the icon: the status panel (a popup), photographed as ``step``."""
        before = self.desktop.visible_windows(".", by="--class")
        self.desktop.click(self.icon, button=1)
        panel = self.desktop.wait_for_new_window(before, class_regex=APP_CLASS)
        time.sleep(0.3)  # laid out and painted
        self.screenshot(step)
        return panel

    def panel_reminder(self, panel: int) -> Geometry | None:
        """The frame of the reminder the open status ``panel`` shows (None: it shows none), found
        by its highlight-coloured border on a screenshot."""
        area = self.desktop.window_geometry(panel)
        return _frame_of_colour(
            self._scratch_shot(), area, _PANEL_HIGHLIGHT, _PANEL_HIGHLIGHT_DISTANCE
        )

    def snooze_in_panel(self, panel: int) -> None:
        """Click "Snooze today" on the reminder the open status ``panel`` shows."""
        frame = self.panel_reminder(panel)
        if frame is None:
            raise DesktopError(f"the panel {panel:#x} shows no reminder to snooze")
        self.desktop.click(
            (frame.x + frame.w - _SNOOZE_FROM_RIGHT_PX, frame.y + _SNOOZE_FROM_TOP_PX)
        )

    # -- files and process ---------------------------------------------------------------------

    @property
    def log_file(self) -> Path:
        state = Path(self.desktop.env["XDG_STATE_HOME"])
        return state / "timeman-tray" / "log" / "timeman-tray.log"

    def log_text(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def wait_for_log(self, regex: str, timeout_s: float = 10.0) -> re.Match[str]:
        """The first match of ``regex`` (multi-line) in the app's log file."""
        pattern = re.compile(regex, re.MULTILINE)
        return wait_until(
            lambda: pattern.search(self.log_text()),
            timeout_s,
            lambda: f"the log never said {regex!r}:\n{self.log_text()[-3000:]}",
        )

    def log_count(self, regex: str) -> int:
        """How often ``regex`` (multi-line) occurs in the app's log file."""
        return len(re.findall(regex, self.log_text(), re.MULTILINE))

    def notified(self, title: str) -> int:
        """How many notifications titled ``title`` the app has logged (shown or not)."""
        return self.log_count(rf"notification: {re.escape(title)}: ")

    def reminder_record(self) -> dict[str, object]:
        """What the app keeps of today's reminders (``reminders.json`` in its state folder)."""
        path = Path(self.desktop.env["XDG_STATE_HOME"]) / "timeman-tray" / "reminders.json"
        document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
        return document

    def settings_document(self) -> dict[str, object]:
        """The settings file as the app wrote it."""
        path = Path(self.desktop.env["XDG_CONFIG_HOME"]) / "timeman-tray" / "settings.json"
        document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
        return document

    def alive(self) -> None:
        if self.process.poll() is not None:
            raise DesktopError(f"the app exited with {self.process.returncode}\n{self.tail()}")

    def tail(self) -> str:
        stderr = self.desktop.output(self.process, "stderr")[-2000:]
        return f"[stderr]\n{stderr}\n[log]\n{self.log_text()[-2000:]}"


# -- the keyring --------------------------------------------------------------------------------


def keyring_secret(desktop: Desktop, username: str) -> str:
    """What ``secret-tool`` finds for timeman-tray's ``username`` on the desktop's bus."""
    found = subprocess.run(
        ["secret-tool", "lookup", "service", "timeman-tray", "username", username],
        capture_output=True,
        text=True,
        env=desktop.env,
        timeout=30,
        check=False,
    )
    return found.stdout


def wait_for_secret(desktop: Desktop, username: str, timeout_s: float = 15.0) -> str:
    """The secret, once the keyring holds one for ``username``."""
    return wait_until(
        lambda: keyring_secret(desktop, username) or None,
        timeout_s,
        lambda: f"the keyring holds nothing for {username}",
        interval_s=0.2,
    )


def app_env(portal: Portal) -> dict[str, str]:
    """Trust the simulator's CA; Moscow time; English."""
    return {
        "SSL_CERT_FILE": str(portal.ca_file),
        "TZ": "Europe/Moscow",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "LANGUAGE": "",
    }


def sign_in(desktop: Desktop, portal: Portal, user_id: int = 1) -> None:
    """``timeman-tray login`` with the webhook on stdin, as a person would beforehand (the
    secret goes into the desktop's real keyring)."""
    login = subprocess.run(
        [sys.executable, "-m", "tray_app", "login"],
        input=portal.sim.webhook_url(user_id) + "\n",
        env={**desktop.env, **app_env(portal)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert login.returncode == 0, login.stderr
