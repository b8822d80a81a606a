"""Run the tray: QApplication, a short wait for a tray host (a window stands in without one),
Ctrl-C, crash reports, the event loop.

Start-up order is the point of this module (benchmarks/run.py measures it): only what the
loading icon needs is imported before it is shown (Qt's core classes, the per-user lock, the
icon's SVG file, drawn by Qt's SVG icon engine); the app itself, its icons renderer and the
rest are imported by a zero-delay timer once the icon is up, the portal client (httpx) only
after the first status, which a child process read (tray_app/services/first_day.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

# First, before any Qt import: the ui package stops PySide6 reading the source of every module
# imported after it (ui/source_scan.py).
import tray_app.ui  # noqa: F401

# isort: split
from PySide6.QtCore import (
    QMessageLogContext,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from tray_app.startup.instance_lock import InstanceLock

if TYPE_CHECKING:
    from tray_app.config.policy import Policy
    from tray_app.startup.demo_child import DemoPortalProcess

log = logging.getLogger("tray_app")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
TRAY_WAIT_S = float(os.environ.get("TIMEMAN_TRAY_WAIT_S", "2"))
"""At log-in the panel may start just after us: a short wait spares the window's flash. Longer
is no use: without a tray the app shows a window, and the icon takes over when one appears."""
NO_TRAY_LINE = (
    "No system tray was found; timeman-tray shows its status in a window "
    "and moves to the tray once one appears."
)
"""Logged and written to stderr (in English: the translation is not installed yet)."""
SHOW_WAIT_S = 10.0
"""How long a second launch waits for the first tray to listen (it starts to once its
first status shows)."""
_SOURCE_ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def run(args: argparse.Namespace, demo_portal: DemoPortalProcess | None = None) -> int:
    """The tray app until Quit; the exit code."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("timeman-tray")
    app.setApplicationDisplayName("timeman-tray")
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_qt_message)
    lock = InstanceLock()
    if not lock.acquire():
        from tray_app.services import instance  # noqa: PLC0415

        sent = instance.send(instance.SHOW, wait_s=SHOW_WAIT_S)
        log.info("another tray runs; asked it to show itself (%s)", "sent" if sent else "failed")
        return 0
    tray_found = _wait_for_tray_host(app, TRAY_WAIT_S)
    if not tray_found:
        log.warning(NO_TRAY_LINE)
        print(f"timeman-tray: {NO_TRAY_LINE}", file=sys.stderr, flush=True)
    icon = QSystemTrayIcon(loading_icon(), app)
    if tray_found:
        icon.show()  # without a tray, the no-tray window shows it once a tray appears
    icon_shown_at = time.monotonic()
    _install_crash_reports(app)
    quit_now: list[Callable[[], None]] = [app.quit]  # the app's own quit once it is built

    def quit_app() -> None:
        quit_now[0]()

    _quit_on_signals(app, quit_app)

    def start() -> None:
        from tray_app.config.policy_sources import load_policy  # noqa: PLC0415
        from tray_app.startup.tray_wiring import account_side, demo_side, serve_commands  # noqa: PLC0415
        from tray_app.ui.app.application import TrayApplication  # noqa: PLC0415

        policy = load_policy()  # once: the app obeys it, and a locked autostart is put in force
        tray_app = TrayApplication(
            app,
            icon,
            lock,
            portal=account_side() if demo_portal is None else demo_side(demo_portal),
            serve_commands=serve_commands,
            exit_when_ready=args.exit_when_ready,
            verbose=args.verbose,
            icon_shown_at=icon_shown_at,
            policy=policy,
        )
        quit_now[0] = tray_app.quit
        tray_app.start()
        if demo_portal is None:  # --demo stores nothing, the login entry neither
            QTimer.singleShot(0, lambda: apply_locked_autostart(policy.policy))
        from tray_app.ui.shell.no_tray import NoTrayMode  # noqa: PLC0415

        # Also with a tray: if its host goes away, the window comes back.
        tray_app.no_tray = NoTrayMode(tray_app.tray, tray_app.quit, window_now=not tray_found)

    QTimer.singleShot(0, start)
    return app.exec()


def apply_locked_autostart(policy: Policy) -> None:
    """Make the start-at-login entry match the administrator's locked value now, not only at
    the next *Save* of the settings (nothing when the policy does not lock it)."""
    if not policy.is_locked("start_at_login"):
        return  # the entry's code (and plistlib, for macOS) stays unloaded: ~0.5 MiB
    from tray_app.ui.settings.autostart_switch import apply_policy_autostart  # noqa: PLC0415

    apply_policy_autostart(policy)


def loading_icon() -> QIcon:
    """The loading state's SVG as Qt's SVG icon engine draws it (at whatever size the tray
    asks), or the app's own rendering where that engine or the file is missing."""
    spec = importlib.util.find_spec("tray_app.resources")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in (*map(Path, folders), _SOURCE_ICONS.parent):
        path = folder / "icons" / "loading.svg"
        if path.is_file():
            icon = QIcon(str(path))
            if not icon.pixmap(16).isNull():
                return icon
    from tray_app.ui.shared.icons import IconSpec, IconState, icon_for  # noqa: PLC0415

    return icon_for(IconSpec(IconState.LOADING))


def _wait_for_tray_host(app: QApplication, timeout_s: float) -> bool:
    """At log-in the panel may start after us: keep asking for a while before giving up."""
    deadline = time.monotonic() + timeout_s
    while not QSystemTrayIcon.isSystemTrayAvailable():
        if time.monotonic() >= deadline:
            return False
        app.processEvents()
        time.sleep(0.25)
    return True


def _quit_on_signals(app: QApplication, quit_app: Callable[[], None]) -> None:
    """Ctrl-C and SIGTERM quit cleanly. Python runs signal handlers only when it gets control,
    so the signal wakes Qt through a socket instead of a polling timer (no idle cost)."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: reader.recv(64))
    app.setProperty("_signal_sockets", (reader, writer, notifier))
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _signum, _frame: quit_app())


def _install_crash_reports(app: QApplication) -> None:
    """A bug is logged and shown once; the app keeps running where it can."""
    showing = threading.Lock()

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        log.critical("unexpected error", exc_info=(kind, error, trace))
        if threading.current_thread() is not threading.main_thread():
            return
        if not showing.acquire(blocking=False):
            return
        from tray_app.services.logs import log_dir  # noqa: PLC0415
        from tray_app.ui.text.messages import crash_message  # noqa: PLC0415

        try:
            QMessageBox.critical(
                None,
                "timeman-tray",
                crash_message(kind.__name__, log_dir()),
            )
        finally:
            showing.release()

    sys.excepthook = report
    threading.excepthook = lambda hook: report(
        hook.exc_type, hook.exc_value or hook.exc_type(), hook.exc_traceback
    )


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    del context
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
