"""The frozen app: stage the sources as an installed package would lay them out, then run
PyInstaller on ``packaging/pyinstaller/timeman-tray.spec`` (one folder, trimmed by
:mod:`installers.trim`).

Staging: ``tray_app/`` is copied as it is, and ``resources/`` goes inside it as
``tray_app/resources/`` (as ``pyproject.toml`` maps it), with the icons and the translations
compiled from ``resources/translations/*.ts``. Nothing is written into the checkout.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Final, Literal

from installers.project import APP_ID, APP_NAME, PACKAGING, ROOT, BuildError, run, version

__all__ = [
    "TARGETS",
    "Bundle",
    "Target",
    "build_bundle",
    "languages",
    "stage_sources",
    "system_python",
]

Target = Literal["linux", "windows", "macos"]
TARGETS: Final[tuple[Target, ...]] = ("linux", "windows", "macos")
SPEC: Final = PACKAGING / "pyinstaller" / "timeman-tray.spec"
ENTRY_CONSOLE: Final = PACKAGING / "pyinstaller" / "entry_console.py"
ENTRY_GUI: Final = PACKAGING / "pyinstaller" / "entry_gui.py"


@dataclass(frozen=True)
class Bundle:
    """A finished bundle: ``folder`` holds the executable(s) and ``_internal``; on macOS
    ``app`` is the ``.app``."""

    target: Target
    folder: Path
    app: Path | None
    dropped: tuple[str, ...]
    modules: tuple[str, ...]
    """Top-level module names in the bundle (for the license notices)."""

    @property
    def executable(self) -> Path:
        suffix = ".exe" if self.target == "windows" else ""
        return self.folder / f"{APP_NAME}{suffix}"


def _translations_tool() -> ModuleType:
    path = ROOT / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations", path)
    if spec is None or spec.loader is None:
        raise BuildError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def languages(root: Path = ROOT) -> list[str]:
    """The languages the app has a catalogue for (``timeman-tray_ru.ts`` -> ``ru``)."""
    return sorted(
        ts.stem.split("_", 1)[1]
        for ts in (root / "resources" / "translations").glob(f"{APP_NAME}_*.ts")
    )


def stage_sources(work: Path, root: Path = ROOT) -> Path:
    """``work/stage`` with ``tray_app`` as installed (resources inside, ``.qm`` built)."""
    stage = work / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    package = stage / "tray_app"
    shutil.copytree(
        root / "tray_app", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    resources = package / "resources"
    (resources / "icons").mkdir(parents=True)
    for svg in sorted((root / "resources" / "icons").glob("*.svg")):
        shutil.copy2(svg, resources / "icons" / svg.name)
    translations = resources / "translations"
    translations.mkdir()
    for ts in sorted((root / "resources" / "translations").glob("*.ts")):
        shutil.copy2(ts, translations / ts.name)
    built = _translations_tool().build(translations)
    for ts in translations.glob("*.ts"):
        ts.unlink()
    if len(built) != len(languages(root)):
        raise BuildError(f"expected a .qm for each of {languages(root)}, built {built}")
    return stage


def info_plist(app_version: str) -> dict[str, object]:
    """What the macOS ``Info.plist`` adds to PyInstaller's: tray only (no Dock icon)."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": app_version,
        "CFBundleVersion": app_version,
        "LSUIElement": True,
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "MIT License",
    }


