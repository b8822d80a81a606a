"""The baseline: the smallest PySide6 tray app worth comparing timeman-tray with.

    python tools/bare_tray.py [--exit-when-ready] [--input-window]
                              [--https URL [--ca-file F] [--stack]]

An icon (drawn in code, no files), a context menu with two actions, and a 1 s timer that
changes the tooltip, as a tray clock would. Nothing else: no network, no keyring, no settings.

``--https URL`` makes it the second floor of the benchmarks: what any Python tray pays to show
one answer of an HTTPS server. Once the icon is shown, a thread POSTs ``{}`` to ``URL`` with
the standard library only (``urllib.request``, ``ssl.create_default_context()``: the system's
CAs, plus ``--ca-file`` if given), the answer is read and parsed as JSON, and the main thread
puts it in the tooltip. Imported only then: without the flag the bare tray pays nothing for it.

``--stack`` (with ``--https``) makes it a third floor: what timeman-tray's libraries cost before
any code of its own. The request is made by an ``httpx.Client`` that stays open (as the app's
does), and the rest of the stack a running tray holds is loaded and used once: pytz (a zone),
sqlite3 (a connection), platformdirs (a folder's name), QtSvg (an icon drawn from SVG) and
QtDBus. keyring is not: the running app reads its secret without it.

What it prints, for the e2e harness and the benchmarks (one line each, flushed at once):

* stderr ``READY icon=<ms>`` right after ``tray.show()`` returned, ``<ms>`` being
  ``time.monotonic()`` in milliseconds (CLOCK_MONOTONIC: comparable between processes on one
  machine). The line format of timeman-tray's ``--exit-when-ready`` (benchmarks/readiness.py).
  With ``--https``, a second line ``READY status=<ms> phase=ready`` when the answer is shown
  (``phase=error`` and ``answer-error <what>`` on stdout when the request failed), as the app
  marks its first status.
* stdout ``activated <reason>`` for every activation of the icon (``Trigger`` for a left
  click), ``menu <objectName>`` when a menu action is triggered, ``menu-shown`` when the
  context menu is about to show.

``--exit-when-ready`` quits once the tray host has embedded the icon (and with ``--https``
the answer is shown), like the app's flag of that name.
``--input-window`` also shows a window "bare-tray input" with a line edit that prints
``text <what was typed>`` on Enter (the harness tests typing, Cyrillic included, with it).
SIGTERM and SIGINT end it at once.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMenu,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import ssl

APP_NAME = "bare-tray"


def _icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2e7d32"))
    painter.setPen(QColor("#1b5e20"))
    painter.drawEllipse(4, 4, 56, 56)
    painter.end()
    return QIcon(pixmap)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class _Answer(QObject):
    """Carries the request thread's outcome to the main thread (a queued signal)."""

    arrived = Signal(bool, str)


_kept_open: list[object] = []
"""The ``--stack`` floor's HTTP client, open for the process's life like the app's."""


def _request(url: str, ca_file: str | None, answer: _Answer, *, stack: bool) -> None:
    """One POST (the standard library's, or httpx's with ``stack``); its outcome goes to
    ``answer`` (any thread)."""
    try:
        import json  # noqa: PLC0415  (paid only with --https, like the request itself)
        import ssl  # noqa: PLC0415

        context = ssl.create_default_context()
        if ca_file:
            context.load_verify_locations(cafile=ca_file)
        document = _stack_post(url, context) if stack else json.loads(_stdlib_post(url, context))
        ok, text = True, f"{type(document).__name__} of {len(document)}"
    except Exception as error:  # reported on stdout; the floor goes on
        ok, text = False, f"{type(error).__name__}: {error}"
    answer.arrived.emit(ok, text)


def _stdlib_post(url: str, context: ssl.SSLContext) -> bytes:
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(  # noqa: S310  (the URL is the caller's: https)
        url, data=b"{}", headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, context=context, timeout=20) as response:  # noqa: S310
        body: bytes = response.read()
    return body


