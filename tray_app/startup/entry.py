"""Composition root: parse the command line, then run the tray or one CLI command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tray_app.startup.arguments import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``timeman-tray`` and ``python -m tray_app``."""
    skip_httpx_command_line()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.serve_demo_portal or args.prefetch:
        # The children read the first status: their CA bundles load on a thread (the GIL is
        # released meanwhile) while the simulator starts or the keyring answers.
        from tray_app.api.trust import prepare  # noqa: PLC0415

        prepare()
    if args.serve_demo_portal:
        from tray_app.startup.demo_child import serve  # noqa: PLC0415

        return serve()
    if args.prefetch:
        from tray_app.startup.prefetch import serve as serve_prefetch  # noqa: PLC0415

        return serve_prefetch()
    if args.command is None:
        return run_tray(args)  # it sets up logging once its icon is shown
    if args.demo and args.command in ("login", "logout"):
        parser.error("--demo stores nothing, so it has no login or logout")
    from tray_app.api.trust import prepare  # noqa: PLC0415

    prepare()  # the CA bundles load on another core while the HTTP stack imports here
    from tray_app.cli import commands as cli  # noqa: PLC0415
    from tray_app.services.logs import setup_logging  # noqa: PLC0415

    setup_logging(verbose=args.verbose)
    if args.demo:
        from tray_app.startup.demo_mode import demo_environment  # noqa: PLC0415

        with demo_environment() as env:
            return cli.run(args, env)
    return cli.run(args, cli.Environment())


def skip_httpx_command_line() -> None:
    """``import httpx`` also imports its command-line client (``httpx._main``) whenever click,
    rich and pygments happen to be installed (import-linter brings them into a development
    environment; a desktop's Python may have them too): 50-100 ms and ~6 MiB in every process
    that reads the portal, for a client this program never runs. A ``None`` in
    ``sys.modules`` makes that import fail, and httpx then defines a ``main`` that only says
    the client's dependencies are missing, as in an installation without them."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def run_tray(args: argparse.Namespace) -> int:
    """The tray app (imports Qt only now: the CLI commands never pay for it)."""
    from tray_app.startup.allocator import keep_thresholds_fixed  # noqa: PLC0415

    keep_thresholds_fixed()  # before Qt allocates: a long-running process gives freed memory back
    if args.verbose:
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=true")
    # Children first: they run on the other core while Qt loads here.
    demo_portal = None
    if args.demo:
        from tray_app.startup.demo_child import DemoPortalProcess  # noqa: PLC0415

        demo_portal = DemoPortalProcess.spawn()
    else:
        from tray_app.startup import prefetch  # noqa: PLC0415

        prefetch.start()
    from tray_app.startup.tray_main import run  # noqa: PLC0415

    try:
        return run(args, demo_portal)
    finally:
        if demo_portal is not None:
            demo_portal.stop()


def main_gui() -> int:
    """Entry point of the GUI launcher (no console window on Windows)."""
    return main()
