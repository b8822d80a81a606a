"""Where the webhook secret lives: the OS keyring, behind a three-method protocol.

The rest of the app sees only :class:`SecretStore`; tests and the demo use
:class:`MemorySecretStore`. :class:`KeyringSecretStore` is the real one: it refuses backends
that would keep the secret in a plain file unless the user chose one on purpose, puts a time
limit on every keyring call (a locked keyring may wait forever on an invisible unlock prompt),
and raises only the errors of :mod:`tray_app.config.errors` (the tree is drawn there). Its calls
block: run them on the portal worker, never on the UI thread.

An account is one portal user: ``account_key("https://portal.example.com", 1)`` is
``"portal.example.com/1"``; the keyring item has ``service=timeman-tray`` and
``username=<account>``, so ``secret-tool lookup service timeman-tray username <account>``
finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final, Protocol, TypeVar
from urllib.parse import urlsplit

from tray_app.config import _keyring
from tray_app.config.errors import SecretStoreError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "SERVICE",
    "KeyringSecretStore",
    "MemorySecretStore",
    "SecretStore",
    "account_key",
]

log = logging.getLogger(__name__)

SERVICE: Final = "timeman-tray"
DEFAULT_TIMEOUT_S: Final = 20.0

_T = TypeVar("_T")


class SecretStore(Protocol):
    """Stores one secret per account. Every method may raise
    :class:`~tray_app.config.errors.SecretStoreError`.
    """

    def get(self, account: str) -> str | None:
        """The account's secret, or None if none is stored."""
        ...

    def set(self, account: str, secret: str) -> None:
        """Store (or replace) the account's secret."""
        ...

    def delete(self, account: str) -> None:
        """Forget the account's secret; nothing happens if none is stored."""
        ...


def account_key(portal_url: str, user_id: int) -> str:
    """The keyring account for a portal user: ``host[:port]/user_id`` (host in lower case).

    The scheme is left out so a portal that moves from http (loopback) to https keeps its
    secret; the port is kept because two portals may share a host.
    """
    try:
        parts = urlsplit(portal_url.strip())
        port = parts.port
    except ValueError:
        raise ValueError("portal_url must be https://host[:port]") from None
    if not parts.hostname:
        raise ValueError("portal_url must be https://host[:port]")
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
        raise ValueError("user_id must be a positive whole number")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{host}:{port}/{user_id}" if port is not None else f"{host}/{user_id}"


def _check_account(account: str) -> None:
    if not isinstance(account, str) or not account:
        raise ValueError("the account must be a non-empty string")


def _check_secret(secret: str) -> None:
    if not isinstance(secret, str) or not secret:
        raise ValueError("the secret must be a non-empty string")


class MemorySecretStore:
    """A :class:`SecretStore` in a dict, for tests and the demo.

    Set :attr:`error` to make every call raise it (to test how callers handle a locked or
    missing keyring). ``repr`` lists accounts, never secrets.
    """

    def __init__(self, secrets: Mapping[str, str] | None = None) -> None:
        self._secrets: dict[str, str] = dict(secrets or {})
        self.error: SecretStoreError | None = None

    def __repr__(self) -> str:
        return f"MemorySecretStore(accounts={sorted(self._secrets)!r})"

    def _raise_if_failing(self) -> None:
        if self.error is not None:
            raise self.error

    def get(self, account: str) -> str | None:
        _check_account(account)
        self._raise_if_failing()
        return self._secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        _check_account(account)
        _check_secret(secret)
        self._raise_if_failing()
        self._secrets[account] = secret

    def delete(self, account: str) -> None:
        _check_account(account)
        self._raise_if_failing()
        self._secrets.pop(account, None)


class KeyringSecretStore:
    """A :class:`SecretStore` in the OS keyring (Secret Service, KWallet, Keychain, Credential
    Manager) through the ``keyring`` library, imported on first use.

    The backend is chosen at the first call that succeeds and kept; until then every call
    looks again, so a keyring started after the app is found.
    """

    def __init__(self, service: str = SERVICE, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        if not service:
            raise ValueError("the service name must not be empty")
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.service = service
        self.timeout_s = timeout_s
        self._backend: KeyringBackend | None = None

    def __repr__(self) -> str:
        return f"KeyringSecretStore(service={self.service!r}, timeout_s={self.timeout_s:g})"

    def backend_name(self) -> str:
        """The backend's class, e.g. ``keyring.backends.SecretService.Keyring`` (for the log and
        the about box). Raises like the other methods when there is none.
        """
        backend = self._call("read", lambda backend: backend)
        return _keyring.qualified_name(type(backend))

    def get(self, account: str) -> str | None:
        _check_account(account)
        return self._call("read", lambda backend: backend.get_password(self.service, account))

    def set(self, account: str, secret: str) -> None:
        _check_account(account)
        _check_secret(secret)
        self._call(
            "store",
            lambda backend: backend.set_password(self.service, account, secret),
            secret=secret,
        )
        log.info("Stored the secret for %s in the keyring", account)

    def delete(self, account: str) -> None:
        _check_account(account)

        def delete(backend: KeyringBackend) -> None:
            # Backends raise PasswordDeleteError for a missing item; look first instead.
            if backend.get_password(self.service, account) is not None:
                backend.delete_password(self.service, account)

        self._call("delete", delete)
        log.info("Deleted the secret for %s from the keyring", account)

    def _call(
        self,
        verb: str,
        operation: Callable[[KeyringBackend], _T],
        secret: str | None = None,
    ) -> _T:
        """Choose the backend if needed and run ``operation`` with the time limit, translating
        every failure once.
        """

        def call() -> _T:
            backend = self._backend or _keyring.choose_backend()
            self._backend = backend
            return operation(backend)

        try:
            return _keyring.call_with_timeout(call, self.timeout_s)
        except SecretStoreError:
            raise
        except Exception as error:
            translated = _keyring.translate(error, verb, secret)
            log.warning("Keyring: %s (%s)", translated, translated.detail)
            if secret and secret in _keyring.describe(error):
                raise translated from None  # a backend echoed the secret: keep it out of logs
            raise translated from error
