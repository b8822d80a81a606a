"""The one straight start-up path: entry point, single instance, prefetch, the demo child.

The top layer: it may import every room below (ui, cli, services, api, config, core)."""
