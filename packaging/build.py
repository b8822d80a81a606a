#!/usr/bin/env python3
"""Build timeman-tray's desktop installers from a checkout.

::

    python packaging/build.py deb            # Debian/Ubuntu package (on Debian)
    python packaging/build.py deb rpm        # both from one bundle (rpm needs rpmbuild)
    python packaging/build.py windows        # Inno Setup installer (on Windows)
    python packaging/build.py macos          # .app in a .dmg (on macOS)
    python packaging/build.py --version      # the version the packages get

Each target first freezes the app with PyInstaller (one folder, trimmed of what the app does
not use; see packaging/installers/trim.py), then makes the platform's installer. The version
is ``tray_app.__version__``. Needs the app's dependencies and PyInstaller in the running
Python: ``pip install -e '.[package]'``.

Outputs go to ``--out`` (default ``dist/``), intermediate files to ``--work`` (default
``build/packaging/``). The ``.deb`` is checked with lintian when it is installed (errors fail
the build) and both its sizes are held to their budgets.

Exit status: 0 built; 1 a build step failed; 2 bad usage (or a target for another system).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the installers package beside us

from installers import icons, notices
from installers.bundle import Bundle, Target, build_bundle, system_python
from installers.macos import IDENTITY_VARIABLE
from installers.project import (
    APP_NAME,
    ROOT,
    BuildError,
    Step,
    human_size,
    version,
)

TARGETS: Final = ("deb", "rpm", "windows", "macos")
HOSTS: Final[dict[str, str]] = {
    "deb": "linux",
    "rpm": "linux",
    "windows": "win32",
    "macos": "darwin",
}
SYSTEM_NAMES: Final[dict[str, str]] = {"linux": "Linux", "win32": "Windows", "darwin": "macOS"}
BUNDLE_TARGET: Final[dict[str, Target]] = {"linux": "linux", "win32": "windows", "darwin": "macos"}
DEB_BUDGET: Final = 33 * 10**6
"""The .deb file: 33 MB."""
INSTALLED_BUDGET_KIB: Final = 110 * 1024
"""Installed-Size: 110 MiB."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build timeman-tray's installers: a frozen bundle, then the platform's "
        "package.",
    )
    parser.add_argument(
        "targets", nargs="*", metavar="TARGET", help=f"what to build: {', '.join(TARGETS)}"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "dist", help="where the installers go (dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "packaging",
        help="intermediate files (build/packaging/)",
    )
    parser.add_argument(
        "--python",
        default="auto",
        help="the interpreter whose runtime the bundle carries: 'auto' (on Linux the "
        "distribution's python3 when it is this Python's version, else this one), 'current', "
        "or a path",
    )
    parser.add_argument(
        "--no-lintian", action="store_true", help="do not check the .deb with lintian"
    )
    args = parser.parse_args(argv)
    if args.version:
        return args
    if not args.targets:
        parser.error("name at least one target: " + ", ".join(TARGETS))
    unknown = [target for target in args.targets if target not in TARGETS]
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    hosts = {HOSTS[target] for target in args.targets}
    here = "linux" if sys.platform.startswith("linux") else sys.platform
    if hosts != {here}:
        wanted = " and ".join(SYSTEM_NAMES[host] for host in sorted(hosts))
        parser.error(
            f"{' and '.join(args.targets)} must be built on {wanted}, not on "
            f"{SYSTEM_NAMES.get(here, here)}: PyInstaller does not cross-compile (the CI "
            "workflow builds each installer on its own system)"
        )
    args.targets = list(dict.fromkeys(args.targets))
    return args


def _components(bundle: Bundle, python: str | None) -> list[notices.Component]:
    on_disk = [path.name.split(".")[0] for path in (bundle.folder / "_internal").iterdir()]
    components = [notices.python_runtime(python)]
    components += notices.bundled_distributions(bundle.modules, on_disk)
    if "PySide6" in on_disk:
        components += notices.qt_extras()
    return components


