"""The tray shell: the icon and its menu, the status panel, the window without a tray, and the
application object that opens every window."""
