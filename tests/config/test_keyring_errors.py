"""Every exception keyring, secretstorage and jeepney define is mapped, explicitly, to one branch
of the config error tree; D-Bus error replies are refined by their name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import jeepney
import keyring.errors
import pytest
import secretstorage.exceptions
from jeepney.wrappers import DBusErrorResponse

from tray_app.config import _keyring
from tray_app.config.errors import (
    ConfigError,
    KeyringLockedError,
    KeyringOperationError,
    KeyringUnavailableError,
    SecretStoreError,
    SettingsFileError,
)

SECRET = "qq7secretvalue"


def jeepney_modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(jeepney.__path__, "jeepney.")
        if ".tests" not in info.name
    ]
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:  # optional event-loop integrations (trio, asyncio extras)
            continue
    return modules


def exception_classes(modules: list[ModuleType]) -> set[type[BaseException]]:
    found: set[type[BaseException]] = set()
    for module in modules:
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.add(value)
    return found


FOREIGN = sorted(
    exception_classes([keyring.errors, secretstorage.exceptions, *jeepney_modules()]),
    key=_keyring.qualified_name,
)


def test_the_foreign_exception_list_is_not_empty() -> None:
    names = {_keyring.qualified_name(cls) for cls in FOREIGN}
    assert "keyring.errors.KeyringLocked" in names
    assert "secretstorage.exceptions.PromptDismissedException" in names
    assert "jeepney.wrappers.DBusErrorResponse" in names


@pytest.mark.parametrize("cls", FOREIGN, ids=_keyring.qualified_name)
def test_every_foreign_exception_is_mapped_explicitly(cls: type[BaseException]) -> None:
    assert _keyring.qualified_name(cls) in _keyring.EXCEPTION_KINDS


def make(cls: type[BaseException]) -> BaseException:
    """An instance without calling ``__init__`` (constructors differ; the class is what counts)."""
    if cls is DBusErrorResponse:
        return error_reply("org.example.Error.Whatever")
    instance: BaseException = cls.__new__(cls)
    return instance


def error_reply(name: str) -> BaseException:
    from jeepney.low_level import Header, HeaderFields, Message, MessageType  # noqa: PLC0415

    header = Header(
        jeepney.Endianness.little, MessageType.error, 0, 1, 0, 1, {HeaderFields.error_name: name}
    )
    response: BaseException = DBusErrorResponse(Message(header, ("details",)))
    return response


@pytest.mark.parametrize("cls", FOREIGN, ids=_keyring.qualified_name)
def test_every_foreign_exception_translates_to_its_branch(cls: type[BaseException]) -> None:
    expected = {
        "unavailable": KeyringUnavailableError,
        "locked": KeyringLockedError,
        "operation": KeyringOperationError,
    }[_keyring.EXCEPTION_KINDS[_keyring.qualified_name(cls)]]
    assert type(_keyring.translate(make(cls), "read")) is expected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (keyring.errors.NoKeyringError(), KeyringUnavailableError),
        (keyring.errors.KeyringLocked(), KeyringLockedError),
        (keyring.errors.InitError(), KeyringLockedError),
        (keyring.errors.PasswordDeleteError(), KeyringOperationError),
        (secretstorage.exceptions.SecretServiceNotAvailableException(), KeyringUnavailableError),
        (secretstorage.exceptions.LockedException(), KeyringLockedError),
        (secretstorage.exceptions.PromptDismissedException(), KeyringLockedError),
        (secretstorage.exceptions.ItemNotFoundException(), KeyringOperationError),
        (TimeoutError(), KeyringLockedError),
        (ConnectionRefusedError(), KeyringUnavailableError),
        (BrokenPipeError(), KeyringUnavailableError),
        (FileNotFoundError(), KeyringUnavailableError),
        (EOFError(), KeyringUnavailableError),
        (RuntimeError("unknown"), KeyringOperationError),
        (LookupError(), KeyringOperationError),
    ],
)
def test_the_most_specific_class_wins(error: BaseException, expected: type) -> None:
    assert type(_keyring.translate(error, "read")) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("org.freedesktop.DBus.Error.ServiceUnknown", KeyringUnavailableError),
        ("org.freedesktop.DBus.Error.NameHasNoOwner", KeyringUnavailableError),
        ("org.freedesktop.DBus.Error.Spawn.ChildExited", KeyringUnavailableError),
        ("org.freedesktop.DBus.Error.Disconnected", KeyringUnavailableError),
        ("org.freedesktop.Secret.Error.IsLocked", KeyringLockedError),
        ("org.freedesktop.DBus.Error.NoReply", KeyringLockedError),
        ("org.freedesktop.DBus.Error.AccessDenied", KeyringOperationError),
        ("org.freedesktop.Secret.Error.NoSuchObject", KeyringOperationError),
    ],
)
def test_dbus_error_replies_are_refined_by_name(name: str, expected: type) -> None:
    assert type(_keyring.translate(error_reply(name), "read")) is expected


def foreign_class(qualified: str, *, dbus_name: str | None = None) -> type[Exception]:
    """A stand-in for an exception of a module missing on this OS (dbus-python, macOS...)."""
    module, _, name = qualified.rpartition(".")
    namespace: dict[str, object] = {"__module__": module, "__qualname__": name}
    if dbus_name is not None:
        namespace["get_dbus_name"] = lambda self: dbus_name
    return type(name, (Exception,), namespace)


@pytest.mark.parametrize(
    ("qualified", "dbus_name", "expected"),
    [
        ("dbus.exceptions.DBusException", None, KeyringOperationError),
        (
            "dbus.exceptions.DBusException",
            "org.freedesktop.DBus.Error.ServiceUnknown",
            KeyringUnavailableError,
        ),
        ("dbus.exceptions.DBusException", "org.freedesktop.DBus.Error.NoReply", KeyringLockedError),
        ("gi.repository.GLib.GError", None, KeyringOperationError),
        ("keyring.backends.macOS.api.KeychainDenied", None, KeyringLockedError),
        ("keyring.backends.macOS.api.SecAuthFailure", None, KeyringLockedError),
        ("keyring.backends.macOS.api.NotFound", None, KeyringOperationError),
        ("keyring.backends.macOS.api.Error", None, KeyringOperationError),
        ("pywintypes.error", None, KeyringOperationError),
        ("win32ctypes.pywin32.pywintypes.error", None, KeyringOperationError),
    ],
)
def test_errors_of_other_platforms_backends(
    qualified: str, dbus_name: str | None, expected: type
) -> None:
    error = foreign_class(qualified, dbus_name=dbus_name)("x")
    assert type(_keyring.translate(error, "read")) is expected


def test_our_own_errors_pass_through_unchanged() -> None:
    error = KeyringLockedError("locked", "detail")
    assert _keyring.translate(error, "read") is error


def test_messages_are_one_sentence_that_says_what_to_do() -> None:
    for error in (
        _keyring.translate(keyring.errors.NoKeyringError(), "read"),
        _keyring.translate(keyring.errors.KeyringLocked(), "read"),
        _keyring.translate(keyring.errors.PasswordSetError(), "store"),
    ):
        message = str(error)
        assert message.endswith(".")
        assert message.count(". ") == 0, message
        assert ":" in message  # "what happened: what to do"


def test_an_unprintable_foreign_error_still_translates() -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise AttributeError("msg")

    error = _keyring.translate(Unprintable(), "read")
    assert error.detail.endswith(": <unprintable Unprintable>")


def test_detail_masks_the_secret() -> None:
    error = _keyring.translate(ValueError(f"bad {SECRET}"), "store", SECRET)
    assert SECRET not in error.detail
    assert error.detail == "builtins.ValueError: bad ***"


def test_the_error_tree() -> None:
    assert issubclass(SettingsFileError, ConfigError)
    assert issubclass(SecretStoreError, ConfigError)
    for leaf in (KeyringUnavailableError, KeyringLockedError, KeyringOperationError):
        assert issubclass(leaf, SecretStoreError)
    assert KeyringLockedError("m").detail == ""
