"""Which action applies in which state (API reference §1.2), and how each reaches the portal."""

from __future__ import annotations

import pytest

from tray_app.core.actions import (
    AVAILABLE,
    SPECS,
    Action,
    ActionSpec,
    applies,
    available_actions,
    close_action_for,
)
from tray_app.core.workday import DayState

# §1.2 written out independently of the code: the calls that DO something in each state.
# CLOSED: only open starts a day (pause is a silent no-op, close is ALERT_WARNING).
# OPENED: pause or close (open is a silent no-op).
# PAUSED: open continues the day (= resume, no TIME allowed) or close.
# EXPIRED: only close WITH a time (open/pause are no-ops, close without TIME is WD_EXPIRED).
TABLE: dict[DayState, tuple[Action, ...]] = {
    DayState.CLOSED: (Action.OPEN,),
    DayState.OPENED: (Action.PAUSE, Action.CLOSE),
    DayState.PAUSED: (Action.RESUME, Action.CLOSE),
    DayState.EXPIRED: (Action.CLOSE_EXPIRED,),
}


@pytest.mark.parametrize(("state", "expected"), TABLE.items())
def test_available_actions_per_state_in_menu_order(
    state: DayState, expected: tuple[Action, ...]
) -> None:
    assert available_actions(state) == expected


def test_every_state_has_a_row() -> None:
    assert set(AVAILABLE) == set(DayState)


@pytest.mark.parametrize("state", list(DayState))
@pytest.mark.parametrize("action", list(Action))
def test_applies_matches_the_reference_table(action: Action, state: DayState) -> None:
    assert applies(action, state) is (action in TABLE[state])


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (Action.OPEN, DayState.OPENED),  # silent no-op: would look like success
        (Action.OPEN, DayState.EXPIRED),  # silent no-op: close the old day first
        (Action.PAUSE, DayState.CLOSED),  # silent no-op (docs claim it resumes; it does not)
        (Action.PAUSE, DayState.PAUSED),
        (Action.CLOSE, DayState.CLOSED),  # ALERT_WARNING
        (Action.CLOSE, DayState.EXPIRED),  # WD_EXPIRED without TIME
        (Action.RESUME, DayState.CLOSED),  # would re-open a closed day
        (Action.CLOSE_EXPIRED, DayState.OPENED),
    ],
)
def test_no_ops_and_refusals_are_refused_locally(action: Action, state: DayState) -> None:
    assert not applies(action, state)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (DayState.EXPIRED, Action.CLOSE_EXPIRED),
        (DayState.OPENED, Action.CLOSE),
        (DayState.PAUSED, Action.CLOSE),
        (DayState.CLOSED, Action.CLOSE),
    ],
)
def test_close_action_for(state: DayState, expected: Action) -> None:
    assert close_action_for(state) is expected


@pytest.mark.parametrize("state", [DayState.OPENED, DayState.PAUSED, DayState.EXPIRED])
def test_the_close_for_a_running_day_applies(state: DayState) -> None:
    assert applies(close_action_for(state), state)


@pytest.mark.parametrize(
    ("action", "spec"),
    [
        (
            Action.OPEN,
            ActionSpec("timeman.open", DayState.OPENED, takes_time=True, needs_time=False),
        ),
        # Resume is timeman.open on a paused day: TIME there is error "TIME".
        (
            Action.RESUME,
            ActionSpec("timeman.open", DayState.OPENED, takes_time=False, needs_time=False),
        ),
        # timeman.pause takes USER_ID only: no time, no report.
        (
            Action.PAUSE,
            ActionSpec("timeman.pause", DayState.PAUSED, takes_time=False, needs_time=False),
        ),
        (
            Action.CLOSE,
            ActionSpec("timeman.close", DayState.CLOSED, takes_time=True, needs_time=False),
        ),
        # Closing an expired day without TIME answers WD_EXPIRED.
        (
            Action.CLOSE_EXPIRED,
            ActionSpec("timeman.close", DayState.CLOSED, takes_time=True, needs_time=True),
        ),
    ],
)
def test_specs(action: Action, spec: ActionSpec) -> None:
    assert SPECS[action] == spec


def test_every_action_has_a_spec_and_is_available_somewhere() -> None:
    assert set(SPECS) == set(Action)
    assert {action for row in AVAILABLE.values() for action in row} == set(Action)


@pytest.mark.parametrize("action", list(Action))
def test_needing_a_time_implies_taking_one(action: Action) -> None:
    spec = SPECS[action]
    assert spec.takes_time or not spec.needs_time


@pytest.mark.parametrize("state", list(DayState))
def test_an_action_leaves_the_day_where_it_no_longer_applies(state: DayState) -> None:
    """Repeating an action is never offered: the expected state does not list it again."""
    for action in available_actions(state):
        assert not applies(action, SPECS[action].expected)


@pytest.mark.parametrize(
    ("action", "value"),
    [
        (Action.OPEN, "open"),
        (Action.RESUME, "resume"),
        (Action.PAUSE, "pause"),
        (Action.CLOSE, "close"),
        (Action.CLOSE_EXPIRED, "close_expired"),
    ],
)
def test_action_values_are_stable_names(action: Action, value: str) -> None:
    """The CLI and settings refer to actions by these names."""
    assert Action(value) is action
    assert str(action) == value
