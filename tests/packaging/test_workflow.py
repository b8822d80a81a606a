"""The GitHub Actions workflow that builds the installers cannot run here; what can be checked
is that it is valid YAML of the right shape, builds every installer on its own system, runs
the tests there, and refers only to files that exist in the repository."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
INSTALLERS = WORKFLOWS / "installers.yml"
# Repository paths as they appear in commands: a known top-level folder, then a path.
REPO_PATH = re.compile(
    r"(?<![\w./-])(?:\./)?((?:\.ci|\.github|packaging|scripts|tests|tools|tray_app|resources|docs)"
    r"/[\w./-]*[\w-])"
)
BUILD_TARGETS = {"deb", "rpm", "windows", "macos"}


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{path} is not a mapping"
    return document


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    found = job["steps"]
    assert isinstance(found, list)
    return found


def commands(document: dict[Any, Any]) -> list[str]:
    return [
        step["run"] for job in document["jobs"].values() for step in steps(job) if "run" in step
    ]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.y*ml")), ids=lambda p: p.name)
def test_every_workflow_is_valid_yaml_of_jobs_with_steps(path: Path) -> None:
    document = load(path)
    # YAML 1.1 reads the key "on" as True.
    assert "on" in document or True in document
    assert document["jobs"]
    for name, job in document["jobs"].items():
        assert "runs-on" in job, name
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"{name}: {step}"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
        for need in job.get("needs", []):
            assert need in document["jobs"], f"{name} needs an unknown job {need}"


def test_installers_are_built_on_tags_on_each_system() -> None:
    document = load(INSTALLERS)
    trigger = document["on"] if "on" in document else document[True]
    assert trigger["push"]["tags"] == ["v*"]
    jobs = document["jobs"]
    assert jobs["linux"]["container"] == "debian:12"  # the oldest system the .deb supports
    assert jobs["windows"]["runs-on"].startswith("windows")
    assert jobs["macos"]["runs-on"].startswith("macos")
    built = {}
    for name in ("linux", "windows", "macos"):
        runs = " ".join(step.get("run", "") for step in steps(jobs[name]))
        targets = re.findall(r"packaging/build\.py ((?:\w+ )+)--out", runs)
        assert targets, f"{name} builds nothing"
        built[name] = set(targets[0].split())
        assert "pytest" in runs or ".ci/run" in runs, f"{name} runs no tests"
    assert built == {"linux": {"deb", "rpm"}, "windows": {"windows"}, "macos": {"macos"}}
    assert set().union(*built.values()) == BUILD_TARGETS


def test_the_workflows_refer_only_to_files_that_exist() -> None:
    referred: set[str] = set()
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for command in commands(load(path)):
            referred.update(REPO_PATH.findall(command))
    assert "packaging/build.py" in referred
    assert ".ci/run" in referred
    missing = sorted(ref for ref in referred if not (ROOT / ref).exists())
    assert not missing, f"the workflows refer to missing files: {missing}"


def test_the_extras_the_workflow_installs_exist() -> None:
    import tomllib  # noqa: PLC0415

    extras = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    )
    for command in commands(load(INSTALLERS)):
        for word in shlex.split(command, posix=True):
            match = re.fullmatch(r"\.\[([\w,]+)\]", word)
            if match:
                assert set(match[1].split(",")) <= extras, word


def test_the_path_pattern_finds_paths_in_commands() -> None:
    text = "bash .ci/run && python packaging/build.py deb --out dist; cat ./tests/x.py"
    assert REPO_PATH.findall(text) == [".ci/run", "packaging/build.py", "tests/x.py"]
    assert REPO_PATH.findall("dist/packaging/x a/tests/b") == []
