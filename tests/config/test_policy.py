"""The administrator's policy: each OS's reader (with fakes), the checks, the derived interval,
the effective settings and the save that never writes a locked value into the user's file."""

from __future__ import annotations

import json
import plistlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tray_app.config.effective_settings import load_effective_settings, save_user_settings
from tray_app.config.policy import Policy, PolicyLoad, derived_interval_s
from tray_app.config.policy_registry import (
    REG_DWORD,
    REG_MULTI_SZ,
    REG_SZ,
    REGISTRY_KEY,
    RegistryValues,
)
from tray_app.config.policy_sources import BUNDLE_ID, load_policy, policy_paths
from tray_app.config.settings import Settings
from tray_app.config.settings_file import load_settings, save_settings

SECRET = "k7dmwq2x9p4tz1ab"
WEBHOOK = f"https://corp.bitrix24.ru/rest/1/{SECRET}/"


def write_policy(folder: Path, document: object) -> Path:
    path = folder / "timeman-tray" / "policy.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


def linux(folder: Path, *more: Path) -> PolicyLoad:
    dirs = ":".join(str(item) for item in (folder, *more))
    return load_policy(platform="linux", environ={"XDG_CONFIG_DIRS": dirs})


FULL = {
    "portal": "corp.bitrix24.ru",
    "plan": "enterprise",
    "fleet_size": 2000,
    "budget_share": 0.4,
    "min_interval_s": 90,
    "default_interval_s": 300,
    "locked": ["proxy", "autostart", "reminders", "ca_bundle", "language"],
    "settings": {
        "proxy": "http://proxy.corp:3128",
        "autostart": True,
        "reminders": {"remind_lunch": False},
        "ca_bundle": "/etc/ssl/corp.pem",
        "language": "ru",
    },
}


# -- Linux: XDG_CONFIG_DIRS -------------------------------------------------------------------


def test_no_policy_is_the_default_policy(tmp_path: Path) -> None:
    assert linux(tmp_path) == PolicyLoad(Policy(), ())


def test_the_default_folder_is_etc_xdg() -> None:
    assert policy_paths({}) == [Path("/etc/xdg/timeman-tray/policy.json")]
    assert policy_paths({"XDG_CONFIG_DIRS": "relative:/a"}) == [Path("/a/timeman-tray/policy.json")]


def test_every_key_is_read(tmp_path: Path) -> None:
    loaded = linux(tmp_path / "none", write_policy(tmp_path, FULL).parents[1])
    assert loaded.problems == ()
    policy = loaded.policy
    assert policy.portal_url == "https://corp.bitrix24.ru"
    assert policy.plan == "enterprise"
    assert policy.fleet_size == 2000
    assert policy.budget_share == 0.4
    assert policy.min_interval_s == 90
    assert policy.default_interval_s == 300
    assert policy.values["proxy"] == "http://proxy.corp:3128"
    assert policy.values["ca_file"] == "/etc/ssl/corp.pem"
    assert policy.values["start_at_login"] is True
    assert policy.values["language"] == "ru"
    assert policy.values["remind_lunch"] is False
    assert policy.values["remind_not_started"] is True  # the rest of the reminders: defaults
    assert policy.source.endswith("policy.json")


