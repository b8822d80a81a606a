"""Property tests: no input to any command ends in a traceback or an undocumented exit code.

Every command and option of ``timeman-tray`` (see ``--help``) is run in this process against
the simulator with generated times, zones, reasons, proxies, CA files, webhook URLs, stdin
bytes and option orders. Whatever the input:

- no exception escapes, nothing says "Traceback", the exit code is a documented one;
- an error is short (an enormous input is not echoed back whole);
- exit 2 (bad input) means no write reached the portal; input known to be bad for its form is
  exit 2 before any request at all, whatever state the day is in;
- a login that fails leaves nothing stored (settings file, keyring).

A fixed seed keeps CI repeatable (about 2 000 examples in all); for a longer hunt multiply the
examples: ``TIMEMAN_HYPOTHESIS_EXAMPLES=20 pytest tests/cli/test_bad_input_properties.py``.
"""

from __future__ import annotations

import re
import shutil
import string
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.cli.conftest import NOW, SECRET, Cli, Result
from tests.examples import FACTOR, examples
from tray_app.config.secrets import MemorySecretStore, account_key
from tray_app.config.settings_file import settings_path
from tray_app.core.kept_clicks import KeptAction, Steady, new_click
from tray_app.demo import PortalSimulator
from tray_app.history.kept_store import KeptStore, kept_path

EXIT_CODES = {0, 1, 2, 3, 4}  # README "Exit codes", cli.py's docstring
LONGEST_ERROR = 600


def judged(result: Result) -> None:
    """What holds for any input: no traceback, a documented code, a short error."""
    event(f"exit {result.code}")  # --hypothesis-show-statistics: every code is reached
    assert result.code in EXIT_CODES, result
    assert "Traceback" not in result.err + result.out
    assert len(result.err) < LONGEST_ERROR, result.err[:200]
    if result.code == 2:
        assert result.err, "a refusal says why"


# -- what people type -------------------------------------------------------------------------

ANY_CHAR = st.characters() | st.characters(categories=["Cc", "Cs", "Zs", "Zl"])
ANY_TEXT = st.text(ANY_CHAR, max_size=30)
HUGE = st.builds(lambda char, count: char * count, ANY_CHAR, st.integers(2_001, 20_000))
ODD_VALUES = st.sampled_from(["--", "-", "=", "", " ", "\t", "-x", "--at", "\x00", "\udcff"])
NASTY_TEXT = ANY_TEXT | HUGE | ODD_VALUES

OFFSETS = st.builds(
    lambda seconds: timezone(timedelta(seconds=seconds)),
    st.integers(-86_399, 86_399) | st.integers(-14 * 3600, 14 * 3600).map(lambda s: s // 60 * 60),
)
EDGE_DATETIMES = st.datetimes(max_value=datetime.min + timedelta(days=2)) | st.datetimes(
    min_value=datetime.max - timedelta(days=2)
)
NEAR_NOW = st.datetimes(
    min_value=NOW.replace(tzinfo=None) - timedelta(days=3),
    max_value=NOW.replace(tzinfo=None) + timedelta(days=1),
)


@st.composite
def iso_times(draw: st.DrawFn, moments: st.SearchStrategy[datetime]) -> str:
    moment = draw(moments)
    if draw(st.booleans()):
        moment = moment.replace(tzinfo=draw(OFFSETS))
    spec = draw(st.sampled_from(["auto", "minutes", "seconds", "microseconds"]))
    return moment.isoformat(sep=draw(st.sampled_from("T ")), timespec=spec)


CLOCKS = st.builds(
    lambda hour, minute, form: form.format(hour, minute),
    st.integers(-1, 30),
    st.integers(-1, 70),
    st.sampled_from(["{}:{:02d}", "{:02d}:{:02d}", "{}{:02d}", "{}.{:02d}", " {}:{:02d} "]),
)
# Times the portal may take (before 12:30 today in Moscow), so the accepted paths run too.
PLAUSIBLE = st.builds(
    lambda hour, minute, form: form.format(hour, minute),
    st.integers(0, 12),
    st.integers(0, 59),
    st.sampled_from(["{:02d}:{:02d}", "2026-11-20T{:02d}:{:02d}:00+03:00"]),
)
TIMES = (
    PLAUSIBLE | CLOCKS | iso_times(NEAR_NOW) | iso_times(EDGE_DATETIMES) | iso_times(st.datetimes())
)
ZONES = (
    st.sampled_from(["Europe/Moscow", "Europe/Berlin", "UTC", "Asia/Kathmandu", "EST5EDT"])
    | st.builds(
        lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
        st.sampled_from("+-"),
        st.integers(0, 99),
        st.integers(0, 99),
    )
    | NASTY_TEXT
)
REASONS = st.sampled_from(["Forgot to close", "Опоздал: пробки", "--", ""]) | NASTY_TEXT


# Kept clicks' ids as typed: prefixes of real ones' form, near misses, any text.
KEPT_IDS = st.text("0123456789abcdefABCDEF", min_size=1, max_size=40) | st.sampled_from(
    ["abcd", "0000", "zzzz", "abc", "a" * 33, " abcd ", "ab-cd"]
)


class AMinuteAgo:
    """The machine's clock a minute before the simulator's frozen now, for kept clicks."""

    def now(self) -> datetime:
        return (NOW - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=3)))

    def steady(self) -> Steady:
        return Steady("boot", 1000.0)


