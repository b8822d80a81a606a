"""``PortalSimulator``: the public face that tests and ``--demo`` use.

It wires the pieces together (users, workday store, REST engine, limits, faults, recording,
listeners) and offers the controls a test needs: put a day into the store, change it "from the
web UI", inject faults, read what the client sent, open a second address that redirects (a moved
portal).
"""

from __future__ import annotations

import shutil
import ssl
import tempfile
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Literal

import pytz

from tray_app.demo.app import AliasApp, PortalApp
from tray_app.demo.atom import AtomTime
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
from tray_app.demo.recording import RecordedRequest, RequestLog
from tray_app.demo.records import PastDay, RestV3
from tray_app.demo.rest import RestEngine
from tray_app.demo.store import DaySnapshot, Geo, State, WorkdayStore
from tray_app.demo.users import SimUser

Action = Literal["open", "pause", "close"]


class PortalSimulator:
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
        self.clock = clock if clock is not None else SimClock()
        self.tls = tls
        self.allow_http = allow_http
        self.record_list = record_list
        self.rest_v3 = rest_v3
        self.faults = FaultQueue()
        self._host = host
        self._port = port
        self._tls_dir = tls_dir
        self._users: dict[int, SimUser] = {}
        self._zone: tzinfo = pytz.timezone(server_timezone)
        self._store = WorkdayStore(include_id=include_record_id)
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
            self.add_user(user)

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

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, user: SimUser) -> SimUser:
        if user.user_id in self._users:
            raise ValueError(f"user {user.user_id} already exists")
        if user.login and any(u.login == user.login for u in self._users.values()):
            raise ValueError(f"login {user.login!r} already exists")
        self._users[user.user_id] = user
        return user

    def user(self, user_id: int) -> SimUser:
        try:
            return self._users[user_id]
        except KeyError:
            raise KeyError(f"no user {user_id} on the simulated portal") from None

    @property
    def users(self) -> list[SimUser]:
        return list(self._users.values())

    # -- workdays ------------------------------------------------------------------------------

    def seed_day(
        self,
        user_id: int,
        state: State = "OPENED",
        *,
        start: datetime | None = None,
        finish: datetime | None = None,
        paused_at: datetime | None = None,
        leaks: timedelta = timedelta(0),
        active: bool = True,
        offset: int | None = None,
        ip_open: str = "",
        ip_close: str = "",
        lat_open: float = 0.0,
        lon_open: float = 0.0,
        lat_close: float = 0.0,
        lon_close: float = 0.0,
    ) -> DaySnapshot:
        """Put a day into the store as the newest record of the user.

        Defaults: OPENED/PAUSED started an hour ago (PAUSED right now), CLOSED started nine
        hours ago and ended after eight (or now), EXPIRED started three days ago. ``offset`` is
        the day's time zone in seconds (default: the user's zone at ``start``). A combination
        that would not have the requested status at the simulated now raises ``ValueError``.
        """
        user = self.user(user_id)
        self._store.seed(
            user,
            self.clock.now(),
            state=state,
            start=start,
            finish=finish,
            paused_at=paused_at,
            leaks=leaks,
            active=active,
            offset=offset,
            ip_open=ip_open,
            ip_close=ip_close,
            lat_open=lat_open,
            lon_open=lon_open,
            lat_close=lat_close,
            lon_close=lon_close,
        )
        snapshot = self.day(user_id)
        assert snapshot is not None
        return snapshot

    def seed_history(self, user_id: int, days: Iterable[PastDay]) -> list[DaySnapshot]:
        """Put finished past days into the store, each at its place in time (before today's
        day, if there is one), for ``timeman.record.list``. A day that overlaps another record,
        ends in the (simulated) future or lasts over 24 hours raises ``ValueError``. Returns all
        the user's records, oldest first. :func:`~tray_app.demo.records.sample_history` makes
        plausible ones."""
        user = self.user(user_id)
        for day in days:
            self._store.add_past(
                user,
                self.clock.now(),
                start=day.start,
                finish=day.finish,
                leaks=day.breaks,
                active=day.approved,
                offset=None,
            )
        return self.records(user_id)

    def records(self, user_id: int) -> list[DaySnapshot]:
        """Every record of the user, oldest first, as ``timeman.record.list`` sees them."""
        return self._store.history(self.user(user_id), self.clock.now())

    def day(self, user_id: int) -> DaySnapshot | None:
        """The user's newest record as ``timeman.status`` would see it now (None: no day yet)."""
        return self._store.snapshot(self.user(user_id), self.clock.now())

    def status(self, user_id: int) -> dict[str, object]:
        """What ``timeman.status`` would answer for the user right now."""
        return self._store.describe(self.user(user_id), self.clock.now())

    def clear_days(self, user_id: int) -> None:
        """Forget every day of the user."""
        self._store.clear(self.user(user_id).user_id)

    def act(
        self,
        user_id: int,
        action: Action,
        time: datetime | None = None,
        report: str | None = None,
        *,
        ip: str = "",
    ) -> DaySnapshot | None:
        """Change the day "elsewhere" (web UI, phone) with the portal's own rules.

        Refusals raise :class:`~tray_app.demo.errors.RestError`, like the REST call would; a
        pause in the wrong state is silently ignored, as everywhere on the portal.
        """
        user = self.user(user_id)
        now = self.clock.now()
        when = AtomTime.from_datetime(time) if time is not None else None
        if action == "open":
            self._store.open(user, now, time=when, report=report, geo=Geo(), ip=ip)
        elif action == "pause":
            self._store.pause(user, now, ip=ip)
        elif action == "close":
            self._store.close(user, now, time=when, report=report, geo=Geo(), ip=ip)
        else:
            raise ValueError(f"unknown action {action!r}")
        return self.day(user_id)

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
