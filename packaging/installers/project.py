"""Facts about the project that every installer needs: where things are, the one version
string, the names and texts shown by package managers, and small helpers (running a tool,
sizes). Standard library only.
"""

from __future__ import annotations

import ast
import math
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "APP_ID",
    "APP_NAME",
    "DEFAULT_MAINTAINER",
    "DESCRIPTION",
    "LONG_DESCRIPTION",
    "PACKAGING",
    "ROOT",
    "SUMMARY",
    "BuildError",
    "Step",
    "human_size",
    "installed_size_kib",
    "maintainer",
    "require_tool",
    "run",
    "tree_files",
    "version",
]

PACKAGING: Final = Path(__file__).resolve().parent.parent
ROOT: Final = PACKAGING.parent
APP_NAME: Final = "timeman-tray"
APP_ID: Final = "com.timeman-tray"
"""Reverse-DNS id: the macOS bundle identifier (and the LaunchAgent label of autostart.py)."""
SUMMARY: Final = "Bitrix24 workday in the system tray"
DESCRIPTION: Final = "system-tray client for the Bitrix24 workday (timeman)"
LONG_DESCRIPTION: Final = (
    "timeman-tray shows in the system tray whether today's Bitrix24 workday is running, "
    "paused, closed or left open from an earlier day, and for how long you have worked. Its "
    "menu starts, pauses, resumes and closes the day, and fixes a forgotten start or end "
    "time; a command line does the same for scripts. The webhook secret is kept only in the "
    "operating system's keyring."
)
DEFAULT_MAINTAINER: Final = "timeman-tray maintainers <maintainers@timeman-tray.example>"


def maintainer(environ: Mapping[str, str] | None = None) -> str:
    """Who signs the Linux packages: ``DEBFULLNAME <DEBEMAIL>`` (Debian's convention), else
    the project's maintainers."""
    env = os.environ if environ is None else environ
    name, email = env.get("DEBFULLNAME", "").strip(), env.get("DEBEMAIL", "").strip()
    if name and email:
        return f"{name} <{email}>"
    return DEFAULT_MAINTAINER


class BuildError(RuntimeError):
    """A build step failed; ``str()`` says which and why, for a person."""


def version(root: Path = ROOT) -> str:
    """``tray_app.__version__``, read from the source without importing the package."""
    source = (root / "tray_app" / "__init__.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise BuildError("tray_app/__init__.py defines no __version__ string")


def require_tool(name: str, hint: str) -> str:
    """The full path of the program ``name``, or a :class:`BuildError` saying how to get it."""
    found = shutil.which(name)
    if found is None:
        raise BuildError(f"{name} not found: {hint}")
    return found


def run(
    argv: Sequence[str | os.PathLike[str]],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    capture: bool = False,
) -> str:
    """Run a tool; its output goes to ours unless ``capture`` (then it is returned). A
    failure raises :class:`BuildError` with the command and, when captured, its output."""
    command = [str(part) for part in argv]
    try:
        result = subprocess.run(  # noqa: S603  # an argument list built here, no shell
            command,
            cwd=cwd,
            env=None if env is None else dict(env),
            capture_output=capture,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BuildError(f"could not run {command[0]}: {error}") from error
    if result.returncode != 0:
        detail = f"\n{result.stdout}{result.stderr}" if capture else ""
        raise BuildError(
            f"{shlex.join(command)} failed with exit status {result.returncode}{detail}"
        )
    return result.stdout if capture else ""


def tree_files(root: Path) -> Iterator[Path]:
    """Every file and symlink under ``root``, sorted (directories are not listed)."""
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or path.is_file():
            yield path


def installed_size_kib(root: Path) -> int:
    """What dpkg-gencontrol would write as ``Installed-Size``: each regular file's size rounded
    up to a KiB, plus 1 KiB for every other file system object (directory, symlink)."""
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += math.ceil(path.stat().st_size / 1024)
        else:
            total += 1
    return total


def human_size(size: int) -> str:
    """``31.5 MB (30.0 MiB)``: both units, since budgets come in both."""
    return f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)"


@dataclass
class Step:
    """Announce a build step and time it: ``with Step("bundle"): ...``."""

    name: str
    started: float = 0.0

    def __enter__(self) -> Step:
        print(f"==> {self.name}", flush=True)
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            print(f"    {self.name}: {time.monotonic() - self.started:.1f} s", flush=True)


def python() -> str:
    """The interpreter running the build (its environment holds the app's dependencies)."""
    return sys.executable
