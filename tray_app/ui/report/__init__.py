"""The report dialog: change a start or end time, close a forgotten day, and its rules and words."""
