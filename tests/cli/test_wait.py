"""``--wait SECONDS``: how long an action keeps trying while the portal is busy.

A click refused for the rate limit was not made, so it is tried again within the wait; when
the wait is over, exit 4 with a sentence that names the option. The wait is judged like any
input: a bad one is exit 2 before any request.
"""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli
from tests.cli.test_bad_input import refused_before_anything
from tray_app.demo import Fault


def _state(cli: Cli) -> str:
    day = cli.sim.day(1)
    assert day is not None
    return day.status


def _calls(cli: Cli, method: str) -> int:
    return sum(1 for request in cli.sim.requests if request.rest_method == method)


def test_a_refused_pause_is_tried_again_within_the_wait(signed_in: Cli) -> None:
    signed_in.sim.seed_day(1, "OPENED")
    signed_in.sim.faults.push(Fault.status(503, method="timeman.pause"))
    result = signed_in("pause", "--wait", "20")
    assert result.code == 0, result.err
    assert _state(signed_in) == "PAUSED"
    assert _calls(signed_in, "timeman.pause") == 2


def test_without_wait_a_refused_pause_says_it_was_not_made_and_how_to_wait_longer(
    signed_in: Cli,
) -> None:
    signed_in.sim.seed_day(1, "OPENED")
    signed_in.sim.faults.push(Fault.status(503, method="timeman.pause"))
    result = signed_in("pause", "--wait", "0")
    assert result.code == 4
    assert "The day is still OPENED." in result.err
    assert "Gave up after trying for up to 0 s; --wait SECONDS tries longer." in result.err
    assert _calls(signed_in, "timeman.pause") == 1
    assert _state(signed_in) == "OPENED"


@pytest.mark.parametrize("value", ["", "-1", "3601", "1.5", "ten", "\u0661", "--"])
@pytest.mark.parametrize("command", ["start", "pause", "resume", "close"])
def test_a_bad_wait_is_refused_before_anything(cli: Cli, command: str, value: str) -> None:
    err = refused_before_anything(cli, command, f"--wait={value}")
    assert "--wait takes whole seconds from 0 to 3600." in err
