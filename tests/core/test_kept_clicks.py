"""The values of a kept click (issue 12): clocks, marks of the day, the automatic reason."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.core.kept_samples import (
    BOOT,
    PLUS3,
    FakeClock,
    at,
    closed,
    expired,
    opened,
    paused,
)
from tray_app.core import kept_clicks
from tray_app.core.kept_clicks import (
    DEFAULT_REASON_TEMPLATE,
    LEAVES,
    REASON_TEMPLATE_ID,
    KeptAction,
    KeptReason,
    Steady,
    SystemClock,
    boot_id,
    mark_of,
    new_click,
    projected_state,
    same_day,
    same_record,
    steady_seconds,
)
from tray_app.core.workday import DayState


def test_steady_readings_of_one_boot_give_the_real_time_between_them() -> None:
    assert Steady(BOOT, 130.5).elapsed_since(Steady(BOOT, 10.5)) == timedelta(minutes=2)


@pytest.mark.parametrize(("now_boot", "then_boot"), [("boot-b", BOOT), ("", "")])
def test_readings_of_another_or_an_unknown_boot_cannot_be_compared(
    now_boot: str, then_boot: str
) -> None:
    assert Steady(now_boot, 130.0).elapsed_since(Steady(then_boot, 10.0)) is None


def test_the_system_clock_is_aware_and_its_counter_moves_on() -> None:
    clock = SystemClock()
    assert clock.now().utcoffset() is not None
    first, second = clock.steady(), clock.steady()
    assert first.boot == second.boot
    elapsed = second.elapsed_since(first)
    assert elapsed is not None
    assert elapsed >= timedelta(0)


def test_the_counter_is_boottime_where_the_system_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "CLOCK_BOOTTIME", 7, raising=False)
    monkeypatch.setattr(time, "clock_gettime", lambda clock_id: 42.0 + clock_id)
    assert steady_seconds() == 49.0


def test_the_counter_is_monotonic_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    monkeypatch.setattr(time, "monotonic", lambda: 12.5)
    assert steady_seconds() == 12.5


def test_the_boot_id_is_the_kernels(tmp_path: Path) -> None:
    path = tmp_path / "boot_id"
    path.write_text("0b1c-77\n", encoding="ascii")
    assert boot_id(path) == "boot-0b1c-77"


@pytest.mark.parametrize("content", [None, b"", b"\xff\xfe"])
def test_without_a_readable_boot_id_readings_compare_within_this_run(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "boot_id"
    if content is not None:
        path.write_bytes(content)
    assert boot_id(path) == kept_clicks._RUN_ID
    assert boot_id(path).startswith("run-")


def test_a_mark_holds_what_changes_when_the_day_does() -> None:
    day = paused(at(12, 3))
    mark = mark_of(day)
    assert (mark.state, mark.record_id, mark.started_at, mark.finished_at, mark.leaks) == (
        DayState.PAUSED,
        7,
        day.started_at,
        at(12, 3),
        timedelta(0),
    )


def test_the_same_record_is_told_by_its_id_and_else_by_its_start() -> None:
    assert same_record(mark_of(opened(7)), closed(record_id=7))
    assert not same_record(mark_of(opened(7)), opened(8))
    assert same_record(mark_of(opened(None)), opened(8))  # no id on one side: the start
    assert not same_record(mark_of(opened(None)), opened(None, start=at(9, 30)))


def test_a_day_is_the_same_while_nothing_happened_to_it() -> None:
    assert same_day(mark_of(opened()), opened())
    assert not same_day(mark_of(opened()), opened(8))
    assert not same_day(mark_of(opened()), opened(leaks=timedelta(minutes=5)))
    assert not same_day(mark_of(opened()), paused(at(12)))
    assert not same_day(mark_of(closed()), closed(end=at(17, 30)))


def test_a_running_or_paused_day_that_expired_by_itself_is_the_same_day() -> None:
    assert same_day(mark_of(opened()), expired())
    left_paused = replace(expired(), finished_at=at(12))
    assert same_day(mark_of(paused(at(12))), left_paused)
    assert not same_day(mark_of(closed()), replace(closed(), state=DayState.EXPIRED))
    assert not same_day(mark_of(expired()), opened())


def test_a_first_click_is_kept_against_the_day_last_known() -> None:
    clock = FakeClock(wall=at(18, 5).replace(microsecond=123))
    kept = new_click(KeptAction.CLOSE, clock, last_known=opened(), queue=[], make_id=lambda: "id-1")
    assert kept.click_id == "id-1"
    assert kept.action is KeptAction.CLOSE
    assert kept.clicked_at == at(18, 5)  # whole seconds, as the portal keeps them
    assert kept.steady == Steady(BOOT, 1000.0)
    assert kept.basis == mark_of(opened())
    assert (kept.after, kept.sent, kept.held) == (None, None, None)


def test_a_click_behind_another_waits_for_its_basis() -> None:
    clock = FakeClock()
    first = new_click(KeptAction.OPEN, clock, last_known=closed(), queue=[])
    second = new_click(KeptAction.CLOSE, clock, last_known=closed(), queue=[first])
    assert second.after == first.click_id
    assert second.basis is None
    assert len(first.click_id) == 32  # a uuid4 in hex
    assert first.click_id != second.click_id


def test_a_click_without_any_known_day_has_no_basis() -> None:
    kept = new_click(KeptAction.OPEN, FakeClock(), last_known=None, queue=[])
    assert (kept.basis, kept.after) == (None, None)


def test_the_reason_is_a_template_id_with_its_parameters() -> None:
    reason = KeptReason(at(18, 5), at(9, 40, day=18))
    assert reason.template_id == REASON_TEMPLATE_ID
    assert reason.params() == {
        "clicked": "18:05",
        "sent": "09:40",
        "clicked_date": "2026-11-17",
        "sent_date": "2026-11-18",
    }
    assert reason.render() == (
        "Clicked 18:05 while the portal was unreachable; sent 09:40 by timeman-tray"
    )
    assert DEFAULT_REASON_TEMPLATE.count("{") == 2


def test_a_translated_template_keeps_braces_it_does_not_know() -> None:
    reason = KeptReason(at(18, 5, zone=PLUS3), at(18, 40, zone=PLUS3))
    template = "Нажато {clicked} ({clicked_date}), отправлено {sent} {unknown} {0} {"
    assert reason.render(template) == "Нажато 18:05 (2026-11-17), отправлено 18:40 {unknown} {0} {"


def test_while_clicks_are_kept_the_day_is_what_the_last_one_leaves() -> None:
    clock = FakeClock()
    start = new_click(KeptAction.OPEN, clock, last_known=None, queue=[])
    close = new_click(KeptAction.CLOSE, clock, last_known=None, queue=[start])
    assert projected_state(DayState.CLOSED, []) is DayState.CLOSED
    assert projected_state(None, []) is None
    assert projected_state(DayState.CLOSED, [start]) is DayState.OPENED
    assert projected_state(DayState.CLOSED, [start, close]) is DayState.CLOSED
    assert {LEAVES[action] for action in KeptAction} == {
        DayState.OPENED,
        DayState.PAUSED,
        DayState.CLOSED,
    }
