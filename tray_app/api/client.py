"""The Bitrix24 workday client: one call path, typed methods, safe writes.

- Every call is a POST with a JSON body (a query string mangles ``+`` in times, §2.2) through
  one httpx client; redirects are followed by hand, once, re-POSTing (a 302 would turn httpx's
  POST into a GET and drop the body, §5.4), and the new address is remembered in ``moved_to``.
- Reads retry on rate limits, 5xx and network errors with jittered back-off, bounded in count
  and time (:mod:`tray_app.api.retry`).
- Writes are never re-sent blindly: after a failure the status is read again; if the day is
  already where the action leads, the action took effect; only a request the portal certainly
  did not run (refused by the rate limit, or never connected) is sent again. A pause refused
  for the rate limit is sent again soon (:data:`~tray_app.core.backoff.REFUSED_WRITE_BACKOFF`)
  without that status read: it was not run, it cannot do anything else on a changed day, and
  the read would only add to the load.
"""

from __future__ import annotations

import json
import logging
import random
import time as _time
from collections.abc import Callable, Mapping
from datetime import datetime
from types import TracebackType
from typing import TypeVar

import httpx

from tray_app.api.day_batch import STATUS_AND_SETTINGS, day_reading, parsed, status_and_settings
from tray_app.api.envelope import AUTH_MESSAGES, Answer, parse_answer
from tray_app.api.errors import (
    AuthError,
    ConfigurationError,
    MovedError,
    RateLimitedError,
    TimemanError,
    UnavailableError,
    UnexpectedAnswerError,
)
from tray_app.api.models import AccountCheck, DayReading, Profile, WriteOutcome, parse_profile
from tray_app.api.redact import install_log_redaction
from tray_app.api.retry import RetryPolicy, wait_before_retry, worth_retrying
from tray_app.api.transport import TransportOptions, build_http_client
from tray_app.api.v3_envelope import parse_v3_answer
from tray_app.api.webhook import Webhook
from tray_app.api.wire import REDIRECTS, hold_location, post, redirect_target
from tray_app.api.write_params import write_params
from tray_app.api.write_words import not_made, outcome_unknown, still
from tray_app.core.actions import SPECS, Action, applies
from tray_app.core.backoff import REFUSED_WRITE_BACKOFF, wait_for_reset
from tray_app.core.message import say
from tray_app.core.portal_settings import PortalSettings, parse_portal_settings

log = logging.getLogger(__name__)

_RESENT_UNREAD = frozenset({Action.PAUSE})
"""Writes sent again after a rate-limit refusal without reading the status first (open and
close may do something else on a day changed meanwhile: resume it, or refuse)."""
Params = Mapping[str, object]
_T = TypeVar("_T")


