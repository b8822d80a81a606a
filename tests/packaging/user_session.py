"""A desktop session of an unprivileged user that runs the *installed* timeman-tray.

Started by ``test_deb.py`` as root (``python -m tests.packaging.user_session``), it imports
everything it needs, then drops to the user (the test's interpreter and checkout may live
where that user cannot read, e.g. under ``/root``), and from then on every process it starts
(Xvfb, D-Bus, gnome-keyring, icewm, the app, secret-tool) runs as that user, in a home folder
the test made for it.

Standard input: one JSON object ``{"user", "home", "executable", "ca_file", "webhook",
"account"}`` (the
webhook URL carries the secret, so it never goes into an argument). Standard output: one JSON
object with what each step gave (exit statuses, outputs, the keyring's answer).

Steps, on a :class:`~tests.e2e.desktop.Desktop` (Xvfb, icewm as tray host, a private bus with an
unlocked gnome-keyring):

1. ``timeman-tray --version``;
2. ``timeman-tray login --ca-file CA`` with the webhook on stdin: the frozen app reaches the
   simulator over HTTPS (certifi's bundle plus the CA) and stores the secret through keyring's
   Secret Service backend;
3. ``secret-tool lookup``: the secret is in the real keyring;
4. ``timeman-tray --exit-when-ready``: the tray (Qt's xcb plugin, the icon) shows the first
   real status from the portal and exits; then the same with ``--demo`` (the built-in portal);
   then both again on Wayland (a headless weston, a StatusNotifierWatcher as tray host);
5. ``timeman-tray login`` with no session bus: no keyring backend is usable; the app says so;
6. ``timeman-tray --demo status``: the built-in simulator (cryptography, its own CA).
"""

from __future__ import annotations

# Everything is imported before the privileges are dropped: afterwards the interpreter's own
# files may be out of reach.
import contextlib
import json
import locale
import os
import pwd
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jeepney.bus_messages
import jeepney.io.blocking

from tests.e2e import desktop as desktop_module
from tests.e2e import x11
from tests.keyring_session import SecretServiceSession
from tests.packaging.sni_watcher import Watcher

__all__ = ["main"]

# Loaded now for later: the harness imports these lazily (the keyring's bus, libX11 by ctypes).
PRELOADED = (
    contextlib,
    locale,
    jeepney.bus_messages,
    jeepney.io.blocking,
    x11,
    desktop_module,
    SecretServiceSession,
    Watcher,
)
TIMEOUT_S = 90
WAYLAND_SOCKET = "wayland-test"


def drop_privileges(user: str) -> pwd.struct_passwd:
    """Become ``user`` for good (group list, group, then user)."""
    entry = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    if os.getuid() != entry.pw_uid or os.geteuid() != entry.pw_uid:
        raise RuntimeError(f"could not become {user}")
    return entry


def user_environment(home: Path) -> None:
    """HOME and the XDG folders of the session, all inside ``home``."""
    os.environ["HOME"] = str(home)
    for variable, name in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "run"),
    ):
        folder = home / name
        folder.mkdir(mode=0o700, exist_ok=True)
        os.environ[variable] = str(folder)
    for variable in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "SSL_CERT_FILE"):
        os.environ.pop(variable, None)
    os.environ.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", TZ="Europe/Moscow")


def _run(argv: list[str], env: dict[str, str], home: Path, stdin: str = "") -> dict[str, Any]:
    result = subprocess.run(
        argv,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=TIMEOUT_S,
        check=False,
    )
    return {"code": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


def _until_ready(desk: desktop_module.Desktop, argv: list[str], home: Path) -> dict[str, Any]:
    """Run the tray on the desktop until it has shown its first status and exited."""
    started = time.monotonic()
    process = desk.launch(argv, cwd=home)
    try:
        code: int | None = process.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        code = None
    return {
        "code": code,
        "seconds": round(time.monotonic() - started, 2),
        "stdout": desk.output(process, "stdout"),
        "stderr": desk.output(process, "stderr"),
    }


def _on_wayland(exe: str, env: dict[str, str], home: Path) -> dict[str, Any]:
    """Signed in and in demo, the tray on a headless weston (Qt's Wayland plugin, no X11),
    with a StatusNotifierWatcher on the session bus as the tray host."""
    runtime = Path(env["XDG_RUNTIME_DIR"])
    log = (home / "weston.log").open("wb")
    weston = subprocess.Popen(
        [
            *("weston", "--backend=headless-backend.so", f"--socket={WAYLAND_SOCKET}"),
            *("--use-pixman", "--width=1024", "--height=768", "--idle-time=0"),
        ],
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 20
        while not (runtime / WAYLAND_SOCKET).exists() and weston.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        wayland = {key: value for key, value in env.items() if key != "DISPLAY"}
        wayland.update(QT_QPA_PLATFORM="wayland", WAYLAND_DISPLAY=WAYLAND_SOCKET)
        with Watcher(env["DBUS_SESSION_BUS_ADDRESS"]) as watcher:
            signed_in = _run([exe, "--exit-when-ready"], wayland, home)
            demo = _run([exe, "--demo", "--exit-when-ready"], wayland, home)
            items = list(watcher.items)
    finally:
        weston.terminate()
        try:
            weston.wait(timeout=10)
        except subprocess.TimeoutExpired:
            weston.kill()
            weston.wait()
        log.close()
    return {
        "signed_in": signed_in,
        "demo": demo,
        "items": items,
        "weston": (home / "weston.log").read_text(errors="replace")[-3000:],
    }


def session(request: dict[str, str]) -> dict[str, Any]:
    home = Path(request["home"])
    exe = request["executable"]
    ca_file = request["ca_file"]
    report: dict[str, Any] = {"uid": os.getuid()}
    with desktop_module.Desktop("icewm", secret_service=True, workdir=home / "desktop") as desk:
        env = dict(desk.env)
        report["version"] = _run([exe, "--version"], env, home)
        report["login"] = _run(
            [exe, "login", "--ca-file", ca_file], env, home, stdin=request["webhook"] + "\n"
        )
        settings = home / "config" / "timeman-tray" / "settings.json"
        report["settings"] = json.loads(settings.read_text()) if settings.is_file() else None
        username = request["account"]
        report["keyring"] = _run(
            ["secret-tool", "lookup", "service", "timeman-tray", "username", username],
            env,
            home,
        )
        report["ready"] = _until_ready(desk, [exe, "--exit-when-ready"], home)
        report["demo_ready"] = _until_ready(desk, [exe, "--demo", "--exit-when-ready"], home)
        report["wayland"] = _on_wayland(exe, env, home)
        no_bus = {
            key: value
            for key, value in env.items()
            if key not in {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY"}
        }
        report["no_keyring"] = _run(
            [exe, "login", "--ca-file", ca_file], no_bus, home, stdin=request["webhook"] + "\n"
        )
        report["demo"] = _run([exe, "--demo", "status"], env, home)
    return report


def main() -> int:
    request: dict[str, str] = json.loads(sys.stdin.read())
    entry = drop_privileges(request["user"])
    home = Path(request["home"])
    os.chdir(home)
    user_environment(home)
    report = session(request)
    report["user"] = entry.pw_name
    sys.stdout.write(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
