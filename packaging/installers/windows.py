"""The Windows installer: the bundle (``timeman-tray.exe`` without a console window for the
tray, ``timeman-tray-cli.exe`` for the command line), then Inno Setup
(``packaging/windows/timeman-tray.iss``) makes ``timeman-tray-<version>-setup.exe``.

The installer needs no administrator rights (per-user, under ``%LOCALAPPDATA%\\Programs``),
adds a Start menu entry and, if chosen, starts the tray at login through the same registry
value the app's own setting uses; the uninstaller removes the program and that value, and
leaves the user's settings (``%APPDATA%\\timeman-tray``) and the secret in Windows Credential
Manager alone.

Signing: set ``TIMEMAN_SIGN_COMMAND`` to a command with ``$f`` where the file goes (Inno
Setup's SignTool syntax, e.g. ``signtool sign /fd sha256 /a /tr http://ts.example $f``); the
executables are signed before they are packed and the setup and uninstaller by Inno Setup.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path
from typing import Final

from installers import notices
from installers.bundle import Bundle
from installers.project import APP_NAME, PACKAGING, BuildError, run, version

__all__ = ["ISS", "SIGN_VARIABLE", "build_installer", "iscc_arguments", "version_info"]

ISS: Final = PACKAGING / "windows" / f"{APP_NAME}.iss"
SIGN_VARIABLE: Final = "TIMEMAN_SIGN_COMMAND"
_ISCC_PLACES: Final = (
    r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
    r"C:\Program Files\Inno Setup 6\ISCC.exe",
)


def version_info(target: Path) -> Path:
    """A PyInstaller version resource, so Explorer shows the version and the product."""
    numbers = [int(part) for part in version().split(".")[:3] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    tuple_text = ", ".join(str(number) for number in numbers)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({tuple_text}), prodvers=({tuple_text})),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'timeman-tray'),
      StringStruct('FileDescription', 'timeman-tray'),
      StringStruct('FileVersion', '{version()}'),
      StringStruct('InternalName', '{APP_NAME}'),
      StringStruct('LegalCopyright', 'MIT License'),
      StringStruct('OriginalFilename', '{APP_NAME}.exe'),
      StringStruct('ProductName', 'timeman-tray'),
      StringStruct('ProductVersion', '{version()}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
    target.write_text(text, encoding="utf-8")
    return target


def _iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for place in _ISCC_PLACES:
        if Path(place).is_file():
            return place
    raise BuildError("Inno Setup's ISCC.exe not found: choco install innosetup")


def iscc_arguments(bundle_folder: Path, out: Path, icon: Path, sign: str | None) -> list[str]:
    """The ``/D`` definitions the ``.iss`` script expects (and the signing tool, if any)."""
    arguments = [
        f"/DAppVersion={version()}",
        f"/DBundleDir={bundle_folder}",
        f"/DOutputDir={out}",
        f"/DAppIcon={icon}",
    ]
    if sign:
        arguments += [f"/Ssigntool={sign}", "/DSignTool=signtool"]
    return arguments


def _sign_files(folder: Path, command: str) -> None:
    for exe in sorted(folder.glob("*.exe")):
        run([part.replace("$f", str(exe)) for part in shlex.split(command, posix=False)])


def build_installer(
    bundle: Bundle, out: Path, icon: Path, components: list[notices.Component]
) -> Path:
    """``out/timeman-tray-<version>-setup.exe`` from the bundle."""
    (bundle.folder / "NOTICES.txt").write_text(notices.notices_text(components), encoding="utf-8")
    sign = os.environ.get(SIGN_VARIABLE) or None
    if sign:
        _sign_files(bundle.folder, sign)
    out.mkdir(parents=True, exist_ok=True)
    run([_iscc(), *iscc_arguments(bundle.folder, out, icon, sign), str(ISS)])
    target = out / f"{APP_NAME}-{version()}-setup.exe"
    if not target.is_file():
        raise BuildError(f"Inno Setup made no {target}")
    return target