def _linux(
    args: argparse.Namespace, bundle: Bundle, out: Path, work: Path, python: str | None
) -> dict[str, object]:
    from installers import debian, rpm  # noqa: PLC0415

    figures: dict[str, object] = {}
    components = _components(bundle, python)
    with Step("deb"):
        deb = debian.build_deb(bundle, out, work, components)
    figures.update(
        deb=str(deb.path),
        deb_bytes=deb.size,
        installed_kib=deb.installed_kib,
        depends=deb.depends,
    )
    print(f"    {deb.path}")
    print(f"    .deb size:      {human_size(deb.size)}  (budget {DEB_BUDGET / 1e6:.0f} MB)")
    print(
        f"    installed size: {deb.installed_kib / 1024:.1f} MiB "
        f"(Installed-Size {deb.installed_kib} KiB; budget {INSTALLED_BUDGET_KIB // 1024} MiB)"
    )
    print(f"    Depends: {deb.depends}")
    if not args.no_lintian:
        with Step("lintian"):
            status, report = debian.lintian(deb.path)
        print("\n".join(f"    {line}" for line in report.splitlines()) or "    (no tags)")
        figures["lintian"] = report
        errors = debian.lintian_errors(report)
        if errors:
            raise BuildError(f"lintian reports {len(errors)} error(s):\n" + "\n".join(errors))
        if status != 0:
            raise BuildError(f"lintian failed with exit status {status}")
    over = []
    if deb.size > DEB_BUDGET:
        over.append(f".deb is {human_size(deb.size)}, over {DEB_BUDGET / 1e6:.0f} MB")
    if deb.installed_kib > INSTALLED_BUDGET_KIB:
        over.append(f"installed size {deb.installed_kib} KiB is over {INSTALLED_BUDGET_KIB} KiB")
    if over:
        raise BuildError("size budget exceeded: " + "; ".join(over))
    if "rpm" in args.targets:
        with Step("rpm"):
            package = rpm.build_rpm(deb.root, out, work)
        print(f"    {package.path}\n    .rpm size: {human_size(package.size)}")
        figures.update(rpm=str(package.path), rpm_bytes=package.size)
    return figures


def _interpreter(choice: str, target: Target) -> str | None:
    """The Python to freeze with: ``auto`` is the distribution's own on Linux when it fits
    (see :func:`installers.bundle.system_python`), else the running one (None)."""
    if choice == "current":
        return None
    if choice == "auto":
        return system_python() if target == "linux" else None
    return choice


def build(args: argparse.Namespace) -> dict[str, object]:
    """Build every target of ``args``; returns the figures written to ``out/build-info.json``."""
    out: Path = args.out.resolve()
    work: Path = args.work.resolve()
    target = BUNDLE_TARGET["linux" if sys.platform.startswith("linux") else sys.platform]
    started = time.monotonic()
    work.mkdir(parents=True, exist_ok=True)
    icon: Path | None = None
    version_file: Path | None = None
    if target == "windows":
        from installers import windows  # noqa: PLC0415

        icon = icons.write_ico(work / f"{APP_NAME}.ico")
        version_file = windows.version_info(work / "version-info.txt")
    elif target == "macos":
        icon = icons.write_icns(work / f"{APP_NAME}.icns")
    identity = (os.environ.get(IDENTITY_VARIABLE) or None) if target == "macos" else None
    python = _interpreter(args.python, target)
    with Step(f"bundle ({target}, PyInstaller with {python or sys.executable})"):
        bundle = build_bundle(
            target,
            work,
            icon=icon,
            version_file=version_file,
            codesign_identity=identity,
            python=python,
        )
    print(f"    {bundle.folder}: {len(bundle.dropped)} unused files left out")
    figures: dict[str, object] = {"version": version(), "targets": args.targets}
    if target == "linux":
        figures.update(_linux(args, bundle, out, work, python))
    elif target == "windows":
        from installers import windows  # noqa: PLC0415

        assert icon is not None
        with Step("Inno Setup"):
            setup = windows.build_installer(bundle, out, icon, _components(bundle, python))
        print(f"    {setup}: {human_size(setup.stat().st_size)}")
        figures["windows"] = str(setup)
    else:
        from installers import macos  # noqa: PLC0415

        with Step("dmg"):
            image = macos.build_dmg(bundle, out, work, _components(bundle, python))
        print(f"    {image}: {human_size(image.stat().st_size)}")
        figures["macos"] = str(image)
    figures["seconds"] = round(time.monotonic() - started, 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / "build-info.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(f"==> done in {figures['seconds']} s")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.version:
        print(version())
        return 0
    try:
        build(args)
    except BuildError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be made, a full disk...
        print(f"build.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
