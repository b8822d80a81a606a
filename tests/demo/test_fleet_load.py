"""The bucket for a fleet: plans, scaling, another integration's load, the counts to read."""

from __future__ import annotations

import itertools
import json
import sys

import httpx
import pytest

from tests.demo.conftest import SECRET, trusting
from tests.demo.test_cli import run_cli
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.demo.__main__ import main
from tray_app.demo.limits import PLANS, Counts, LeakyBucket, scaled_plan
from tray_app.demo.load import OtherIntegration

LOOPBACK = "127.0.0.1"


def test_plans_are_those_of_the_reference() -> None:
    assert (PLANS["standard"].drain, PLANS["standard"].threshold) == (2.0, 50.0)
    assert (PLANS["enterprise"].drain, PLANS["enterprise"].threshold) == (5.0, 250.0)


def test_scaling_keeps_the_threshold_a_float() -> None:
    plan = scaled_plan(PLANS["standard"], 30 / 1000)
    assert plan.drain == pytest.approx(0.06)
    assert plan.threshold == pytest.approx(1.5)
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="scale"):
            scaled_plan(PLANS["standard"], bad)


def test_the_simulator_takes_plan_and_scale(clock: SimClock) -> None:
    enterprise = PortalSimulator(clock, plan="enterprise").rate_limiter
    assert (enterprise.drain, enterprise.threshold) == (5.0, 250.0)
    scaled = PortalSimulator(clock, plan="enterprise", bucket_scale=0.03).rate_limiter
    assert scaled.drain == pytest.approx(0.15)
    assert scaled.threshold == pytest.approx(7.5)
    explicit = PortalSimulator(clock, rate_drain=4.0, rate_threshold=10, bucket_scale=0.5)
    assert (explicit.rate_limiter.drain, explicit.rate_limiter.threshold) == (2.0, 5.0)


def test_a_scaled_bucket_admits_a_burst_of_two_and_drains_slowly(clock: SimClock) -> None:
    with PortalSimulator(clock=clock, bucket_scale=0.03) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        with httpx.Client(verify=trusting(sim), timeout=5.0) as http:

            def codes(count: int) -> list[int]:
                url = sim.webhook_url(1) + "timeman.status"
                return [http.post(url).status_code for _ in range(count)]

            assert codes(3) == [200, 200, 503]
            clock.advance(8.0)  # 0.48 drained: 1.52 is still at the threshold
            assert codes(1) == [503]
            clock.advance(0.5)  # 1.49
            assert codes(2) == [200, 503]
        stats = sim.rate_stats()
    assert stats.keys == {LOOPBACK: Counts(admitted=3, refused=3)}
    assert stats.loads == {}


def test_even_load_comes_every_one_over_rate_seconds() -> None:
    load = OtherIntegration(0.5, key=LOOPBACK, start=100.0, spacing="even")
    assert load.arrivals_until(101.9) == []
    assert load.arrivals_until(106.0) == [102.0, 104.0, 106.0]
    assert load.arrivals_until(106.0) == []  # each moment is handed out once
    assert load.arrivals_until(108.5) == [108.0]


def test_poisson_load_is_seeded_and_has_the_rate() -> None:
    def moments(seed: int) -> list[float]:
        return OtherIntegration(2.0, key=LOOPBACK, start=0.0, seed=seed).arrivals_until(5000.0)

    first = moments(7)
    assert first == moments(7)
    assert first != moments(8)
    assert len(first) / 5000.0 == pytest.approx(2.0, rel=0.05)
    assert first == sorted(first)
    gaps = {round(b - a, 6) for a, b in itertools.pairwise(first)}
    assert len(gaps) > len(first) // 2  # not evenly spaced


def test_bad_load_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        OtherIntegration(0.0, key=LOOPBACK, start=0.0)
    with pytest.raises(ValueError, match="spacing"):
        OtherIntegration(1.0, key=LOOPBACK, start=0.0, spacing="bursty")  # type: ignore[arg-type]
    bucket = LeakyBucket(lambda: 0.0)
    bucket.add_load(OtherIntegration(1.0, key=LOOPBACK, start=0.0))
    with pytest.raises(ValueError, match="already"):
        bucket.add_load(OtherIntegration(1.0, key=LOOPBACK, start=0.0))


def test_the_load_shares_the_trays_bucket_and_counts_its_refusals(clock: SimClock) -> None:
    with PortalSimulator(
        clock=clock, rate_threshold=3, rate_drain=0.0, other_load=1.0, other_load_spacing="even"
    ) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        with httpx.Client(verify=trusting(sim), timeout=5.0) as http:
            url = sim.webhook_url(1) + "profile"
            clock.advance(2.5)  # the integration sent two: the bucket holds two
            assert sim.rate_limiter.level(LOOPBACK) == 2.0
            assert [http.post(url).status_code for _ in range(2)] == [200, 503]
            clock.advance(2.0)  # two more, both refused: the trays filled the bucket
            stats = sim.rate_stats()
            assert stats.keys == {LOOPBACK: Counts(admitted=1, refused=1)}
            assert stats.loads == {"other-integration": Counts(admitted=2, refused=2)}
            assert stats.loads["other-integration"].refused_share == 0.5

            answer = http.get(sim.base_url + "/simulator/stats")
            assert answer.status_code == 200
            assert answer.json() == {
                "keys": {LOOPBACK: {"admitted": 1, "refused": 1}},
                "loads": {"other-integration": {"admitted": 2, "refused": 2}},
            }
        # The stats are the simulator's own: not logged, not charged.
        assert [r.rest_method for r in sim.requests] == ["profile", "profile"]
        assert sim.rate_stats().keys[LOOPBACK].total == 2


def test_load_on_a_switched_off_limit_is_counted_as_admitted(clock: SimClock) -> None:
    sim = PortalSimulator(clock, rate_limit=False, rate_threshold=1, other_load=1.0)
    sim.add_other_load(3.0, spacing="even", name="bi-export")
    clock.advance(10.0)
    stats = sim.rate_stats()
    assert stats.loads["bi-export"] == Counts(admitted=30, refused=0)
    assert stats.loads["other-integration"].refused == 0


def test_a_key_elsewhere_is_another_bucket(clock: SimClock) -> None:
    sim = PortalSimulator(clock, rate_threshold=1, rate_drain=0.0)
    sim.add_other_load(1.0, spacing="even", key="198.51.100.7")
    clock.advance(3.0)
    assert sim.rate_limiter.admit(LOOPBACK)
    assert sim.rate_stats().loads["other-integration"] == Counts(admitted=1, refused=2)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX-only here")
def test_cli_plan_scale_and_load() -> None:
    banner, answer = run_cli(
        *("--https", "--plan", "enterprise", "--bucket-scale", "0.03", "--other-load", "1")
    )
    assert banner["Bucket"] == "drains 0.15/s, refuses at 7.5"
    assert banner["Stats"].endswith("/simulator/stats")
    assert json.loads(answer)["result"]["STATUS"] == "CLOSED"


@pytest.mark.parametrize(
    "argv",
    [
        ["--bucket-scale", "0"],
        ["--bucket-scale", "x"],
        ["--other-load", "-1"],
        ["--other-load", "inf"],
        ["--plan", "gold"],
    ],
)
def test_cli_refuses_bad_bucket_options(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "error" in capsys.readouterr().err
