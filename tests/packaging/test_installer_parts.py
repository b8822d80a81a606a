"""The pieces of the installers, each on its own and fast: what the bundle keeps, the ELF
reader, the icon containers, the license notices, the Debian and rpm metadata, the desktop
entry, the lintian overrides, the Windows and macOS files."""

from __future__ import annotations

import configparser
import gzip
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from installers import debian, icons, notices, rpm, trim
from installers.bundle import info_plist, languages, stage_sources
from installers.elf import ElfError, is_elf, read_elf
from installers.macos import check_info_plist
from installers.project import BuildError, installed_size_kib, maintainer, version
from installers.windows import ISS, iscc_arguments
from PySide6.QtWidgets import QApplication

from tray_app import __version__
from tray_app.services import autostart

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"

# -- what the bundle keeps ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("destination", "expected"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", ("platforms", "qxcb")),
        ("PySide6\\Qt6\\plugins\\platforms\\qwindows.dll", ("platforms", "qwindows")),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.dylib", ("iconengines", "qsvgicon")),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        ("plugins/platforms/libqxcb.so", None),
    ],
)
def test_plugin_of(destination: str, expected: tuple[str, str] | None) -> None:
    assert trim.plugin_of(destination) == expected


@pytest.mark.parametrize(
    ("folder", "name", "kept"),
    [
        ("platforms", "qxcb", True),
        ("platforms", "qwayland", True),
        ("platforms", "qwayland-egl", True),
        ("platforms", "qeglfs", False),
        ("platforms", "qvnc", False),
        ("platformthemes", "qgtk3", False),
        ("platformthemes", "qxdgdesktopportal", True),
        ("iconengines", "qsvgicon", True),
        ("imageformats", "qsvg", True),
        ("imageformats", "qjpeg", False),
        ("networkinformation", "qnetworkmanager", True),
        ("tls", "qopensslbackend", False),
        ("sqldrivers", "qsqlite", False),
        ("wayland-shell-integration", "xdg-shell", True),
        ("wayland-shell-integration", "ivi-shell", False),
    ],
)
def test_keep_plugin(folder: str, name: str, kept: bool) -> None:
    assert trim.keep_plugin(folder, name) is kept


def test_only_qts_own_translations_of_the_apps_languages_stay() -> None:
    assert trim.keep_data("PySide6/Qt/translations/qtbase_ru.qm", ["ru"])
    assert not trim.keep_data("PySide6/Qt/translations/qtbase_de.qm", ["ru"])
    assert not trim.keep_data("PySide6/Qt/translations/qtdeclarative_ru.qm", ["ru"])
    assert trim.keep_data("tray_app/resources/translations/timeman-tray_ru.qm", ["ru"])
    assert trim.keep_data("certifi/cacert.pem", [])


