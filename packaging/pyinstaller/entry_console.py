"""Frozen entry point of ``timeman-tray`` (the console program: the tray and the command line)."""

from tray_app.startup.entry import main

raise SystemExit(main())
