"""Pure workday logic: stdlib and pytz only, no I/O, no clock reads (the time is passed in)."""
