"""The harness proven on the baseline tray (tools/bare_tray.py), under icewm and trayer: the
icon is embedded where the host puts it, a right click opens its menu (seen as a window and
on the screenshot), a menu item and a left click reach the program, Cyrillic can be typed,
the keyring desktop serves secrets; the HTTPS floor (``--https``) reads the simulator over
verified TLS, and refuses it without its CA.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.readiness import parse_ready
from tests.e2e.desktop import ROOT, Desktop, DesktopError, Geometry
from tray_app.demo import PortalSimulator, SimUser

pytestmark = pytest.mark.e2e

BARE_TRAY = str(ROOT / "tools" / "bare_tray.py")
ICON = "^bare-tray$"
GREEN = (0x2E / 255, 0x7D / 255, 0x32 / 255)  # the bare tray's disc


def _close_to(color: tuple[float, float, float], expected: tuple[float, float, float]) -> bool:
    return all(abs(a - b) < 0.2 for a, b in zip(color, expected, strict=True))


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def test_icon_menu_and_activation(desktop: Desktop) -> None:
    process = desktop.launch([sys.executable, BARE_TRAY])
    icon = desktop.find_tray_icon(ICON)

    width, height = desktop.size
    assert 16 <= icon.w <= 48, icon
    assert 16 <= icon.h <= 48, icon
    assert icon.x > width // 2, icon  # both hosts put it on the right
    if desktop.tray_host == "icewm":  # in the taskbar at the bottom
        assert icon.y > height - 48, icon
    else:  # in trayer's panel at the top
        assert icon.y < 48, icon
    shot = desktop.screenshot(f"bare-tray-{desktop.tray_host}-icon.png")
    # The disc's middle is green: the screenshot shows the real icon where X says it is.
    middle = Geometry(icon.center[0] - 3, icon.center[1] - 3, 6, 6)
    assert _close_to(desktop.mean_color(shot, middle), GREEN), desktop.mean_color(shot, middle)

    before = desktop.visible_windows(".", by="--class")
    desktop.click(icon, button=3)
    menu = desktop.wait_for_popup_menu(before, class_regex=ICON)
    desktop.wait_for_output(process, "^menu-shown$")
    area = desktop.window_geometry(menu)
    assert abs(area.center[0] - icon.center[0]) < 200, (area, icon)
    assert abs(area.center[1] - icon.center[1]) < 200, (area, icon)
    shot = desktop.screenshot(f"bare-tray-{desktop.tray_host}-menu.png")
    red, green, blue = desktop.mean_color(shot, area)
    assert min(red, green, blue) > 0.6, "the menu is not on the screenshot (a dark area)"

    desktop.key("Escape")
    desktop.wait_window_gone(menu)
    desktop.click(icon, button=1)
    desktop.wait_for_output(process, "^activated Trigger$")

    # The menu's first item ("Hello") is in its upper half.
    before = desktop.visible_windows(".", by="--class")
    desktop.click(icon, button=3)
    menu = desktop.wait_for_popup_menu(before, class_regex=ICON)
    area = desktop.window_geometry(menu)
    desktop.click((area.center[0], area.y + area.h // 4), button=1)
    desktop.wait_for_output(process, "^menu helloAction$")
    desktop.wait_window_gone(menu)
    assert process.poll() is None


def test_cyrillic_typing_reaches_the_program(desktop: Desktop) -> None:
    process = desktop.launch([sys.executable, BARE_TRAY, "--input-window"])
    window = desktop.wait_for_window("^bare-tray input$")
    # More distinct non-ASCII characters than the keymap has spare keycodes (19 under
    # Xvfb): typed in several batches.
    text = (
        "Работа: 8 ч, перерыв — 15 мин; «Ёлка» №5 € "
        "съешь же ещё этих мягких французских булок, да выпей чаю. "
        'ЭЮЯ ЖЩЪ ~!@#$%^&*()_+{}|:"<>?`-=[]\\;,./'
    )
    desktop.type_text(text, window=window)
    desktop.key("Return")
    assert desktop.wait_for_output(process, "^text .*$")[0] == f"text {text}"
    desktop.screenshot(f"bare-tray-{desktop.tray_host}-typed.png")


@pytest.mark.parametrize("tray_host", ["icewm"])
def test_a_missing_icon_fails_with_the_window_tree(desktop: Desktop) -> None:
    desktop.launch([sys.executable, BARE_TRAY])
    desktop.find_tray_icon(ICON)
    started = time.monotonic()
    with pytest.raises(DesktopError) as caught:
        desktop.find_tray_icon("^no-such-icon$", timeout_s=0.5)
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert "no settled tray icon matching '^no-such-icon$'" in message
    assert '"SystemTray"' in message  # the tree: what was there instead
    assert "bare_tray.py (running)" in message  # and what the launched programs said


def test_stopping_kills_launched_programs_and_their_children(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = f"sleep 60 & echo $! > {pids}; echo $$ >> {pids}; wait"
    desktop = Desktop(tray_host=None).start()
    display = desktop.display
    try:
        desktop.launch(["sh", "-c", script])
        deadline = time.monotonic() + 5
        while len(pids.read_text().split() if pids.exists() else []) < 2:
            assert time.monotonic() < deadline, "the shell did not start"
            time.sleep(0.02)
    finally:
        desktop.stop()
    for pid in (int(value) for value in pids.read_text().split()):
        assert not _alive(pid), pid
    assert not Path(f"/tmp/.X11-unix/X{display[1:]}").exists()


@pytest.mark.parametrize("tray_host", ["trayer"])
def test_the_keyring_desktop_serves_secrets_on_its_bus(keyring_desktop: Desktop) -> None:
    env = keyring_desktop.env
    assert keyring_desktop.secret_service is not None
    assert env["DBUS_SESSION_BUS_ADDRESS"] == keyring_desktop.secret_service.address
    attributes = ["service", "timeman-e2e", "username", "тест"]
    subprocess.run(
        ["secret-tool", "store", "--label", "e2e", *attributes],
        input="s3cret-значение",
        text=True,
        env=env,
        check=True,
        timeout=10,
    )
    found = subprocess.run(
        ["secret-tool", "lookup", *attributes],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=10,
    )
    assert found.stdout == "s3cret-значение"


@pytest.mark.parametrize("tray_host", ["icewm"])
@pytest.mark.parametrize("stack", [(), ("--stack",)], ids=["stdlib", "stack"])
def test_the_https_floors_read_the_portal_once_over_verified_tls(
    desktop: Desktop, stack: tuple[str, ...]
) -> None:
    """The HTTPS floor (the standard library's request) and the stack floor (httpx's)."""
    simulator = PortalSimulator(tls=True)
    simulator.add_user(SimUser(user_id=1, secret="floor0secret0value", name="A", last_name="B"))
    simulator.start()
    try:
        url = simulator.webhook_url(1) + "timeman.status"
        floor = (sys.executable, BARE_TRAY, "--exit-when-ready", "--https", url, *stack)
        trusted = desktop.launch([*floor, "--ca-file", str(simulator.ca_file)])
        assert trusted.wait(timeout=30) == 0
        assert desktop.wait_for_output(trusted, "^answer dict of .*$")
        ready = parse_ready(desktop.output(trusted, "stderr"))
        assert ready.labels["phase"] == "ready"
        assert ready.marks["icon"] < ready.marks["status"]
        assert [r.rest_method for r in simulator.requests] == ["timeman.status"]

        untrusted = desktop.launch([sys.executable, BARE_TRAY, "--https", url, *stack])
        line = desktop.wait_for_output(untrusted, "^answer-error .*$", timeout_s=20)[0]
        assert "CERTIFICATE_VERIFY_FAILED" in line, line
        assert "phase=error" in desktop.output(untrusted, "stderr")
        desktop.terminate(untrusted)
    finally:
        simulator.stop()
