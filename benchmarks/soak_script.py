"""What happens in each simulated hour of the soak: a person's workday, or everything at once.

Every hour script takes exactly one simulated hour and leaves no window open, so the look
taken at each hour's end compares like with like. ``realistic_hour(h)`` follows a workday by
the local hour ``h``; :func:`dense_hour` does every kind of thing once (the warm-up, and the
CI's short soak).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPoint

from benchmarks.soak_rig import STEP_S, SoakRig
from tray_app.core.actions import Action
from tray_app.core.workday import DayState
from tray_app.demo import Fault

HOUR_S = 3600.0
MINUTE_S = 60.0

HourScript = Callable[[SoakRig], None]


# -- single things the person or the world does ------------------------------------------------


def day_state(rig: SoakRig) -> DayState | None:
    controller = rig.app.controller
    return controller.view().day_state if controller is not None else None


def act(rig: SoakRig, action: Action) -> None:
    """Click the day action in the tray menu (nothing if it is not offered now)."""
    item = rig.app.tray.day_actions[action]
    if item.isVisible() and item.isEnabled():
        item.trigger()
        rig.tally.add(action.value)
    rig.settle_answers()


def open_menu(rig: SoakRig) -> None:
    menu = rig.app.tray.menu
    menu.popup(QPoint(10, 10))
    rig.step(1)
    menu.hide()
    rig.tally.add("menu")


def panel(rig: SoakRig) -> None:
    rig.app.show_panel()
    rig.step(1)
    shown = rig.app.panel
    if shown is not None:
        shown.hide()
    rig.tally.add("panel")


def history(rig: SoakRig) -> None:
    rig.app.tray.history.trigger()
    window = rig.app.history_window
    if window is None:
        return
    rig.wait_for(window.refresh_button.isEnabled, "the history window's portal days")
    window.close()
    rig.tally.add("history")


def report(rig: SoakRig, item: str) -> None:
    """Open the report dialog from the menu (``change_start`` or ``close_at``) and cancel it."""
    getattr(rig.app.tray, item).trigger()
    dialog = rig.app.report
    if dialog is None:
        return
    rig.step(1)
    dialog.close()
    rig.tally.add("report")


def settings(rig: SoakRig) -> None:
    rig.app.tray.settings.trigger()
    dialog = rig.app.settings_dialog
    if dialog is None:
        return
    rig.step(1)
    if shiboken6.isValid(dialog):
        dialog.close()  # type: ignore[attr-defined]
    rig.tally.add("settings")


def away(rig: SoakRig, minutes: float) -> None:
    """Leave the desk for ``minutes`` and come back; close the question if one is asked."""
    rig.desk.present = False
    rig.run_for(minutes * MINUTE_S)
    rig.desk.present = True
    rig.step()
    dialog = rig.app.away_dialog
    if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
        rig.tally.away_dialogs += 1
        dialog.close()


def locked(rig: SoakRig, minutes: float) -> None:
    rig.desk.lock(True)
    rig.run_for(minutes * MINUTE_S)
    rig.desk.lock(False)
    rig.tally.add("lock")


def offline(rig: SoakRig, minutes: float) -> None:
    """The portal goes away for ``minutes`` (connections refused), then comes back."""
    rig.sim.go_offline()
    rig.run_for(minutes * MINUTE_S)
    rig.sim.come_back()
    controller = rig.app.controller
    if controller is not None:
        controller.refresh()
    rig.settle_answers()
    rig.tally.add("offline")


def faults(rig: SoakRig) -> None:
    """A bad answer of each kind, one per poll."""
    for fault in (Fault.status(503), Fault.html(), Fault.malformed_json(), Fault.drop()):
        rig.sim.faults.push(fault)
        rig.run_for(2 * MINUTE_S)
    rig.sim.faults.clear()
    rig.tally.add("faults")


def sleep(rig: SoakRig, minutes: float) -> None:
    rig.sleep_for(minutes * MINUTE_S)


# -- hours ---------------------------------------------------------------------------------------


def dense_hour(rig: SoakRig) -> None:
    """Every kind of event once, in one simulated hour."""
    start = rig.now()
    rig.desk.present = True
    if rig.desk.is_locked:
        rig.desk.lock(False)
    if day_state(rig) in (DayState.CLOSED, None):
        act(rig, Action.OPEN)
    open_menu(rig)
    panel(rig)
    history(rig)
    report(rig, "change_start")
    settings(rig)
    away(rig, 17)
    act(rig, Action.PAUSE)
    locked(rig, 5)
    act(rig, Action.RESUME)
    offline(rig, 6)
    faults(rig)
    report(rig, "close_at")
    sleep(rig, 10)
    act(rig, Action.CLOSE)
    _finish_hour(rig, start)


def _finish_hour(rig: SoakRig, start: float) -> None:
    left = start + HOUR_S - rig.now()
    if left > 0:
        rig.run_for(left)


def realistic_hour(hour: int) -> HourScript:
    """A workday from 08:00 to 17:30 with the night asleep, by the local hour."""

    def script(rig: SoakRig) -> None:
        start = rig.now()
        _REALISTIC.get(hour, _idle)(rig)
        _finish_hour(rig, start)

    return script


def _idle(rig: SoakRig) -> None:
    del rig


def _night(rig: SoakRig) -> None:
    if not rig.desk.is_locked:
        rig.desk.present = False
        rig.desk.lock(True)
    sleep(rig, 60 - STEP_S / MINUTE_S)


def _morning(rig: SoakRig) -> None:
    rig.desk.present = True
    rig.desk.lock(False)
    open_menu(rig)


def _start(rig: SoakRig) -> None:
    act(rig, Action.OPEN)
    panel(rig)


def _late_morning(rig: SoakRig) -> None:
    rig.run_for(5 * MINUTE_S)
    away(rig, 25)


def _before_lunch(rig: SoakRig) -> None:
    report(rig, "change_start")
    settings(rig)


def _lunch(rig: SoakRig) -> None:
    act(rig, Action.PAUSE)
    locked(rig, 55)


def _after_lunch(rig: SoakRig) -> None:
    act(rig, Action.RESUME)
    rig.run_for(10 * MINUTE_S)
    offline(rig, 30)


def _afternoon(rig: SoakRig) -> None:
    faults(rig)
    open_menu(rig)


def _late_afternoon(rig: SoakRig) -> None:
    report(rig, "close_at")
    panel(rig)


def _review(rig: SoakRig) -> None:
    settings(rig)
    history(rig)


def _end(rig: SoakRig) -> None:
    rig.run_for(30 * MINUTE_S)
    act(rig, Action.CLOSE)
    panel(rig)


def _evening(rig: SoakRig) -> None:
    rig.desk.present = False
    rig.desk.lock(True)


_REALISTIC: dict[int, HourScript] = {
    **dict.fromkeys(range(1, 7), _night),
    7: _morning,
    8: _start,
    9: history,
    10: _late_morning,
    11: _before_lunch,
    12: _lunch,
    13: _after_lunch,
    14: _afternoon,
    15: _late_afternoon,
    16: _review,
    17: _end,
    18: _evening,
}
