"""The command line's input, judged before anything else: no keyring, no portal request.

Everything a person gives is checked for its form here: every option value, the CA file and
proxy of ``login`` (before the webhook is read), the webhook on standard input. What only the
day can decide (the date a typed time falls on, whether the portal wants a reason) is judged
after the status is read, in :mod:`tray_app.cli.action_command`. A bad value raises
:class:`BadInput`: the command exits 2 having sent and stored nothing, whatever state the day is in.
"""

from __future__ import annotations

import argparse
import getpass
import re
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

from tray_app.api import ConfigurationError, Webhook
from tray_app.api.redact import redact
from tray_app.config.policy import Policy
from tray_app.config.settings import Settings
from tray_app.core.backdate import RuleViolation, TypedTime, check_reason, read_user_time
from tray_app.core.quoting import quoted
from tray_app.core.timefmt import TimeFormatError, parse_zone

# A webhook URL is well under this; a longer line is not one (and is not read on forever).
MAX_WEBHOOK_LINE = 2048
NOTHING_STORED = "Nothing was stored."
# Everything up to the last "@" may be user:password, with or without a scheme before it.
_USER_INFO = re.compile(r"^((?:[^:/@]*://)?).*@", re.DOTALL)


class BadInput(Exception):
    """Input refused for its form; the message is one sentence that never holds a secret."""


@dataclass(frozen=True)
class TimeInput:
    """``--at``, ``--tz`` and ``--reason`` judged for form; placed on a date later."""

    at: TypedTime
    """``--at`` read for its form: a clock time, or a full (maybe naive) ISO time."""
    zone_name: str | None
    """``--tz`` as given (it parses); None: the machine's zone."""
    reason: str
    """``--reason`` as given ("" for none); its characters and length are already checked."""


MAX_WAIT_S: Final = 3600


def judge_wait(args: argparse.Namespace) -> int | None:
    """``--wait SECONDS`` of an action: whole seconds from 0 to an hour; None when not given."""
    text = getattr(args, "wait", None)
    if text is None:
        return None
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or int(stripped) > MAX_WAIT_S:
        raise BadInput(f"--wait takes whole seconds from 0 to {MAX_WAIT_S}.")
    return int(stripped)


def judge_options(args: argparse.Namespace) -> TimeInput | None:
    """Refuse an unusable option of any command; the typed time when ``--at`` is given."""
    for name, value in sorted(vars(args).items()):
        if isinstance(value, str) and any(0xD800 <= ord(char) <= 0xDFFF for char in value):
            # Lone surrogates: what Python makes of argv bytes that are not UTF-8.
            option = "--" + name.replace("_", "-")
            raise BadInput(f"The value of {option} holds bytes that are not valid UTF-8 text.")
    at = getattr(args, "at", None)
    reason = getattr(args, "reason", None)
    zone_name = getattr(args, "tz", None)
    if reason is not None and at is None:
        raise BadInput("--reason goes with --at (a reason explains a changed time).")
    if zone_name is not None and at is None:
        raise BadInput("--tz goes with --at (it is the zone of that time).")
    if getattr(args, "keep", False) and at is not None:
        raise BadInput(
            "--keep keeps the moment the command runs, so it goes without --at "
            "(a changed time needs the portal: try again when it answers)."
        )
    judge_kept_id(args)
    if at is None:
        return None
    try:
        typed = read_user_time(at)
        if zone_name is not None:
            parse_zone(zone_name)
        check_reason(reason or "", required=False)
    except (RuleViolation, TimeFormatError) as exc:
        raise BadInput(sentence(str(exc))) from None
    return TimeInput(typed, zone_name, reason or "")


KEPT_ID = re.compile(r"[0-9a-f]{4,32}")
"""A kept click's id as typed: its first characters (4 to all 32), as ``kept`` lists it."""