@dataclass(frozen=True)
class Bad:
    """A value known to be bad for its form, whatever the day."""

    text: str


def _within_a_day_of_the_edge(text: str) -> bool:
    """What must be refused: converting it to another zone could leave datetime's range."""
    wall = datetime.fromisoformat(text).replace(tzinfo=None)
    return wall - datetime.min < timedelta(days=1) or datetime.max - wall < timedelta(days=1)


# Times refused for their form alone: the ends of the calendar, offsets ATOM cannot carry,
# what is no time at all.
BAD_TIMES = st.builds(
    Bad,
    iso_times(EDGE_DATETIMES).filter(_within_a_day_of_the_edge)
    | st.builds(
        lambda moment, seconds: moment.replace(
            tzinfo=timezone(timedelta(seconds=seconds))
        ).isoformat(),
        NEAR_NOW,
        st.integers(14 * 3600 + 1, 86_399) | st.integers(1, 59).map(lambda s: 3 * 3600 + s),
    )
    | st.sampled_from(["--", "", "25:00", "12:60", "9", "noon", "T", "\udcff:00"])
    | HUGE,
)
BAD_REASONS = st.builds(
    Bad,
    st.builds(lambda text, bad: text + bad, ANY_TEXT, st.sampled_from(["\x07", "\udcff", "\r"]))
    | HUGE.filter(lambda text: len(text.strip()) > 2000),
)
BAD_ZONES = st.builds(
    Bad, st.sampled_from(["Mars/Olympus", "--", "", "+15:00", "+03:60", "Europe/\udcff"]) | HUGE
)


def option(name: str, value: str, equals: bool) -> list[str]:
    """``--name value`` or ``--name=value`` (the only form for a value that starts with -)."""
    if equals or value.startswith("-"):
        return [f"{name}={value}"]
    return [name, value]


# -- the simulator, signed in once per test ---------------------------------------------------

DAY_STATES = ["never", "CLOSED", "OPENED", "PAUSED", "EXPIRED"]
MORNING = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=3)))


class SignedIn:
    """A signed-in CLI put back to the same account and a chosen day before each example."""

    def __init__(self, cli: Cli) -> None:
        self.cli = cli
        result = cli.login()
        assert result.code == 0, result.err
        self.settings = settings_path().read_bytes()
        self.secrets = {account_key(cli.sim.base_url, 1): SECRET}

    def reset(self, state: str, kept: KeptAction | None = None) -> None:
        """The day in ``state``; no kept clicks, or one ``kept`` click made a minute ago."""
        sim = self.cli.sim
        sim.clock.set(NOW)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{kept_path()}{suffix}").unlink(missing_ok=True)
        if kept is not None:
            with KeptStore.open(kept_path(), account=f"{sim.base_url}/1") as store:
                store.keep(new_click(kept, AMinuteAgo(), last_known=None, queue=[]))
        sim.clear_days(1)
        if state == "EXPIRED":
            sim.seed_day(1, "EXPIRED", start=MORNING - timedelta(days=2))
        elif state != "never":
            sim.seed_day(1, state, start=MORNING)  # type: ignore[arg-type]
        settings_path().write_bytes(self.settings)
        self.cli.store = MemorySecretStore(self.secrets)
        fresh(sim)

    def run(self, argv: list[str], stdin: str | bytes = "") -> Result:
        result = self.cli(*argv, stdin=stdin)
        judged(result)
        if result.code == 2:
            assert self.cli.writes() == [], (argv, result.err)
        return result


