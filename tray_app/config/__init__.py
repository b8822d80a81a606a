"""Settings (non-secret, versioned JSON under platformdirs) and secrets (the OS keyring).

No Qt here; the only lower layer this package may import is :mod:`tray_app.core`. The errors
are drawn as a tree in :mod:`tray_app.config.errors`.
"""

from tray_app.config.errors import (
    ConfigError,
    KeyringLockedError,
    KeyringOperationError,
    KeyringUnavailableError,
    SecretStoreError,
    SettingsFileError,
)
from tray_app.config.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    account_key,
)
from tray_app.config.settings import Settings
from tray_app.config.settings_file import (
    load_settings,
    load_settings_or_defaults,
    save_settings,
    settings_path,
    user_log_dir,
)

__all__ = [
    "ConfigError",
    "KeyringLockedError",
    "KeyringOperationError",
    "KeyringSecretStore",
    "KeyringUnavailableError",
    "MemorySecretStore",
    "SecretStore",
    "SecretStoreError",
    "Settings",
    "SettingsFileError",
    "account_key",
    "load_settings",
    "load_settings_or_defaults",
    "save_settings",
    "settings_path",
    "user_log_dir",
]
