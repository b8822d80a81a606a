"""The application object (``application.py``): it connects the controller, the tray and the
windows, and opens each of them (``settings_opener.py`` for the settings); nothing in the other
UI areas imports it."""
