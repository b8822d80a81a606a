"""The REST methods the simulator implements, each a function of (context, parameters).

``timeman.*`` follow ``timeman/lib/rest.php``: parameters upper-cased, ``USER_ID`` resolved by
``getUserInstance`` (someone else's id needs the manage-all right, checked *before* the user's
existence), and every write call answers with the workday object of ``timeman.status``.
``profile``, ``scope`` and ``server.time`` belong to the global scope any webhook may call.
``batch`` lives in :mod:`tray_app.demo.rest` because it re-enters the dispatcher.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from tray_app.demo.atom import format_hms
from tray_app.demo.day_record import Geo
from tray_app.demo.envelope import php_date_c
from tray_app.demo.errors import RestError
from tray_app.demo.params import Params, floatval, intval, loose_equals_int, truthy
from tray_app.demo.store import WorkdayStore
from tray_app.demo.users import SimUser

GLOBAL_SCOPE = "_global"

# What ``scope`` with ``full=true`` lists: the scopes of a typical cloud portal.
PORTAL_SCOPES: tuple[str, ...] = (
    "bizproc", "calendar", "catalog", "crm", "department", "disk", "entity", "im",
    "imopenlines", "lists", "log", "mailservice", "placement", "sale", "sonet_group", "task",
    "tasks", "telephony", "timeman", "user", "user_basic", "user_brief",
)  # fmt: skip

_TIME_SETTINGS = (
    "UF_TM_MAX_START",
    "UF_TM_MIN_FINISH",
    "UF_TM_MIN_DURATION",
    "UF_TM_ALLOWED_DELTA",
)


@dataclass(frozen=True)
class CallContext:
    """Everything a method needs: who calls, from where, and the portal's state."""

    caller: SimUser
    users: Mapping[int, SimUser]
    store: WorkdayStore
    now: datetime
    client_ip: str
    server_zone: tzinfo


Handler = Callable[[CallContext, Params], object]


@dataclass(frozen=True)
class MethodSpec:
    scope: str
    handler: Handler
    intranet_only: bool = False


def target_user(ctx: CallContext, params: Params) -> SimUser:
    """``getUserInstance``: yourself, or another user if you may manage everyone's days."""
    if "USER_ID" in params and not loose_equals_int(params["USER_ID"], ctx.caller.user_id):
        if not ctx.caller.admin:
            raise RestError("", "User does not have access to managing other users work time")
        other = ctx.users.get(intval(params["USER_ID"]))
        if other is None:
            raise RestError("", "User not found")
        return other
    return ctx.caller


def _geo(params: Params) -> Geo:
    """``isset($query['LAT']) ? doubleval(...) : ''``: a null counts as not sent."""
    lat, lon = params.get("LAT"), params.get("LON")
    return Geo(
        lat=floatval(lat) if lat is not None else None,
        lon=floatval(lon) if lon is not None else None,
    )


def timeman_status(ctx: CallContext, params: Params) -> object:
    return ctx.store.describe(target_user(ctx, params), ctx.now)


def timeman_open(ctx: CallContext, params: Params) -> object:
    user = target_user(ctx, params)
    ctx.store.open(
        user,
        ctx.now,
        time=params.get("TIME"),
        report=params.get("REPORT"),
        geo=_geo(params),
        ip="",  # the REST open passes no IP: real answers show IP_OPEN ""
    )
    return ctx.store.describe(user, ctx.now)


def timeman_pause(ctx: CallContext, params: Params) -> object:
    user = target_user(ctx, params)
    ctx.store.pause(user, ctx.now, ip="")  # a refusal is swallowed by the REST wrapper
    return ctx.store.describe(user, ctx.now)


def timeman_close(ctx: CallContext, params: Params) -> object:
    user = target_user(ctx, params)
    ctx.store.close(
        user,
        ctx.now,
        time=params.get("TIME"),
        report=params.get("REPORT"),
        geo=_geo(params),
        ip=ctx.client_ip,  # buildStopForm() records REMOTE_ADDR
    )
    return ctx.store.describe(user, ctx.now)


def timeman_settings(ctx: CallContext, params: Params) -> object:
    user = target_user(ctx, params)
    enabled = user.timeman_enabled
    result: dict[str, object] = {"UF_TIMEMAN": enabled, "UF_TM_FREE": user.flextime}
    for key in _TIME_SETTINGS:
        result[key] = format_hms(user.setting_seconds(key) if enabled else 0)
    if user.user_id == ctx.caller.user_id:
        result["ADMIN"] = ctx.caller.admin
    return result


def profile(ctx: CallContext, params: Params) -> object:
    user = ctx.caller
    return {
        "ID": str(user.user_id),
        "ADMIN": user.admin,
        "NAME": user.name,
        "LAST_NAME": user.last_name,
        "PERSONAL_GENDER": user.gender,
        "TIME_ZONE": user.timezone_name,
    }


def scope(ctx: CallContext, params: Params) -> object:
    if truthy(params.get("FULL")):
        return list(PORTAL_SCOPES)
    return [s for s in ctx.caller.scopes if s != "basic"]


def server_time(ctx: CallContext, params: Params) -> object:
    return php_date_c(ctx.now.timestamp(), ctx.server_zone)


METHODS: dict[str, MethodSpec] = {
    "timeman.status": MethodSpec("timeman", timeman_status, intranet_only=True),
    "timeman.open": MethodSpec("timeman", timeman_open, intranet_only=True),
    "timeman.pause": MethodSpec("timeman", timeman_pause, intranet_only=True),
    "timeman.close": MethodSpec("timeman", timeman_close, intranet_only=True),
    "timeman.settings": MethodSpec("timeman", timeman_settings, intranet_only=True),
    "profile": MethodSpec(GLOBAL_SCOPE, profile),
    "scope": MethodSpec(GLOBAL_SCOPE, scope),
    "server.time": MethodSpec(GLOBAL_SCOPE, server_time),
}
