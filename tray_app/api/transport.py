"""Build the one httpx client every call goes through: TLS, CA bundles, proxies, headers."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tray_app import __version__
from tray_app.api.errors import ConfigurationError
from tray_app.api.trust import ssl_context
from tray_app.core.message import say

__all__ = ["USER_AGENT", "TransportOptions", "build_http_client", "ssl_context"]

USER_AGENT = f"timeman-tray/{__version__}"


@dataclass(frozen=True)
class TransportOptions:
    """What a user or admin can set about the connection.

    ``ca_file`` adds a corporate CA to the trusted ones (so does ``SSL_CERT_FILE``); ``proxy``
    overrides the ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY`` environment, which is honoured
    otherwise. A call may take ``timeout`` seconds (the cloud cuts requests at 60 s).
    """

    ca_file: str | None = None
    proxy: str | None = None
    timeout: float = 20.0
    connect_timeout: float = 10.0


def build_http_client(
    options: TransportOptions, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """An httpx client that never follows redirects itself (a 302 turns POST into GET)."""
    proxy = options.proxy or None
    if proxy is not None and not proxy.startswith(("http://", "https://")):
        # Not echoed: a proxy URL may carry a password.
        raise ConfigurationError(
            say(
                "api.proxy.scheme",
                "The proxy must look like http://host:port or https://host:port",
            )
        )
    try:
        return httpx.Client(
            verify=ssl_context(options.ca_file),
            proxy=proxy,
            trust_env=True,
            transport=transport,
            timeout=httpx.Timeout(options.timeout, connect=options.connect_timeout),
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )
    except (ValueError, httpx.InvalidURL):
        raise ConfigurationError(
            say("api.proxy.invalid", "The proxy address is not a valid URL")
        ) from None