def fresh(sim: PortalSimulator) -> None:
    """Each example is a first burst: on the frozen clock the rate bucket never drains."""
    sim.rate_limiter.reset()
    sim.clear_requests()


@pytest.fixture
def session(cli: Cli) -> SignedIn:
    return SignedIn(cli)


# -- start and close with a changed time ------------------------------------------------------


@st.composite
def time_commands(draw: st.DrawFn) -> tuple[list[str], bool]:
    """``start``/``close`` with --at/--tz/--reason in any order; True when known bad."""
    command = draw(st.sampled_from(["start", "close"]))
    parts: list[tuple[str, str | Bad]] = []
    at = draw(st.none() | TIMES | BAD_TIMES)
    if at is not None:
        parts.append(("--at", at))
    reason = draw(st.none() | REASONS | BAD_REASONS)
    if reason is not None:
        parts.append(("--reason", reason))
    if command == "start":
        zone = draw(st.none() | ZONES | BAD_ZONES)
        if zone is not None:
            parts.append(("--tz", zone))
    order = draw(st.permutations(parts))
    argv = [command]
    known_bad = at is None and len(parts) > 0  # --reason or --tz without --at
    for name, value in order:
        known_bad = known_bad or isinstance(value, Bad)
        text = value.text if isinstance(value, Bad) else value
        argv += option(name, text, draw(st.booleans()))
    return argv, known_bad


@examples(900)
@given(case=time_commands(), state=st.sampled_from(DAY_STATES))
def test_changed_times_never_crash_and_bad_ones_send_nothing(
    session: SignedIn, case: tuple[list[str], bool], state: str
) -> None:
    argv, known_bad = case
    session.reset(state)
    result = session.run(argv)
    if known_bad:
        assert result.code == 2, (argv, result)
        assert session.cli.sim.requests == [], "judged before any request"


# -- every command and option -----------------------------------------------------------------