@pytest.mark.parametrize(
    ("source", "system"),
    [
        ("/usr/lib/x86_64-linux-gnu/libxcb.so.1", True),
        ("/lib/x86_64-linux-gnu/libssl.so.3", True),
        ("/usr/lib64/libstdc++.so.6", True),
        ("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", False),
        ("/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
        ("/work/.venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6", False),
        ("/opt/hostedtoolcache/Python/3.11.9/x64/lib/libpython3.11.so.1.0", False),
    ],
)
def test_is_system_library(source: str, system: bool) -> None:
    assert trim.is_system_library(source) is system


def test_needed_closure_follows_needed_names_only() -> None:
    needs = {"a": ["libb.so"], "b": ["libc.so"], "c": [], "d": ["libb.so"]}
    provided = {"libb.so": "b", "libc.so": "c", "libd.so": "d"}
    assert trim.needed_closure(["a"], needs, provided) == {"a", "b", "c"}
    assert trim.needed_closure([], needs, provided) == set()


def test_select_drops_plugins_system_libraries_and_what_nothing_needs() -> None:
    site = "/venv/site-packages/PySide6/Qt"
    binaries = [
        ("PySide6/QtCore.abi3.so", f"{site}/../QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", f"{site}/lib/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", f"{site}/lib/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Qml.so.6", f"{site}/lib/libQt6Qml.so.6", "BINARY"),
        (
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            f"{site}/plugins/platforms/libqxcb.so",
            "BINARY",
        ),
        (
            "PySide6/Qt/plugins/platforms/libqvnc.so",
            f"{site}/plugins/platforms/libqvnc.so",
            "BINARY",
        ),
        ("PySide6/Qt/lib/libQt6Network.so.6", f"{site}/lib/libQt6Network.so.6", "BINARY"),
        ("libxcb.so.1", "/usr/lib/x86_64-linux-gnu/libxcb.so.1", "BINARY"),
        ("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    needed = {
        "QtCore.abi3.so": ("libQt6Core.so.6",),
        "libqxcb.so": ("libQt6Gui.so.6", "libxcb.so.1"),
        "libqvnc.so": ("libQt6Network.so.6",),
        "libQt6Gui.so.6": ("libQt6Core.so.6",),
    }

    def read_needed(source: str) -> tuple[tuple[str, ...], str | None]:
        name = Path(source).name
        return needed.get(name, ()), name if name.startswith("libQt6") else None

    kept, dropped = trim.select(binaries, linux=True, read_needed=read_needed)
    assert {entry[0] for entry in kept} == {
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libQt6Gui.so.6",
    }
    assert len(kept) + len(dropped) == len(binaries)
    # Elsewhere only the unused plugins go (the system's libraries are the OS's business).
    kept_elsewhere, _ = trim.select(binaries, linux=False, read_needed=read_needed)
    assert len(kept_elsewhere) == len(binaries) - 1


# -- ELF ------------------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_read_elf_agrees_with_the_loader() -> None:
    interpreter = Path(sys.executable).resolve()
    assert is_elf(interpreter)
    assert "libc.so.6" in read_elf(interpreter).needed
    qt_core = ROOT / ".venv"  # any PySide6 install: find it through the module
    from PySide6 import QtCore  # noqa: PLC0415

    qt_core = Path(QtCore.__file__).parent / "Qt" / "lib" / "libQt6Core.so.6"
    info = read_elf(qt_core)
    assert info.soname == "libQt6Core.so.6"
    assert info.runpath == ("$ORIGIN",)
    assert info.bits == 64
    assert any(name.startswith("libicu") for name in info.needed)


def test_read_elf_refuses_what_is_not_elf(tmp_path: Path) -> None:
    text = tmp_path / "script.sh"
    text.write_text("#!/bin/sh\n")
    assert not is_elf(text)
    assert not is_elf(tmp_path / "missing")
    with pytest.raises(ElfError):
        read_elf(text)
    truncated = tmp_path / "truncated.so"
    truncated.write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 20)
    with pytest.raises(ElfError):
        read_elf(truncated)


# -- icons ----------------------------------------------------------------------------------
# Drawn with pytest-qt's application (``qapp``): one made here would be the wrong kind for the
# widget tests that follow.


def test_the_app_icon_renders_at_every_size(qapp: QApplication) -> None:
    for size in (16, 256):
        png = icons.render_png(icons.APP_ICON, size)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", png[16:24]) == (size, size)


def test_ico_holds_every_size_with_its_directory(qapp: QApplication) -> None:
    data = icons.ico_bytes(icons.render_png(icons.APP_ICON, size) for size in icons.ICO_SIZES)
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sorted(sizes) == sorted(icons.ICO_SIZES)


def test_icns_holds_every_type_it_names(qapp: QApplication) -> None:
    pngs = {size: icons.render_png(icons.APP_ICON, size) for size in set(icons.ICNS_TYPES.values())}
    data = icons.icns_bytes(pngs)
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    seen = []
    position = 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == b"\x89PNG\r\n\x1a\n"
        seen.append(kind)
        position += length
    assert position == len(data)
    assert seen == list(icons.ICNS_TYPES)


def test_icon_containers_refuse_wrong_images(qapp: QApplication) -> None:
    with pytest.raises(BuildError):
        icons.ico_bytes([b"not a png"])
    big = icons.render_png(icons.APP_ICON, 512)
    with pytest.raises(BuildError):
        icons.ico_bytes([big])


# -- notices and Debian metadata --------------------------------------------------------------


def _paragraphs(text: str) -> list[dict[str, str]]:
    """deb822 paragraphs: field name -> first line."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        fields = {}
        for line in block.splitlines():
            if not line.startswith(" "):
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        paragraphs.append(fields)
    return paragraphs


def test_the_copyright_file_is_machine_readable_and_lists_each_component() -> None:
    components = notices.bundled_distributions(
        ["keyring", "certifi", "PySide6", "os"], on_disk=["certifi", "PySide6"]
    )
    by_name = {component.name: component for component in components}
    assert set(by_name) == {"keyring", "certifi", "PySide6_Essentials"}
    assert by_name["certifi"].files == ("_internal/certifi/*",)
    assert by_name["keyring"].files == ("timeman-tray",)  # compiled into the executable
    assert "compiled into the executable" in by_name["keyring"].comment
    # LGPL is referred to, not copied; MIT texts are copied from the distribution.
    assert "/usr/share/common-licenses/LGPL-3" in by_name["PySide6_Essentials"].text
    assert "Permission is hereby granted" in by_name["keyring"].text
    text = notices.copyright_file(components, "usr/lib/timeman-tray", "2026")
    paragraphs = _paragraphs(text)
    assert paragraphs[0]["Format"] == notices.FORMAT
    assert paragraphs[1]["Files"] == "*"
    assert paragraphs[1]["License"] == "Expat"
    for paragraph in paragraphs[1:]:
        assert {"Files", "Copyright", "License"} <= set(paragraph), paragraph
    for line in text.splitlines():
        assert line == line.rstrip()
        assert line.strip() != "" or line == ""  # empty lines only between paragraphs


def test_a_whole_common_license_is_recognised() -> None:
    assert notices.common_license_of("Apache License\n Version 2.0, January 2004\n") == (
        "Apache-2.0"
    )
    assert notices.common_license_of("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3") == "LGPL-3"
    assert notices.common_license_of("Copyright (c) 2020 Someone\n\nPermission is hereby") is None


def test_the_control_file_and_changelog_parse() -> None:
    text = debian.control(
        arch="amd64", installed_kib=1234, depends="libc6 (>= 2.36)", who="A <a@b.c>"
    )
    fields = _paragraphs(text)[0]
    assert fields["Version"] == f"{__version__}-1"
    assert fields["Installed-Size"] == "1234"
    assert fields["Description"]
    assert all(len(line) <= 80 for line in text.splitlines())
    entry = debian.changelog(who="A Person <a@example.org>", when=1_700_000_000)
    if shutil.which("dpkg-parsechangelog") is None:
        pytest.skip("dpkg-parsechangelog (dpkg-dev) not found")
    parsed = subprocess.run(
        ["dpkg-parsechangelog", "-l-", "-SVersion"],
        input=entry,
        capture_output=True,
        text=True,
        check=True,
    )
    assert parsed.stdout.strip() == f"{__version__}-1"


def test_maintainer_follows_debian_variables() -> None:
    assert maintainer({"DEBFULLNAME": "Ann", "DEBEMAIL": "ann@example.org"}) == (
        "Ann <ann@example.org>"
    )
    assert "<" in maintainer({})


def test_installed_size_counts_like_dpkg(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one").write_bytes(b"x")  # 1 KiB
    (tmp_path / "d" / "two").write_bytes(b"x" * 1025)  # 2 KiB
    (tmp_path / "link").symlink_to("d/one")  # 1
    assert installed_size_kib(tmp_path) == 1 + 1 + 2 + 1  # the folder, the files, the link


def test_every_lintian_override_gives_its_reason() -> None:
    text = (LINUX / "lintian-overrides").read_text(encoding="utf-8")
    pairs = debian.parse_overrides(text)
    assert pairs
    for override, reason in pairs:
        assert override.startswith("timeman-tray: "), override
        assert len(reason.split()) >= 8, f"no real reason for {override!r}"
    assert debian.parse_overrides("a: tag\n# why\nb: tag\n\n# lost\n\nc: tag\n") == [
        ("a: tag", ""),
        ("b: tag", "why"),
        ("c: tag", ""),
    ]


def test_lintian_errors_are_the_e_lines_only() -> None:
    report = "E: p: tag-one\nO: p: tag-two\nW: p: tag-three\nN: E: not a tag\n"
    assert debian.lintian_errors(report) == ["E: p: tag-one"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_desktop_entry_is_valid_and_matches_the_autostart_entry() -> None:
    entry = LINUX / "timeman-tray.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    menu = configparser.ConfigParser(interpolation=None)
    menu.optionxform = str  # type: ignore[assignment,method-assign]
    menu.read(entry, encoding="utf-8")
    ours = configparser.ConfigParser(interpolation=None)
    ours.optionxform = str  # type: ignore[assignment,method-assign]
    ours.read_string(autostart.desktop_entry(["timeman-tray"]))
    for key in ("Name", "Icon", "Exec", "Type"):
        assert menu["Desktop Entry"][key] == ours["Desktop Entry"][key], key


@pytest.mark.skipif(shutil.which("man") is None, reason="man-db")
def test_the_manual_page_renders_without_warnings(tmp_path: Path) -> None:
    page = tmp_path / "timeman-tray.1"
    page.write_text((LINUX / "timeman-tray.1").read_text().replace("@VERSION@", version()))
    result = subprocess.run(
        ["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", str(page)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C.UTF-8", "MANWIDTH": "80", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert gzip.decompress(debian._gzip(b"abc")) == b"abc"


# -- rpm ------------------------------------------------------------------------------------


def test_the_rpm_spec_is_filled_in(tmp_path: Path) -> None:
    text = rpm.spec_text(tmp_path, ["libxcb.so.1()(64bit)", "libc.so.6()(64bit)"])
    assert f"Version:        {__version__}\n" in text
    assert "Requires:       libxcb.so.1()(64bit)\n" in text
    assert "AutoReqProv:    no" in text
    assert "%global __os_install_post %{nil}" in text
    assert not re.search(r"@[A-Z]+@", text)
    assert f"cp -a {tmp_path}/. %{{buildroot}}/" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_rpm_requires_what_the_tree_does_not_hold(tmp_path: Path) -> None:
    from PySide6 import QtCore  # noqa: PLC0415

    lib = Path(QtCore.__file__).parent / "Qt" / "lib"
    shutil.copy(lib / "libQt6Core.so.6", tmp_path)
    shutil.copy(Path(QtCore.__file__), tmp_path)
    needs = rpm.requires(tmp_path)
    assert "libc.so.6()(64bit)" in needs
    assert "libQt6Core.so.6()(64bit)" not in needs  # held by the tree
    assert any(name.startswith("libicu") for name in needs)
    assert not any(name.startswith("ld-linux") for name in needs)


# -- staging ----------------------------------------------------------------------------------


def test_staging_lays_out_the_package_as_installed_without_touching_the_checkout(
    tmp_path: Path,
) -> None:
    before = sorted(p.name for p in (ROOT / "resources" / "translations").iterdir())
    stage = stage_sources(tmp_path)
    package = stage / "tray_app"
    assert (package / "__init__.py").is_file()
    assert (package / "resources" / "icons" / "opened.svg").is_file()
    for language in languages():
        assert (package / "resources" / "translations" / f"timeman-tray_{language}.qm").is_file()
    assert not list(package.rglob("*.ts"))
    assert not list(package.rglob("__pycache__"))
    assert sorted(p.name for p in (ROOT / "resources" / "translations").iterdir()) == before
    assert version() == __version__


# -- Windows and macOS ------------------------------------------------------------------------


def test_the_inno_setup_script_uses_what_build_py_defines() -> None:
    script = ISS.read_text(encoding="utf-8")
    defined = {
        argument.split("=", 1)[0].removeprefix("/D")
        for argument in iscc_arguments(Path("b"), Path("o"), Path("i.ico"), "signtool $f")
        if argument.startswith("/D")
    }
    assert defined == {"AppVersion", "BundleDir", "OutputDir", "AppIcon", "SignTool"}
    for name in defined:
        assert f"{{#{name}}}" in script, name
    assert "PrivilegesRequired=lowest" in script
    assert "{autoprograms}" in script
    # Start at login: the same registry value the app's own setting writes and removes.
    assert f'#define RunKey "{autostart.RUN_KEY}"' in script
    assert f'#define ApprovedKey "{autostart.APPROVED_KEY}"' in script
    assert f'#define AppName "{autostart.RUN_VALUE}"' in script
    assert "uninsdeletevalue" in script
    assert "{userappdata}" not in script
    assert "{localappdata}\\timeman-tray" not in script


def test_the_macos_app_is_tray_only(tmp_path: Path) -> None:
    info = info_plist(version())
    assert info["LSUIElement"] is True
    app = tmp_path / "timeman-tray.app"
    (app / "Contents").mkdir(parents=True)
    with (app / "Contents" / "Info.plist").open("wb") as stream:
        plistlib.dump({**info, "CFBundleIdentifier": "com.timeman-tray"}, stream)
    assert check_info_plist(app)["CFBundleShortVersionString"] == __version__
    with (app / "Contents" / "Info.plist").open("wb") as stream:
        plistlib.dump({**info, "LSUIElement": False}, stream)
    with pytest.raises(BuildError, match="Dock icon"):
        check_info_plist(app)
