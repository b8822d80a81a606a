"""The boundary to the ``keyring`` library: which backend we accept, a time limit on every call,
and the one place where foreign exceptions become :mod:`tray_app.config.errors`.

Kept apart from :mod:`.secrets` so the public face stays small. ``keyring`` is imported inside
functions only: importing it costs ~90 ms and choosing a backend ~150 ms, which must not delay
the tray icon.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, TypeVar

from tray_app.config.errors import (
    KeyringLockedError,
    KeyringOperationError,
    KeyringUnavailableError,
    SecretStoreError,
)
from tray_app.core.message import say

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

_T = TypeVar("_T")
Kind = Literal["unavailable", "locked", "operation"]

NO_KEYRING: Final = say(
    "keyring.none",
    "No usable keyring: install and unlock GNOME Keyring or KWallet (Secret Service), or on a "
    "headless machine start gnome-keyring-daemon --unlock.",
)
LOCKED: Final = say(
    "keyring.locked",
    "The keyring is locked: unlock it (log in to the desktop session, or run "
    "gnome-keyring-daemon --unlock) and try again.",
)
NO_ANSWER: Final = say(
    "keyring.no_answer",
    "The keyring did not answer within {seconds} s; it may be waiting for an unlock prompt: "
    "unlock the keyring and try again.",
)
"""Filled with ``seconds`` (as text: ``5``, ``0.5``)."""
FAILED: Final = {
    "read": say(
        "keyring.read_failed",
        "The keyring could not read the webhook secret: try again, and if it keeps failing "
        "check the keyring with your desktop's password manager.",
    ),
    "store": say(
        "keyring.store_failed",
        "The keyring could not store the webhook secret: try again, and if it keeps failing "
        "check the keyring with your desktop's password manager.",
    ),
    "delete": say(
        "keyring.delete_failed",
        "The keyring could not delete the webhook secret: try again, and if it keeps failing "
        "check the keyring with your desktop's password manager.",
    ),
}
"""By the verb of :func:`translate`."""
DISABLED: Final = say(
    "keyring.disabled",
    "The keyring is switched off (keyring's null backend is configured): remove it from "
    "PYTHON_KEYRING_BACKEND or keyringrc.cfg so the webhook secret can be stored.",
)
PLAINTEXT: Final = say(
    "keyring.plaintext",
    "Only the keyring backend {name} is available, which may keep the secret in a plain file: "
    "install and unlock GNOME Keyring or KWallet, or choose that backend on purpose with "
    "PYTHON_KEYRING_BACKEND.",
)
"""Filled with ``name``, the backend's class."""
BAD_CHOICE: Final = say(
    "keyring.bad_choice",
    "The keyring backend chosen in PYTHON_KEYRING_BACKEND or keyringrc.cfg cannot be used (not "
    "installed, or its service is not running): start it, or correct or remove that setting.",
)

# Backends that keep secrets in the OS's encrypted store. Anything else (keyrings.alt's file
# backends, which may even prompt on stdin) is used only when the user chose it explicitly.
TRUSTED_BACKENDS: Final = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
    }
)
_FAIL = "keyring.backends.fail.Keyring"
_NULL = "keyring.backends.null.Keyring"
_CHAINER = "keyring.backends.chainer.ChainerBackend"