OPTIONS = {
    "login": ["--ca-file", "--proxy"],
    "logout": [],
    "status": ["--json"],
    "start": ["--at", "--reason", "--tz", "--wait", "--keep"],
    "pause": ["--wait", "--keep"],
    "resume": ["--wait", "--keep"],
    "close": ["--at", "--reason", "--wait", "--keep"],
    "kept": [],
}
KEPT_ACTIONS = {"": [], "list": [], "send": ["--now"], "discard": ["ID"], "bogus": []}
FLAGS = {"--json", "--keep"}
GLOBAL = ["-v", "--verbose", "--exit-when-ready", "--help", "--version"]
VALUES = {
    "--at": TIMES | NASTY_TEXT,
    "--reason": REASONS,
    "--tz": ZONES,
    "--wait": st.sampled_from(["0", "1", "3600", "3601", "-1", "1e3"]) | NASTY_TEXT,
    "--proxy": NASTY_TEXT,  # random text never makes a reachable proxy: nothing leaves
    "--ca-file": NASTY_TEXT,
    "--now": KEPT_IDS | NASTY_TEXT,
}


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Global flags, a command (or none, or a wrong one), its options and strays."""
    argv = draw(st.lists(st.sampled_from(GLOBAL), max_size=2, unique=True))
    command = draw(st.sampled_from([*OPTIONS, "", "bogus", "-h"]))
    if command:
        argv.append(command)
    elif not {"--help", "--version"} & set(argv):
        argv.append("--help")  # without a command (and help) the tray starts: no CLI matter
    names = OPTIONS.get(command, [])
    if command == "kept":
        action = draw(st.sampled_from(sorted(KEPT_ACTIONS)))
        if action:
            argv.append(action)
        names = KEPT_ACTIONS[action]
    extras = ["--help", "--bogus", "--", "stray"]
    for name in draw(st.lists(st.sampled_from(names + extras), max_size=4)):
        if name == "ID":
            argv.append(draw(KEPT_IDS | NASTY_TEXT.filter(lambda text: not text.startswith("-"))))
        elif name in VALUES:
            argv += option(name, draw(VALUES[name]), draw(st.booleans()))
        elif name in FLAGS or name in extras:
            argv.append(name)
    if draw(st.booleans()):
        argv.append(draw(NASTY_TEXT))  # a value where none belongs, or a missing one
    return command, argv


@examples(600)
@given(
    line=command_lines(),
    state=st.sampled_from(DAY_STATES),
    stdin=NASTY_TEXT,
    kept=st.none() | st.sampled_from(KeptAction),
)
def test_any_command_line_ends_in_a_documented_exit_code(
    session: SignedIn,
    line: tuple[str, list[str]],
    state: str,
    stdin: str,
    kept: KeptAction | None,
) -> None:
    command, argv = line
    session.reset(state, kept)
    result = session.run(argv, stdin=stdin if command == "login" else "")
    asked_for_help = bool({"--help", "-h", "--version"} & set(argv))
    if asked_for_help:
        assert result.code in {0, 2}  # help wins unless a usage error came first
    if command == "login":
        assert result.code != 0 or asked_for_help, "random text is no webhook URL"
        assert settings_path().read_bytes() == session.settings, "a failed login changes nothing"
        assert session.cli.sim.requests == []


# -- kept clicks ------------------------------------------------------------------------------

_KEPT_ID_FORM = re.compile(r"[0-9a-f]{4,32}")


@st.composite
def kept_lines(draw: st.DrawFn) -> tuple[list[str], bool]:
    """``kept discard ID``, ``kept send --now ID``, an action with ``--keep --at``; True when
    known bad for its form."""
    kind = draw(st.sampled_from(["discard", "now", "keep_at"]))
    if kind == "keep_at":
        command = draw(st.sampled_from(["start", "close"]))
        parts = ["--keep", *option("--at", draw(TIMES | NASTY_TEXT), draw(st.booleans()))]
        return [command, *draw(st.permutations(parts))], True
    typed = draw(KEPT_IDS | NASTY_TEXT)
    stripped = typed.strip().lower()
    bad = not (stripped.isascii() and _KEPT_ID_FORM.fullmatch(stripped))
    if kind == "now":
        return ["kept", "send", *option("--now", typed, draw(st.booleans()))], bad
    return ["kept", "discard", *(["--"] if typed.startswith("-") else []), typed], bad


@examples(300)
@given(case=kept_lines(), state=st.sampled_from(DAY_STATES), kept=st.sampled_from(KeptAction))
def test_kept_input_is_judged_before_anything(
    session: SignedIn, case: tuple[list[str], bool], state: str, kept: KeptAction
) -> None:
    argv, known_bad = case
    session.reset(state, kept)
    result = session.run(argv)
    if known_bad:
        assert result.code == 2, (argv, result)
        assert session.cli.sim.requests == [], "judged before any request"
    else:
        assert result.code in {0, 1, 4}, (argv, result)


# -- login ------------------------------------------------------------------------------------


@st.composite
def webhook_lines(draw: st.DrawFn, good: str) -> bytes:
    """Standard input: the simulator's webhook, near misses of it, any text, any bytes."""
    base, _, rest = good.partition("/rest/")
    kind = draw(st.sampled_from(["good", "good", "secret", "path", "text", "bytes", "host"]))
    if kind == "good":
        text = good + draw(st.sampled_from(["\n", "", "\r\n", "  \n", "\nmore\n"]))
    elif kind == "secret":  # the right form, a secret the portal does not know
        secret = draw(st.text(string.ascii_letters + string.digits + "_-", min_size=4))
        text = good.replace(SECRET, secret) + "\n"
    elif kind == "path":  # the host stays the simulator's: nothing else is contacted
        cut = draw(st.integers(0, len(rest)))
        text = f"{base}/rest/{rest[:cut]}{draw(NASTY_TEXT)}{rest[cut:]}\n"
    elif kind == "host":  # a host that is no host name (a space in it)
        text = f"https://{draw(ANY_TEXT)} {draw(ANY_TEXT)}/rest/{rest}\n"
    elif kind == "text":
        text = draw(NASTY_TEXT) + "\n"
    else:
        return draw(st.binary(max_size=200))
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8


