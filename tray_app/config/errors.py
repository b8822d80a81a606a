"""Every error the config layer raises; each message is one sentence that says what to do.

::

    ConfigError
     ├── SettingsFileError            settings.json cannot be used (unreadable, not JSON, not an
     │                                object, written by a newer version); names the file
     └── SecretStoreError             the webhook secret could not be read, stored or deleted
          ├── KeyringUnavailableError no usable keyring: no backend (keyring's fail/null backend,
          │                           NoKeyringError), no D-Bus session, no Secret Service, a
          │                           backend that cannot be loaded, or only a plaintext/file
          │                           backend that the user did not choose explicitly
          ├── KeyringLockedError      the keyring is locked: unlock refused ("Prompt dismissed",
          │                           KeyringLocked, InitError) or no answer in time (an unlock
          │                           prompt nobody can see)
          └── KeyringOperationError   the keyring answered with another error (PasswordSetError,
                                      a D-Bus error reply, an unknown backend error)

A value a setting refuses is a :class:`SettingValueError`, a ``ValueError`` (not a
``ConfigError``: every caller that checks a value catches ``ValueError``).

Foreign exceptions (``keyring.errors.*``, ``secretstorage.exceptions.*``, ``jeepney`` errors,
D-Bus error replies, OS errors) are translated once, in :mod:`tray_app.config._keyring`, and kept
as ``__cause__`` for the log. No message or ``repr`` ever contains a secret. Each error is built
from a :class:`~tray_app.core.message.Message` (``.said``), its English is ``str(error)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from tray_app.core.message import Message, say
from tray_app.core.remedy import Remedy


class ConfigError(Exception):
    """Base of the config layer's errors; ``said`` is the sentence (None for a bare text)."""

    remedy = Remedy.USER_ACTS  # a setting to fix, a keyring to unlock
    general: ClassVar[Message | None] = None
    """What a branch says in general: for a bare text, where the reader's language has it."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else None


class SettingsFileError(ConfigError):
    """The settings file exists but cannot be used; :attr:`path` names it."""

    general = say(
        "settings.file.general", "The settings file cannot be used; default settings apply."
    )

    def __init__(self, message: Message | str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class SecretStoreError(ConfigError):
    """The secret store failed; ``str(error)`` is a sentence for a person, :attr:`detail` is for
    the log (the foreign exception's type and text, with the secret masked if it ever appeared).
    """

    def __init__(self, message: Message | str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class KeyringUnavailableError(SecretStoreError):
    """No usable keyring backend, or only one we refuse (plaintext/file) to use."""

    general = say("keyring.none.general", "No usable keyring was found for the webhook secret.")


class KeyringLockedError(SecretStoreError):
    """The keyring is locked and was not unlocked, or did not answer in time."""

    general = say("keyring.locked.general", "The keyring is locked; unlock it and try again.")


class KeyringOperationError(SecretStoreError):
    """The keyring is there and unlocked but refused or failed this operation."""

    general = say("keyring.failed.general", "The keyring failed; try again.")


class SettingValueError(ValueError):
    """A value a setting's check refuses; ``said`` is the sentence (a whole one, or a check's
    fragment such as "must not contain NUL characters" that the settings prefix with the
    field's name)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.said = message
