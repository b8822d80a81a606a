"""What several UI areas use: the view of the day (``viewstate.py``), the tray icons
(``icons.py``) and the time zones of the forms (``zones.py``). It imports no other UI area."""
