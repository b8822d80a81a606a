"""The macOS disk image: PyInstaller's ``timeman-tray.app`` (``LSUIElement``: a menu-bar
icon only, no Dock icon; the icon as ``.icns``), signed if asked, in a compressed ``.dmg``
with a link to ``/Applications`` to drag it onto.

Signing and notarization: set ``TIMEMAN_CODESIGN_IDENTITY`` (a "Developer ID Application"
identity in the keychain) to sign the app with the hardened runtime; with
``TIMEMAN_NOTARY_PROFILE`` (a ``notarytool store-credentials`` profile) the image is also
notarized and stapled.
"""

from __future__ import annotations

import os
import plistlib
import shutil
from pathlib import Path
from typing import Final

from installers import notices
from installers.bundle import Bundle
from installers.project import APP_NAME, PACKAGING, BuildError, require_tool, run, version

__all__ = [
    "ENTITLEMENTS",
    "IDENTITY_VARIABLE",
    "NOTARY_VARIABLE",
    "build_dmg",
    "check_info_plist",
]

IDENTITY_VARIABLE: Final = "TIMEMAN_CODESIGN_IDENTITY"
ENTITLEMENTS: Final = PACKAGING / "macos" / "entitlements.plist"
NOTARY_VARIABLE: Final = "TIMEMAN_NOTARY_PROFILE"


def check_info_plist(app: Path) -> dict[str, object]:
    """The app's Info.plist, after checking what the tray app relies on."""
    with (app / "Contents" / "Info.plist").open("rb") as stream:
        info: dict[str, object] = plistlib.load(stream)
    if info.get("LSUIElement") is not True:
        raise BuildError(f"{app} is not LSUIElement: it would show a Dock icon")
    if info.get("CFBundleShortVersionString") != version():
        raise BuildError(f"{app} has the version {info.get('CFBundleShortVersionString')}")
    return info


def build_dmg(bundle: Bundle, out: Path, work: Path, components: list[notices.Component]) -> Path:
    """``out/timeman-tray-<version>.dmg`` holding the app."""
    if bundle.app is None:
        raise BuildError("the macOS bundle has no .app")
    check_info_plist(bundle.app)
    resources = bundle.app / "Contents" / "Resources"
    (resources / "NOTICES.txt").write_text(notices.notices_text(components), encoding="utf-8")
    identity = os.environ.get(IDENTITY_VARIABLE)
    if identity:
        run(
            [
                require_tool("codesign", "install Xcode's command line tools"),
                *("--force", "--deep", "--options", "runtime", "--timestamp"),
                *("--entitlements", ENTITLEMENTS),
                *("--sign", identity, bundle.app),
            ]
        )
    image_root = work / "dmg"
    shutil.rmtree(image_root, ignore_errors=True)
    image_root.mkdir(parents=True)
    shutil.copytree(bundle.app, image_root / bundle.app.name, symlinks=True)
    (image_root / "Applications").symlink_to("/Applications")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{APP_NAME}-{version()}.dmg"
    target.unlink(missing_ok=True)
    run(
        [
            require_tool("hdiutil", "hdiutil comes with macOS"),
            *("create", "-volname", f"{APP_NAME} {version()}", "-srcfolder", image_root),
            *("-fs", "HFS+", "-format", "UDZO", "-ov", target),
        ]
    )
    profile = os.environ.get(NOTARY_VARIABLE)
    if identity and profile:
        run(["xcrun", "notarytool", "submit", target, "--keychain-profile", profile, "--wait"])
        run(["xcrun", "stapler", "staple", target])
    return target
