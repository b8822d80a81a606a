"""A real StatusNotifierItem host for end-to-end tests: xfce4-panel with its status tray.

xfce4-panel 4.18's ``systray`` plugin is a StatusNotifierWatcher and host; with it on the
session bus, Qt's tray icon becomes a D-Bus item (no XEmbed window). Started as a user's
session would start it:

1. the :class:`~tests.e2e.desktop.Desktop` (Xvfb, the session bus) is up and the test's own
   ``HOME``/``XDG_*`` folders are set (tests/conftest.py);
2. the bus's activation environment gets those folders and the display: xfconfd, which holds
   the panel's settings, is started by the bus and reads the bus's environment, not the
   panel's;
3. the panel's settings are preseeded (one panel on top: an expanding separator, then the
   status tray), and ``xfce4-panel`` runs with ``NO_AT_BRIDGE=1`` (no accessibility bus);
4. the watcher's name ``org.kde.StatusNotifierWatcher`` comes some seconds later: polled.

:class:`SniItem` reads and drives the app's item from the test process over D-Bus (jeepney):
its properties (``Status``, ``ToolTip``, ``IconPixmap``), its ``com.canonical.dbusmenu`` menu
(``GetLayout``, ``Event``) and ``Activate`` (a left click).
"""

from __future__ import annotations

import colorsys
import statistics
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tests.e2e.desktop import Desktop, DesktopError, artifacts_dir, wait_until

__all__ = ["WATCHER", "MenuEntry", "SniHost", "SniItem", "pixmap_hue"]

WATCHER: Final = "org.kde.StatusNotifierWatcher"
ITEM_INTERFACE: Final = "org.kde.StatusNotifierItem"
MENU_INTERFACE: Final = "com.canonical.dbusmenu"
PANEL_HEIGHT: Final = 32
PANEL_CONFIG: Final = f"""<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="{PANEL_HEIGHT}"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
        <value type="int" value="2"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="separator">
      <property name="expand" type="bool" value="true"/>
      <property name="style" type="uint" value="0"/>
    </property>
    <property name="plugin-2" type="string" value="systray"/>
  </property>
</channel>
"""
_SESSION_VARIABLES: Final = (
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
)


def _call(
    desktop: Desktop,
    name: str,
    path: str,
    interface: str,
    method: str,
    *,
    signature: str | None = None,
    body: tuple[object, ...] = (),
) -> Any:
    """One method call on the desktop's bus; the reply's body (an error raises)."""
    from jeepney import DBusAddress, MessageType, new_method_call  # noqa: PLC0415
    from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

    with open_dbus_connection(desktop.bus_address) as connection:
        message = new_method_call(DBusAddress(path, name, interface), method, signature, body)
        reply = connection.send_and_get_reply(message, timeout=10)
    if reply.header.message_type is MessageType.error:
        raise DesktopError(f"{name} {path} {interface}.{method}: {reply.body}")
    return reply.body


def _bus(desktop: Desktop, method: str, signature: str | None = None, *args: object) -> Any:
    return _call(
        desktop,
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        method,
        signature=signature,
        body=args,
    )


def _unvariant(value: Any) -> Any:
    """jeepney gives variants as ``(signature, value)``."""
    return value[1] if isinstance(value, tuple) and len(value) == 2 else value


@dataclass(frozen=True)
class MenuEntry:
    """One row of a DBusMenu layout."""

    id: int
    label: str
    enabled: bool
    visible: bool
    separator: bool


