"""``PortalSimulator``: the public face that tests and ``--demo`` use.

It wires the pieces together (users, workday store, REST engine, limits, faults, recording,
listeners) and offers the controls a test needs: put a day into the store, change it "from the
web UI" (those two with the users in :mod:`tray_app.demo.portal_days`), inject faults, read what
the client sent, open a second address that redirects (a moved portal).
"""

from __future__ import annotations

import shutil
import ssl
import tempfile
import threading
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path
from types import TracebackType

import pytz

from tray_app.demo.app import AliasApp, PortalApp
from tray_app.demo.clock import SimClock
from tray_app.demo.faults import FaultQueue
from tray_app.demo.http import Listener
from tray_app.demo.limits import (
    PLANS,
    LeakyBucket,
    OperatingLimiter,
    PlanName,
    RatePlan,
    RateStats,
    scaled_plan,
)
from tray_app.demo.load import OtherIntegration, Spacing
from tray_app.demo.portal_days import PortalDays
from tray_app.demo.recording import RecordedRequest, RequestLog
from tray_app.demo.records import RestV3
from tray_app.demo.rest import RestEngine
from tray_app.demo.store import WorkdayStore
from tray_app.demo.users import SimUser


class PortalSimulator(PortalDays):
    """A Bitrix24 portal with the ``timeman`` REST methods, on loopback.

    ``tls``: serve HTTPS with a generated CA (``ca_file``); ``allow_http``: accept webhook calls
    over plain HTTP (the portal refuses them with ``INVALID_REQUEST`` unless its admin allowed
    it); ``rate_limit``: the per-IP leaky bucket (``rate_threshold`` requests, draining
    ``rate_drain`` per second on the simulated clock; by default those of ``plan``,
    ``"standard"`` 2/s and 50 or ``"enterprise"`` 5/s and 250), both multiplied by
    ``bucket_scale`` (0.03: 30 clients stand for 1 000; see
    :func:`~tray_app.demo.limits.scaled_plan`); ``other_load``: requests per second of another
    integration behind the same address, charged to the bucket of ``host`` (the source address
    of every client on loopback), spaced ``other_load_spacing`` with ``other_load_seed``
    (:class:`~tray_app.demo.load.OtherIntegration`; :meth:`rate_stats` counts them, and
    ``GET /simulator/stats`` answers the same as JSON); ``operating_limit``: seconds of handler
    time per method and webhook in ten minutes before 429 (None = off); ``include_record_id``:
    answer the ``ID`` field newer portals add; ``server_timezone``: the zone of ``time.date_*``;
    ``record_list``: offer ``timeman.record.list`` over REST 3.0 (false: an older timeman
    module, the v3 404); ``rest_v3``: have REST 3.0 at all (false: an older portal, whose
    ``/rest/api/`` answers the old REST's 404 - a guess, see :mod:`tray_app.demo.records`).
    """

    def __init__(
        self,
        clock: SimClock | None = None,
        *,
        tls: bool = True,
        allow_http: bool = False,
        rate_limit: bool = True,
        rate_threshold: float | None = None,
        rate_drain: float | None = None,
        plan: PlanName = "standard",
        bucket_scale: float = 1.0,
        other_load: float = 0.0,
        other_load_spacing: Spacing = "poisson",
        other_load_seed: int = 0,
        operating_limit: float | None = None,
        include_record_id: bool = True,
        server_timezone: str = "Europe/Moscow",
        record_list: bool = True,
        rest_v3: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        tls_dir: Path | None = None,
        users: Iterable[SimUser] = (),
    ) -> None:
        super().__init__(
            clock if clock is not None else SimClock(), WorkdayStore(include_id=include_record_id)
        )
        self.tls = tls
        self.allow_http = allow_http
        self.record_list = record_list
        self.rest_v3 = rest_v3
        self.faults = FaultQueue()
        self._host = host
        self._port = port
        self._tls_dir = tls_dir
        self._zone: tzinfo = pytz.timezone(server_timezone)
        self._log = RequestLog()
        self._stopping = threading.Event()
        chosen = PLANS[plan]
        limits = scaled_plan(
            RatePlan(
                drain=chosen.drain if rate_drain is None else rate_drain,
                threshold=chosen.threshold if rate_threshold is None else rate_threshold,
            ),
            bucket_scale,
        )
        self.rate_limiter = LeakyBucket(
            self.clock.timestamp, drain=limits.drain, threshold=limits.threshold
        )
        self.rate_limiter.enabled = rate_limit
        if other_load > 0:
            self.add_other_load(other_load, spacing=other_load_spacing, seed=other_load_seed)
        self.operating = OperatingLimiter(self.clock.timestamp, limit=operating_limit)
        self.engine = RestEngine(
            users=self._users,
            store=self._store,
            clock=self.clock,
            operating=self.operating,
            server_zone=self._zone,
            allow_http=lambda: self.allow_http,
        )
        self.rest_v3_engine = RestV3(
            engine=self.engine,
            users=self._users,
            store=self._store,
            clock=self.clock,
            operating=self.operating,
            server_zone=self._zone,
            available=lambda: self.record_list,
            rest_v3=lambda: self.rest_v3,
        )
        self._main: Listener | None = None
        self._aliases: list[Listener] = []
        self._temp_dir: Path | None = None
        self._ca_file: Path | None = None
        self._tls_context: ssl.SSLContext | None = None
        self._offline_port: int | None = None
        for user in users:
            self.add_user(user)  # after the engines: their tables are the same dicts

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> PortalSimulator:
        """Start listening (idempotent); returns self for chaining."""
        if self._main is not None:
            return self
        self._stopping.clear()
        if self.tls:
            # cryptography costs ~60 ms to import; the plain-HTTP demo never needs it.
            from tray_app.demo.tls import generate_tls_files, server_context  # noqa: PLC0415

            directory = self._tls_dir
            if directory is None:
                self._temp_dir = Path(tempfile.mkdtemp(prefix="portal-simulator-"))
                directory = self._temp_dir
            files = generate_tls_files(directory)
            self._ca_file = files.ca_file
            self._tls_context = server_context(files)
        self._listen(self._port)
        return self

    def _listen(self, port: int) -> None:
        app = PortalApp(
            engine=self.engine,
            rate=self.rate_limiter,
            faults=self.faults,
            log=self._log,
            clock=self.clock,
            stopping=self._stopping,
            v3=self.rest_v3_engine,
        )
        self._main = Listener(app.handle, host=self._host, port=port, tls=self._tls_context)

    def go_offline(self) -> None:
        """The portal goes away: connections are refused, while its address, certificate,
        days and request log stay for :meth:`come_back`."""
        if self._main is None:
            return
        self._offline_port = self.port
        self._stopping.set()
        self._main.close()
        self._main = None

    def come_back(self) -> None:
        """Listen again on the same address with the same certificate."""
        if self._main is not None or self._offline_port is None:
            return
        self._stopping.clear()
        self._listen(self._offline_port)
        self._offline_port = None

    def stop(self) -> None:
        """Stop all listeners, wake delayed requests, remove generated files (idempotent)."""
        self._stopping.set()
        for listener in [*self._aliases, *([self._main] if self._main else [])]:
            listener.close()
        self._aliases.clear()
        self._main = None
        self._offline_port = None
        self._tls_context = None
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
            self._ca_file = None

    def __enter__(self) -> PortalSimulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._main is not None

    # -- addresses -----------------------------------------------------------------------------

    def _listener(self) -> Listener:
        if self._main is None:
            raise RuntimeError("the simulator is not running; call start() first")
        return self._main

    @property
    def base_url(self) -> str:
        """``https://127.0.0.1:PORT`` (``http://`` when ``tls=False``)."""
        return self._listener().base_url

    @property
    def port(self) -> int:
        return self._listener().port

    @property
    def ca_file(self) -> Path | None:
        """The CA certificate (PEM) a client must trust; None without TLS."""
        return self._ca_file

    def webhook_url(self, user_id: int = 1) -> str:
        """``https://127.0.0.1:PORT/rest/<id>/<secret>/`` for a known user."""
        user = self.user(user_id)
        return f"{self.base_url}/rest/{user.user_id}/{user.secret}/"

    def start_alias(self) -> str:
        """Open a second address that answers everything with 302 to the same path here."""
        alias = AliasApp(lambda: self.base_url, self._log, self.clock)
        listener = Listener(alias.handle, host=self._host, port=0, tls=self._tls_context)
        self._aliases.append(listener)
        return listener.base_url

    # -- observation ---------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far (main and alias listeners), oldest first."""
        return self._log.snapshot()

    def clear_requests(self) -> None:
        self._log.clear()

    def add_other_load(
        self,
        rate: float,
        *,
        spacing: Spacing = "poisson",
        seed: int = 0,
        name: str = "other-integration",
        key: str | None = None,
    ) -> OtherIntegration:
        """Another integration sending ``rate`` requests per second from now on, into the bucket
        of ``key`` (default: the listening address, where loopback clients come from)."""
        load = OtherIntegration(
            rate,
            key=self._host if key is None else key,
            start=self.clock.timestamp(),
            spacing=spacing,
            seed=seed,
            name=name,
        )
        self.rate_limiter.add_load(load)
        return load

    def rate_stats(self) -> RateStats:
        """The bucket's admitted and refused requests so far: per source IP (HTTP requests)
        and per other integration."""
        return self.rate_limiter.stats()

    def block_method(self, method: str = "*", *, blocked: bool = True) -> None:
        """Force 429 ``OPERATION_TIME_LIMIT`` for ``method`` (``"*"``: all) until unblocked."""
        self.operating.block(method, blocked=blocked)
