"""A stand-in notification daemon (``org.freedesktop.Notifications``) on a private bus.

Run as ``python -m tests.ui.fake_notifications [refuse] [no-actions | no-capabilities]`` with
``DBUS_SESSION_BUS_ADDRESS`` set. It owns the name, prints ``ready``, then one JSON line per
``Notify`` call it receives (``{"id": N, "signature": ..., "args": [...]}``), answering with the
id (with ``refuse``: an error instead). ``GetCapabilities`` answers ``body`` and ``actions``
(``no-actions``: ``body`` only, as a daemon without buttons; ``no-capabilities``: an
UnknownMethod error, as a daemon that does not implement it). Commands on stdin, one per line
(none after its end: ``/dev/null``): ``invoke ID KEY`` sends ``ActionInvoked`` to the
connection that sent notification ID and then ``NotificationClosed`` (as daemons do), answered
with ``ok``; ``quit``.
"""

from __future__ import annotations

import json
import os
import select
import sys
from collections import deque
from collections.abc import Iterator

from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    Message,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def main(argv: list[str]) -> int:
    refuse = "refuse" in argv
    capabilities = ["body"] if "no-actions" in argv else ["actions", "body"]
    # Started by the bus (activation): its address is the starter's.
    address = os.environ.get("DBUS_STARTER_ADDRESS") or os.environ["DBUS_SESSION_BUS_ADDRESS"]
    connection = open_dbus_connection(address)
    inputs = [connection.sock, sys.stdin]
    # A call that started this process (activation) arrives while RequestName is answered.
    early: deque[Message] = deque()
    with connection.filter(MatchRule(type="method_call"), queue=early):
        connection.send_and_get_reply(message_bus.RequestName(SERVICE, 4))  # DO_NOT_QUEUE
    emitter = DBusAddress(PATH, interface=SERVICE)
    senders: dict[int, str] = {}
    print("ready", flush=True)
    next_id = 1
    while True:
        while early:
            message = early.popleft()
            if message.header.message_type is not MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            signature = message.header.fields.get(HeaderFields.signature, "")
            if member == "Notify" and refuse:
                connection.send(new_error(message, "org.example.Refused", "s", ("no display",)))
            elif member == "GetCapabilities" and "no-capabilities" not in argv:
                connection.send(new_method_return(message, "as", (capabilities,)))
            elif member == "Notify":
                senders[next_id] = message.header.fields[HeaderFields.sender]
                print(
                    json.dumps(
                        {"id": next_id, "signature": signature, "args": message.body},
                        ensure_ascii=False,
                    ),
                    flush=True,
                )
                connection.send(new_method_return(message, "u", (next_id,)))
                next_id += 1
            else:
                connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

        readable, _, _ = select.select(inputs, [], [])
        if sys.stdin in readable:
            line = sys.stdin.readline()
            if not line:  # no commands to come (/dev/null): serve the bus alone
                inputs.remove(sys.stdin)
                continue
            words = line.split()
            if not words or words[0] == "quit":
                return 0
            number, key = int(words[1]), words[2]
            for member, signature, body in (
                ("ActionInvoked", "us", (number, key)),
                ("NotificationClosed", "uu", (number, 2)),
            ):
                signal = new_signal(emitter, member, signature, body)
                signal.header.fields[HeaderFields.destination] = senders[number]
                connection.send(signal)
            print("ok", flush=True)
        if connection.sock in readable:
            early.extend(_available(connection))


def _available(connection: DBusConnection) -> Iterator[Message]:
    while True:
        try:
            yield connection.receive(timeout=0)
        except TimeoutError:
            return


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