def test_the_first_folder_with_a_file_wins(tmp_path: Path) -> None:
    first = write_policy(tmp_path / "a", {"portal": "a.example.com"}).parents[1]
    second = write_policy(tmp_path / "b", {"portal": "b.example.com"}).parents[1]
    assert linux(tmp_path / "empty", first, second).policy.portal_url == "https://a.example.com"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "does not hold a JSON object"),
        ('"text"', "does not hold a JSON object"),
    ],
)
def test_an_unusable_file_is_no_policy_and_one_problem(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = write_policy(tmp_path, text)
    loaded = linux(tmp_path)
    assert loaded.policy == Policy(source="") or loaded.policy.values == {}
    assert len(loaded.problems) == 1
    assert str(path) in loaded.problems[0]
    assert reason in loaded.problems[0]


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = write_policy(tmp_path, "{}")
    path.write_bytes(b"\xff\xfe{")
    (problem,) = linux(tmp_path).problems
    assert "not UTF-8" in problem


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = write_policy(tmp_path, "{}")
    path.unlink()
    path.mkdir()  # a folder where the file belongs
    (problem,) = linux(tmp_path).problems
    assert str(path) in problem


def test_each_bad_key_falls_back_alone(tmp_path: Path) -> None:
    write_policy(
        tmp_path,
        {
            "portal": "http://corp.example.com",
            "fleet_size": "many",
            "budget_share": 1.5,
            "min_interval_s": 5,
            "plan": "gold",
            "colour": "blue",
            "locked": ["proxy", "wallpaper", 3],
            "settings": {"proxy": "ftp://x", "language": "ru"},
            "default_interval_s": 120,
        },
    )
    loaded = linux(tmp_path)
    policy = loaded.policy
    assert policy.portal_url == ""
    assert policy.fleet_size is None
    assert policy.budget_share == 0.5
    assert policy.min_interval_s is None
    assert policy.plan == "standard"
    assert policy.default_interval_s == 120  # the good key is used
    # proxy is locked at its default (its value was bad); language locked at the given value
    assert dict(policy.values) == {"proxy": "", "language": "ru"}
    named = "\n".join(loaded.problems)
    for key in (
        "'portal'",
        "'fleet_size'",
        "'budget_share'",
        "'min_interval_s'",
        "'plan'",
        "'colour'",
        "'wallpaper'",
        "'settings.proxy'",
    ):
        assert key in named
    assert len(loaded.problems) == 9


def test_a_webhook_anywhere_is_refused_and_never_repeated(tmp_path: Path) -> None:
    write_policy(
        tmp_path,
        {
            "portal": WEBHOOK,
            "settings": {"proxy": WEBHOOK, "language": "ru"},
            WEBHOOK: 1,
            "locked": [WEBHOOK],
        },
    )
    loaded = linux(tmp_path)
    assert loaded.policy.portal_url == ""
    assert loaded.policy.values == {}
    assert len(loaded.problems) == 4
    for problem in loaded.problems:
        assert SECRET not in problem
    assert "secret" in " ".join(loaded.problems)


def test_the_portal_is_normalised(tmp_path: Path) -> None:
    for given_, expected in [
        ("Corp.Bitrix24.ru", "https://corp.bitrix24.ru"),
        ("https://corp.bitrix24.ru/", "https://corp.bitrix24.ru"),
        ("https://corp.example.com:8443", "https://corp.example.com:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ]:
        write_policy(tmp_path, {"portal": given_})
        assert linux(tmp_path).policy.portal_url == expected, given_
    for bad in ("corp.example.com/path", "bad host", "http://corp.example.com"):
        write_policy(tmp_path, {"portal": bad})
        loaded = linux(tmp_path)
        assert loaded.policy.portal_url == "", bad
        assert "'portal'" in loaded.problems[0]


# -- Windows: the registry, through a fake reader ------------------------------------------


def registry(top: RegistryValues | None, nested: RegistryValues | None = None) -> PolicyLoad:
    keys = {REGISTRY_KEY: top, REGISTRY_KEY + "\\settings": nested}
    return load_policy(platform="win32", registry=keys.get)


def test_windows_without_the_key_is_no_policy() -> None:
    assert registry(None) == PolicyLoad(Policy(), ())


def test_windows_values() -> None:
    loaded = registry(
        {
            "Portal": ("corp.bitrix24.ru", REG_SZ),
            "fleet_size": (500, REG_DWORD),
            "budget_share": ("0,25", REG_SZ),
            "min_interval_s": ("120", REG_SZ),
            "plan": ("Enterprise", REG_SZ),
            "locked": (["proxy", "autostart"], REG_MULTI_SZ),
        },
        {"proxy": ("http://proxy.corp:3128", REG_SZ), "autostart": (1, REG_DWORD)},
    )
    assert loaded.problems == ()
    policy = loaded.policy
    assert policy.portal_url == "https://corp.bitrix24.ru"
    assert (policy.fleet_size, policy.budget_share, policy.min_interval_s) == (500, 0.25, 120)
    assert policy.plan == "enterprise"
    assert dict(policy.values) == {"proxy": "http://proxy.corp:3128", "start_at_login": True}
    assert policy.source == "HKLM\\" + REGISTRY_KEY


def test_windows_locked_as_comma_text_and_bad_types() -> None:
    loaded = registry(
        {
            "locked": ("language, reminders", REG_SZ),
            "fleet_size": ("lots", REG_SZ),
            "portal": (b"\x00", 3),  # REG_BINARY
        },
        {"reminders": (0, REG_DWORD), "language": (7, REG_DWORD)},
    )
    policy = loaded.policy
    assert policy.locked == {"language", "reminders"}
    assert policy.values["remind_lunch"] is False
    assert policy.values["language"] == ""  # its value was unusable: locked at the default
    assert policy.fleet_size is None
    text = "\n".join(loaded.problems)
    assert "'fleet_size'" in text
    assert "'portal'" in text
    assert "'settings.language'" in text
    assert all("HKLM\\Software\\Policies\\timeman-tray" in problem for problem in loaded.problems)


def test_a_failing_registry_reader_never_stops_the_app() -> None:
    def broken(subkey: str) -> RegistryValues | None:
        raise PermissionError(subkey)

    loaded = load_policy(platform="win32", registry=broken)
    assert loaded.policy == Policy()
    assert len(loaded.problems) == 1


# -- macOS: managed preferences ---------------------------------------------------------------


def managed(root: Path, document: Any, user: str | None = None) -> Path:
    folder = root / user if user else root
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{BUNDLE_ID}.plist"
    path.write_bytes(plistlib.dumps(document))
    return path


def test_macos_computer_and_user_preferences(tmp_path: Path) -> None:
    managed(tmp_path, {"portal": "corp.bitrix24.ru", "fleet_size": 100, "locked": ["language"]})
    managed(tmp_path, {"fleet_size": 300, "settings": {"language": "ru"}}, user="anna")
    loaded = load_policy(platform="darwin", managed_root=tmp_path, user="anna")
    assert loaded.problems == ()
    policy = loaded.policy
    assert policy.portal_url == "https://corp.bitrix24.ru"
    assert policy.fleet_size == 300  # the user's managed key wins
    assert dict(policy.values) == {"language": "ru"}
    other = load_policy(platform="darwin", managed_root=tmp_path, user="boris")
    assert other.policy.fleet_size == 100


def test_macos_damaged_plist(tmp_path: Path) -> None:
    path = managed(tmp_path, {})
    path.write_bytes(b"<plist>broken")
    loaded = load_policy(platform="darwin", managed_root=tmp_path, user="anna")
    assert loaded.policy == Policy()
    (problem,) = loaded.problems
    assert str(path) in problem


def test_the_bundle_id_is_the_packages() -> None:
    project = Path(__file__).parents[2] / "packaging" / "installers" / "project.py"
    assert f'APP_ID: Final = "{BUNDLE_ID}"' in project.read_text(encoding="utf-8")


# -- the interval -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fleet", "plan", "share", "seconds"),
    [
        (10, "standard", 0.5, 15),  # never below the app's minimum
        (100, "standard", 0.5, 100),
        (1000, "standard", 0.5, 1000),
        (1000, "enterprise", 0.5, 400),
        (301, "standard", 0.5, 301),
        (3, "standard", 1.0, 15),
        (1001, "enterprise", 1.0, 201),
    ],
)
def test_derived_interval(fleet: int, plan: str, share: float, seconds: int) -> None:
    assert derived_interval_s(fleet, plan, share) == seconds


@pytest.mark.parametrize(
    ("policy", "window"),
    [
        (Policy(), 0.0),
        (Policy(fleet_size=10), 0.0),
        (Policy(fleet_size=1000), 625.0),
        (Policy(fleet_size=1000, plan="enterprise"), 250.0),
    ],
)
def test_the_fleet_spreads_its_first_reads_over_a_window_of_its_size(
    policy: Policy, window: float
) -> None:
    """1 000 trays' first reads at 0.8 of the 2/s drain: 625 s (tray_app.core.fleet_start)."""
    assert policy.start_window_s == pytest.approx(window)


def test_the_effective_interval() -> None:
    assert Policy().interval_s(60) == 60
    assert Policy(min_interval_s=120).interval_s(60) == 120
    assert Policy(default_interval_s=300).interval_s(60) == 300  # the user kept the default
    assert Policy(default_interval_s=300).interval_s(45) == 45  # the user chose
    assert Policy(fleet_size=500, min_interval_s=120).interval_s(60) == 500
    assert Policy(fleet_size=500).interval_s(900) == 900


# -- effective settings and saving ------------------------------------------------------------


def test_effective_settings_and_save_keep_the_users_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(proxy="http://mine.example.com:8080", language="de"), path)
    policy = Policy(locked=frozenset({"proxy"}), values={"proxy": "http://proxy.corp:3128"})
    effective, _ = load_effective_settings(path, policy)
    assert effective.proxy == "http://proxy.corp:3128"
    assert effective.language == "de"
    # The dialog saves what it shows: the policy's proxy and a new language.
    written = save_user_settings(
        Settings(proxy="http://proxy.corp:3128", language="ru"), policy, path
    )
    assert written.proxy == "http://mine.example.com:8080"
    on_disk = load_settings(path)
    assert on_disk.proxy == "http://mine.example.com:8080"
    assert on_disk.language == "ru"


def test_portal_allowed() -> None:
    policy = Policy(portal_url="https://corp.bitrix24.ru")
    assert policy.allows_portal("https://corp.bitrix24.ru")
    assert policy.allows_portal("https://CORP.bitrix24.ru:443")
    assert not policy.allows_portal("https://other.bitrix24.ru")
    assert not policy.allows_portal("https://corp.bitrix24.ru:8443")
    assert Policy().allows_portal("https://any.example.com")
    assert policy.portal_host == "corp.bitrix24.ru"


# -- properties: nothing a file holds makes it raise or yields an invalid policy ---------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["ru", "http://proxy.corp:3128", WEBHOOK, "corp.bitrix24.ru", "proxy"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "portal",
                    "plan",
                    "fleet_size",
                    "budget_share",
                    "min_interval_s",
                    "default_interval_s",
                    "locked",
                    "settings",
                    "proxy",
                    "language",
                    "reminders",
                    "autostart",
                    "ca_bundle",
                    "remind_lunch",
                    WEBHOOK,
                ]
            )
            | st.text(max_size=10),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


