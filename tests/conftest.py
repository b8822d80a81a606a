"""Test set-up for the whole suite.

* Every test runs with its own ``HOME`` and ``XDG_*`` folders and without the user's D-Bus
  session or keyring choice, so no test can read or change a person's settings or secrets.
* ``@pytest.mark.keyring`` tests get a real, private Secret Service (gnome-keyring on its own
  D-Bus, started once per session); the ``secret_service`` fixture yields its environment.
* Tests that use ``qtbot`` are marked ``gui``; Qt defaults to the ``offscreen`` platform.
* With ``CI=true`` nothing may be skipped: a skip becomes a failure, so a missing package on
  the CI machine cannot pass unnoticed.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.keyring_session import (
    INSTALL_HINT,
    SecretServiceSession,
    missing_programs,
    secret_service_session,
)

ISOLATED_DIRS = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_CONFIG_DIRS": "config-dirs",  # no machine policy (/etc/xdg/timeman-tray) leaks in
    "XDG_RUNTIME_DIR": "run",
    "APPDATA": "appdata",
    "LOCALAPPDATA": "localappdata",
}
# The user's session bus reaches the user's keyring; their keyring choice is theirs.
REMOVED_VARIABLES = ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that use Qt (through pytest-qt's ``qtbot``) as ``gui``, like qutebrowser."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


def _skip_reason(longrepr: object) -> str:
    reason = (
        str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    )
    return reason.removeprefix("Skipped: ")


_turned_into_failures: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI=true forbids skips; this test was skipped: {reason}"
        _turned_into_failures.append(item.nodeid)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report: pytest.CollectReport = yield
    if in_ci() and report.skipped:
        reason = _skip_reason(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI=true forbids skips; this module was skipped: {reason}"
        _turned_into_failures.append(collector.nodeid)
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _turned_into_failures:
        terminalreporter.section("skips under CI=true", sep="-", red=True, bold=True)
        for nodeid in _turned_into_failures:
            terminalreporter.write_line(f"{nodeid}: a skip counts as a failure here")


@pytest.fixture(scope="session")
def secret_service() -> Iterator[dict[str, str]]:
    """A real Secret Service (gnome-keyring, unlocked) on a private D-Bus, for the session.

    Yields the environment a process needs to use it (``DBUS_SESSION_BUS_ADDRESS``). Tests
    marked ``keyring`` have it applied to ``os.environ`` automatically.
    """
    missing = missing_programs()
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    with secret_service_session() as session:
        yield session.env


@pytest.fixture
def private_secret_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretServiceSession]:
    """A fresh Secret Service for one test that may break it (lock it, stop it), applied to
    ``os.environ``.
    """
    missing = missing_programs()
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install with: {INSTALL_HINT}")
    with secret_service_session() as session:
        for key, value in session.env.items():
            monkeypatch.setenv(key, value)
        yield session


@pytest.fixture(autouse=True)
def _qt_garbage_collected_here(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Qt test's objects left in reference cycles are collected at its end, on the main
    thread. Left to chance, a collection may start on a later test's worker thread and destroy
    them there; Qt warns about that, and the later test fails for this one's leftovers."""
    yield
    if "qtbot" in request.fixturenames:
        gc.collect()


@pytest.fixture(autouse=True)
def _isolated_environment(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Own HOME and XDG folders per test; no user bus or keyring; ``keyring`` tests get the
    private Secret Service.
    """
    base = tmp_path_factory.mktemp("env")
    for variable, name in ISOLATED_DIRS.items():
        directory = Path(base, name)
        directory.mkdir(mode=0o700)
        monkeypatch.setenv(variable, str(directory))
    for variable in REMOVED_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    if request.node.get_closest_marker("keyring") is not None:
        env: dict[str, str] = request.getfixturevalue("secret_service")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
