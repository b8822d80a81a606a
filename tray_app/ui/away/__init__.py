"""Away detection: the idle and lock readers of each desktop, the monitor, and the
question on return."""
