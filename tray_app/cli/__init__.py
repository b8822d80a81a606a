"""The scripting face: status, start, pause, resume, close, login and logout."""
