"""``python -m tray_app.demo``: run the simulated portal in the foreground until Ctrl-C.

Prints the webhook URL(s) to paste into the client and, with ``--https``, the CA file the
client must trust. ``--seed`` puts a day into the store so the tray has something to show.
"""

from __future__ import annotations

import argparse
import secrets
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from tray_app.demo.clock import SimClock
from tray_app.demo.simulator import PortalSimulator
from tray_app.demo.store import STATES
from tray_app.demo.users import SCHEDULE_TYPES, SimUser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tray_app.demo", description="A simulated Bitrix24 portal (timeman)."
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--https", action="store_true", help="serve HTTPS with a generated CA")
    parser.add_argument(
        "--allow-http", action="store_true", help="accept webhook calls over plain HTTP"
    )
    parser.add_argument("--user-id", type=int, default=1)
    parser.add_argument("--secret", default=None, help="webhook secret (default: random)")
    parser.add_argument("--schedule", choices=SCHEDULE_TYPES, default=None)
    parser.add_argument("--timezone", default="Europe/Moscow")
    parser.add_argument("--admin", action="store_true", help="the user may manage all days")
    parser.add_argument("--seed", choices=STATES, default=None, help="start with such a day")
    parser.add_argument("--no-rate-limit", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    user = SimUser(
        user_id=args.user_id,
        secret=args.secret or secrets.token_hex(8),
        schedule=args.schedule,
        timezone=args.timezone,
        admin=args.admin,
        scopes=("timeman", "user"),
    )
    simulator = PortalSimulator(
        SimClock(),
        tls=args.https,
        allow_http=args.allow_http,
        rate_limit=not args.no_rate_limit,
        host=args.host,
        port=args.port,
        users=[user],
    )
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    with simulator:
        if args.seed:
            simulator.seed_day(user.user_id, args.seed)
        print(f"Portal:   {simulator.base_url}")
        print(f"Webhook:  {simulator.webhook_url(user.user_id)}")
        if simulator.ca_file is not None:
            print(f"CA file:  {simulator.ca_file}")
        if not args.https and not args.allow_http:
            print("Note: plain HTTP without --allow-http: every call answers 'Https required.'")
        print("Ctrl-C stops.", flush=True)
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
