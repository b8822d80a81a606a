"""``python -m tray_app`` runs the same entry point as the ``timeman-tray`` command."""

import sys

from tray_app.app import main

sys.exit(main())
