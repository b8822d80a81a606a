"""The Linux packages for real: ``packaging/build.py deb rpm`` from this checkout, the ``.deb``
installed with ``dpkg -i``, the installed program run by an unprivileged user on a desktop with
a tray host and a real keyring against the simulator over HTTPS, then ``dpkg --purge``.

Slow (a PyInstaller build, lintian, xz): about three minutes. Needs root (``dpkg -i``); CI runs
as root, where a skip is a failure (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import posixpath
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.tray_driver import Portal
from tray_app import __version__
from tray_app.demo import SimClock, SimUser

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
PACKAGE = "timeman-tray"
USER = "nobody"
SECRET = "q8wzx3c5v7b9n1m2"
NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)
TOOLS = ("dpkg-deb", "dpkg-shlibdeps", "lintian", "rpmbuild", "rpm", "Xvfb", "icewm", "weston")
DEB_BUDGET = 33 * 10**6
INSTALLED_BUDGET_KIB = 110 * 1024


@dataclass(frozen=True)
class Built:
    deb: Path
    rpm: Path
    output: str
    info: dict[str, object]


def _needs_root_and_tools() -> None:
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (CI runs as root)")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; scripts/test installs them")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One build of both packages for the whole module."""
    _needs_root_and_tools()
    base = tmp_path_factory.mktemp("packages")
    result = subprocess.run(
        [
            *(sys.executable, str(BUILD), "deb", "rpm"),
            *("--out", str(base / "out"), "--work", str(base / "work")),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    info = json.loads((base / "out" / "build-info.json").read_text(encoding="utf-8"))
    return Built(Path(info["deb"]), Path(info["rpm"]), result.stdout, info)


def _control(deb: Path) -> dict[str, str]:
    text = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def _members(deb: Path) -> dict[str, tarfile.TarInfo]:
    """The data archive's entries by path (``usr/bin/timeman-tray``)."""
    data = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryFile() as spool:
        spool.write(data)
        spool.seek(0)
        with tarfile.open(fileobj=spool) as archive:
            return {member.name.removeprefix("./").rstrip("/"): member for member in archive}


def test_the_build_prints_both_sizes_within_budget(built: Built) -> None:
    size = built.deb.stat().st_size
    assert built.info["deb_bytes"] == size
    assert size <= DEB_BUDGET
    installed = int(_control(built.deb)["Installed-Size"])
    assert built.info["installed_kib"] == installed
    assert installed <= INSTALLED_BUDGET_KIB
    assert f".deb size:      {size / 1e6:.1f} MB" in built.output
    assert f"Installed-Size {installed} KiB" in built.output


def test_the_deb_has_no_lintian_error_and_every_override_is_used(built: Built) -> None:
    report = str(built.info["lintian"])
    assert "==> lintian" in built.output
    assert not [line for line in report.splitlines() if line.startswith("E:")], report
    assert "unused-override" not in report
    assert "mismatched-override" not in report
    overridden = {line.split()[2] for line in report.splitlines() if line.startswith("O:")}
    overrides = (ROOT / "packaging" / "linux" / "lintian-overrides").read_text()
    declared = {line.split()[1] for line in overrides.splitlines() if line.startswith(PACKAGE)}
    assert declared == overridden


def test_the_control_file(built: Built) -> None:
    fields = _control(built.deb)
    assert fields["Package"] == PACKAGE
    assert fields["Version"] == f"{__version__}-1"
    assert (
        fields["Architecture"]
        == subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    depends = {part.split()[0] for part in fields["Depends"].split(", ")}
    # What the bundle takes from the system: the C library, X11/xcb, OpenGL, D-Bus, OpenSSL.
    assert {"libc6", "libxcb1", "libxcb-cursor0", "libegl1", "libdbus-1-3", "libssl3"} <= depends
    assert not any(name.startswith(("libqt6", "libpython3", "python3")) for name in depends)
    listing = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(built.deb)], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryFile() as spool:
        spool.write(listing)
        spool.seek(0)
        with tarfile.open(fileobj=spool) as archive:
            control_files = {Path(name).name for name in archive.getnames()} - {"", "."}
    assert control_files == {"control", "md5sums"}  # no maintainer scripts


def test_the_deb_layout_follows_debian_policy(built: Built) -> None:
    members = _members(built.deb)
    lib = f"usr/lib/{PACKAGE}"
    assert not any(name.startswith("opt") for name in members)
    link = members[f"usr/bin/{PACKAGE}"]
    assert link.issym()
    assert link.linkname == f"../lib/{PACKAGE}/{PACKAGE}"
    assert members[f"{lib}/{PACKAGE}"].mode & stat.S_IXUSR
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        assert f"usr/share/icons/hicolor/{size}x{size}/apps/{PACKAGE}.png" in members
    assert f"usr/share/icons/hicolor/scalable/apps/{PACKAGE}.svg" in members
    for path in (
        f"usr/share/applications/{PACKAGE}.desktop",
        f"usr/share/metainfo/{PACKAGE}.metainfo.xml",
        f"usr/share/man/man1/{PACKAGE}.1.gz",
        f"usr/share/doc/{PACKAGE}/copyright",
        f"usr/share/doc/{PACKAGE}/changelog.Debian.gz",
        f"usr/share/lintian/overrides/{PACKAGE}",
    ):
        assert members[path].isfile(), path
    for name, member in members.items():
        assert member.uname == "root"
        assert member.gname == "root"
        if member.isfile() and (name.endswith(".so") or ".so." in name):
            assert not member.mode & stat.S_IXUSR, f"{name} is executable"


def _read_member(deb: Path, name: str) -> str:
    data = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryFile() as spool:
        spool.write(data)
        spool.seek(0)
        with tarfile.open(fileobj=spool) as archive:
            stream = archive.extractfile(f"./{name}")
            assert stream is not None, name
            return stream.read().decode()


def test_the_bundle_carries_what_the_app_needs_at_run_time(built: Built) -> None:
    internal = f"usr/lib/{PACKAGE}/_internal"
    names = set(_members(built.deb))
    plugins = f"{internal}/PySide6/Qt/plugins"
    for wanted in (
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqwayland.so",
        f"{plugins}/wayland-shell-integration/libxdg-shell.so",
        f"{plugins}/iconengines/libqsvgicon.so",
        f"{plugins}/imageformats/libqsvg.so",
        f"{internal}/PySide6/Qt/translations/qtbase_ru.qm",
        f"{internal}/tray_app/resources/translations/timeman-tray_ru.qm",
        f"{internal}/tray_app/resources/icons/opened.svg",
        f"{internal}/certifi/cacert.pem",
    ):
        assert wanted in names, wanted
    # keyring finds its backends through its entry points. KWallet speaks Secret Service, so
    # no dbus-python (which would need a compiler on the build machine) is frozen in.
    entry_points = [
        name for name in names if re.search(r"/keyring-[^/]+\.dist-info/entry_points\.txt$", name)
    ]
    assert len(entry_points) == 1
    backends = _read_member(built.deb, entry_points[0])
    assert "keyring.backends.SecretService" in backends
    assert not any(re.search(r"/_dbus_bindings\.[^/]*so$", name) for name in names)
    # Unused parts of Qt and the system's own libraries stay out.
    assert f"{plugins}/platformthemes/libqgtk3.so" not in names
    assert not any("libQt6Qml" in name or "libQt6Quick" in name for name in names)
    assert not any(re.search(r"/libxcb\.so|/libstdc\+\+\.so|/libssl\.so", n) for n in names)
    assert not any(re.search(r"/qtbase_(?!ru\.qm)", name) for name in names)
    # ICU's tables only for the app's languages (packaging/installers/icu.py); and no link
    # left pointing at a library that was trimmed.
    members = _members(built.deb)
    assert members[f"{internal}/PySide6/Qt/lib/libicudata.so.73"].size < 16 * 10**6
    for name, member in members.items():
        if member.issym() and name.startswith(internal):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), member.linkname))
            assert target in members, f"{name} -> {member.linkname} dangles"


