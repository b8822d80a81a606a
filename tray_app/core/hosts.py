"""Host names as the app judges them, one rule for the webhook and the proxy."""

from __future__ import annotations

import ipaddress
import re

__all__ = ["is_host", "is_loopback"]

_HOST_LABEL = re.compile(r"^[\w-]{1,63}$")  # \w: internationalized names are fine


def is_host(host: str) -> bool:
    """An IP address or dot-separated labels (urlsplit lets spaces and empty labels through)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.removesuffix(".").split(".")
        return all(_HOST_LABEL.match(label) for label in labels)
    return True


def is_loopback(host: str) -> bool:
    """Plain HTTP is allowed to this machine only (the simulator, a local test portal)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
