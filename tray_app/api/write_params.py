"""The parameters of a write: its time (with the reason the portal asks for) and position."""

from __future__ import annotations

from datetime import datetime

from tray_app.api.errors import ConfigurationError
from tray_app.core.backdate import DEFAULT_REASON
from tray_app.core.message import say
from tray_app.core.timefmt import TimeFormatError, format_atom

__all__ = ["write_params"]


def write_params(
    time: datetime | None,
    reason: str | None,
    lat: float | None,
    lon: float | None,
    with_report: bool = True,
) -> dict[str, object]:
    params: dict[str, object] = {}
    if time is not None:
        try:
            params["TIME"] = format_atom(time)
        except TimeFormatError as exc:
            raise ConfigurationError(exc.said or str(exc)) from None
        # The portal demands a reason with every changed time on non-flexible schedules and
        # ignores it elsewhere, so one always goes along (API reference §2.3) unless the
        # caller knows the schedule is flexible and wants none.
        if with_report:
            params["REPORT"] = reason if reason and reason.strip() else DEFAULT_REASON
    if (lat is None) != (lon is None):
        raise ConfigurationError(
            say("api.write.half_position", "Give both a latitude and a longitude, or neither.")
        )
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ConfigurationError(
                say("api.write.position_range", "The coordinates are out of range.")
            )
        params["LAT"] = lat
        params["LON"] = lon
    return params
