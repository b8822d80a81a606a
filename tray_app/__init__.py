"""timeman-tray: a system-tray client for the Bitrix24 workday (timeman) API."""

__version__ = "0.1.0"
