"""Loopback HTTP(S) listeners in a background thread, with a clean shutdown.

Each connection gets its own daemon thread; TLS is negotiated in that thread (a client that
connects and stalls cannot block the accept loop). The listener tracks its connections so
``close()`` can cut idle keep-alive connections, wake held (delayed) requests and join every
thread: a test suite running with warnings as errors sees no unclosed socket and no stray thread.
"""

from __future__ import annotations

import contextlib
import logging
import re
import selectors
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from tray_app.demo.app import IncomingRequest, Outgoing
from tray_app.demo.recording import Headers

_log = logging.getLogger(__name__)
_WEBHOOK_SECRET = re.compile(r"(/rest/(?:api/)?[^/\s]+/)[^/\s]+")

_HANDSHAKE_TIMEOUT = 10.0
_IDLE_TIMEOUT = 120.0
_JOIN_TIMEOUT = 5.0
_CHUNK_LINE_LIMIT = 1024
_FATAL = b'{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}'

Application = Callable[[IncomingRequest], Outgoing]


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, asks the application, writes (or withholds) the answer."""

    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = _IDLE_TIMEOUT
    # One write per answer and no Nagle delay: otherwise every call waits ~40 ms for an ACK.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    server: _Server

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def _serve(self) -> None:
        body = self._read_body()
        request = IncomingRequest(
            http_method=self.command,
            target=self.path,
            headers=Headers(self.headers.items()),
            body=body,
            client_ip=str(self.client_address[0]),
            https=self.server.tls is not None,
        )
        try:
            answer = self.server.app(request)
        except Exception:  # a bug of the simulator: answer like a PHP fatal error
            _log.exception("the simulator failed on %s %s", self.command, self.path)
            answer = Outgoing(500, _FATAL, (("Content-Type", "application/json; charset=utf-8"),))
        if answer.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self.connection, socket.SHUT_RDWR)
            return
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
        self.wfile.flush()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size_line = self.rfile.readline(_CHUNK_LINE_LIMIT)
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline(_CHUNK_LINE_LIMIT) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(_CHUNK_LINE_LIMIT)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line holds the webhook secret: a real portal's access log is private,
        # ours goes to the app's log when --demo runs in-process, so mask it.
        line = _WEBHOOK_SECRET.sub(r"\1***", format % args)
        _log.debug("%s - %s", self.client_address[0], line)


class _Server(HTTPServer):
    """An HTTP server with one daemon thread per connection and tracked sockets."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], app: Application, tls: ssl.SSLContext | None
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.app = app
        self.tls = tls
        self._guard = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._closing = False
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the host (slow on some machines)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._connection_thread,
            args=(request, client_address),
            name="portal-simulator-connection",
            daemon=True,
        )
        with self._guard:
            # A thread leaves the set only once it has ended, so join_connections waits for
            # its very last line; ended ones are dropped here to keep the set small.
            self._threads = {known for known in self._threads if known.is_alive()}
            self._threads.add(thread)
            thread.start()  # under the guard: never pruned as "not alive" before it starts

    def _connection_thread(self, request: socket.socket, client_address: Any) -> None:
        connection: socket.socket = request
        try:
            if self.tls is not None:
                request.settimeout(_HANDSHAKE_TIMEOUT)
                connection = self.tls.wrap_socket(request, server_side=True)
            with self._guard:
                if self._closing:  # accepted while the listener was being closed
                    return
                self._connections.add(connection)
            self.finish_request(connection, client_address)
        except (OSError, ValueError) as exc:
            _log.debug("connection from %s ended: %s", client_address, exc)
        finally:
            with self._guard:
                self._connections.discard(connection)
            for sock in {connection, request}:
                with contextlib.suppress(OSError):
                    sock.close()

    def handle_request_now(self) -> None:
        """Accept one pending connection (the listening socket is readable)."""
        try:
            request, client_address = self.get_request()
        except OSError:
            return
        self.process_request(request, client_address)

    def cut_connections(self) -> None:
        """Shut every open connection down, so their threads stop waiting for data."""
        with self._guard:
            self._closing = True
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                # The plain-socket shutdown: SSLSocket.shutdown would drop its TLS state under
                # a thread that may still be reading.
                socket.socket.shutdown(connection, socket.SHUT_RDWR)

    def join_connections(self, timeout: float) -> None:
        with self._guard:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)


class Listener:
    """One listening socket served by a background thread.

    The accept loop sleeps in ``select`` on the listening socket and a wake-up socket pair, so
    an idle simulator costs no CPU and ``close()`` takes effect at once (``serve_forever``
    would poll).
    """

    def __init__(
        self,
        app: Application,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self._server = _Server((host, port), app, tls)
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._closed = False
        self._thread = threading.Thread(
            target=self._accept_loop, name="portal-simulator-listener", daemon=True
        )
        self._thread.start()
        self.host = host
        self.port = int(self._server.server_address[1])
        self.scheme = "https" if tls is not None else "http"

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._server.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._closed:
                for key, _ in selector.select():
                    if key.fileobj is self._wake_reader:
                        return
                    self._server.handle_request_now()

    def close(self) -> None:
        """Stop accepting, cut open connections, join all threads, close the sockets."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"x")
        self._thread.join(_JOIN_TIMEOUT)
        self._server.cut_connections()
        self._server.join_connections(_JOIN_TIMEOUT)
        self._server.server_close()
        self._wake_reader.close()
        self._wake_writer.close()
