"""``python -m tray_app`` runs the same entry point as the ``timeman-tray`` command."""

import sys

from tray_app.startup.entry import main

sys.exit(main())
