"""Frozen entry point of the windowed ``timeman-tray`` (Windows, macOS): no console window."""

from tray_app.startup.entry import main_gui

raise SystemExit(main_gui())
