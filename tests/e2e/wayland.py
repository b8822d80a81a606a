"""A Wayland compositor for end-to-end tests: weston 10, with its headless backend by default.

:class:`Weston` runs ``weston --backend=headless-backend.so`` on its own socket in a fresh 0700
runtime folder, with ``--debug`` so that ``weston-screenshooter`` may take pictures of the
whole output. The backend has no input seat: tests drive the app over D-Bus (its tray item and
menu) and look at the result in screenshots. :func:`changed_area` finds what a step drew: the
bounding box of the pixels that differ between two screenshots.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Final

from tests.e2e.x11 import Geometry

__all__ = ["WESTON_PROGRAMS", "Weston", "changed_area"]

WESTON_PROGRAMS: Final = ("weston", "weston-screenshooter", "convert")
_START_TIMEOUT_S: Final = 10.0
PANEL_HEIGHT: Final = 32
"""weston's own panel along the top (its clock changes every minute): left out of a diff."""
# Differences below this (of 1.0) are the clock in weston's panel and antialiasing noise.
_DIFFERENCE_THRESHOLD: Final = "20%"


class Weston:
    """weston on ``socket`` in its own runtime folder; a context manager. ``backend`` is the
    headless one by default (no input seat); ``env`` adds to weston's environment (the x11
    backend needs ``DISPLAY``)."""

    def __init__(
        self,
        socket: str = "wayland-timeman-e2e",
        size: tuple[int, int] = (1024, 768),
        *,
        backend: str = "headless-backend.so",
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.socket = socket
        self.size = size
        self.backend = backend
        self._extra_env = dict(env or {})
        self.runtime = Path(tempfile.mkdtemp(prefix="xdg-timeman-"))
        self.runtime.chmod(0o700)
        self._process: subprocess.Popen[bytes] | None = None
        self._shots = 0

    @property
    def env(self) -> dict[str, str]:
        """What a client needs to reach this compositor."""
        return {"WAYLAND_DISPLAY": self.socket, "XDG_RUNTIME_DIR": str(self.runtime)}

    @property
    def log_text(self) -> str:
        return (self.runtime / "weston.log").read_text(errors="replace")

    def __enter__(self) -> Weston:
        width, height = self.size
        with (self.runtime / "weston.log").open("wb") as log:
            self._process = subprocess.Popen(
                [
                    *("weston", f"--backend={self.backend}", f"--socket={self.socket}"),
                    *("--use-pixman", f"--width={width}", f"--height={height}"),
                    *("--idle-time=0", "--debug"),
                ],
                env={
                    "PATH": "/usr/bin:/bin",
                    **self._extra_env,
                    "XDG_RUNTIME_DIR": str(self.runtime),
                },
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not (self.runtime / self.socket).exists():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError(f"weston made no socket:\n{self.log_text[-2000:]}")
            time.sleep(0.05)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        shutil.rmtree(self.runtime, ignore_errors=True)

    def screenshot(self, target: Path) -> Path:
        """The whole output as a PNG at ``target`` (weston-screenshooter writes into its
        working folder under a name of its own)."""
        self._shots += 1
        folder = self.runtime / f"shot-{self._shots}"
        folder.mkdir()
        subprocess.run(
            ["weston-screenshooter"],
            cwd=folder,
            env={"PATH": "/usr/bin:/bin", **self.env},
            check=True,
            capture_output=True,
            timeout=30,
        )
        (picture,) = folder.glob("*.png")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(picture, target)
        return target


def changed_area(before: Path, after: Path) -> Geometry | None:
    """The bounding box of what differs between two screenshots below weston's panel, or None
    when nothing does."""
    below_panel = f"100%x100%+0+{PANEL_HEIGHT}"
    box = subprocess.run(
        [
            *("convert", str(before), str(after), "-crop", below_panel, "+repage"),
            *("-compose", "difference", "-composite"),
            *("-colorspace", "gray", "-threshold", _DIFFERENCE_THRESHOLD, "-format", "%@", "info:"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    size, _, place = box.partition("+")
    width, _, height = size.partition("x")
    x, _, y = place.partition("+")
    if int(width) == 0 or int(height) == 0:
        return None  # nothing to trim: ImageMagick says 0x0
    return Geometry(int(x), int(y) + PANEL_HEIGHT, int(width), int(height))