def system_python(
    candidates: tuple[str, ...] = ("/usr/bin/python3",),
) -> str | None:
    """The Linux distribution's own Python, if it is the version running this build and has
    the shared ``libpython`` PyInstaller bundles (Debian: the libpython3.X package).

    Why prefer it: the bundle carries the interpreter's runtime, and the distribution's is
    built against the system's expat, zlib and OpenSSL with no foreign library search path,
    where a self-built one (pyenv) embeds its own copies and points to its build folder.
    The virtual environment's packages are borrowed (same minor version, so the same binary
    interface).
    """
    for candidate in candidates:
        path = Path(candidate)
        if not path.is_file() or path.resolve() == Path(sys.executable).resolve():
            continue
        probe = (
            "import sys, sysconfig, os; "
            "v = sysconfig.get_config_var('LDVERSION'); "
            "d = [sysconfig.get_config_var('LIBDIR'), sysconfig.get_config_var('LIBPL')]; "
            "m = sysconfig.get_config_var('MULTIARCH') or ''; "
            "d.append(os.path.join(d[0] or '', m)); "
            "ok = any(os.path.exists(os.path.join(x or '', f'libpython{v}.so.1.0')) for x in d); "
            "print(f'{sys.version_info[0]}.{sys.version_info[1]} {int(ok)}')"
        )
        try:
            answer = run([path, "-I", "-c", probe], capture=True).split()
        except BuildError:
            continue
        ours = f"{sys.version_info[0]}.{sys.version_info[1]}"
        if answer == [ours, "1"]:
            return str(path)
    return None


def _borrowing_environment(python: str, work: Path) -> str:
    """A virtual environment of ``python`` whose site-packages *is* this environment's (a
    symbolic link), so PyInstaller sees the packages in a site folder (it keeps their layout:
    PySide6/Qt/lib/...) and nothing of the system's own Python packages."""
    env_dir = work / "python-env"
    shutil.rmtree(env_dir, ignore_errors=True)
    (env_dir / "bin").mkdir(parents=True)
    major_minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    (env_dir / "lib" / f"python{major_minor}").mkdir(parents=True)
    (env_dir / "lib" / f"python{major_minor}" / "site-packages").symlink_to(
        sysconfig.get_path("purelib")
    )
    (env_dir / "bin" / "python").symlink_to(python)
    (env_dir / "pyvenv.cfg").write_text(
        f"home = {Path(python).parent}\ninclude-system-site-packages = false\n",
        encoding="utf-8",
    )
    return str(env_dir / "bin" / "python")


def build_bundle(
    target: Target,
    work: Path,
    *,
    icon: Path | None = None,
    version_file: Path | None = None,
    codesign_identity: str | None = None,
    python: str | None = None,
) -> Bundle:
    """Stage, then freeze with PyInstaller into ``work/dist``.

    ``python``: freeze with this interpreter (same minor version) and the running
    environment's packages, see :func:`system_python` and :func:`_borrowing_environment`;
    by default the running one.
    """
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is not installed in this Python: pip install -e '.[package]'")
    work.mkdir(parents=True, exist_ok=True)
    stage = stage_sources(work)
    report = work / "trim-report.json"
    app_version = version()
    config = {
        "name": APP_NAME,
        "version": app_version,
        "target": target,
        "stage": str(stage),
        "entry_console": str(ENTRY_CONSOLE),
        "entry_gui": str(ENTRY_GUI),
        "icon": str(icon) if icon else None,
        "languages": languages(),
        "bundle_id": APP_ID,
        "info_plist": info_plist(app_version),
        "strip": target == "linux",
        "report": str(report),
        "version_file": str(version_file) if version_file else None,
        "codesign_identity": codesign_identity,
    }
    config_file = work / "bundle-config.json"
    config_file.write_text(json.dumps(config, indent=1), encoding="utf-8")
    dist = work / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    env = {
        **os.environ,
        "TIMEMAN_BUNDLE_CONFIG": str(config_file),
        # PyInstaller's cache of processed (stripped) libraries stays with the build.
        "PYINSTALLER_CONFIG_DIR": str(work / "pyinstaller-cache"),
    }
    run(
        [
            _borrowing_environment(python, work) if python else sys.executable,
            *("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"),
            *("--workpath", work / "pyinstaller", "--distpath", dist),
            SPEC,
        ],
        env=env,
        cwd=work,  # not the checkout: its tray_app/ must not shadow the staged one
    )
    folder = dist / APP_NAME
    app = dist / f"{APP_NAME}.app" if target == "macos" else None
    if not folder.is_dir():
        raise BuildError(f"PyInstaller made no {folder}")
    trimmed = json.loads(report.read_text(encoding="utf-8"))
    return Bundle(target, folder, app, tuple(trimmed["dropped"]), tuple(trimmed["modules"]))