def pixmap_hue(pixmaps: list[tuple[int, int, bytes]]) -> float | None:
    """The median hue (degrees) of the clearly coloured pixels of the largest ARGB32 pixmap
    (network byte order, as SNI sends it); None when it is grey."""
    if not pixmaps:
        return None
    _width, _height, data = max(pixmaps, key=lambda pixmap: pixmap[0] * pixmap[1])
    hues = []
    for index in range(0, len(data) - 3, 4):
        alpha, red, green, blue = data[index : index + 4]
        if alpha < 128:
            continue
        hue, saturation, value = colorsys.rgb_to_hsv(red / 255, green / 255, blue / 255)
        if saturation >= 0.25 and value >= 0.25:
            hues.append(hue * 360.0)
    if len(hues) < 0.08 * (len(data) // 4):
        return None
    return statistics.median(hue - 360.0 if hue > 300.0 else hue for hue in hues) % 360.0


@dataclass(frozen=True)
class SniItem:
    """One registered StatusNotifierItem (``service`` + ``path``) and its menu."""

    desktop: Desktop
    service: str
    path: str

    def property(self, name: str) -> Any:
        return _unvariant(
            _call(
                self.desktop,
                self.service,
                self.path,
                "org.freedesktop.DBus.Properties",
                "Get",
                signature="ss",
                body=(ITEM_INTERFACE, name),
            )[0]
        )

    def tooltip(self) -> tuple[str, str]:
        """The ToolTip's title and text."""
        _icon, _pixmaps, title, text = self.property("ToolTip")
        return str(title), str(text)

    def icon_hue(self) -> float | None:
        return pixmap_hue(list(self.property("IconPixmap")))

    def menu_path(self) -> str:
        return str(self.property("Menu"))

    def menu(self) -> list[MenuEntry]:
        """The top level of the item's DBusMenu."""
        _revision, (_root, _props, children) = _call(
            self.desktop,
            self.service,
            self.menu_path(),
            MENU_INTERFACE,
            "GetLayout",
            signature="iias",
            body=(0, -1, []),
        )
        entries = []
        for child in children:
            number, props, _grandchildren = _unvariant(child)
            values = {key: _unvariant(value) for key, value in props.items()}
            entries.append(
                MenuEntry(
                    id=int(number),
                    label=str(values.get("label", "")),
                    enabled=bool(values.get("enabled", True)),
                    visible=bool(values.get("visible", True)),
                    separator=values.get("type") == "separator",
                )
            )
        return entries

    def entry(self, label: str) -> MenuEntry:
        found = [entry for entry in self.menu() if entry.label == label]
        if len(found) != 1:
            raise DesktopError(f"{len(found)} menu entries {label!r} in {self.menu()}")
        return found[0]

    def click(self, label: str) -> None:
        """A DBusMenu ``Event`` "clicked" on the entry ``label`` (what the host's menu sends)."""
        entry = self.entry(label)
        _call(
            self.desktop,
            self.service,
            self.menu_path(),
            MENU_INTERFACE,
            "Event",
            signature="isvu",
            body=(entry.id, "clicked", ("i", 0), 0),
        )

    def activate(self, x: int = 0, y: int = 0) -> None:
        """A left click on the icon."""
        _call(
            self.desktop,
            self.service,
            self.path,
            ITEM_INTERFACE,
            "Activate",
            signature="ii",
            body=(x, y),
        )


class SniHost:
    """xfce4-panel with its status tray on ``desktop``; stopped with the desktop."""

    def __init__(self, desktop: Desktop, panel: subprocess.Popen[bytes]) -> None:
        self.desktop = desktop
        self.panel = panel

    @classmethod
    def start(cls, desktop: Desktop, env: Mapping[str, str], timeout_s: float = 30.0) -> SniHost:
        """Preseed the panel's settings under ``env``'s ``XDG_CONFIG_HOME``, give the bus the
        session's folders, start the panel, wait for the watcher."""
        folder = Path(env["XDG_CONFIG_HOME"]) / "xfce4" / "xfconf" / "xfce-perchannel-xml"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "xfce4-panel.xml").write_text(PANEL_CONFIG, encoding="utf-8")
        session = {name: env[name] for name in _SESSION_VARIABLES if name in env}
        _bus(
            desktop,
            "UpdateActivationEnvironment",
            "a{ss}",
            {**session, "DISPLAY": desktop.display, "NO_AT_BRIDGE": "1"},
        )
        panel = desktop.launch(["xfce4-panel"], {**session, "NO_AT_BRIDGE": "1"})
        host = cls(desktop, panel)

        def watcher() -> bool | None:
            if panel.poll() is not None:
                raise DesktopError(f"xfce4-panel exited: {desktop.output(panel, 'stderr')}")
            return True if _bus(desktop, "NameHasOwner", "s", WATCHER)[0] else None

        wait_until(watcher, timeout_s, lambda: f"no {WATCHER} on the bus", interval_s=0.2)
        return host

    def items(self) -> list[str]:
        """``RegisteredStatusNotifierItems``: ``busname/path`` of each item."""
        value = _call(
            self.desktop,
            WATCHER,
            "/StatusNotifierWatcher",
            "org.freedesktop.DBus.Properties",
            "Get",
            signature="ss",
            body=(WATCHER, "RegisteredStatusNotifierItems"),
        )[0]
        return [str(item) for item in _unvariant(value)]

    def wait_for_item(self, timeout_s: float = 20.0) -> SniItem:
        """The one registered item, once there is one."""

        def probe() -> SniItem | None:
            found = self.items()
            if len(found) > 1:
                raise DesktopError(f"more than one item: {found}")
            if not found:
                return None
            service, slash, path = found[0].partition("/")
            return SniItem(self.desktop, service, slash + path)

        return wait_until(probe, timeout_s, lambda: "no item registered with the watcher")

    def screenshot(self, name: str) -> Path:
        """The panel's strip of the screen as ``name`` in the artifacts folder."""
        whole = self.desktop.screenshot(self.desktop.workdir / "sni-scratch.png")
        target = artifacts_dir() / name
        width = self.desktop.size[0]
        subprocess.run(
            ["convert", str(whole), "-crop", f"{width}x{PANEL_HEIGHT}+0+0", "+repage", str(target)],
            check=True,
            timeout=30,
        )
        return target


@contextmanager
def sni_desktop(
    env: Mapping[str, str], *, notification_daemon: bool = False
) -> Iterator[tuple[Desktop, SniHost]]:
    """A desktop with a Secret Service and xfce4-panel's status tray (no XEmbed tray)."""
    with Desktop(None, secret_service=True, notification_daemon=notification_daemon) as desktop:
        yield desktop, SniHost.start(desktop, env)