def test_the_rpm_needs_system_libraries_and_provides_no_bundled_one(built: Built) -> None:
    def query(*options: str) -> list[str]:
        result = subprocess.run(
            ["rpm", "-qp", *options, str(built.rpm)], capture_output=True, text=True, check=True
        )
        return result.stdout.splitlines()

    assert query("--queryformat", "%{NAME} %{VERSION}") == [f"{PACKAGE} {__version__}"]
    requires = query("--requires")
    assert "libxcb.so.1()(64bit)" in requires
    assert not any("Qt6" in name or "libpython" in name for name in requires)
    assert not any(".so" in name for name in query("--provides"))
    files = query("--list")
    assert f"/usr/bin/{PACKAGE}" in files
    assert f"/usr/lib/{PACKAGE}/{PACKAGE}" in files
    assert f"/usr/share/metainfo/{PACKAGE}.metainfo.xml" in files


# -- installed, used, purged ------------------------------------------------------------------


def _dpkg(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *argv], capture_output=True, text=True, check=False)


def _installed() -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Abbrev}", PACKAGE],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return status.startswith(("ii", "iU", "iF", "rc"))


@pytest.fixture
def installed(built: Built) -> Iterator[list[str]]:
    """The .deb installed; yields ``dpkg -L``; purged afterwards whatever happened."""
    if _installed():  # left over by an interrupted run
        _dpkg("--purge", PACKAGE)
    result = _dpkg("-i", str(built.deb))
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        listed = _dpkg("-L", PACKAGE).stdout.splitlines()
        yield [path for path in listed if path.startswith("/")]
    finally:
        if _installed():
            _dpkg("--purge", PACKAGE)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can read (the CA) and own (its home)."""
    folder = Path(tempfile.mkdtemp(prefix="tm-deb-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_session(request: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.packaging.user_session"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-6000:]
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_installed_the_app_signs_in_and_runs_for_a_user_then_purge_leaves_nothing(
    installed: list[str], shared_dir: Path
) -> None:
    executable = f"/usr/bin/{PACKAGE}"
    assert executable in installed
    assert Path(executable).resolve() == Path(f"/usr/lib/{PACKAGE}/{PACKAGE}")
    user = pwd.getpwnam(USER)
    home = shared_dir / "home"
    home.mkdir(mode=0o700)
    os.chown(home, user.pw_uid, user.pw_gid)
    with Portal.running(
        shared_dir / "tls", SimClock(start=NOW), [SimUser(user_id=1, secret=SECRET)]
    ) as portal:
        (shared_dir / "tls").chmod(0o755)
        portal.ca_file.chmod(0o644)
        report = _run_session(
            {
                "user": USER,
                "home": str(home),
                "executable": executable,
                "ca_file": str(portal.ca_file),
                "webhook": portal.sim.webhook_url(1),
                "account": f"127.0.0.1:{portal.port}/1",
            }
        )
        methods = [r.rest_method or r.path for r in portal.sim.requests]
        base_url = portal.sim.base_url

    def step(name: str) -> dict[str, Any]:
        value = report[name]
        assert isinstance(value, dict)
        return value

    assert report["uid"] == user.pw_uid != 0
    assert step("version")["stdout"].strip() == f"timeman-tray {__version__}"
    login = step("login")
    assert login["code"] == 0, login["stderr"]
    assert f"Signed in as Anna Ivanova (user 1) at {base_url}" in login["stdout"]
    assert SECRET not in login["stdout"] + login["stderr"]
    assert step("keyring")["stdout"] == SECRET  # in the real Secret Service, not a file
    settings = report["settings"]
    assert isinstance(settings, dict)
    assert settings["portal_url"] == base_url
    assert settings["ca_file"] == str(portal.ca_file)
    assert SECRET not in json.dumps(settings)

    ready = step("ready")
    assert ready["code"] == 0, ready["stderr"][-3000:]
    assert re.search(r"^READY icon=\S+ status=\S+ phase=ready$", ready["stderr"], re.M), ready
    demo_ready = step("demo_ready")  # the trimmed bundle also runs its own demo portal
    assert demo_ready["code"] == 0, demo_ready["stderr"][-3000:]
    assert re.search(r"^READY icon=\S+ status=\S+ phase=ready$", demo_ready["stderr"], re.M)
    wayland = step("wayland")  # the same bundle on Wayland, without X11
    for name in ("signed_in", "demo"):
        run = wayland[name]
        assert run["code"] == 0, (run["stderr"][-3000:], wayland["weston"])
        assert re.search(r"^READY icon=\S+ status=\S+ phase=ready$", run["stderr"], re.M), run
    assert len(wayland["items"]) == 2, wayland  # each registered its tray item over D-Bus

    refused = step("no_keyring")
    assert refused["code"] == 3
    assert "No usable keyring" in refused["stderr"]
    assert "Nothing was stored" in refused["stderr"]
    assert SECRET not in refused["stderr"]
    assert step("demo")["code"] == 0, step("demo")["stderr"]

    # Both logins check the webhook the same way; the tray read the portal in between.
    first = methods.index("timeman.status") + 1
    assert methods[:first] == methods[-first:]
    assert methods[first:-first], f"the tray never read the portal: {methods}"

    result = _dpkg("--purge", PACKAGE)
    assert result.returncode == 0, result.stderr
    assert not _installed()
    left = [path for path in installed if path != "/." and os.path.lexists(path)]
    for path in left:  # only folders that hold other packages' files (/usr/bin, hicolor...)
        assert Path(path).is_dir(), f"{path} is left"
        assert not Path(path).is_symlink(), f"{path} is left"
        owners = subprocess.run(
            ["dpkg-query", "-S", path], capture_output=True, text=True, check=False
        )
        assert owners.returncode == 0 or any(Path(path).iterdir()), f"{path} is left empty"
    assert not Path(f"/usr/lib/{PACKAGE}").exists()
    assert not Path(f"/usr/share/doc/{PACKAGE}").exists()
    # The user's own settings stay.
    kept = home / "config" / PACKAGE / "settings.json"
    assert json.loads(kept.read_text())["portal_url"] == base_url
