"""The test rigs' line reader: two lines written at once are both read, and silence ends in
None instead of a hang."""

from __future__ import annotations

import subprocess
import sys

from tests.child_lines import ChildLines


def test_two_lines_written_at_once_are_both_read_and_silence_gives_none() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; print('one\\ntwo', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = ChildLines(child.stdout)
        assert lines.next() == "one"
        assert lines.next(timeout_s=1.0) == "two", "the second line waits in the reader"
        assert lines.next(timeout_s=0.2) is None
    finally:
        child.kill()
        child.wait(timeout=10)
        if child.stdout is not None:
            child.stdout.close()


def test_a_child_that_ends_gives_none() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "print('last', end='')"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert ChildLines(child.stdout).next(timeout_s=10.0) is None
    finally:
        child.wait(timeout=10)
        if child.stdout is not None:
            child.stdout.close()
