"""A faithful Bitrix24 portal (the ``timeman`` REST methods) on loopback, for tests and demos.

It stands alone: nothing here imports the rest of ``tray_app``, so the client is tested against
an independent reading of the portal's behaviour (``/work/shared/timeman-api.md``), quirks
included.

    clock = SimClock(start=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    with PortalSimulator(clock=clock) as sim:
        sim.add_user(SimUser(user_id=1, secret="s3cr3tcode12345"))
        url = sim.webhook_url(1)          # https://127.0.0.1:PORT/rest/1/s3cr3tcode12345/
        httpx.post(url + "timeman.open", json={}, verify=str(sim.ca_file))
"""

from tray_app.demo.atom import AtomFormatError, AtomTime, format_atom, parse_atom
from tray_app.demo.clock import SimClock
from tray_app.demo.day_view import DaySnapshot
from tray_app.demo.errors import RestError
from tray_app.demo.faults import Fault, FaultQueue
from tray_app.demo.recording import Headers, RecordedRequest
from tray_app.demo.simulator import PortalSimulator
from tray_app.demo.users import SimUser

__all__ = [
    "AtomFormatError",
    "AtomTime",
    "DaySnapshot",
    "Fault",
    "FaultQueue",
    "Headers",
    "PortalSimulator",
    "RecordedRequest",
    "RestError",
    "SimClock",
    "SimUser",
    "format_atom",
    "parse_atom",
]
