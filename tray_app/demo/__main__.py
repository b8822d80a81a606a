"""``python -m tray_app.demo``: run the simulated portal in the foreground until Ctrl-C.

Prints the webhook URL(s) to paste into the client and, with ``--https``, the CA file the
client must trust. ``--seed`` puts a day into the store so the tray has something to show.
``--plan`` and ``--bucket-scale`` size the rate bucket (``--bucket-scale 0.03``: the clients
you run stand for 33 times as many), ``--other-load`` adds another integration's requests to
the same bucket; ``GET /simulator/stats`` tells what the bucket admitted and refused.
"""

from __future__ import annotations

import argparse
import secrets
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from tray_app.demo.app import STATS_PATH
from tray_app.demo.clock import SimClock
from tray_app.demo.day_record import STATES
from tray_app.demo.limits import PLANS
from tray_app.demo.load import SPACINGS
from tray_app.demo.simulator import PortalSimulator
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
    parser.add_argument(
        "--plan",
        choices=tuple(PLANS),
        default="standard",
        help="standard: 2/s, 50; enterprise: 5/s, 250",
    )
    parser.add_argument(
        "--bucket-scale",
        type=_positive,
        default=1.0,
        metavar="S",
        help="multiply the bucket's drain and threshold (0.03: 30 clients stand for 1 000)",
    )
    parser.add_argument(
        "--other-load",
        type=_not_negative,
        default=0.0,
        metavar="R",
        help="another integration's requests per second in the same bucket (default 0)",
    )
    parser.add_argument("--other-load-spacing", choices=SPACINGS, default="poisson")
    parser.add_argument("--other-load-seed", type=int, default=0)
    return parser


def _positive(text: str) -> float:
    value = _not_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
    return value


def _not_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number of at least 0: {text!r}")
    return value


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
        plan=args.plan,
        bucket_scale=args.bucket_scale,
        other_load=args.other_load,
        other_load_spacing=args.other_load_spacing,
        other_load_seed=args.other_load_seed,
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
        bucket = simulator.rate_limiter
        print(f"Bucket:   drains {bucket.drain:g}/s, refuses at {bucket.threshold:g}")
        print(f"Stats:    {simulator.base_url}{STATS_PATH}")
        if not args.https and not args.allow_http:
            print("Note: plain HTTP without --allow-http: every call answers 'Https required.'")
        print("Ctrl-C stops.", flush=True)
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
