"""A private, real Secret Service for tests: its own D-Bus session bus and gnome-keyring-daemon.

Why not the user's keyring: tests must never read or write a person's secrets, and CI machines
have none. Why not a fake: the point of these tests is how ``keyring``/``secretstorage``/
``jeepney`` really behave (locked collections, prompts, errors), see docs/recipes "A real OS
keyring, headless".

The daemon runs with ``--foreground`` so we own its process and stop it ourselves; its login
keyring is created and unlocked with a password given on stdin, in a temporary
``XDG_DATA_HOME``. Only ``DBUS_SESSION_BUS_ADDRESS`` is needed to reach it (see :attr:`env`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import subprocess
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from tests.session_bus import BusError, SessionBus

if TYPE_CHECKING:
    from secretstorage import Collection

PROGRAMS: Final = ("dbus-daemon", "gnome-keyring-daemon", "secret-tool")
INSTALL_HINT: Final = (
    "sudo apt-get install -y --no-install-recommends dbus gnome-keyring libsecret-tools"
)
SECRETS_NAME: Final = "org.freedesktop.secrets"
KEYRING_PASSWORD: Final = "test-keyring-password"


def missing_programs(programs: tuple[str, ...] = PROGRAMS) -> list[str]:
    """The programs of ``programs`` that are not on PATH."""
    return [program for program in programs if shutil.which(program) is None]


def _wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.01)


class SecretServiceSession:
    """A running private bus + unlocked gnome-keyring. Start with :meth:`start`, end with
    :meth:`stop` (or use :func:`secret_service_session`).
    """

    def __init__(self, root: Path, bus: SessionBus, address: str) -> None:
        self.root = root
        self.address = address
        self._bus = bus
        self._daemon: subprocess.Popen[str] | None = None

    @property
    def env(self) -> dict[str, str]:
        """What a process (or ``keyring`` in this one) needs to use this keyring."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address}

    @classmethod
    def start(
        cls, password: str = KEYRING_PASSWORD, *, bus_config: Path | None = None
    ) -> SecretServiceSession:
        """Start the bus (with ``bus_config`` instead of the standard session configuration),
        then the keyring daemon, and wait until the daemon owns its name."""
        root = Path(tempfile.mkdtemp(prefix="tm-keyring-"))
        dirs = {name: root / name for name in ("home", "run", "data", "config", "cache")}
        for directory in dirs.values():
            directory.mkdir(mode=0o700)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"}
        }
        env.update(
            HOME=str(dirs["home"]),
            XDG_RUNTIME_DIR=str(dirs["run"]),
            XDG_DATA_HOME=str(dirs["data"]),
            XDG_CONFIG_HOME=str(dirs["config"]),
            XDG_CACHE_HOME=str(dirs["cache"]),
        )
        try:
            bus = SessionBus.start(bus_config, env)
        except BusError:
            shutil.rmtree(root, ignore_errors=True)
            raise
        session = cls(root, bus, bus.address)
        address = bus.address
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            session._start_daemon(env, password)
        except BaseException:
            session.stop()
            raise
        return session

    def _start_daemon(self, env: Mapping[str, str], password: str) -> None:
        self._daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(env),
            text=True,
        )
        stdin: IO[str] | None = self._daemon.stdin
        assert stdin is not None
        stdin.write(password)
        stdin.close()
        _wait_until(lambda: self.name_has_owner(SECRETS_NAME), 10, SECRETS_NAME)

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A jeepney blocking connection to this bus (typed loosely: jeepney has no stubs)."""
        from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

        conn = open_dbus_connection(bus=self.address)
        try:
            yield conn
        finally:
            conn.close()

    def name_has_owner(self, name: str) -> bool:
        from jeepney.bus_messages import message_bus  # noqa: PLC0415

        with self.connection() as conn:
            reply = conn.send_and_get_reply(message_bus.NameHasOwner(name))
        return bool(reply.body[0])

    def set_activation_env(self, variables: Mapping[str, str]) -> None:
        """Set variables for services the bus starts (e.g. ``DISPLAY`` for the unlock prompter,
        gcr-prompter, which gnome-keyring asks the bus to activate).
        """
        from jeepney.bus_messages import message_bus  # noqa: PLC0415

        with self.connection() as conn:
            conn.send_and_get_reply(message_bus.UpdateActivationEnvironment(dict(variables)))

    def _default_collection(self, conn: Any) -> Collection:
        import secretstorage  # noqa: PLC0415

        return secretstorage.get_default_collection(conn)

    def lock(self) -> None:
        """Lock the default collection, as a screen lock or a timeout would."""
        with self.connection() as conn:
            self._default_collection(conn).lock()

    def is_locked(self) -> bool:
        with self.connection() as conn:
            return self._default_collection(conn).is_locked()

    def stop(self) -> None:
        """Stop the daemon and the bus, and remove the temporary folders."""
        if self._daemon is not None:
            self._daemon.terminate()
            try:
                self._daemon.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._daemon.kill()
                self._daemon.wait()
        self._bus.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def collect_leaked_connections() -> None:
    """Let keyring calls that were stuck on this bus end, then collect their sockets quietly.

    keyring's SecretService backend does not close its D-Bus connection when unlocking fails
    (``get_preferred_collection`` raises before its ``closing()``); left to the garbage
    collector, the ResourceWarning would fail whichever later test happened to be running.
    """
    for thread in threading.enumerate():
        if thread.name == "keyring-call":
            thread.join(timeout=5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@contextlib.contextmanager
def secret_service_session() -> Iterator[SecretServiceSession]:
    session = SecretServiceSession.start()
    try:
        yield session
    finally:
        session.stop()
        collect_leaked_connections()


def free_display() -> int:
    """A display number with no X server (no lock file, no socket)."""
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number in 90..199")


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A throw-away Xvfb; yields its ``DISPLAY`` (``-displayfd`` fails inside pytest, so a free
    number is picked and its socket awaited).
    """
    number = free_display()
    process = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10, "Xvfb")
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=5)