def judge_kept_id(args: argparse.Namespace) -> str | None:
    """The id of ``kept discard ID`` or ``kept send --now ID``, in lower case, judged for its
    form (whether such a click is kept is known only from the store)."""
    text: str | None = getattr(args, "kept_id", None)
    if text is None:
        return None
    typed = text.strip().lower()
    if not (typed.isascii() and KEPT_ID.fullmatch(typed)):
        raise BadInput(
            f"{quoted(text)} is no kept click's id: give its first characters (at least 4) "
            "as 'timeman-tray kept' lists them."
        )
    return typed


def judge_connection_options(args: argparse.Namespace, policy: Policy | None = None) -> None:
    """``login --proxy`` and ``--ca-file``, judged before the webhook is read; refused when
    the administrator's ``policy`` sets them."""
    if policy is not None:
        for option, field_name, what in (
            ("--proxy", "proxy", "The proxy"),
            ("--ca-file", "ca_file", "The CA file"),
        ):
            if getattr(args, field_name) is not None and policy.is_locked(field_name):
                raise BadInput(
                    f"{what} is set by your administrator, so {option} cannot change it. "
                    f"{NOTHING_STORED}"
                )
    proxy = args.proxy
    if proxy is not None:
        try:
            Settings(proxy=proxy)
        except ValueError as exc:
            why = str(exc).removeprefix("proxy ")
            raise BadInput(f"The proxy {_shown_proxy(proxy)} {why}. {NOTHING_STORED}") from None
    if args.ca_file is not None and args.ca_file.strip():
        _judge_ca_file(args.ca_file)


def _shown_proxy(proxy: str) -> str:
    """The proxy for a message: any user:password@ and webhook secret masked, cut short."""
    return quoted(redact(_USER_INFO.sub(r"\1***@", proxy)))


def _judge_ca_file(text: str) -> None:
    try:
        path = Settings(ca_file=text).ca_file
        usable = Path(path).is_file()
    except (OSError, ValueError):  # a name too long, a NUL, a secret-looking path
        usable = False
    if not usable:
        raise BadInput(
            f"The CA file {quoted(text)} does not exist or is not a file. {NOTHING_STORED}"
        )
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=path)
    except (ssl.SSLError, ValueError, OSError):
        raise BadInput(
            f"The CA file {quoted(text)} holds no usable certificate (expected PEM). "
            f"{NOTHING_STORED}"
        ) from None


def read_webhook(stdin: TextIO | None) -> Webhook:
    """The webhook from a hidden prompt on a terminal, else the first line of stdin."""
    if stdin is not None and _is_terminal(stdin):
        try:
            text = getpass.getpass("Webhook URL (input hidden): ")
        except (EOFError, KeyboardInterrupt):
            raise BadInput(f"No webhook URL given. {NOTHING_STORED}") from None
    else:
        text = _first_line(stdin)
    try:
        return Webhook.parse(text)
    except ConfigurationError as exc:
        raise BadInput(exc.message) from None


def _is_terminal(stdin: TextIO) -> bool:
    try:
        return stdin.isatty()
    except (OSError, ValueError):  # closed: read it and say it cannot be read
        return False


def _first_line(stdin: TextIO | None) -> str:
    try:
        line = "" if stdin is None else stdin.readline(MAX_WEBHOOK_LINE + 1)
    except UnicodeDecodeError:
        raise BadInput(
            f"The text on standard input is not UTF-8, so it is not a webhook URL. {NOTHING_STORED}"
        ) from None
    except (OSError, ValueError):  # a directory, a closed stream
        raise BadInput(f"Standard input cannot be read. {NOTHING_STORED}") from None
    if len(line) > MAX_WEBHOOK_LINE:
        raise BadInput(
            f"The first line on standard input is longer than {MAX_WEBHOOK_LINE} characters, "
            f"so it is not a webhook URL. {NOTHING_STORED}"
        )
    if not line.strip():
        raise BadInput(
            "No webhook URL on standard input; pipe it in, e.g. "
            f"'timeman-tray login < webhook.txt'. {NOTHING_STORED}"
        )
    return line


def sentence(text: str) -> str:
    """``the start …`` -> ``The start ….``"""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