# Proxies that cannot be used for their form (so nothing is sent through them), and loopback
# ones that refuse connections at once (so a valid form fails fast, without DNS).
BAD_PROXIES = st.builds(
    Bad,
    st.builds(
        lambda scheme, user, host, port: f"{scheme}{user}{host}{port}",
        st.sampled_from(["http://", "https://", "ftp://", "socks5://", "", "http:/"]),
        st.sampled_from(["", "anna@", "anna:s3cr3t@", ":@"]),
        st.builds(lambda a, b: f"{a} {b}", ANY_TEXT, ANY_TEXT) | st.sampled_from(["", "a..b"]),
        st.sampled_from(["", ":3128", ":0", ":99999", ":port", "/path"]),
    ).filter(str.strip)
    | ODD_VALUES.filter(str.strip)
    | HUGE.filter(str.strip),  # a blank proxy is no proxy: the system's settings
)
LOOPBACK_PROXIES = st.sampled_from(["http://127.0.0.1:9", "https://[::1]:9", "http://127.0.0.1"])


@pytest.fixture
def ca_files(sim: PortalSimulator, tmp_path: Path) -> dict[str, str]:
    assert sim.ca_file is not None
    good = tmp_path / "good.pem"
    shutil.copy(sim.ca_file, good)
    not_pem = tmp_path / "not.pem"
    not_pem.write_bytes(b"not a certificate\n")
    return {
        "good": str(good),
        "not_pem": str(not_pem),
        "folder": str(tmp_path),
        "missing": str(tmp_path / "missing.pem"),
    }


@examples(600)
@given(data=st.data())
def test_a_failed_login_stores_nothing_and_bad_options_are_judged_first(
    cli: Cli, ca_files: dict[str, str], data: st.DataObject
) -> None:
    stdin = data.draw(webhook_lines(cli.url), label="stdin")
    proxy = data.draw(st.none() | BAD_PROXIES | LOOPBACK_PROXIES, label="proxy")
    ca_file = data.draw(
        # Mostly the right CA: without it the simulator's certificate is not trusted.
        st.just(ca_files["good"])
        | st.none()
        | st.sampled_from(sorted(ca_files.values()))
        | st.builds(Bad, NASTY_TEXT),
        label="ca_file",
    )
    argv = ["login"]
    known_bad = False
    options = [("--proxy", proxy), ("--ca-file", ca_file)]
    for name, value in data.draw(st.permutations(options)):
        if value is None:
            continue
        text = value.text if isinstance(value, Bad) else value
        if isinstance(value, Bad):
            known_bad = known_bad or name == "--proxy" or text.strip() != ""
        elif text in (ca_files["not_pem"], ca_files["folder"], ca_files["missing"]):
            known_bad = True
        argv += option(name, text, data.draw(st.booleans()))
    settings_path().unlink(missing_ok=True)
    cli.store = MemorySecretStore()
    fresh(cli.sim)

    result = cli(*argv, stdin=stdin)

    judged(result)
    assert "s3cr3t" not in result.err
    assert SECRET not in result.err
    if result.code != 0:
        assert not settings_path().exists(), (argv, result)
        assert repr(cli.store) == "MemorySecretStore(accounts=[])"
    if known_bad:
        assert result.code == 2, (argv, result)
        assert cli.sim.requests == []
        assert cli.last_stdin.tell() == 0, "options are judged before the webhook is read"


def test_the_examples_add_up_to_two_thousand_per_run() -> None:
    counts = [
        test._hypothesis_internal_use_settings.max_examples  # type: ignore[attr-defined]
        for test in (
            test_changed_times_never_crash_and_bad_ones_send_nothing,
            test_any_command_line_ends_in_a_documented_exit_code,
            test_a_failed_login_stores_nothing_and_bad_options_are_judged_first,
            test_kept_input_is_judged_before_anything,
        )
    ]
    assert sum(counts) >= 2000 * FACTOR
