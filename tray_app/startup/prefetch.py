"""The tray's first reads, made in a child process started before Qt loads: the signed-in
account's secret from the keyring, then with it the day's status (tray_app/services/first_day.py).

Why a child: keyring with its Secret Service backend (secretstorage, jeepney, cryptography)
would stay in the tray for good, ~13 MiB, and importing it and finding the backend takes
150-250 ms; httpx and the request take another ~150 ms. The child does both on the other core
while the tray shows its icon, hands the answers over a pipe (never the command line) and
exits, taking that memory with it. A keyring that hangs on an invisible unlock prompt hangs the
child, which is killed; a thread could not be.

Only the first read of the account the child looked up is served from it; anything else
(another account, a write, a sign-in later) goes to the keyring in this process as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Final

from tray_app.core.message import from_document, say, to_document
from tray_app.startup.arguments import own_command

if TYPE_CHECKING:  # tray_app.config loads its settings module: not before the icon
    from tray_app.config.errors import SecretStoreError
    from tray_app.config.secrets import SecretStore
    from tray_app.config.settings import Settings
    from tray_app.services.first_day import FirstDay

PREFETCH_FLAG: Final = "--prefetch"
_ANSWER_WAIT_S: Final = 60.0
"""The child puts the keyring's time limit (20 s) and the portal's (20 s) on its calls; this is
for a hung child."""

_lock = threading.Lock()
_started: SecretPrefetch | None = None
_served: set[str] = set()
"""What of the started child was handed out already: "secret", "day" (each once)."""


class SecretPrefetch:
    """A running (or finished) child; :meth:`answer` waits for what it found, once."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._answer: dict[str, object] | None = None

    @classmethod
    def spawn(cls) -> SecretPrefetch:
        process = subprocess.Popen(  # noqa: S603  (our own program, fixed arguments)
            [*own_command(), PREFETCH_FLAG],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )
        return cls(process)

    def answer(self, timeout_s: float = _ANSWER_WAIT_S) -> dict[str, object]:
        """The child's one-line JSON answer (waited for once, then kept); a dead, hung or
        garbled child answers an error."""
        if self._answer is None:
            self._answer = self._wait(timeout_s)
        return self._answer

    def _wait(self, timeout_s: float) -> dict[str, object]:
        from tray_app.config import errors  # noqa: PLC0415

        try:
            out, _ = self._process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            return _error(
                errors.KeyringLockedError(
                    say("prefetch.keyring_timeout", "The keyring did not answer in time.")
                )
            )
        try:
            document = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            document = None
        if not isinstance(document, dict):
            code = self._process.returncode
            return _error(
                errors.SecretStoreError(
                    say(
                        "prefetch.keyring_failed",
                        "Reading the keyring failed (exit {code}).",
                        code=code,
                    )
                )
            )
        return document

    def cancel(self) -> None:
        """Stop the child if it still runs; its answer is not wanted."""
        if self._answer is None:
            self._process.kill()
            self._process.communicate()
            self._answer = {"account": None}


class PrefetchedSecretStore:
    """A :class:`SecretStore` whose first read of ``prefetch``'s account comes from it."""

    def __init__(self, prefetch: SecretPrefetch, fallback: Callable[[], SecretStore]) -> None:
        self._prefetch: SecretPrefetch | None = prefetch
        self._fallback_factory = fallback
        self._fallback: SecretStore | None = None

    def get(self, account: str) -> str | None:
        prefetch, self._prefetch = self._prefetch, None
        if prefetch is not None:
            answer = prefetch.answer()
            if answer.get("account") == account:
                return _secret_or_raise(answer)
        return self._store().get(account)

    def set(self, account: str, secret: str) -> None:
        self._cancel_prefetch()  # what it read may be stale after this
        self._store().set(account, secret)

    def delete(self, account: str) -> None:
        self._cancel_prefetch()
        self._store().delete(account)

    def _cancel_prefetch(self) -> None:
        prefetch, self._prefetch = self._prefetch, None
        if prefetch is not None:
            prefetch.cancel()

    def _store(self) -> SecretStore:
        if self._fallback is None:
            self._fallback = self._fallback_factory()
        return self._fallback


