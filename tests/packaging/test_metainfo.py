"""The AppStream metadata (``resources/timeman-tray.metainfo.xml``): valid for
``appstreamcli``, and in step with the desktop entry, the version and the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from tray_app import __version__

ROOT = Path(__file__).resolve().parents[2]
METAINFO = ROOT / "resources" / "timeman-tray.metainfo.xml"
DESKTOP = ROOT / "packaging" / "linux" / "timeman-tray.desktop"
REPOSITORY = "https://github.com/timeman-tray/timeman-tray"
# The id is the desktop entry's, which is not reverse-DNS: renaming the menu entry (and the
# autostart entry written for it) would be a change of its own. Every other finding fails.
ACCEPTED = {"cid-desktopapp-is-not-rdns", "cid-contains-hyphen"}


def _component() -> ET.Element:
    return ET.parse(METAINFO).getroot()  # noqa: S314  # our own file, not untrusted input


def _text(path: str) -> str:
    element = _component().find(path)
    assert element is not None, path
    return (element.text or "").strip()


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_finds_nothing_but_the_accepted_id() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = re.findall(r"^([EWIP]): \S+: (\S+)", result.stdout, re.M)
    assert findings, result.stdout  # the accepted ones: the output was read
    assert {tag for _level, tag in findings} <= ACCEPTED, result.stdout
    assert not [tag for level, tag in findings if level == "E"], result.stdout


def test_the_id_and_launchable_are_the_desktop_entry() -> None:
    component = _component()
    assert component.get("type") == "desktop-application"
    assert _text("id") == DESKTOP.stem
    launchable = component.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name


def test_licenses_developer_and_rating() -> None:
    assert _text("metadata_license") == "CC0-1.0"
    assert _text("project_license") == "MIT"
    assert _text("developer_name")
    assert _text("summary")
    assert len(_component().findall("description/p")) >= 1
    rating = _component().find("content_rating")
    assert rating is not None
    assert rating.get("type", "").startswith("oars-")


def test_the_newest_release_is_this_version_with_a_date() -> None:
    releases = _component().findall("releases/release")
    assert releases
    assert releases[0].get("version") == __version__
    date.fromisoformat(releases[0].get("date", ""))


def test_urls_point_to_the_repository_and_screenshots_exist_in_it() -> None:
    assert _text("url[@type='homepage']") == REPOSITORY
    images = [image.text or "" for image in _component().findall("screenshots/screenshot/image")]
    assert images
    raw = REPOSITORY.replace("github.com", "raw.githubusercontent.com") + "/main/"
    for image in images:
        assert image.startswith(raw), image
        assert (ROOT / image.removeprefix(raw)).is_file(), image
