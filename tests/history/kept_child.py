"""A second process using the kept clicks, for tests/history/test_kept_store.py.

``python -m tests.history.kept_child keep-and-hang PATH``: keeps one click, says ``kept`` and
waits to be killed. ``keep-many PATH PREFIX N``: keeps N clicks, as fast as it can, after
``go`` appears on stdin. ``claim PATH``: after ``go``, tries to claim the write of every kept
click and prints the ids it won.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from tray_app.core.kept_clicks import DayMark, KeptAction, KeptClick, SentWrite, Steady
from tray_app.core.workday import DayState

PLUS3 = timezone(timedelta(hours=3))
MOMENT = datetime(2026, 11, 17, 18, 5, tzinfo=PLUS3)
BASIS = DayMark(DayState.OPENED, 7, datetime(2026, 11, 17, 9, 0, tzinfo=PLUS3))


def a_click(click_id: str) -> KeptClick:
    return KeptClick(click_id, KeptAction.CLOSE, MOMENT, Steady("boot-x", 12.5), BASIS)


def main(argv: list[str]) -> int:
    from tray_app.history.kept_store import KeptStore  # noqa: PLC0415 (after the path is set)

    command, path = argv[0], Path(argv[1])
    with KeptStore.open(path, timeout=30.0) as store:
        if command == "keep-and-hang":
            store.keep(a_click("killed-after-keep"))
            print("kept", flush=True)
            time.sleep(60)
            return 1
        print("ready", flush=True)
        sys.stdin.readline()
        if command == "keep-many":
            prefix, count = argv[2], int(argv[3])
            for index in range(count):
                store.keep(a_click(f"{prefix}-{index:03d}"))
        else:  # claim
            write = SentWrite("timeman.close", MOMENT, datetime.now(UTC), BASIS)
            for kept in store.pending():
                if store.mark_sent(kept.click_id, write):
                    print(kept.click_id, flush=True)
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
