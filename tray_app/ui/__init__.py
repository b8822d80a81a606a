"""The Qt face of timeman-tray: the only package that imports PySide6.

Controller, tray, icons and dialogs live here; the layers below (``core``, ``api``, ``config``,
``history``) never import Qt.
"""

from tray_app.ui.source_scan import stop_source_scan

stop_source_scan()  # before the other ui modules import: see source_scan.py
