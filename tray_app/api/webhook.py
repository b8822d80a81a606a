"""Incoming-webhook URLs: ``https://HOST[:PORT]/rest/USER_ID/SECRET/[METHOD]``.

The secret is a bearer credential: it appears only inside :meth:`Webhook.endpoint`, which is
handed to httpx and to nothing else. ``repr``/``str`` and every error text show it masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tray_app.api.errors import EXPECTED_FORM, WebhookUrlError

__all__ = ["EXPECTED_FORM", "Webhook"]
from tray_app.core.hosts import is_host, is_loopback
from tray_app.core.message import say

_SECRET = re.compile(r"^[A-Za-z0-9_-]{4,128}$")
_METHOD = re.compile(r"^[A-Za-z0-9_.]+$")


@dataclass(frozen=True, repr=False)
class Webhook:
    """A parsed webhook. Build with :meth:`parse` or :meth:`from_parts`, both validate."""

    scheme: str
    host: str
    port: int | None
    user_id: int
    secret: str

    @classmethod
    def parse(cls, text: str) -> Webhook:
        """Validate a pasted webhook URL; the error never repeats the input."""
        cleaned = text.strip()
        if not cleaned:
            raise WebhookUrlError(
                say(
                    "webhook.empty",
                    "No webhook URL given. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if any(char.isspace() for char in cleaned):
            raise WebhookUrlError(
                say(
                    "webhook.spaces",
                    "The webhook URL contains spaces. Expected {form} in one piece",
                    form=EXPECTED_FORM,
                )
            )
        try:
            parts = urlsplit(cleaned)
            port = parts.port
        except ValueError:
            raise WebhookUrlError(
                say(
                    "webhook.not_url",
                    "That is not a URL. Expected {form}",
                    form=EXPECTED_FORM,
                )
            ) from None
        if parts.username is not None or parts.password is not None:
            raise WebhookUrlError(
                say(
                    "webhook.credentials",
                    "A webhook URL has no user:password@. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        segments = parts.path.split("/")
        # ["", "rest", USER, SECRET] + optional [METHOD] + optional trailing ""
        if segments[-1:] == [""] and len(segments) > 1:
            segments = segments[:-1]
        if len(segments) not in (4, 5) or segments[0] != "" or segments[1] != "rest":
            raise WebhookUrlError(
                say(
                    "webhook.path",
                    "That is not a webhook URL: the path must be /rest/USER_ID/SECRET/. "
                    "Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if len(segments) == 5 and not _METHOD.match(segments[4]):
            raise WebhookUrlError(
                say(
                    "webhook.method",
                    "The part after the secret is not a method name. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if parts.query or parts.fragment:
            raise WebhookUrlError(
                say(
                    "webhook.query",
                    "A webhook URL has no ?query or #fragment. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        host = parts.hostname or ""
        if ":" in host:  # an IPv6 literal keeps its brackets, or the port would be misread
            host = f"[{host}]"
        return cls.from_parts(
            f"{parts.scheme}://{parts.netloc}"
            if port is None
            else f"{parts.scheme}://{host}:{port}",
            segments[2],
            segments[3],
        )

    @classmethod
    def from_parts(cls, portal_url: str, user_id: int | str, secret: str) -> Webhook:
        """A webhook from what the settings and the keyring hold."""
        try:
            parts = urlsplit(portal_url.strip())
            port = parts.port
        except ValueError:
            raise WebhookUrlError(
                say(
                    "webhook.portal_not_url",
                    "The portal address is not a URL. Expected {form}",
                    form=EXPECTED_FORM,
                )
            ) from None
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        if scheme not in ("https", "http") or not host:
            raise WebhookUrlError(
                say(
                    "webhook.portal_scheme",
                    "The portal address must start with https://. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if not is_host(host):
            raise WebhookUrlError(
                say(
                    "webhook.portal_host",
                    "The portal address has no valid host name. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if scheme == "http" and not is_loopback(host):
            raise WebhookUrlError(
                say(
                    "webhook.plain_http",
                    "Plain http:// would send the webhook secret unencrypted; use the https:// "
                    "address of the portal. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        user_text = str(user_id).strip()
        # isdigit() alone also takes "²", which int() refuses; other scripts' digits are no id.
        if not (user_text.isascii() and user_text.isdigit()) or int(user_text) <= 0:
            raise WebhookUrlError(
                say(
                    "webhook.user_id",
                    "The user id must be a positive number. Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        if any(char.isspace() for char in secret):
            raise WebhookUrlError(
                say(
                    "webhook.secret_spaces",
                    "The webhook secret contains spaces; copy the URL again",
                )
            )
        if not _SECRET.match(secret):
            raise WebhookUrlError(
                say(
                    "webhook.secret_characters",
                    "The webhook secret has unexpected characters (letters and digits only). "
                    "Expected {form}",
                    form=EXPECTED_FORM,
                )
            )
        return cls(scheme=scheme, host=host, port=port, user_id=int(user_text), secret=secret)

    @property
    def base_url(self) -> str:
        """``https://host[:port]``: what the settings keep (no secret)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (
            f"{self.scheme}://{host}"
            if self.port is None
            else f"{self.scheme}://{host}:{self.port}"
        )

    def endpoint(self, method: str, *, rest_v3: bool = False) -> str:
        """The full URL of a REST method. Contains the secret: only for the HTTP layer."""
        prefix = "rest/api" if rest_v3 else "rest"
        return f"{self.base_url}/{prefix}/{self.user_id}/{self.secret}/{method}"

    def moved_to(self, base_url: str) -> Webhook:
        """The same webhook at a new portal address (after a 302)."""
        return Webhook.from_parts(base_url, self.user_id, self.secret)

    @property
    def redacted(self) -> str:
        """The URL for people and logs: ``https://host/rest/1/***/``."""
        return f"{self.base_url}/rest/{self.user_id}/***/"

    def __repr__(self) -> str:
        return f"Webhook({self.redacted})"

    __str__ = __repr__