def _stack_post(url: str, context: ssl.SSLContext) -> Any:
    """The stack's libraries, each used once, and the POST made by httpx."""
    import sqlite3  # noqa: PLC0415

    # httpx would also import its command-line client when click and rich are installed; the
    # app stops that (tray_app/startup/entry.py), and so does this floor.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    import httpx  # noqa: PLC0415
    import platformdirs  # noqa: PLC0415
    import pytz  # noqa: PLC0415

    pytz.timezone("Europe/Moscow")
    platformdirs.user_config_dir(APP_NAME)
    sqlite3.connect(":memory:").execute("select 1").fetchall()
    client = httpx.Client(verify=context, timeout=20)
    _kept_open.append(client)
    return client.post(url, json={}).json()


def _svg_icon() -> QIcon:
    """The ``--stack`` floor's icon, drawn from SVG as the app's are."""
    from PySide6.QtCore import QByteArray  # noqa: PLC0415
    from PySide6.QtDBus import QDBusConnection  # noqa: PLC0415, F401  (loaded, as in the app)
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    svg += b'<circle cx="32" cy="32" r="28" fill="#2e7d32" stroke="#1b5e20"/></svg>'
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    return QIcon(pixmap)


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915  (one straight script)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--exit-when-ready", action="store_true", help="quit once the icon is shown"
    )
    parser.add_argument(
        "--input-window", action="store_true", help="also show a window with a line edit"
    )
    parser.add_argument("--https", metavar="URL", help="POST {} to URL once the icon shows")
    parser.add_argument("--ca-file", metavar="F", help="with --https: also trust this CA file")
    parser.add_argument(
        "--stack", action="store_true", help="with --https: httpx and the app's other libraries"
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]

    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)

    tray = QSystemTrayIcon(_svg_icon() if args.stack and args.https else _icon())
    tray.setToolTip("bare tray")
    menu = QMenu()
    menu.setObjectName("bareTrayMenu")
    hello = QAction("Hello", menu)
    hello.setObjectName("helloAction")
    hello.triggered.connect(lambda: _say("menu helloAction"))
    menu.addAction(hello)
    quit_action = QAction("Quit", menu)
    quit_action.setObjectName("quitAction")
    quit_action.triggered.connect(lambda: _say("menu quitAction"))
    quit_action.triggered.connect(app.quit)
    menu.addAction(quit_action)
    menu.aboutToShow.connect(lambda: _say("menu-shown"))
    tray.setContextMenu(menu)
    tray.activated.connect(lambda reason: _say(f"activated {reason.name}"))

    ticks = 0

    def _tick() -> None:
        nonlocal ticks
        ticks += 1
        tray.setToolTip(f"bare tray: {ticks} s")

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(_tick)
    timer.start()

    # Ctrl-C and SIGTERM end the process at once (Python's own SIGINT handler would wait for
    # Python code to run, which an idle Qt event loop never does).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    if args.input_window:
        window = QWidget()
        window.setWindowTitle("bare-tray input")
        edit = QLineEdit(window)
        edit.setObjectName("input")
        edit.setMinimumWidth(300)
        edit.returnPressed.connect(lambda: _say(f"text {edit.text()}"))
        QVBoxLayout(window).addWidget(edit)
        window.show()

    answered = args.https is None
    answer = _Answer()

    def _answered(ok: bool, text: str) -> None:
        nonlocal answered
        tray.setToolTip(f"bare tray: {text}")
        phase = "ready" if ok else "error"
        sys.stderr.write(f"READY status={time.monotonic() * 1000:.3f} phase={phase}\n")
        sys.stderr.flush()
        _say(f"answer {text}" if ok else f"answer-error {text}")
        answered = True

    answer.arrived.connect(_answered)

    tray.show()
    sys.stderr.write(f"READY icon={time.monotonic() * 1000:.3f}\n")
    sys.stderr.flush()
    if args.https is not None:
        threading.Thread(
            target=_request,
            args=(args.https, args.ca_file, answer),
            kwargs={"stack": args.stack},
            daemon=True,
        ).start()
    if args.exit_when_ready:
        # "Shown" means embedded by the tray host (a geometry), as a person would see it;
        # show() returns before that, and quitting at once would hide it unseen.
        deadline = time.monotonic() + (30 if args.https else 10)

        def _quit_when_embedded() -> None:
            embedded = not tray.geometry().isEmpty()
            if (embedded and answered) or time.monotonic() > deadline:
                app.quit()
            else:
                QTimer.singleShot(5, _quit_when_embedded)

        QTimer.singleShot(0, _quit_when_embedded)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