class TimemanClient:
    """A client for one webhook. Not thread-safe: the app gives it one worker thread."""

    def __init__(
        self,
        webhook: Webhook,
        *,
        options: TransportOptions | None = None,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        read_policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = _time.sleep,
        clock: Callable[[], float] = _time.time,
        rng: random.Random | None = None,
        on_move: Callable[[str], None] | None = None,
        may_move_to: Callable[[str], bool] | None = None,
    ) -> None:
        """``on_move(new_base_url)`` is called once the portal has moved (a followed
        redirect), to keep the new address; its failure is logged, never raised.
        ``may_move_to(new_base_url)``: whether a redirect may be followed there at all (the
        administrator's portal); refused, the webhook's secret is not sent to that host.
        ``policy`` bounds the retries of a write that was not sent; ``read_policy`` (the same
        by default) those of reads: the tray, which schedules its own next read, passes
        :data:`~tray_app.api.retry.NO_RETRY`, so that a refused poll costs one request."""
        install_log_redaction()
        self._webhook = webhook
        self._http = build_http_client(options or TransportOptions(), transport)
        self._http.event_hooks["response"].append(hold_location)
        self._policy = policy or RetryPolicy()
        self._read_policy = read_policy or self._policy
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._last_reset_at: float | None = None
        self.moved_to: str | None = None
        self._on_move = on_move
        self._may_move_to = may_move_to

    def set_retry_policy(self, policy: RetryPolicy) -> None:
        """Retry reads and unsent writes within ``policy`` from now on (the CLI's ``--wait``)."""
        self._policy = policy
        self._read_policy = policy

    @property
    def webhook(self) -> Webhook:
        """The webhook in use (its address changes after a followed redirect)."""
        return self._webhook

    def shutdown(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> TimemanClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.shutdown()

    # -- the one call path -------------------------------------------------------------------

    def call(self, method: str, params: Params | None = None, *, rest_v3: bool = False) -> Answer:
        """One POST of ``method``, a redirect followed once; no retry. Raises the error tree.

        ``rest_v3``: the REST 3.0 address and error shape (:mod:`tray_app.api.v3_envelope`)."""
        try:
            body = json.dumps(
                dict(params or {}), ensure_ascii=False, separators=(",", ":"), allow_nan=False
            ).encode("utf-8")
        except (TypeError, ValueError):
            raise ConfigurationError(
                say(
                    "api.call.params_not_json",
                    "The parameters of {method} cannot be sent as JSON",
                    method=method,
                )
            ) from None
        response = post(self._http, self._webhook, method, body, rest_v3)
        if response.status_code in REDIRECTS:
            target = redirect_target(response, self._webhook, self._may_move_to)
            response = post(self._http, target, method, body, rest_v3)
            if response.status_code in REDIRECTS:
                raise MovedError(
                    say(
                        "api.moved.again",
                        "The portal redirects again after moving; check its address in Bitrix24.",
                    ),
                    http_status=response.status_code,
                )
            log.warning("portal moved from %s to %s", self._webhook.base_url, target.base_url)
            self._webhook = target
            self.moved_to = target.base_url
            self._report_move(target.base_url)
        parse = parse_v3_answer if rest_v3 else parse_answer
        try:
            answer = parse(
                response.status_code, response.headers.get("content-type", ""), response.content
            )
        except RateLimitedError as exc:
            self._fill_retry_at(exc)
            raise
        if answer.reset_at is not None:
            self._last_reset_at = answer.reset_at
        return answer

    def _report_move(self, base_url: str) -> None:
        if self._on_move is None:
            return
        try:
            self._on_move(base_url)
        except Exception:  # keeping the address is a courtesy; the call itself succeeded
            log.warning("the portal's new address %s could not be kept", base_url, exc_info=True)

    def _fill_retry_at(self, error: RateLimitedError) -> None:
        """The operating-time limit resets at ``operating_reset_at`` of the last good answer."""
        if error.retry_at is None and error.code == "OPERATION_TIME_LIMIT":
            error.retry_at = self._last_reset_at

    # -- reads -------------------------------------------------------------------------------

    def read(self, method: str, params: Params | None = None, *, rest_v3: bool = False) -> Answer:
        """:meth:`call` with retries on rate limits, 5xx and network errors."""
        return self._retrying(method, lambda: self.call(method, params, rest_v3=rest_v3))

    def _retrying(self, method: str, attempt: Callable[[], _T]) -> _T:
        started = self._clock()
        failures = 0
        while True:
            try:
                return attempt()
            except TimemanError as exc:
                failures += 1
                policy = self._read_policy
                if not worth_retrying(exc) or failures >= policy.attempts:
                    raise
                wait = wait_before_retry(exc, failures, policy, self._rng, self._clock())
                if self._clock() - started + wait > policy.budget:
                    raise
                log.info(
                    "%s failed (%s); retrying in %.1f s", method, exc.code or exc.message, wait
                )
                self._sleep(wait)

    def status(self) -> DayReading:
        """``timeman.status`` of the webhook's own user."""
        return self._reading(self.read("timeman.status"))

    def settings(self) -> PortalSettings:
        """``timeman.settings`` of the webhook's own user."""
        return parsed(parse_portal_settings, self.read("timeman.settings").result)

    def status_and_settings(self) -> tuple[DayReading, PortalSettings]:
        """Both in one ``batch`` request (it counts once against the rate limit)."""
        # A sub-command's error (its own operating-time limit, say) is retried like the call's.
        return self._retrying("batch", self._status_and_settings_once)

    def _status_and_settings_once(self) -> tuple[DayReading, PortalSettings]:
        answer = self.call("batch", STATUS_AND_SETTINGS)
        try:
            return status_and_settings(answer, self._clock())
        except RateLimitedError as failure:
            self._fill_retry_at(failure)
            raise

    def profile(self) -> Profile:
        """Who the webhook belongs to."""
        profile = parse_profile(self.read("profile").result)
        if profile is None:
            raise UnexpectedAnswerError(
                say("api.answer.profile_no_user", "The portal's profile answer has no user id.")
            )
        return profile

    def scopes(self) -> tuple[str, ...]:
        """The permissions ticked on the webhook."""
        result = self.read("scope").result
        if not isinstance(result, list):
            raise UnexpectedAnswerError(
                say("api.answer.scope_not_list", "The portal's scope answer is not a list.")
            )
        return tuple(str(scope) for scope in result)

    def verify(self) -> AccountCheck:
        """Check a webhook before storing it: profile, the timeman scope, today's status."""
        profile = self.profile()
        scopes = self.scopes()
        if "timeman" not in scopes:
            raise AuthError(AUTH_MESSAGES["INSUFFICIENT_SCOPE"], code="insufficient_scope")
        return AccountCheck(profile=profile, scopes=scopes, reading=self.status())

    def _reading(self, answer: Answer) -> DayReading:
        return day_reading(answer, self._clock())

    # -- writes ------------------------------------------------------------------------------

    def perform(
        self,
        action: Action,
        *,
        time: datetime | None = None,
        reason: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        with_report: bool = True,
    ) -> WriteOutcome:
        """Send ``action`` once; see the module docstring for what happens on failure.
        ``with_report=False``: a ``time`` goes without any ``REPORT`` (a flexible schedule,
        where the portal asks for none: the kept clicks of issue 12)."""
        spec = SPECS[action]
        if time is not None and not spec.takes_time:
            raise ConfigurationError(
                say("api.write.no_time", "A time cannot be given to {action}.", action=action.value)
            )
        if time is None and spec.needs_time:
            raise ConfigurationError(
                say("api.write.needs_time", "An expired day can only be closed with an end time.")
            )
        return self._write(action, write_params(time, reason, lat, lon, with_report))

    def open(
        self,
        time: datetime | None = None,
        reason: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> WriteOutcome:
        """``timeman.open``: start a new day (optionally backdated)."""
        return self.perform(Action.OPEN, time=time, reason=reason, lat=lat, lon=lon)

    def resume(self) -> WriteOutcome:
        """``timeman.open`` on a paused day: continue it."""
        return self.perform(Action.RESUME)

    def pause(self) -> WriteOutcome:
        """``timeman.pause``."""
        return self.perform(Action.PAUSE)

    def close(
        self,
        time: datetime | None = None,
        reason: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> WriteOutcome:
        """``timeman.close``: end the day now or at ``time``."""
        return self.perform(Action.CLOSE, time=time, reason=reason, lat=lat, lon=lon)

    def _write(self, action: Action, params: Params) -> WriteOutcome:
        spec = SPECS[action]
        started = self._clock()
        failures = 0
        while True:
            try:
                answer = self.call(spec.method, params)
            except (UnavailableError, UnexpectedAnswerError) as exc:
                if isinstance(exc, UnavailableError) and not exc.sent and not worth_retrying(exc):
                    raise  # never reached the portal (an untrusted certificate): nothing to check
                failures += 1
                if action in _RESENT_UNREAD and self._retry_refused(exc, failures, started):
                    continue
                reading = self._status_after_failure(action, exc)
                if reading.workday.state is spec.expected:
                    log.info("%s: answer lost, but the day is %s", action, spec.expected)
                    return WriteOutcome(action, reading, applied=True, recovered=True)
                wait = wait_before_retry(exc, failures, self._policy, self._rng, self._clock())
                if (
                    isinstance(exc, UnavailableError)
                    and not exc.sent
                    and failures < self._policy.attempts
                    and self._clock() - started + wait <= self._policy.budget
                    and applies(action, reading.workday.state)
                ):
                    self._sleep(wait)
                    continue
                exc.restate(still(exc, reading.workday.state))
                raise
            reading = self._reading(answer)
            applied = reading.workday.state is spec.expected
            if not applied:
                log.info("%s was a silent no-op: the day is %s", action, reading.workday.state)
            return WriteOutcome(action, reading, applied=applied)

    def _retry_refused(self, error: TimemanError, failures: int, started: float) -> bool:
        """A pause refused for the rate limit was not run: send it again soon (a person waits
        for it), without a status read in between that would only add to the portal's load; a
        pause is a silent no-op in every other state (API reference §1.2), so whatever changed
        meanwhile, sending it again cannot do anything else. False (read the status and decide)
        once the policy's time is up, for one try only, or for any other failure."""
        if not isinstance(error, RateLimitedError) or error.sent or self._policy.attempts < 2:
            return False
        reset = wait_for_reset(error.retry_at, self._clock(), self._rng)
        wait = REFUSED_WRITE_BACKOFF.delay(failures, self._rng) if reset is None else reset
        if self._clock() - started + wait > self._policy.budget:
            return False
        log.info("the write was refused for the rate limit (not run); again in %.2f s", wait)
        self._sleep(wait)
        return True

    def _status_after_failure(self, action: Action, error: TimemanError) -> DayReading:
        try:
            return self.status()
        except TimemanError:
            if isinstance(error, UnavailableError) and not error.sent:
                # Refused before it ran (the rate limit, a refused connection): it was not made.
                raise UnavailableError(
                    not_made(error, action),
                    code=error.code,
                    http_status=error.http_status,
                    sent=False,
                ) from None
            raise UnavailableError(
                outcome_unknown(error, action),
                code=error.code,
                http_status=error.http_status,
            ) from None
