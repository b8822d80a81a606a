"""The command line's shape (argparse only), kept apart from the commands themselves so that
parsing it costs nothing: the tray path must show its icon before importing httpx or keyring.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from tray_app import __version__

# Longer usage errors are cut: argparse repeats a bad argument whole, however long it is.
MAX_USAGE_ERROR = 200


class Parser(argparse.ArgumentParser):
    """argparse's parser (exit 2 on a usage error), without echoing enormous arguments."""

    def error(self, message: str) -> NoReturn:
        if len(message) > MAX_USAGE_ERROR:
            message = message[:MAX_USAGE_ERROR] + "…"
        super().error(message)


class TextValue(argparse.Action):
    """Stores an option's value as the text given, even when that text is ``--``.

    argparse drops a ``--`` from an option's values (``--tz=--`` would store ``[]``, not a
    string); every value option of ours takes one text, judged later as any other.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values if isinstance(values, str) else "--")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = Parser(
        prog="timeman-tray",
        description="A tray icon and command line for the Bitrix24 workday (timeman).",
        epilog="Without a command, the tray app runs. Exit codes: 0 done; 1 refused or not "
        "applicable; 2 bad input, nothing sent; 3 not signed in or credentials rejected; "
        "4 portal unreachable (with --keep the click is kept instead: exit 0).",
    )
    parser.add_argument("--version", action="version", version=f"timeman-tray {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in demo portal (a day in progress); nothing is stored",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start the tray, show the first real status, then exit 0 (smoke tests, benchmarks)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    # Helper processes of the tray, this same program started again (see own_command):
    # the --demo portal (demo_child.py) and the keyring and first status read (prefetch.py).
    parser.add_argument("--serve-demo-portal", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prefetch", action="store_true", help=argparse.SUPPRESS)
    add_commands(parser)
    return parser


def add_commands(parser: argparse.ArgumentParser) -> None:
    """The subcommands, added to the app's parser."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    login = commands.add_parser(
        "login",
        help="sign in with a webhook URL (read from stdin, or a hidden prompt on a terminal)",
    )
    login.add_argument(
        "--ca-file", action=TextValue, help="a PEM file with your company's CA certificate"
    )
    login.add_argument("--proxy", action=TextValue, help="an HTTP(S) proxy, e.g. http://proxy:3128")
    commands.add_parser("logout", help="forget the webhook secret and the account")
    status = commands.add_parser("status", help="show today's workday")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    start = commands.add_parser("start", help="start the workday (optionally at an earlier time)")
    _add_time_options(start)
    start.add_argument(
        "--tz",
        action=TextValue,
        metavar="ZONE",
        help="zone of --at: a name like Europe/Berlin or +03:00",
    )
    pause = commands.add_parser("pause", help="pause the workday")
    resume = commands.add_parser("resume", help="resume a paused workday")
    close = commands.add_parser("close", help="close the workday (optionally at an earlier time)")
    _add_time_options(close)
    for action in (start, pause, resume, close):
        action.add_argument(
            "--wait",
            action=TextValue,
            metavar="SECONDS",
            help="how long to keep trying while the portal is busy or unreachable "
            "(default 60; 0: one try)",
        )
        action.add_argument(
            "--keep",
            action="store_true",
            help="when the portal cannot be reached, keep the click with its moment (exit 0) "
            "and send it later: see 'timeman-tray kept'",
        )
    _add_kept(commands)


def _add_kept(commands: Any) -> None:
    """``kept [list | send [--now ID] | discard ID]``: the clicks kept with ``--keep``."""
    kept = commands.add_parser(
        "kept",
        help="list, send or discard the clicks kept while the portal could not be reached",
        description="Clicks kept while the portal could not be reached (--keep, or by the "
        "tray). Exit codes: 0 done (or nothing kept); 1 a kept click waits for you (shown "
        "with what the portal has) or no such click; 2 bad input; 3 not signed in; 4 the "
        "portal cannot be reached, or a write's answer may still come.",
    )
    actions = kept.add_subparsers(dest="kept_action", metavar="ACTION")
    actions.add_parser("list", help="the kept clicks and what will happen to each (default)")
    send = actions.add_parser(
        "send", help="send the kept clicks the portal takes, in order, with their time"
    )
    send.add_argument(
        "--now",
        action=TextValue,
        dest="kept_id",
        metavar="ID",
        help="send this one as the portal allows now (a pause or resume, which take no "
        "time; a start the portal turns into resuming the day), or again after a refusal",
    )
    discard = actions.add_parser("discard", help="drop a kept click: it is never sent")
    discard.add_argument("kept_id", metavar="ID", help="its id as 'timeman-tray kept' lists it")


def _add_time_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        action=TextValue,
        metavar="TIME",
        help="HH:MM on the date the portal allows, or a full ISO time",
    )
    parser.add_argument(
        "--reason", action=TextValue, metavar="TEXT", help="why the time differs (required)"
    )


def own_command() -> list[str]:
    """How to run this program again (for its helper processes): the frozen executable, or
    this Python with ``-m tray_app``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "tray_app"]
