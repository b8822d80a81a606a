"""The history window: the last weeks as a chart and a table."""
