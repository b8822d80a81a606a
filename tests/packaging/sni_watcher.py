"""A minimal ``org.kde.StatusNotifierWatcher`` on a session bus, so that Qt offers a tray on
Wayland (which has no XEmbed): it says a host is registered and records the items that
register. Enough for ``QSystemTrayIcon.isSystemTrayAvailable()``; it draws nothing.

Runs in a thread of the caller (``with Watcher(bus_address) as watcher: ... watcher.items``),
so that it needs no other process (and no file the caller may not read after dropping
privileges).
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Final

from jeepney import HeaderFields, Message, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

__all__ = ["Watcher"]

NAME: Final = "org.kde.StatusNotifierWatcher"
_PRIMARY_OWNER: Final = 1
_DO_NOT_QUEUE: Final = 4
# Qt reads the watcher's properties through a QDBusInterface, which introspects first.
INTROSPECTION: Final = f"""<node>
 <interface name="{NAME}">
  <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
  <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
  <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
  <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
  <property name="ProtocolVersion" type="i" access="read"/>
  <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
  <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
  <signal name="StatusNotifierHostRegistered"/>
 </interface>
 <interface name="org.freedesktop.DBus.Properties">
  <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="out"/></method>
  <method name="GetAll"><arg type="s" direction="in"/><arg type="a{{sv}}" direction="out"/>
  </method>
 </interface>
 <interface name="org.freedesktop.DBus.Introspectable">
  <method name="Introspect"><arg type="s" direction="out"/></method>
 </interface>
</node>"""


class Watcher:
    """The watcher on the bus at ``address`` while the ``with`` block runs."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.items: list[str] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: DBusConnection | None = None

    def __enter__(self) -> Watcher:
        connection = open_dbus_connection(bus=self.address)
        reply = connection.send_and_get_reply(message_bus.RequestName(NAME, _DO_NOT_QUEUE))
        if reply.body[0] != _PRIMARY_OWNER:
            connection.close()
            raise RuntimeError(f"{NAME} is already owned on this bus")
        self._connection = connection
        self._thread = threading.Thread(target=self._serve, name="sni-watcher", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._connection is not None:
            self._connection.close()

    def _serve(self) -> None:
        connection = self._connection
        assert connection is not None
        while not self._stop.is_set():
            try:
                message = connection.receive(timeout=0.2)
            except TimeoutError:
                continue
            if message.header.message_type == MessageType.method_call:
                connection.send(self._answer(message))

    def _answer(self, message: Message) -> Message:
        member = message.header.fields.get(HeaderFields.member)
        properties: dict[str, tuple[str, object]] = {
            "RegisteredStatusNotifierItems": ("as", list(self.items)),
            "IsStatusNotifierHostRegistered": ("b", True),
            "ProtocolVersion": ("i", 0),
        }
        if member == "Introspect":
            return new_method_return(message, "s", (INTROSPECTION,))
        if member == "Get" and message.body[1] in properties:
            return new_method_return(message, "v", (properties[message.body[1]],))
        if member == "GetAll":
            return new_method_return(message, "a{sv}", (properties,))
        if member == "RegisterStatusNotifierItem":
            self.items.append(str(message.body[0]))
            return new_method_return(message)
        if member == "RegisterStatusNotifierHost":
            return new_method_return(message)
        return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
