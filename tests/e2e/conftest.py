"""Fixtures for end-to-end tests on a real X desktop (see :mod:`tests.e2e.desktop`).

* ``desktop``: a fresh :class:`~tests.e2e.desktop.Desktop` per test, under each tray host in
  turn (``tray_host`` is parametrized ``icewm``/``trayer``; a test can narrow it with
  ``@pytest.mark.parametrize("tray_host", ["icewm"])``).
* ``keyring_desktop``: the same with a real, unlocked Secret Service on the desktop's bus.
* When a test using one of them fails, a screenshot, the window tree and the programs' output
  are saved to ``$TIMEMAN_ARTIFACTS_DIR`` (default ``artifacts/``) as ``<test name>.png/.txt``.

A missing program skips (which ``CI=true`` turns into a failure, tests/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

import pytest

from tests.e2e.desktop import INSTALL_HINT, TRAY_HOSTS, Desktop, TrayHost, missing_programs
from tests.keyring_session import missing_programs as missing_keyring_programs

_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture(params=TRAY_HOSTS)
def tray_host(request: pytest.FixtureRequest) -> TrayHost:
    host: TrayHost = request.param
    return host


def _open(request: pytest.FixtureRequest, host: TrayHost, *, secret_service: bool) -> Desktop:
    missing = missing_programs(host)
    if secret_service:
        missing += missing_keyring_programs()
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    return Desktop(host, secret_service=secret_service).start()


def _close(request: pytest.FixtureRequest, desktop: Desktop) -> None:
    try:
        if request.node.stash.get(_FAILED, False):
            stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
            desktop.save_diagnostics(f"failed-{stem}")
    finally:
        desktop.stop()


@pytest.fixture
def desktop(request: pytest.FixtureRequest, tray_host: TrayHost) -> Iterator[Desktop]:
    """A running desktop (Xvfb, private bus, ``tray_host``); stopped after the test."""
    started = _open(request, tray_host, secret_service=False)
    try:
        yield started
    finally:
        _close(request, started)


@pytest.fixture
def keyring_desktop(request: pytest.FixtureRequest, tray_host: TrayHost) -> Iterator[Desktop]:
    """A running desktop whose bus also serves an unlocked gnome-keyring (Secret Service)."""
    started = _open(request, tray_host, secret_service=True)
    try:
        yield started
    finally:
        _close(request, started)
