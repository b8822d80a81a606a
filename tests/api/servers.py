"""Small real servers on loopback for the transport tests: an HTTPS portal stand-in signed by
a throw-away CA, and a recording proxy. Both run in a thread and are stopped and joined."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tray_app.demo.tls import TlsFiles, server_context

STATUS_BODY = json.dumps(
    {
        "result": {"STATUS": "CLOSED"},
        "time": {"start": 1743057653.7, "operating_reset_at": 1743058253},
    }
).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.seen: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that rejects our certificate is expected here; stay quiet."""

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """No stderr noise."""

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True


class _PortalHandler(_Handler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.server.seen.append(f"{self.command} {self.path}")
        self._answer(200, STATUS_BODY)


class _ProxyHandler(_Handler):
    def do_POST(self) -> None:
        """A forward proxy for http:// targets: answer for the target ourselves."""
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.server.seen.append(f"{self.command} {self.path}")
        self._answer(200, STATUS_BODY)

    def do_CONNECT(self) -> None:
        """Refuse every tunnel: enough to prove an https:// request went to the proxy."""
        self.server.seen.append(f"{self.command} {self.path}")
        self._answer(403, b"")


@contextmanager
def _running(server: _Server) -> Iterator[_Server]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        assert not thread.is_alive()


@contextmanager
def https_portal(pki: TlsFiles) -> Iterator[_Server]:
    """An HTTPS server on 127.0.0.1 that answers every POST with a CLOSED workday; its
    certificate comes from the simulator's own CA maker."""
    server = _Server(_PortalHandler)
    server.socket = server_context(pki).wrap_socket(server.socket, server_side=True)
    with _running(server) as running:
        yield running


@contextmanager
def recording_proxy() -> Iterator[_Server]:
    """A plain-HTTP proxy on 127.0.0.1 that records request lines."""
    with _running(_Server(_ProxyHandler)) as running:
        yield running
