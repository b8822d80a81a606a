"""CPU time and memory of a running process, read from ``/proc`` (Linux; no psutil).

* CPU: the sum of ``/proc/PID/task/*/schedstat`` run times (nanoseconds) when the set of
  threads did not change between two samples, else ``utime + stime`` of ``/proc/PID/stat``
  (clock ticks, usually 10 ms: too coarse for 0.1 % of a core over a minute, but it includes
  threads that ended in between).
* Memory: ``VmHWM`` (peak resident set) and ``VmRSS`` of ``/proc/PID/status``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuSample:
    """What a process had used up to ``at`` (``time.monotonic()``)."""

    at: float
    ticks: int
    """utime + stime, all threads ever, in clock ticks."""
    thread_ns: dict[int, int]
    """Run time per live thread id, from schedstat (empty if unavailable)."""


@dataclass(frozen=True)
class CpuUse:
    seconds: float
    """CPU seconds used between the two samples."""
    wall: float
    """Seconds between the two samples."""
    source: str
    """``"schedstat"`` (ns resolution) or ``"stat"`` (tick resolution)."""
    resolution: float
    """The smallest CPU-time step of ``source``, in seconds."""

    @property
    def percent_of_core(self) -> float:
        return 100.0 * self.seconds / self.wall if self.wall > 0 else 0.0


def _stat_ticks(pid: int) -> int:
    text = Path(f"/proc/{pid}/stat").read_text()
    # The command name is in parentheses and may contain spaces: split after the last ")".
    fields = text[text.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return int(fields[11]) + int(fields[12])


def _thread_ns(pid: int) -> dict[int, int]:
    result: dict[int, int] = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return result
    for task in tasks:
        try:
            result[int(task.name)] = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return {}  # a thread ended while we read, or no schedstat: use stat
    return result


def sample_cpu(pid: int, at: float) -> CpuSample:
    """Raises ``OSError`` if the process is gone."""
    return CpuSample(at=at, ticks=_stat_ticks(pid), thread_ns=_thread_ns(pid))


def cpu_between(first: CpuSample, second: CpuSample) -> CpuUse:
    wall = second.at - first.at
    if first.thread_ns and first.thread_ns.keys() == second.thread_ns.keys():
        used = sum(second.thread_ns.values()) - sum(first.thread_ns.values())
        return CpuUse(used / 1e9, wall, "schedstat", 1e-9)
    return CpuUse((second.ticks - first.ticks) / CLOCK_TICKS, wall, "stat", 1 / CLOCK_TICKS)


@dataclass(frozen=True)
class Memory:
    peak_kib: int
    """VmHWM: the peak resident set size."""
    current_kib: int
    """VmRSS."""


def memory(pid: int) -> Memory:
    """Raises ``OSError`` if the process is gone, ``ValueError`` if the fields are missing."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmHWM", "VmRSS"}:
            values[key] = int(rest.split()[0])
    if len(values) != 2:
        raise ValueError(f"no VmHWM/VmRSS in /proc/{pid}/status")
    return Memory(peak_kib=values["VmHWM"], current_kib=values["VmRSS"])
