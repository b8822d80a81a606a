"""The pure parts of the harness and the benchmarks: the window tree, the READY lines, /proc."""

from __future__ import annotations

import os
import time

from benchmarks.procstat import cpu_between, memory, sample_cpu
from benchmarks.readiness import parse_ready
from tests.e2e.desktop import Geometry, parse_tree

# Trimmed from a real `xwininfo -root -tree` under icewm with tools/bare_tray.py running.
TREE = """
xwininfo: Window id: 0x50d (the root window) (has no name)

  Root window id: 0x50d (the root window) (has no name)
  Parent window id: 0x0 (none)
     4 children:
     0x400009 "bare-tray": ()  1x1+0+0  +0+0
     0x2000aa "Frame": ()  1024x26+0+742  +0+742
        1 child:
        0x200061 "TaskBar": ("icewm" "TaskBar")  1024x26+0+0  +0+742
           2 children:
           0x2000a6 "SystemTray": ()  24x24+839+1  +839+743
              1 child:
              0x400007 "bare-tray": ("bare_tray.py" "bare-tray")  24x24+0+0  +839+743
           0x200067 "Clock \\"12:00\\"": ()  84x20+938+3  +938+745
     0x200022 (has no name): ()  1x1+-1+-1  +-1+-1
     0x200002 "IceWM 3.3.1 (Linux/x86_64)": ("icewm" "IceWM")  1x1+-1+-1  +-1+-1
"""


def test_the_tree_gives_names_classes_absolute_geometry_and_ancestry() -> None:
    windows = {window.wid: window for window in parse_tree(TREE)}
    assert len(windows) == 8
    icon = windows[0x400007]
    assert (icon.name, icon.res_name, icon.res_class) == ("bare-tray", "bare_tray.py", "bare-tray")
    assert icon.geometry == Geometry(839, 743, 24, 24)
    assert icon.depth == 4
    assert icon.parents == (0x2000AA, 0x200061, 0x2000A6)
    assert windows[0x400009].parents == ()
    assert windows[0x400009].res_class is None
    assert windows[0x200022].name is None
    assert windows[0x200022].geometry == Geometry(-1, -1, 1, 1)
    clock = windows[0x200067]
    assert clock.parents == (0x2000AA, 0x200061)  # a sibling of SystemTray, not its child
    assert clock.name == 'Clock \\"12:00\\"'


def test_geometry_center_and_contains() -> None:
    area = Geometry(10, 20, 30, 40)
    assert area.center == (25, 40)
    assert area.contains(10, 20)
    assert not area.contains(40, 20)


def test_ready_lines_give_moments_and_labels() -> None:
    text = (
        "qt.qpa.xcb: something\n"
        "READY icon=1000.5\n"
        "READY icon=2000 status=1500.25 phase=ready\n"
        "NOT READY status=1\n"
        "READY\n"
    )
    ready = parse_ready(text)
    assert ready.marks == {"icon": 1000.5, "status": 1500.25}
    assert ready.labels == {"phase": "ready"}


def test_the_app_line_as_printed_by_tray_app() -> None:
    ready = parse_ready("READY icon=123456.7 status=123789.0 phase=signed_out\r\n")
    assert ready.marks == {"icon": 123456.7, "status": 123789.0}
    assert ready.labels == {"phase": "signed_out"}


def test_nothing_ready() -> None:
    assert parse_ready("Traceback...\n").marks == {}


def test_cpu_and_memory_of_this_process() -> None:
    pid = os.getpid()
    first = sample_cpu(pid, time.monotonic())
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:  # burn 50 ms of CPU
        pass
    use = cpu_between(first, sample_cpu(pid, time.monotonic()))
    assert use.source in {"schedstat", "stat"}
    assert 0.03 < use.seconds < 1.0
    assert use.percent_of_core > 1
    mem = memory(pid)
    assert mem.peak_kib >= mem.current_kib > 1000
