"""The wire under :class:`~tray_app.api.client.TimemanClient`: one POST with every transport
failure translated into the error tree, and a redirect judged before it is followed (a 302
would turn httpx's POST into a GET and drop the body, §5.4, so the client follows it by hand).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import httpx

from tray_app.api.errors import CertificateError, MovedError, UnavailableError, WebhookUrlError
from tray_app.api.network_words import network_reason
from tray_app.api.webhook import Webhook
from tray_app.core.hosts import is_loopback
from tray_app.core.message import say

__all__ = ["REDIRECTS", "hold_location", "post", "redirect_target"]

REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_HELD_LOCATION: Final = "x-timeman-tray-location"


def post(
    http: httpx.Client, webhook: Webhook, method: str, body: bytes, rest_v3: bool = False
) -> httpx.Response:
    """One POST of ``body`` to ``method``; every transport failure as the error tree's."""
    host = webhook.base_url
    try:
        return http.post(
            webhook.endpoint(method, rest_v3=rest_v3),
            content=body,
            headers={"Content-Type": "application/json"},
        )
    except httpx.ConnectTimeout:
        raise UnavailableError(
            say("api.net.connect_no_answer", "Cannot connect to {host}: no answer.", host=host),
            sent=False,
        ) from None
    except httpx.TimeoutException:
        raise UnavailableError(
            say("api.net.read_timeout", "{host} did not answer in time.", host=host)
        ) from None
    except httpx.ProxyError as exc:
        raise UnavailableError(
            say(
                "api.net.proxy_refused",
                "The proxy refused the connection: {reason}",
                reason=network_reason(exc),
            )
        ) from None
    except httpx.ConnectError as exc:
        if "CERTIFICATE_VERIFY_FAILED" in str(exc):
            raise CertificateError(
                say(
                    "api.net.certificate",
                    "The certificate of {host} is not trusted. If your company uses its own "
                    "certificate authority, set its CA file in the settings (or "
                    "SSL_CERT_FILE).",
                    host=host,
                )
            ) from None
        raise UnavailableError(
            say(
                "api.net.connect_failed",
                "Cannot connect to {host}: {reason}",
                host=host,
                reason=network_reason(exc),
            ),
            sent=False,
        ) from None
    except httpx.HTTPError as exc:
        raise UnavailableError(
            say(
                "api.net.broken_off",
                "The connection to {host} broke off before an answer came: {reason}",
                host=host,
                reason=network_reason(exc),
            )
        ) from None


def redirect_target(
    response: httpx.Response, webhook: Webhook, may_move_to: Callable[[str], bool] | None
) -> Webhook:
    """``webhook`` at the address a redirect names, if it may be followed there."""
    location = response.headers.get(_HELD_LOCATION, "")
    try:
        url = httpx.URL(location)
    except httpx.InvalidURL:
        url = httpx.URL("")
    if not url.is_absolute_url:
        raise MovedError(
            say(
                "api.moved.nowhere",
                "The portal says it has moved but gives no new address; check it in Bitrix24.",
            ),
            http_status=response.status_code,
        )
    if url.scheme != "https" and not is_loopback(url.host):
        raise MovedError(
            say(
                "api.moved.not_https",
                "The portal redirects to a non-HTTPS address; not following it.",
            ),
            http_status=response.status_code,
        )
    base = f"{url.scheme}://{url.netloc.decode('ascii')}"
    if may_move_to is not None and not may_move_to(base):
        raise MovedError(
            say(
                "api.moved.not_allowed",
                "The portal redirects to {address}, which your administrator does not allow; "
                "not following it.",
                address=base,
            ),
            http_status=response.status_code,
        )
    try:
        return webhook.moved_to(base)
    except WebhookUrlError:
        raise MovedError(
            say(
                "api.moved.not_portal",
                "The portal redirects to an address that is not a portal; not following it.",
            ),
            http_status=response.status_code,
        ) from None


def hold_location(response: httpx.Response) -> None:
    """Take a redirect's Location out of httpx's hands: even when not following, httpx parses it
    and calls an unparsable one a protocol error ("the connection broke off"); the client
    judges the address itself and calls it a :class:`MovedError`."""
    if response.status_code in REDIRECTS and "location" in response.headers:
        response.headers[_HELD_LOCATION] = response.headers.pop("location")
