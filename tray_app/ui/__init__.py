"""The Qt face of timeman-tray: the only package that imports PySide6.

Controller, tray, icons and dialogs live here; the layers below (``core``, ``api``, ``config``,
``history``) never import Qt.
"""
