"""A work schedule and a day of reminders, end to end: ``python -m tray_app`` under Xvfb with a
real tray host (icewm), a real Secret Service and the portal simulator over HTTPS, driven only
from the outside (xdotool keys in the tray menu and dialogs, clicks on the icon and the panel).

Driven: a WorkTimeSchedule file (fixed hours 09:00-18:00, lunch 13:00-14:00, 10 minutes of
allowed lateness, Monday to Friday 8 hours) is imported through Settings... > Schedule >
Import... and its file dialog, and saved ("Save" has no mnemonic, and Return on the focused
"Import..." would import again: a field of the General tab takes the focus first). Then a
Tuesday runs on the simulator's frozen clock, moved by the test; after each move a Refresh from
the menu makes the app read the day (and with it the portal's time, which the reminders go by).
The day is started from the menu, never paused, never closed; the next morning finds it
forgotten.

Asserted from the app's log (every notification is logged as ``notification: <title>: <text>``,
every due reminder as ``reminder due: <key>``): each reminder fires at its moment and not a
minute early - not started (past 09:10), lunch (13:00), planned work done (the expected end,
18:20: 8 hours of work plus the lunch not taken), still open (``still_open_after_min`` later),
the forgotten day (next morning) - and once only, however many reads follow. "Snooze today" in
the status panel hides the lunch reminder there and keeps it quiet; a click on the icon while a
reminder's balloon shows snoozes nothing (Qt's own tray reports it as a click on the message
too; only a click on the balloon itself snoozes). Also asserted: the settings file holds the
schedule, the reminders' state file says what fired and what was snoozed, and the portal
received exactly one write in all that time (the start): reminders write nothing.

Saved to ``$TIMEMAN_ARTIFACTS_DIR`` as ``tray-icewm-<step>.png``: the Schedule tab after the
import, a reminder's balloon, the panel with the lunch reminder and the day and week bars (and
after the snooze), the history window's chart, the forgotten day.

A read is known to be dealt with once a second one has been sent after it: the app sends one
read at a time, the next only after the last answer was handled (reminders included).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time
from pathlib import Path
from typing import Final

import pytest

from tests.e2e.desktop import Desktop, wait_until
from tests.e2e.tray_driver import APP_CLASS, Portal, TrayApp, app_env, keyring_secret, sign_in
from tray_app.config.settings_file import load_settings, save_settings
from tray_app.demo import SimClock, SimUser
from tray_app.demo.records import sample_history

pytestmark = [pytest.mark.e2e, pytest.mark.keyring]

SECRET: Final = "q3vz8m1kx5r7tw2c"
MOSCOW: Final = timezone(timedelta(hours=3), "MSK")  # the profile's zone and the app's TZ
TUESDAY: Final = date(2026, 11, 17)
WEDNESDAY: Final = date(2026, 11, 18)
POLL_S: Final = 15  # the shortest poll interval the settings allow
STILL_OPEN_AFTER_MIN: Final = 20
# The menu from below (tray.py): Quit, About, Open log folder, Settings..., Open in Bitrix24,
# Refresh, History...
SETTINGS: Final = ("Up",) * 4
REFRESH: Final = ("Up",) * 6
HISTORY: Final = ("Up",) * 7

SCHEDULE: Final[dict[str, object]] = {
    "id": None,
    "name": "Офис 9-18",
    "description": "Fixed hours, lunch 13:00-14:00, 10 minutes of grace",
    "settingsRevisions": [
        {
            "dateFrom": None,
            "dateTo": None,
            "businessCalendarName": "по календарю подразделения",
            "ignoreCalendar": False,
            "timeControl": 0,
            "controlPeriod": 1,
            "planTime": 2400,
            "workStartFrom": 540,
            "workStartTo": 540,
            "workEndFrom": 1080,
            "workEndTo": 1080,
            "dinners": [{"start": 780, "end": 840, "maxDuration": 60}],
            "workDuration": 540,
            "planDaysType": 1,
            "planDaysTemplates": [480, 480, 480, 480, 480, 0, 0],
            "violationsControl": 7,
            "allowableDelay": 10,
            "timeMarks": [],
            "isIndividualTimeControl": False,
            "shiftNotificationBefore": 1440,
            "shiftNotificationPeriod": 1440,
            "shifts": [],
        }
    ],
}

NOT_STARTED: Final = "Workday not started"
LUNCH: Final = "Time for lunch"
WORK_DONE: Final = "Planned work done"
STILL_OPEN: Final = "Workday still open"
LEFT_OPEN: Final = "Workday left open"
TITLES: Final = (NOT_STARTED, LUNCH, WORK_DONE, STILL_OPEN, LEFT_OPEN)


def at(day: date, hours: int, minutes: int) -> datetime:
    """``day`` at ``hours:minutes`` in Moscow."""
    return datetime.combine(day, clock_time(hours, minutes), MOSCOW)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    """The simulator with Anna Ivanova (user 1, FIXED 09:00-18:00 on the portal, Moscow), four
    weeks of past days and nothing yet on Tuesday; the clock stands at 08:30."""
    user = SimUser(user_id=1, secret=SECRET, schedule="FIXED")
    clock = SimClock(start=at(TUESDAY, 8, 30))
    with Portal.running(tmp_path / "tls", clock, [user]) as running:
        running.sim.seed_history(1, sample_history(TUESDAY, MOSCOW, weeks=4))
        yield running


def read_now(app: TrayApp, portal: Portal, *, settle: bool = True) -> None:
    """Refresh from the menu: the app reads the day, and with it the portal's time.

    Opening the menu reads the day already when the last answer is a few seconds old; the
    Refresh reads it again once that answer is in. With ``settle``, wait until a second read
    went out after this call: the proof that the first one's answer was dealt with (one more
    Refresh, or the poll timer, when only one went out). Without it the caller waits for what
    the answer should bring (and a second click on the icon would hide a balloon).
    """
    mark = len(portal.sim.requests)
    app.choose("menu-refresh", *REFRESH, keep=False)
    portal.wait_for_polls(1, mark)
    if settle and portal.polls_since(mark) < 2:
        app.choose("menu-refresh", *REFRESH, keep=False)
    if settle:
        portal.wait_for_polls(2, mark, timeout_s=POLL_S * 1.1 + 10)
    width, height = app.desktop.size
    app.desktop.move_pointer(width // 2, height // 3)  # no tooltip over the icon


def counts(app: TrayApp) -> dict[str, int]:
    """How often each reminder's (or the forgotten day's) notification was logged."""
    return {title: app.notified(title) for title in TITLES}


def told(**expected: int) -> dict[str, int]:
    """The expected :func:`counts`: the named ones as given, the others never."""
    names = {
        "not_started": NOT_STARTED,
        "lunch": LUNCH,
        "work_done": WORK_DONE,
        "still_open": STILL_OPEN,
        "left_open": LEFT_OPEN,
    }
    return {title: expected.get(key, 0) for key, title in names.items()}


@pytest.mark.parametrize("tray_host", ["icewm"])
def test_a_schedule_and_a_day_of_reminders(
    keyring_desktop: Desktop, portal: Portal, tmp_path: Path
) -> None:
    desktop, sim = keyring_desktop, portal.sim
    sign_in(desktop, portal)
    assert keyring_secret(desktop, f"127.0.0.1:{portal.port}/1") == SECRET
    save_settings(
        dataclasses.replace(
            load_settings(), poll_interval_s=POLL_S, still_open_after_min=STILL_OPEN_AFTER_MIN
        )
    )
    app = TrayApp.launch(desktop, app_env(portal))
    app.wait_for_look("closed", timeout_s=20)  # no day yet

    # Settings... > Schedule > Import...: the path is typed into Qt's file dialog; Save.
    schedule_file = tmp_path / "office-9-18.json"
    schedule_file.write_text(json.dumps(SCHEDULE, ensure_ascii=False), encoding="utf-8")
    app.choose("s01-menu-settings", *SETTINGS)
    dialog = desktop.wait_for_window("^Settings")  # WM_NAME: the dash is not Latin-1
    desktop.key("alt+u", window=dialog)  # the "Schedule" tab
    desktop.key("alt+i")  # "Import..."
    picker = desktop.wait_for_window("^Import a work schedule")
    time.sleep(0.3)  # the file name field has the focus
    desktop.type_text(str(schedule_file))
    desktop.key("Return")
    desktop.wait_window_gone(picker)
    app.wait_for_log(r"schedule 'Офис 9-18' imported from .*office-9-18\.json$")
    time.sleep(0.3)  # painted
    app.screenshot("s02-schedule-imported")
    desktop.key("alt+g", "alt+e", window=dialog)  # a field of the General tab, then Save
    desktop.key("Return")
    desktop.wait_window_gone(dialog)
    app.wait_for_log("settings saved")
    saved = app.settings_document()
    stored = saved["schedule"]
    assert isinstance(stored, dict)
    assert stored["name"] == "Офис 9-18"
    (revision,) = stored["settingsRevisions"]
    assert {key: revision[key] for key in ("workStartFrom", "workEndFrom", "allowableDelay")} == {
        "workStartFrom": 540,
        "workEndFrom": 1080,
        "allowableDelay": 10,
    }
    assert revision["dinners"] == [{"start": 780, "end": 840, "maxDuration": 60}]
    assert revision["planDaysTemplates"] == [480, 480, 480, 480, 480, 0, 0]
    assert saved["poll_interval_s"] == POLL_S
    assert saved["still_open_after_min"] == STILL_OPEN_AFTER_MIN

    # 09:09: not late yet by the schedule (09:00 + 10 min); 09:11: late, said once.
    sim.clock.set(at(TUESDAY, 9, 9))
    read_now(app, portal)
    assert counts(app) == told()
    sim.clock.set(at(TUESDAY, 9, 11))
    before = desktop.visible_windows(".", by="--class")
    read_now(app, portal, settle=False)
    app.wait_for_log(
        "notification: Workday not started: It is past 09:10, the latest on-time start, and "
        "the day has not begun."
    )
    assert counts(app) == told(not_started=1)
    balloon = desktop.wait_for_new_window(before, class_regex=APP_CLASS)
    assert desktop.window_geometry(balloon).h > 40, "a tooltip, not the reminder's balloon"
    app.screenshot("s03-reminder-balloon")
    sim.clock.set(at(TUESDAY, 9, 20))
    read_now(app, portal)  # a right click on the icon while the balloon shows: it goes
    assert counts(app) == told(not_started=1)
    assert app.log_count("snoozed") == 0, "the click on the icon was not one on the message"

    # The day starts from the menu at 09:20: one write.
    mark = len(sim.requests)
    app.choose("s04-menu-start", "Down")
    portal.wait_for_request("timeman.open", mark)
    app.wait_for_look("opened")
    assert portal.writes_since(mark) == [("timeman.open", {})]

    # Lunch: not at 12:59, at 13:00 once. The panel shows it with the bars; snoozed there.
    sim.clock.set(at(TUESDAY, 12, 59))
    read_now(app, portal)
    assert counts(app) == told(not_started=1)
    sim.clock.set(at(TUESDAY, 13, 0))
    before = desktop.visible_windows(".", by="--class")
    read_now(app, portal, settle=False)
    app.wait_for_log(
        r"notification: Time for lunch: Lunch is from 13:00 to 14:00 \(1:00\); pause the "
        "workday for it."
    )
    assert counts(app) == told(not_started=1, lunch=1)
    desktop.wait_for_new_window(before, class_regex=APP_CLASS)  # the balloon; then a click
    panel = app.open_panel("s05-panel-lunch-reminder")  # on the icon, not on the balloon
    assert app.panel_reminder(panel) is not None, f"the panel shows no reminder\n{app.tail()}"
    assert app.log_count("snoozed") == 0
    tall = desktop.window_geometry(panel).h
    app.snooze_in_panel(panel)
    app.wait_for_log("reminders of lunch snoozed for today")
    wait_until(
        lambda: True if app.panel_reminder(panel) is None else None,
        5,
        lambda: "the panel still shows the reminder after the snooze",
    )
    assert desktop.window_geometry(panel).h < tall
    app.screenshot("s06-panel-snoozed")
    desktop.key("Escape")
    desktop.wait_window_gone(panel)
    sim.clock.set(at(TUESDAY, 13, 10))
    read_now(app, portal)
    assert counts(app) == told(not_started=1, lunch=1)
    panel = app.open_panel("s07-panel-lunch-snoozed")  # lunch still due, but snoozed
    assert app.panel_reminder(panel) is None
    desktop.key("Escape")
    desktop.wait_window_gone(panel)
    record = app.reminder_record()
    assert record["day"] == TUESDAY.isoformat()
    assert record["snoozed"] == ["lunch"]

    # Planned work done at 18:20 (09:20 + 8:00 + the lunch not taken), said once.
    sim.clock.set(at(TUESDAY, 18, 19))
    read_now(app, portal)
    assert counts(app) == told(not_started=1, lunch=1)
    sim.clock.set(at(TUESDAY, 18, 21))
    read_now(app, portal, settle=False)
    app.wait_for_log(
        "notification: Planned work done: You have worked 9:01 of the 8:00 planned: you can "
        "close the day."
    )
    assert counts(app) == told(not_started=1, lunch=1, work_done=1)
    sim.clock.set(at(TUESDAY, 18, 30))
    read_now(app, portal)
    assert counts(app) == told(not_started=1, lunch=1, work_done=1)

    # Still open 20 minutes after the expected end, said once.
    sim.clock.set(at(TUESDAY, 18, 41))
    read_now(app, portal, settle=False)
    app.wait_for_log(
        "notification: Workday still open: The workday is still open 0:21 after its expected "
        "end at 18:20."
    )
    assert counts(app) == told(not_started=1, lunch=1, work_done=1, still_open=1)
    sim.clock.set(at(TUESDAY, 18, 45))
    read_now(app, portal)
    assert counts(app) == told(not_started=1, lunch=1, work_done=1, still_open=1)
    record = app.reminder_record()
    assert record == {
        "day": TUESDAY.isoformat(),
        "fired": ["lunch:1", "not_started", "still_open", "work_done"],
        "snoozed": ["lunch"],
    }

    # The history window: four weeks from the portal and today against the schedule's plan.
    mark = len(sim.requests)
    app.choose("s08-menu-history", *HISTORY)
    history = desktop.wait_for_window("^Work history")
    records = portal.wait_for_request("timeman.record.list", mark)
    assert records.answered_status == 200
    time.sleep(0.5)  # the records are in the chart
    app.screenshot("s09-history-chart")
    desktop.key("Escape", window=history)
    desktop.wait_window_gone(history)

    # Wednesday 08:30: Tuesday was never closed. Said once, however many reads follow.
    sim.clock.set(at(WEDNESDAY, 8, 30))
    read_now(app, portal, settle=False)
    app.wait_for_look("expired")
    app.wait_for_log(
        "notification: Workday left open: The workday started Tue 17 Nov 09:20 was never closed"
    )
    assert counts(app) == told(not_started=1, lunch=1, work_done=1, still_open=1, left_open=1)
    app.screenshot("s10-forgotten-day")
    sim.clock.set(at(WEDNESDAY, 8, 40))
    read_now(app, portal)
    assert counts(app) == told(not_started=1, lunch=1, work_done=1, still_open=1, left_open=1)
    record = app.reminder_record()
    assert record["day"] == WEDNESDAY.isoformat()
    assert record["fired"] == ["forgotten_day"]

    # Each reminder was due once; the only write in the whole day was the start.
    for key in ("not_started", "lunch:1", "work_done", "still_open"):
        assert app.log_count(rf"reminder due: {key}$") == 1, key
    assert portal.writes_since(0) == [("timeman.open", {})]
    assert portal.status() == "EXPIRED"
    assert SECRET not in app.log_text()
