"""The tray's live state: the day controller, the one portal worker, the plan and the week, the
journal and the reminder state."""
