"""Composition root: parse the command line, then run the tray or one CLI command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tray_app import __version__


def build_parser() -> argparse.ArgumentParser:
    """The whole command line (imports only argparse, so ``--help`` is instant)."""
    from tray_app import cli  # noqa: PLC0415  (kept out of the tray's start-up path)

    parser = argparse.ArgumentParser(
        prog="timeman-tray",
        description="A tray icon and command line for the Bitrix24 workday (timeman).",
        epilog="Without a command, the tray app runs. Exit codes: 0 done; 1 refused or not "
        "applicable; 2 bad input, nothing sent; 3 not signed in or credentials rejected; "
        "4 portal unreachable.",
    )
    parser.add_argument("--version", action="version", version=f"timeman-tray {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in demo portal (a day in progress); nothing is stored",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    cli.add_commands(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``timeman-tray`` and ``python -m tray_app``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from tray_app.logs import setup_logging  # noqa: PLC0415

    setup_logging(verbose=args.verbose)
    if args.command is None:
        return run_tray(args)
    from tray_app import cli  # noqa: PLC0415

    if args.demo:
        if args.command in ("login", "logout"):
            parser.error("--demo stores nothing, so it has no login or logout")
        from tray_app.demo_mode import demo_environment  # noqa: PLC0415

        with demo_environment() as env:
            return cli.run(args, env)
    return cli.run(args, cli.Environment())


def run_tray(args: argparse.Namespace) -> int:
    """The tray app arrives with the tray issue; until then say so clearly."""
    del args
    sys.stderr.write(
        "timeman-tray: the tray icon is not part of this version yet; use the commands "
        "(timeman-tray --help), e.g. 'timeman-tray --demo status'.\n"
    )
    return 2


def main_gui() -> int:
    """Entry point of the GUI launcher (no console window on Windows)."""
    return main()
