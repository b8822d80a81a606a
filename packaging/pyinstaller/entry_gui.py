"""Frozen entry point of the windowed ``timeman-tray`` (Windows, macOS): no console window."""

from tray_app.app import main_gui

raise SystemExit(main_gui())
