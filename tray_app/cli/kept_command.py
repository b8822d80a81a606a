"""The CLI's kept clicks (issue 12): ``start|pause|resume|close --keep`` and ``kept``.

With ``--keep``, a click the portal cannot take (unreachable, timeout, 5xx, the rate limit
after the retries) is kept with its moment instead of failing with exit 4, and sent later with
that moment by :class:`~tray_app.services.kept_sending.KeptSender` (``timeman-tray kept send``,
or a running tray). While clicks are kept, a new click goes behind them: without ``--keep``
it is refused (exit 1), nothing is sent out of order.

``kept`` (``kept list``) shows each kept click and what will happen to it against the portal's
day; ``kept send`` sends what the portal takes; ``kept send --now ID`` sends one as the portal
allows now; ``kept discard ID`` drops one. Exit codes: see :mod:`tray_app.cli.exits`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from tray_app.api import TimemanClient, TimemanError, WriteOutcome
from tray_app.cli.exits import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    CliError,
    say,
)
from tray_app.cli.input import judge_kept_id
from tray_app.cli.kept_words import (
    click_words,
    decision_words,
    kept_sentence,
    round_lines,
)
from tray_app.core.actions import SPECS, Action, applies, close_action_for
from tray_app.core.kept_clicks import KEPT_ACTIONS, Clock, KeptClick
from tray_app.core.kept_rules import Wait, decide
from tray_app.core.workday import Workday
from tray_app.history.kept_errors import KeptStoreError
from tray_app.history.kept_store import KeptStore
from tray_app.services.account import Account
from tray_app.services.kept_failures import keepable, may_have_run
from tray_app.services.kept_sending import KeptSender, Round, open_store

PathSource = Callable[[], Path]


@dataclass(frozen=True)
class KeptFace:
    """What the kept commands touch (built from the CLI's environment)."""

    account: Account
    path: Path
    clock: Clock
    local_now: Callable[[], datetime]
    stdout: TextIO
    stderr: TextIO
    notify_tray: Callable[[], object]

    def open(self) -> KeptStore:
        try:
            return open_store(
                self.account.webhook.base_url, self.account.webhook.user_id, self.path
            )
        except KeptStoreError as exc:
            raise CliError(exc.message, EXIT_REFUSED) from None

    def sender(self, client: TimemanClient, store: KeptStore) -> KeptSender:
        return KeptSender(client, store, clock=self.clock, local_now=self.local_now)


def refuse_when_kept(face: KeptFace) -> None:
    """A click without ``--keep`` while others are kept would overtake them: refused."""
    if not face.path.exists():
        return  # nothing was ever kept here: no file is made for a plain click
    try:
        with face.open() as store:
            queue = store.pending()
    except (CliError, KeptStoreError):
        return  # an unreadable file holds no click this one could overtake; the tray says so
    if queue:
        raise CliError(
            f"{_count(queue)} not yet sent ({click_words(queue[0])} first), and this one "
            "would overtake them: send them with 'timeman-tray kept send', or add --keep to "
            "queue this one behind them. Nothing was sent.",
            EXIT_REFUSED,
        )


def act_keeping(
    client: TimemanClient,
    action: Action,
    face: KeptFace,
    *,
    report: Callable[[WriteOutcome, Workday], int],
    not_applicable: Callable[[Action, Workday], str],
) -> int:
    """``start|pause|resume|close --keep``: sent now when the portal takes it, else kept."""
    kept_action = KEPT_ACTIONS[action]
    with face.open() as store:
        sender = face.sender(client, store)
        try:
            if store.pending():  # behind the kept ones, then all of them in order
                click = sender.keep(kept_action, last_known=None)
                done = sender.send_pending()
                if done.unreachable is not None:
                    return _kept(click, done.unreachable, face)
                face.stdout.write(kept_sentence(click, behind=True) + "\n")
                return _finish(done, face)
            try:
                reading = client.status()
            except TimemanError as exc:
                if not keepable(exc):
                    raise
                return _kept(sender.keep(kept_action, last_known=None), exc, face)
            day = reading.workday
            sent = close_action_for(day.state) if action is Action.CLOSE else action
            if not applies(sent, day.state) or sent is Action.CLOSE_EXPIRED:
                raise CliError(not_applicable(sent, day), EXIT_REFUSED)
            try:
                outcome = client.perform(sent)
            except TimemanError as exc:
                if not keepable(exc):
                    raise
                lost = sender.lost_write(SPECS[sent].method, reading) if may_have_run(exc) else None
                return _kept(sender.keep(kept_action, last_known=day, sent=lost), exc, face)
        except KeptStoreError as exc:
            raise CliError(exc.message, EXIT_REFUSED) from None
    face.notify_tray()
    return report(outcome, day)


def _kept(click: KeptClick, error: TimemanError, face: KeptFace) -> int:
    say(face.stderr, error.message)
    face.stdout.write(kept_sentence(click) + "\n")
    face.notify_tray()  # a running tray shows it at once (and may send it)
    return EXIT_OK


def run_kept(client: TimemanClient, args: argparse.Namespace, face: KeptFace) -> int:
    """``kept [list]``, ``kept send [--now ID]``, ``kept discard ID``."""
    command = getattr(args, "kept_action", None) or "list"
    typed = judge_kept_id(args)  # judged for its form before anything: lower case here
    with face.open() as store:
        try:
            if command == "discard":
                assert typed is not None, "argparse requires the id"
                return _discard(store, typed, face)
            if command == "send":
                sender = face.sender(client, store)
                chosen = None
                if typed is not None:
                    chosen = _find(store.pending(), typed).click_id
                return _finish(sender.send_pending(accept=chosen), face)
            return _list(client, store, face)
        except KeptStoreError as exc:
            raise CliError(exc.message, EXIT_REFUSED) from None


def _list(client: TimemanClient, store: KeptStore, face: KeptFace) -> int:
    queue = store.pending()
    if not queue:
        face.stdout.write("Nothing is kept.\n")
        return EXIT_OK
    head = None
    try:
        reading, settings = client.status_and_settings()
    except TimemanError as exc:
        if not keepable(exc):
            raise
        say(face.stderr, f"{exc.message} What the portal allows is known once it answers.")
    else:
        now = reading.clock.server_now(face.local_now())
        head = decide(
            queue, reading.workday, now=now, steady=face.clock.steady(), settings=settings
        )
    for index, click in enumerate(queue):
        if index == 0 and head is not None:
            state = decision_words(head)
        elif index == 0:
            state = "waits for the portal to answer."
        else:
            state = f"waits behind {queue[index - 1].click_id[:8]}."
        face.stdout.write(f"{click.click_id[:8]}  {click_words(click, dated=True)}: {state}\n")
    return EXIT_OK


def _discard(store: KeptStore, typed: str, face: KeptFace) -> int:
    click = _find(store.pending(), typed)
    if not store.discard(click.click_id):
        raise CliError(f"The {click_words(click)} is no longer kept.", EXIT_REFUSED)
    face.stdout.write(f"Discarded: {click_words(click)}; it will not be sent.\n")
    face.notify_tray()
    return EXIT_OK


def _find(queue: list[KeptClick], typed: str) -> KeptClick:
    found = [click for click in queue if click.click_id.startswith(typed)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CliError(
            f"No kept click has the id {typed}: 'timeman-tray kept' lists them.", EXIT_REFUSED
        )
    raise CliError(
        f"More than one kept click has an id starting {typed}: give more of it.", EXIT_REFUSED
    )


def _finish(done: Round, face: KeptFace) -> int:
    """Print a round of sending; its exit code."""
    for line in round_lines(done):
        face.stdout.write(line + "\n")
    if done.settled:
        face.notify_tray()
    if done.unreachable is not None:
        say(face.stderr, done.unreachable.message)
        return EXIT_UNAVAILABLE
    if done.taken or isinstance(done.stopped, Wait):
        return EXIT_UNAVAILABLE
    if done.stopped is not None:
        return EXIT_REFUSED
    return EXIT_OK


def _count(queue: list[KeptClick]) -> str:
    return "1 click is kept and" if len(queue) == 1 else f"{len(queue)} clicks are kept and"