def assert_valid(loaded: PolicyLoad) -> None:
    policy = loaded.policy
    assert isinstance(policy, Policy)
    Policy(**{name: getattr(policy, name) for name in Policy.__dataclass_fields__})
    Settings(**policy.values)
    assert policy.floor_s >= 15
    for problem in loaded.problems:
        assert SECRET not in problem
        assert problem.startswith("The policy ")


@settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=JSON)
def test_any_json_document_yields_a_valid_policy(tmp_path: Path, document: Any) -> None:
    write_policy(tmp_path, document)
    assert_valid(linux(tmp_path))


@settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=st.binary(max_size=200))
def test_any_bytes_yield_a_valid_policy(tmp_path: Path, raw: bytes) -> None:
    path = write_policy(tmp_path, "{}")
    path.write_bytes(raw)
    assert_valid(linux(tmp_path))


@settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(document=st.dictionaries(st.text(max_size=12), JSON, max_size=6))
def test_any_plist_document_yields_a_valid_policy(tmp_path: Path, document: Any) -> None:
    try:
        managed(tmp_path, document)
    except (TypeError, OverflowError, ValueError):
        return  # not every JSON value has a property-list form (null, huge numbers)
    assert_valid(load_policy(platform="darwin", managed_root=tmp_path, user="anna"))
