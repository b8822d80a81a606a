"""The package list in pyproject.toml is written by hand (resources/ is mapped into the
package); a sub-package missing from it would be left out of wheels and installers."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "tray_app").rglob("__init__.py")
    }
    assert found <= listed
    assert "tray_app.resources" in listed
    assert config["tool"]["setuptools"]["package-dir"]["tray_app.resources"] == "resources"


def test_the_icon_sources_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["tray_app.resources"]
    assert any(
        path.match(pattern)
        for pattern in patterns
        for path in [p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*.svg")]
    )