# Every exception keyring, secretstorage and jeepney define, by qualified name (so nothing is
# imported to build the table, and backends missing on this OS cost nothing), plus the OS and
# platform errors their backends let through. The most specific class in the MRO wins.
EXCEPTION_KINDS: Final[Mapping[str, Kind]] = {
    # keyring.errors
    "keyring.errors.NoKeyringError": "unavailable",
    "keyring.errors.KeyringLocked": "locked",
    "keyring.errors.InitError": "locked",  # no default collection / opening it was refused
    "keyring.errors.PasswordSetError": "operation",
    "keyring.errors.PasswordDeleteError": "operation",
    "keyring.errors.KeyringError": "operation",
    # secretstorage.exceptions
    "secretstorage.exceptions.SecretServiceNotAvailableException": "unavailable",
    "secretstorage.exceptions.LockedException": "locked",
    "secretstorage.exceptions.PromptDismissedException": "locked",
    "secretstorage.exceptions.ItemNotFoundException": "operation",
    "secretstorage.exceptions.SecretStorageException": "operation",
    # jeepney: the bus connection failed or went away, or a D-Bus error reply (see _dbus_kind)
    "jeepney.auth.AuthenticationError": "unavailable",
    "jeepney.auth.FDNegotiationError": "unavailable",
    "jeepney.io.common.RouterClosed": "unavailable",
    "jeepney.io.threading.ReceiveStopped": "unavailable",
    "jeepney.low_level.SizeLimitError": "operation",
    "jeepney.fds.NoFDError": "operation",
    "jeepney.wrappers.DBusErrorResponse": "operation",
    # dbus-python (KWallet backend) and PyGObject (libsecret backend): D-Bus error replies
    "dbus.exceptions.DBusException": "operation",
    "gi.repository.GLib.GError": "operation",
    # macOS and Windows backends
    "keyring.backends.macOS.api.KeychainDenied": "locked",
    "keyring.backends.macOS.api.SecAuthFailure": "locked",
    "keyring.backends.macOS.api.NotFound": "operation",
    "keyring.backends.macOS.api.Error": "operation",
    "pywintypes.error": "operation",
    "win32ctypes.pywin32.pywintypes.error": "operation",
    # the OS: secretstorage's prompt timeouts, a socket that closed
    "builtins.TimeoutError": "locked",
    "builtins.ConnectionError": "unavailable",
    "builtins.EOFError": "unavailable",
    "builtins.OSError": "unavailable",
}

# D-Bus error names that mean "nobody there" or "nobody answered (a prompt is waiting)".
_DBUS_UNAVAILABLE: Final = frozenset(
    {
        "org.freedesktop.DBus.Error.ServiceUnknown",
        "org.freedesktop.DBus.Error.NameHasNoOwner",
        "org.freedesktop.DBus.Error.NoServer",
        "org.freedesktop.DBus.Error.Disconnected",
        "org.freedesktop.DBus.Error.Spawn.ChildExited",
        "org.freedesktop.DBus.Error.Spawn.ExecFailed",
    }
)
_DBUS_LOCKED: Final = frozenset(
    {
        "org.freedesktop.Secret.Error.IsLocked",
        "org.freedesktop.DBus.Error.NoReply",
        "org.freedesktop.DBus.Error.Timeout",
        "org.freedesktop.DBus.Error.TimedOut",
    }
)


def qualified_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _dbus_kind(error: BaseException) -> Kind | None:
    """Refine a D-Bus error reply by its name (jeepney: ``.name``; dbus-python: a method)."""
    name = getattr(error, "name", None)
    getter = getattr(error, "get_dbus_name", None)
    if name is None and callable(getter):
        name = getter()
    if name in _DBUS_UNAVAILABLE:
        return "unavailable"
    if name in _DBUS_LOCKED:
        return "locked"
    return None


def kind_of(error: BaseException) -> Kind:
    """Which branch of the tree a foreign exception belongs to; unknown ones are operation
    errors (a backend we do not know may raise anything; it must not crash the app).
    """
    for cls in type(error).__mro__:
        kind = EXCEPTION_KINDS.get(qualified_name(cls))
        if kind is not None:
            return _dbus_kind(error) or kind
    return "operation"


def describe(error: BaseException) -> str:
    """``str(error)``, which must not fail here even for a foreign class with a broken one."""
    try:
        return str(error)
    except Exception:  # a translation that raises would hide the real failure
        return f"<unprintable {type(error).__name__}>"


