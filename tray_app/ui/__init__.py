"""The Qt face of timeman-tray: its windows, by area (docs/architecture.md).

Besides this package only ``startup/`` imports Qt, where the tray starts; the layers below
(``services``, ``cli``, ``core``, ``api``, ``config``, ``history``) never do. Importing this
package first stops PySide6 reading every later module's source (``source_scan.py``).
"""

from tray_app.ui.source_scan import stop_source_scan

stop_source_scan()  # before the other ui modules import: see source_scan.py
