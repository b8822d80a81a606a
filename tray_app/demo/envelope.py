"""Answers encoded the way the portal's PHP encodes them.

PHP has one array type, so ``json_encode`` writes an empty array as ``[]`` (never ``{}``), an
array with keys 0..n-1 as a list, and a float without a fraction as an integer (``0``, not
``0.0``: the ``LAT_OPEN: 0`` of real answers). Slashes are escaped (``\\/``) and non-ASCII is
``\\uXXXX``, both valid JSON that a client must accept.

``time_block`` builds the ``time`` member of a success envelope: Unix seconds with fractions,
``date_start``/``date_finish`` as PHP ``date('c')`` in the server's zone, and the operating-time
fields of the per-method limit.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from tray_app.demo.atom import format_offset

_MAX_EXACT_INT = 2**53


def php_shape(value: object) -> object:
    """Turn Python data into what ``json_encode`` of the equivalent PHP array would write."""
    if isinstance(value, dict):
        if not value:
            return []
        keys = [str(k) for k in value]
        if keys == [str(i) for i in range(len(keys))]:
            return [php_shape(v) for v in value.values()]
        return {str(k): php_shape(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [php_shape(v) for v in value]
    finite = isinstance(value, float) and math.isfinite(value)
    if finite and isinstance(value, float) and value.is_integer() and abs(value) < _MAX_EXACT_INT:
        return int(value)
    return value


def encode(value: object) -> bytes:
    """JSON bytes as the portal sends them."""
    text = json.dumps(php_shape(value), ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode("ascii")


def php_date_c(timestamp: float, zone: tzinfo) -> str:
    """PHP ``date('c', $ts)``: whole seconds, the zone's offset at that moment."""
    moment = datetime.fromtimestamp(int(timestamp), UTC).astimezone(zone)
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    return moment.replace(tzinfo=None).isoformat() + format_offset(seconds)


@dataclass(frozen=True)
class Operating:
    """State of the operating-time limit for one method of one webhook."""

    operating: float
    reset_at: int | None


def time_block(
    start: float,
    finish: float,
    processing: float,
    zone: tzinfo,
    operating: Operating | None,
) -> dict[str, object]:
    """The ``time`` member of an answer (``CRestServer::appendDebugInfo``)."""
    block: dict[str, object] = {
        "start": start,
        "finish": finish,
        "duration": finish - start,
        "processing": processing,
        "date_start": php_date_c(start, zone),
        "date_finish": php_date_c(finish, zone),
    }
    if operating is not None:
        if operating.reset_at is not None:
            block["operating_reset_at"] = operating.reset_at
        block["operating"] = operating.operating
    return block
