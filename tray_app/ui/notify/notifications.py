"""Desktop notifications through ``org.freedesktop.Notifications``, with their actions.

:class:`DesktopNotifier` is this app's own connection to the session bus: it sends ``Notify``
with the app's name (``timeman-tray``), its icon and the actions a message offers, and turns
the daemon's ``ActionInvoked`` signal back into :attr:`DesktopNotifier.actionInvoked`. (The
daemon sends that signal only to the connection that sent the notification, so the
connection stays open.) :class:`Notices` is what the app uses: the daemon when the desktop has
one (its name is owned, or the bus can start it), else the tray balloon
(``QSystemTrayIcon.showMessage``); the log says which, and why. A daemon whose
``GetCapabilities`` lacks ``actions`` (it shows no buttons and ignores a click) gets no actions:
the message then names the steps in words, where the status panel offers them.

Why jeepney and not QtDBus: PySide6 turns every Python int into a signed 32-bit D-Bus value,
and ``Notify`` takes an unsigned ``replaces_id`` (``susssasa{sv}i``); daemons built on GDBus
(dunst, GNOME Shell) refuse such a call. jeepney (pure Python, keyring's own dependency on
Linux) writes the types as declared. Its socket is read on the Qt event loop through a
``QSocketNotifier``: no thread and no blocking read; only opening the connection waits, for a
fraction of a second at most.

Signals: ``DesktopNotifier.actionInvoked(str, str)`` (the message's tag, the action's key),
``DesktopNotifier.failed(object, str)`` (the :class:`Note` the daemon refused, why);
``Notices.actionChosen(str, str)`` (tag, key).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QSystemTrayIcon

__all__ = [
    "APP_ICON",
    "APP_NAME",
    "SERVICE",
    "DesktopNotifier",
    "Note",
    "Notices",
    "NotifierUnavailable",
]

log = logging.getLogger(__name__)

SERVICE: Final = "org.freedesktop.Notifications"
PATH: Final = "/org/freedesktop/Notifications"
APP_NAME: Final = "timeman-tray"
APP_ICON: Final = "timeman-tray"
"""The icon's name in the icon theme (the packages install it in hicolor)."""
NOTIFY_SIGNATURE: Final = "susssasa{sv}i"
OPEN_TIMEOUT_S: Final = 0.5
ACTIONS: Final = "actions"
"""The capability of a daemon that shows a message's actions as buttons (and a click on it)."""
_DEFAULT_EXPIRY: Final = -1  # the daemon decides how long a message stays


class NotifierUnavailable(Exception):
    """Why the desktop's notifications cannot be used (a sentence for the log)."""


@dataclass(frozen=True)
class Note:
    """One message: its title and text, its actions as ``(key, label)`` pairs (``"default"``
    is a click on the message itself), the caller's ``tag`` that comes back with an action,
    and ``click_hint``: a line saying what a click does, shown only where a click works."""

    title: str
    body: str
    actions: tuple[tuple[str, str], ...] = ()
    tag: str = ""
    click_hint: str = ""

    def hinted(self) -> Note:
        """The note as shown where a click on it works: the hint below the text."""
        body = "\n".join(part for part in (self.body, self.click_hint) if part)
        return Note(self.title, body, self.actions, self.tag)


def _address(name: str, interface: str, path: str) -> Any:
    from jeepney import DBusAddress  # noqa: PLC0415

    return DBusAddress(path, bus_name=name, interface=interface)


def _bus_call(connection: Any, method: str, signature: str | None, *args: object) -> Any:
    """A call to the bus itself, waited for (it answers in well under a millisecond)."""
    from jeepney import new_method_call  # noqa: PLC0415

    bus = _address("org.freedesktop.DBus", "org.freedesktop.DBus", "/org/freedesktop/DBus")
    message = new_method_call(bus, method, signature, args)
    return connection.send_and_get_reply(message, timeout=OPEN_TIMEOUT_S).body


def _capabilities_of(connection: Any) -> frozenset[str] | None:
    """What the daemon can show (``GetCapabilities``); None when it does not say in time (an
    activated daemon still starting, say): then it is taken to show actions, as most do."""
    from jeepney import MessageType, new_method_call  # noqa: PLC0415

    call = new_method_call(_address(SERVICE, SERVICE, PATH), "GetCapabilities")
    try:
        reply = connection.send_and_get_reply(call, timeout=OPEN_TIMEOUT_S)
    except TimeoutError:
        return None
    if reply.header.message_type is not MessageType.method_return or not reply.body:
        return None
    return frozenset(str(name) for name in reply.body[0])


