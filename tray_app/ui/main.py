"""Run the tray: QApplication, the wait for a tray host, Ctrl-C, crash reports, the event loop."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading
import time
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QSocketNotifier, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from tray_app import instance
from tray_app.ui.application import TrayApplication
from tray_app.ui.messages import crash_message, no_tray_message

log = logging.getLogger("tray_app")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
TRAY_WAIT_S = float(os.environ.get("TIMEMAN_TRAY_WAIT_S", "60"))


def run(args: argparse.Namespace) -> int:
    """The tray app until Quit; the exit code."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("timeman-tray")
    app.setApplicationDisplayName("timeman-tray")
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_qt_message)
    tray_app = TrayApplication(
        app, demo=args.demo, exit_when_ready=args.exit_when_ready, verbose=args.verbose
    )
    if not tray_app.claim_instance():
        sent = instance.send(instance.SHOW)
        log.info("another tray runs; asked it to show itself (%s)", "sent" if sent else "failed")
        return 0
    if not _wait_for_tray_host(app, TRAY_WAIT_S):
        tray_app.instance.release()
        message = no_tray_message()
        log.error(message)
        if not args.exit_when_ready:
            QMessageBox.critical(None, "timeman-tray", message)
        return 1
    _install_crash_reports(app)
    _quit_on_signals(app, tray_app)
    tray_app.start()
    return app.exec()


def _wait_for_tray_host(app: QApplication, timeout_s: float) -> bool:
    """At log-in the panel may start after us: keep asking for a while before giving up."""
    deadline = time.monotonic() + timeout_s
    while not QSystemTrayIcon.isSystemTrayAvailable():
        if time.monotonic() >= deadline:
            return False
        app.processEvents()
        time.sleep(0.25)
    return True


def _quit_on_signals(app: QApplication, tray_app: TrayApplication) -> None:
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
        signal.signal(number, lambda _signum, _frame: tray_app.quit())


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
        from tray_app.logs import log_dir  # noqa: PLC0415

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
