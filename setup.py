"""Build hook: compile the translations (``resources/translations/*.ts`` -> ``.qm``) whenever the
package is built, so wheels and installs (``pip install -e .`` too) carry the ``.qm`` files.

Everything else is declared in ``pyproject.toml``; PySide6 (which ships ``lrelease``) is a
build requirement there. The work is done by ``tools/build_translations.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _translations_tool() -> ModuleType:
    path = HERE / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """``build_py`` that first writes the ``.qm`` files next to their ``.ts`` sources, where
    the package data (``tray_app.resources``: ``translations/*.qm``) is collected from."""

    def run(self) -> None:
        tool = _translations_tool()
        for qm in tool.build(HERE / "resources" / "translations"):
            self.announce(f"compiled {qm.relative_to(HERE)}", level=2)
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})
