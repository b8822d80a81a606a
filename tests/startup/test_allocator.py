"""glibc's malloc keeps its first thresholds, so a long-running tray gives freed memory back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import tray_app
from tray_app.startup.allocator import (
    FIXED_MMAP_THRESHOLD,
    M_MMAP_THRESHOLD,
    Mallopt,
    glibc_mallopt,
    keep_thresholds_fixed,
)

# A large block mapped and freed raises glibc's thresholds; the small blocks freed after it
# then stay in the heap. The child prints how much its RSS grew over that, in KiB.
_PROBE = textwrap.dedent(
    """
    import gc, sys
    from pathlib import Path

    def rss_kib():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

    if sys.argv[1] == "fixed":
        from tray_app.startup.allocator import keep_thresholds_fixed
        assert keep_thresholds_fixed()
    before = rss_kib()
    big = bytearray(4 * 1024 * 1024)
    del big
    small = [bytearray(200_000) for _ in range(20)]
    del small
    gc.collect()
    print(rss_kib() - before)
    """
)


def _growth_kib(mode: str) -> int:
    root = str(Path(tray_app.__file__).resolve().parents[1])
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": root}  # and no MALLOC_* of the caller's
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, env=env, check=True
    )
    return int(done.stdout.strip())


def test_freed_memory_stays_with_glibc_defaults_and_goes_back_once_fixed() -> None:
    assert _growth_kib("default") >= 2048  # the step the soak benchmark saw: 4 MiB kept
    assert _growth_kib("fixed") < 512


def test_the_real_mallopt_is_found_on_this_glibc_system() -> None:
    assert glibc_mallopt() is not None


def test_the_mmap_threshold_is_fixed_at_glibc_s_initial_value() -> None:
    calls: list[tuple[int, int]] = []

    def mallopt(parameter: int, value: int) -> int:
        calls.append((parameter, value))
        return 1

    def find() -> Mallopt:
        return mallopt

    assert keep_thresholds_fixed(find, environ={})
    assert calls == [(M_MMAP_THRESHOLD, FIXED_MMAP_THRESHOLD)]


def test_a_tunable_the_person_set_wins() -> None:
    def find() -> Mallopt:
        raise AssertionError("mallopt must not be looked up")

    for name in ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES"):
        assert not keep_thresholds_fixed(find, environ={name: "2"})


def test_nothing_happens_without_mallopt_or_when_it_refuses() -> None:
    assert not keep_thresholds_fixed(lambda: None, environ={})
    assert not keep_thresholds_fixed(lambda: lambda _p, _v: 0, environ={})