def _daemon_on(connection: Any) -> str:
    """How the bus reaches the daemon ("owned by :1.5", "started on demand"), or raise."""
    if _bus_call(connection, "NameHasOwner", "s", SERVICE)[0]:
        owner = _bus_call(connection, "GetNameOwner", "s", SERVICE)[0]
        return f"owned by {owner}"
    if SERVICE in _bus_call(connection, "ListActivatableNames", None)[0]:
        return "started on demand (D-Bus activation)"
    raise NotifierUnavailable(f"nothing owns {SERVICE} on the session bus and it cannot start one")


class DesktopNotifier(QObject):
    """One connection to the session bus that sends notifications and hears their actions."""

    actionInvoked = Signal(str, str)
    failed = Signal(object, str)

    def __init__(
        self,
        connection: Any,
        *,
        how: str = "",
        capabilities: frozenset[str] | None = None,
        icon: str = APP_ICON,
        image: str = "",
        parent: QObject | None = None,
    ) -> None:
        """``connection``: an open jeepney connection with the daemon's signals matched (see
        :meth:`open`); ``capabilities``: the daemon's answer to ``GetCapabilities`` (None: it
        did not say); ``image``: a picture file for the ``image-path`` hint."""
        super().__init__(parent)
        self.how = how
        self.capabilities = capabilities
        self._connection = connection
        self._icon = icon
        self._image = image
        self._sent: dict[int, Note] = {}  # by the serial of the Notify call
        self._shown: dict[int, Note] = {}  # by the daemon's notification id
        self._reader: QSocketNotifier | None = QSocketNotifier(
            connection.sock.fileno(), QSocketNotifier.Type.Read, self
        )
        self._reader.activated.connect(self._read)

    @classmethod
    def open(
        cls, address: str | None = None, *, parent: QObject | None = None, **options: Any
    ) -> DesktopNotifier:
        """Connect to the session bus (``address``, else ``$DBUS_SESSION_BUS_ADDRESS``) and make
        sure a daemon is there or can be started; else raise :class:`NotifierUnavailable`."""
        address = address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not address:
            raise NotifierUnavailable("there is no session bus (DBUS_SESSION_BUS_ADDRESS unset)")
        try:
            from jeepney import MatchRule  # noqa: PLC0415
            from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415
        except ImportError as error:
            raise NotifierUnavailable(f"jeepney is not installed ({error})") from error
        try:
            connection = open_dbus_connection(address, auth_timeout=OPEN_TIMEOUT_S)
        except Exception as error:  # OSError, TimeoutError, an authentication refusal
            raise NotifierUnavailable(f"the session bus does not answer ({error})") from error
        try:
            how = _daemon_on(connection)
            capabilities = _capabilities_of(connection)
            rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
            _bus_call(connection, "AddMatch", "s", rule.serialise())
        except NotifierUnavailable:
            connection.close()
            raise
        except Exception as error:
            connection.close()
            raise NotifierUnavailable(f"the session bus failed ({error})") from error
        return cls(connection, how=how, capabilities=capabilities, parent=parent, **options)

    @property
    def connected(self) -> bool:
        return self._reader is not None

    @property
    def shows_actions(self) -> bool:
        """Whether the daemon shows a message's actions (when it did not say: yes)."""
        return self.capabilities is None or ACTIONS in self.capabilities

    def notify(self, note: Note) -> None:
        """Send ``note``; the daemon's answer arrives later (a refusal as :attr:`failed`).
        Raises :class:`NotifierUnavailable` when the bus is gone."""
        from jeepney import new_method_call  # noqa: PLC0415

        if self._reader is None:
            raise NotifierUnavailable("the connection to the session bus is closed")
        hints: dict[str, tuple[str, object]] = {"desktop-entry": ("s", APP_NAME)}
        if self._image:
            hints["image-path"] = ("s", self._image)
        actions = [text for action in note.actions for text in action] if self.shows_actions else []
        body = (APP_NAME, 0, self._icon, note.title, note.body, actions, hints, _DEFAULT_EXPIRY)
        call = new_method_call(_address(SERVICE, SERVICE, PATH), "Notify", NOTIFY_SIGNATURE, body)
        serial = next(self._connection.outgoing_serial)
        try:
            self._connection.send(call, serial=serial)
        except OSError as error:
            self.close()
            raise NotifierUnavailable(f"the session bus went away ({error})") from error
        self._sent[serial] = note

    def _read(self) -> None:
        """Everything the bus has sent so far (the socket is readable)."""
        while self._reader is not None:
            try:
                message = self._connection.receive(timeout=0)
            except TimeoutError:
                return  # nothing more for now; a partial message waits in the parser
            except OSError as error:
                log.warning("the session bus went away (%s): notifications stop", error)
                self._fail_all(f"the session bus went away ({error})")
                return
            self._handle(message)

    def _handle(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType  # noqa: PLC0415

        header = message.header
        kind = header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            note = self._sent.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
            if note is None:
                return
            if kind is MessageType.method_return:
                self._shown[int(message.body[0])] = note
                return
            name = header.fields.get(HeaderFields.error_name, "")
            detail = message.body[0] if message.body else ""
            self.failed.emit(note, f"{name}: {detail}")
            return
        if kind is not MessageType.signal or len(message.body) != 2:
            return
        member = header.fields.get(HeaderFields.member)
        number = message.body[0]
        if member == "ActionInvoked" and number in self._shown:
            self.actionInvoked.emit(self._shown[number].tag, str(message.body[1]))
        elif member == "NotificationClosed":
            self._shown.pop(number, None)

    def _fail_all(self, why: str) -> None:
        pending = list(self._sent.values())
        self.close()
        for note in pending:
            self.failed.emit(note, why)

    def close(self) -> None:
        """Stop reading and close the connection (messages on screen lose their actions)."""
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.setEnabled(False)
            reader.deleteLater()
            self._connection.close()
        self._sent.clear()
        self._shown.clear()


def _in_words(note: Note) -> Note:
    """``note`` for a daemon without buttons: its actions named in the text instead (the
    status panel offers the same steps), and none sent."""
    if not note.actions:
        return Note(note.title, note.body, (), note.tag)
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    steps = ", ".join(label.rstrip("…") for _key, label in note.actions)
    where = QCoreApplication.translate("Notifications", "In the tray icon's panel: {steps}.")
    body = "\n".join(part for part in (note.body, where.format(steps=steps)) if part)
    return Note(note.title, body, (), note.tag)


def _freedesktop_notifier(parent: QObject) -> DesktopNotifier:
    """The desktop's notifier; only desktops with a session bus have one."""
    if sys.platform in ("win32", "darwin"):
        raise NotifierUnavailable(f"{sys.platform} has no freedesktop notifications")
    return DesktopNotifier.open(parent=parent, image=_app_image())


def _app_image() -> str:
    """The picture file of the app's icon, when the icons are files on disk."""
    from pathlib import Path  # noqa: PLC0415

    from tray_app.ui.shared.icons import _icons_dir  # noqa: PLC0415  (the package's own icons)

    picture = _icons_dir().joinpath("opened.svg")
    return str(picture) if isinstance(picture, Path) and picture.is_file() else ""


class Notices(QObject):
    """Where the app's messages go: the desktop's notification daemon, else the tray balloon."""

    actionChosen = Signal(str, str)

    def __init__(
        self,
        icon: QSystemTrayIcon,
        *,
        opener: Callable[[QObject], DesktopNotifier] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``opener`` replaces the session bus's notifier (tests)."""
        super().__init__(parent)
        self._icon = icon
        self._opener = opener or _freedesktop_notifier
        self._notifier: DesktopNotifier | None = None
        self._tried = False
        self.route = ""
        """"desktop" or "balloon": where the last message went."""

    def show(
        self,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        tag: str = "",
        *,
        click_hint: str = "",
    ) -> None:
        """Show a message; ``actions`` only reach a daemon (a balloon has no buttons, but a
        click on it works: it gets ``click_hint``, as a daemon that shows actions does)."""
        note = Note(title, body, tuple(actions), tag, click_hint)
        notifier = self._desktop()
        if notifier is not None:
            try:
                notifier.notify(note.hinted() if notifier.shows_actions else _in_words(note))
            except NotifierUnavailable as error:
                self._give_up(str(error))
            else:
                self.route = "desktop"
                return
        self._balloon(note)

    def _desktop(self) -> DesktopNotifier | None:
        if not self._tried:
            self._tried = True
            try:
                notifier = self._opener(self)
            except NotifierUnavailable as error:
                log.info("notifications as tray balloons: %s", error)
                return None
            notifier.actionInvoked.connect(self.actionChosen)
            notifier.failed.connect(self._refused)
            self._notifier = notifier
            known = notifier.capabilities
            log.info(
                "notifications through %s (%s; capabilities: %s)",
                SERVICE,
                notifier.how,
                "not said" if known is None else ", ".join(sorted(known)) or "none",
            )
        current = self._notifier
        return current if current is not None and current.connected else None

    def _refused(self, note: Note, why: str) -> None:
        """The daemon did not show ``note`` (it could not start, say): a balloon shows it, and
        the ones after it."""
        self._give_up(why)
        self._balloon(note)

    def _give_up(self, why: str) -> None:
        log.warning("the notification daemon failed (%s): tray balloons from now on", why)
        notifier, self._notifier = self._notifier, None
        if notifier is not None:
            notifier.close()

    def _balloon(self, note: Note) -> None:
        self.route = "balloon"
        if QSystemTrayIcon.supportsMessages():
            shown = note.hinted()
            self._icon.showMessage(shown.title, shown.body, QSystemTrayIcon.MessageIcon.Information)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.close()
            self._notifier = None
