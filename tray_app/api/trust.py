"""Which CAs a connection trusts: certifi's bundle, plus ``SSL_CERT_FILE`` and a user's CA file.

Loading the bundles takes 40-80 ms, but OpenSSL does it with the GIL released, so the tray
calls :func:`prepare` before it imports Qt: the context is built on the other core while the
icon comes up, and the first :func:`ssl_context` call takes it instead of loading again.
"""

from __future__ import annotations

import os
import ssl
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import certifi

from tray_app.api.errors import ConfigurationError
from tray_app.core.message import Message, say

_lock = threading.Lock()
_prepared: Future[ssl.SSLContext] | None = None


def prepare() -> None:
    """Start building the base context (certifi and ``SSL_CERT_FILE``) on a thread."""
    global _prepared  # noqa: PLW0603  (one context prepared per process)
    with _lock:
        if _prepared is not None:
            return
        future: Future[ssl.SSLContext] = Future()
        _prepared = future

    def build() -> None:
        try:
            future.set_result(_base_context())
        except Exception as error:  # handed to whoever takes the context
            future.set_exception(error)

    threading.Thread(target=build, name="prepare-ssl-context", daemon=True).start()


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """Verify against certifi's bundle plus ``SSL_CERT_FILE`` and ``ca_file`` when given."""
    context = _take_prepared() or _base_context()
    _trust(context, _CA_FILE, ca_file)
    return context


def _take_prepared() -> ssl.SSLContext | None:
    """The prepared context, once (an SSL context is not shared between clients)."""
    global _prepared
    with _lock:
        future, _prepared = _prepared, None
    return None if future is None else future.result()


def _base_context() -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=certifi.where())
    _trust(context, _SSL_CERT_FILE, os.environ.get("SSL_CERT_FILE"))
    return context


@dataclass(frozen=True)
class _Source:
    """Where a trusted CA file was named, and its two sentences (filled with ``path``)."""

    missing: Message
    unusable: Message


_CA_FILE: Final = _Source(
    missing=say("api.trust.ca_missing", "The CA file {path} does not exist or is not a file"),
    unusable=say(
        "api.trust.ca_unusable", "The CA file {path} holds no usable certificate (expected PEM)"
    ),
)
_SSL_CERT_FILE: Final = _Source(
    missing=say(
        "api.trust.env_missing", "The SSL_CERT_FILE {path} does not exist or is not a file"
    ),
    unusable=say(
        "api.trust.env_unusable",
        "The SSL_CERT_FILE {path} holds no usable certificate (expected PEM)",
    ),
)


def _trust(context: ssl.SSLContext, source: _Source, path: str | None) -> None:
    if not path:
        return
    try:
        usable = Path(path).is_file()
    except (OSError, ValueError):  # a name too long for the system: no such file either
        usable = False
    if not usable:
        raise ConfigurationError(source.missing.with_params(path=path))
    try:
        context.load_verify_locations(cafile=path)
    except (ssl.SSLError, ValueError, OSError):
        raise ConfigurationError(source.unusable.with_params(path=path)) from None
