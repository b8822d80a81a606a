"""Desktop notifications and what their buttons do."""