def _mask(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def translate(error: BaseException, verb: str, secret: str | None = None) -> SecretStoreError:
    """The one translation of a foreign exception; ``verb`` is "read", "store" or "delete"."""
    if isinstance(error, SecretStoreError):
        return error
    detail = _mask(f"{qualified_name(type(error))}: {describe(error)}", secret)
    kind = kind_of(error)
    if kind == "unavailable":
        return KeyringUnavailableError(NO_KEYRING, detail)
    if kind == "locked":
        return KeyringLockedError(LOCKED, detail)
    return KeyringOperationError(FAILED[verb], detail)


def call_with_timeout(function: Callable[[], _T], timeout_s: float) -> _T:
    """Run ``function`` in a daemon thread and wait at most ``timeout_s`` seconds.

    Why: with a D-Bus session but a locked keyring, Secret Service shows an unlock prompt and
    waits for it; on a display nobody looks at (Xvfb, a locked screen) that is forever. A daemon
    thread, not an executor, so a call that never returns cannot keep the process from exiting.
    """
    outcome: list[tuple[bool, object]] = []
    finished = threading.Event()

    def run() -> None:
        try:
            outcome.append((True, function()))
        except BaseException as error:  # handed to the caller's thread, which raises it
            outcome.append((False, error))
        finally:
            finished.set()

    threading.Thread(target=run, name="keyring-call", daemon=True).start()
    if not finished.wait(timeout_s):
        raise KeyringLockedError(
            NO_ANSWER.with_params(seconds=f"{timeout_s:g}"), f"no answer within {timeout_s:g} s"
        )
    succeeded, value = outcome[0]
    if not succeeded:
        raise value  # type: ignore[misc]  # a BaseException from the worker thread
    return value  # type: ignore[return-value]  # what function() returned


def chosen_explicitly() -> bool:
    """True if the user picked a backend: ``PYTHON_KEYRING_BACKEND`` or keyring's config file
    (``keyringrc.cfg`` with ``[backend] default-keyring``), the two places keyring itself reads.
    """
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    import configparser  # noqa: PLC0415  (only for this question)

    from keyring.util import platform_  # noqa: PLC0415  # lazy: see the module docstring

    parser = configparser.RawConfigParser()
    try:
        parser.read(Path(platform_.config_root()) / "keyringrc.cfg", encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return False
    return parser.has_option("backend", "default-keyring")


def _running_secret_service() -> KeyringBackend | None:
    """On Linux, the usual answer without keyring's discovery: the Secret Service, when one
    answers on the session bus. The discovery imports every backend (the macOS one runs
    ctypes' library search: ~40 of its ~60 ms) on the way to the first status."""
    if not sys.platform.startswith("linux"):
        return None
    from keyring.backends import SecretService  # noqa: PLC0415  # lazy: see the module docstring

    try:
        SecretService.Keyring.priority  # noqa: B018  # raises when no service answers
    except Exception:  # whatever the bus or secretstorage raised: not this way, then
        return None
    return _instance(SecretService.Keyring)


def _instance(cls: type[KeyringBackend]) -> KeyringBackend:
    """An instance of a backend class (keyring's constructors are untyped)."""
    return cls()


def choose_backend() -> KeyringBackend:
    """Detect keyring's backend afresh and accept it only if it keeps secrets safely.

    Detection is redone on every call (the store calls this until it succeeds once), so a
    keyring daemon started after the app is found without a restart.
    """
    explicit = chosen_explicitly()
    if not explicit:
        usual = _running_secret_service()
        if usual is not None:
            return usual
    import keyring.backend  # noqa: PLC0415  # lazy: see the module docstring
    import keyring.core  # noqa: PLC0415

    # keyring caches which backends were viable at the first look (jaraco.functools.once,
    # whose reset() raises KeyError before the first look)
    with contextlib.suppress(KeyError):
        getattr(keyring.backend.get_all_keyring, "reset", lambda: None)()
    try:
        keyring.core.init_backend()
    except Exception as error:  # a named backend that cannot be imported or is not viable
        raise KeyringUnavailableError(BAD_CHOICE, f"{qualified_name(type(error))}: {error}") from (
            error
        )
    backend = keyring.core.get_keyring()
    name = qualified_name(type(backend))
    if name == _FAIL:
        raise KeyringUnavailableError(NO_KEYRING, "keyring chose its fail backend")
    if name == _NULL:
        raise KeyringUnavailableError(DISABLED, "keyring's null backend is configured")
    if explicit:
        return backend
    candidates = list(getattr(backend, "backends", ())) if name == _CHAINER else [backend]
    for candidate in candidates:
        if qualified_name(type(candidate)) in TRUSTED_BACKENDS:
            return candidate
    shown = ", ".join(qualified_name(type(candidate)) for candidate in candidates)
    raise KeyringUnavailableError(PLAINTEXT.with_params(name=shown), f"refused {shown}")
