"""What a long-running process holds, counted from inside it: memory, file descriptors,
threads, Qt objects and timers, Python objects (Linux ``/proc``; no psutil).

Counts, unlike timings, do not depend on the machine: a count that grows over a simulated day
is a leak, wherever it runs. RSS is reported too, but it is noisy (allocator arenas, caches).
"""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGesture


@dataclass(frozen=True)
class Holdings:
    """One look at the process. Every field but ``rss_kib`` must not grow after warm-up."""

    rss_kib: int
    fds: int
    threads_py: int
    """Threads Python knows (``threading.enumerate``)."""
    threads_os: int
    """Threads of the process (``/proc/self/task``): Qt's own and the resolver's too."""
    qt_widgets: int
    """``QApplication.allWidgets()``: every widget alive, parentless windows included."""
    qt_objects: int
    """QObjects under the application's root objects (``findChildren``) plus the widgets, but
    not QGestures: a closed scroll area's pan gesture stays until Qt's gesture manager next
    handles an event (its ``m_gesturesToDelete``), so 2 to 8 of them come and go by what was
    clicked last, while no window is open to own one."""
    qt_timers: int
    """QTimers found in the object tree or only by Python (``gc``)."""
    py_objects: int
    """Objects the garbage collector tracks, but not the looks the soak keeps (these
    ``Holdings``, its rows) nor the wrappers of the QGestures above, which ``findChildren``
    makes: what the soak holds itself would read as the app's growth."""

    @staticmethod
    def counted() -> tuple[str, ...]:
        """The fields that are counts (not RSS): what a leak check compares."""
        return tuple(field.name for field in fields(Holdings) if field.name != "rss_kib")


def settle() -> None:
    """Run what is pending (``deleteLater`` included) and collect cycles, before a look."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QCoreApplication.processEvents()
    gc.collect()


def rss_kib() -> int:
    """VmRSS of this process, in KiB (0 where ``/proc`` has none)."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _count_dir(path: str) -> int:
    try:
        return len(os.listdir(path))
    except OSError:
        return 0


def look(roots: list[QObject], kept: tuple[type, ...] = ()) -> Holdings:
    """Count now; ``roots`` are the application's top objects (the app object, the
    ``QApplication``), whose whole trees are walked; ``kept``: the caller's own record types,
    left out of the Python objects."""
    app = QApplication.instance()
    widgets = QApplication.allWidgets() if isinstance(app, QApplication) else []
    tree: set[int] = set()
    timers: set[int] = set()
    for root in roots:
        tree.add(id(root))
        for child in root.findChildren(QObject):
            if isinstance(child, QGesture):
                continue
            tree.add(id(child))
            if isinstance(child, QTimer):
                timers.add(id(child))
    for widget in widgets:
        tree.add(id(widget))
    python_objects = gc.get_objects()
    own = (Holdings, QGesture, *kept)
    # A QTimer without a parent lives only as long as Python holds it: gc sees it.
    timers.update(id(thing) for thing in python_objects if isinstance(thing, QTimer))
    return Holdings(
        rss_kib=rss_kib(),
        fds=_count_dir("/proc/self/fd"),
        threads_py=threading.active_count(),
        threads_os=_count_dir("/proc/self/task"),
        qt_widgets=len(widgets),
        qt_objects=len(tree),
        qt_timers=len(timers),
        py_objects=sum(1 for thing in python_objects if not isinstance(thing, own)),
    )


def growth(first: Holdings, last: Holdings) -> dict[str, int]:
    """What each count (not RSS) grew by from ``first`` to ``last``; only the ones that grew."""
    grown: dict[str, int] = {}
    for name in Holdings.counted():
        delta = int(getattr(last, name)) - int(getattr(first, name))
        if delta > 0:
            grown[name] = delta
    return grown