def start() -> None:
    """Start the child for this process (the tray calls this before it imports Qt)."""
    global _started  # noqa: PLW0603  (one read per process, like api.trust.prepare)
    with _lock:
        if _started is None:
            _started = SecretPrefetch.spawn()


def secret_store(fallback: Callable[[], SecretStore]) -> SecretStore:
    """The started child's store, once; afterwards (or if none was started) ``fallback()``."""
    prefetch = _take("secret")
    return fallback() if prefetch is None else PrefetchedSecretStore(prefetch, fallback)


def first_day(account: str) -> FirstDay | None:
    """The day the started child read for ``account``, once; None if it read none (the tray
    reads it itself then). Waits for the child: call it on the portal worker's thread."""
    prefetch = _take("day")
    if prefetch is None:
        return None
    answer = prefetch.answer()
    if answer.get("account") != account:
        return None
    from tray_app.services.first_day import reading_from  # noqa: PLC0415

    return reading_from(answer.get("day"))


def _take(use: str) -> SecretPrefetch | None:
    with _lock:
        if _started is None or use in _served:
            return None
        _served.add(use)
        return _started


def _secret_or_raise(answer: dict[str, object]) -> str | None:
    from tray_app.config import errors  # noqa: PLC0415

    error = answer.get("error")
    if error is not None:
        known = (
            errors.KeyringUnavailableError,
            errors.KeyringLockedError,
            errors.KeyringOperationError,
        )
        kind = next((cls for cls in known if cls.__name__ == error), errors.SecretStoreError)
        said = from_document(answer.get("said")) or str(answer.get("message", ""))
        raise kind(said, str(answer.get("detail", "")))
    secret = answer.get("secret")
    return secret if isinstance(secret, str) else None


def _error(error: SecretStoreError) -> dict[str, object]:
    said = {} if error.said is None else {"said": to_document(error.said)}
    return {"error": type(error).__name__, "message": str(error), "detail": error.detail, **said}


def serve(stdout: IO[str] | None = None) -> int:
    """The child: look the saved account's secret up, read the day with it, print one JSON line.

    ``{"account": null}`` when nobody is signed in (or the settings cannot be read: the tray
    reads them itself and says why); else the account with its ``secret`` (null: none stored)
    or the keyring's ``error``, ``message`` and ``detail``; with a secret, the ``day`` as
    tray_app/services/first_day.py reads it, unless the administrator's policy makes the tray
    one of a fleet whose first reads are spread (:attr:`Policy.start_window_s`).
    """
    from tray_app.config.effective_settings import load_effective_settings  # noqa: PLC0415
    from tray_app.config.errors import SecretStoreError  # noqa: PLC0415
    from tray_app.config.secrets import KeyringSecretStore, account_key  # noqa: PLC0415

    stdout = stdout or sys.stdout
    # The administrator's locked proxy and CA file over the user's; not another portal.
    settings, policy = load_effective_settings()
    answer: dict[str, object] = {"account": None}
    if settings.portal_url and settings.user_id and policy.allows_portal(settings.portal_url):
        account = account_key(settings.portal_url, settings.user_id)
        answer = {"account": account}
        try:
            answer["secret"] = secret = KeyringSecretStore().get(account)
        except SecretStoreError as error:
            answer.update(_error(error))
        else:
            if secret is not None and policy.start_window_s <= 0:
                answer["day"] = _read_day(settings, secret)
            # One of a fleet: the tray sends its first read at its moment of the fleet's start
            # window (tray_app/core/fleet_start.py); a read now would come with everyone else's.
    stdout.write(json.dumps(answer) + "\n")
    stdout.flush()
    return 0


def _read_day(settings: Settings, secret: str) -> dict[str, object]:
    from tray_app.api.errors import WebhookUrlError  # noqa: PLC0415
    from tray_app.api.webhook import Webhook  # noqa: PLC0415
    from tray_app.services.account import transport_options  # noqa: PLC0415
    from tray_app.services.first_day import read_in_child  # noqa: PLC0415

    try:
        webhook = Webhook.from_parts(settings.portal_url, settings.user_id, secret)
    except WebhookUrlError:
        return {"error": "WebhookUrlError"}  # the tray says what is wrong with it
    return read_in_child(webhook, transport_options(settings))
