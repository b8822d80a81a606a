"""Keyring backends for tests, loadable by name (``PYTHON_KEYRING_BACKEND=tests.config.
fake_backends.MemoryKeyring``) so the real ``keyring`` selection code runs.

Behaviour is set through module globals because keyring constructs backends itself.
"""

from __future__ import annotations

import threading
from typing import TypeVar

from keyring.backend import KeyringBackend

_B = TypeVar("_B", bound=KeyringBackend)

STORE: dict[tuple[str, str], str] = {}
RAISE: BaseException | None = None
RELEASE = threading.Event()


def make(cls: type[_B]) -> _B:
    """An instance of a keyring backend class (keyring's constructors are untyped)."""
    return cls()


def reset() -> None:
    global RAISE  # noqa: PLW0603  # keyring builds the backends: globals are the only knob
    STORE.clear()
    RAISE = None
    RELEASE.clear()


class MemoryKeyring(KeyringBackend):
    """Keeps passwords in :data:`STORE`; raises :data:`RAISE` from every call if set."""

    priority = 1.0

    def _maybe_raise(self) -> None:
        if RAISE is not None:
            raise RAISE

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_raise()
        return STORE.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_raise()
        STORE[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_raise()
        del STORE[(service, username)]


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file backends: not trusted unless chosen explicitly."""

    priority = 0.5


class OtherPlaintextKeyring(PlaintextKeyring):
    priority = 0.4


class BlockingKeyring(MemoryKeyring):
    """Waits for :data:`RELEASE` like a call stuck behind an invisible unlock prompt."""

    def get_password(self, service: str, username: str) -> str | None:
        RELEASE.wait(30)
        return None


# keyring registers every backend class for auto-detection; these must be found only when a
# test names them (PYTHON_KEYRING_BACKEND) or hands them over, never in other tests.
for _test_backend in (MemoryKeyring, PlaintextKeyring, OtherPlaintextKeyring, BlockingKeyring):
    KeyringBackend._classes.discard(_test_backend)
