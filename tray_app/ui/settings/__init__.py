"""The settings dialog (also the first-run dialog) and its tabs."""
