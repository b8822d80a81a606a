"""What both faces (the tray and the CLI) use on top of api, config and history, without Qt:
the signed-in account, login autostart, talking to a running tray, logging, the first read."""
