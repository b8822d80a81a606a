"""The UI's own words: the headline and notices, and which language the tray speaks."""
