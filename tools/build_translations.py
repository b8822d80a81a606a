#!/usr/bin/env python3
"""Build, check or update the translations of the tray (``resources/translations/*.ts``).

::

    python tools/build_translations.py            # every .ts -> .qm next to it (pyside6-lrelease)
    python tools/build_translations.py --check    # fail if a UI string is missing or untranslated
    python tools/build_translations.py --update   # add new UI strings to the .ts files (lupdate)

The ``.ts`` files are the sources (committed); the ``.qm`` files are build products: ``setup.py``
builds them when the package is built or installed (also ``pip install -e``), and
``scripts/test`` and ``scripts/run`` build them again for a checkout whose ``.ts`` changed.

Besides the UI's own ``translate``/``QT_TRANSLATE_NOOP`` texts, the catalogue holds every
sentence the lower layers raise: each ``say("an.id", "English template", ...)`` call in
``tray_app`` (:mod:`tray_app.core.message`), with its id as the context. lupdate does not know
``say``, so its literals are collected here (:func:`said_messages`) and handed to lupdate as
``QT_TRANSLATE_NOOP(id, template)`` lines of a generated file; one id said with two templates
is an error.

``--check`` runs ``pyside6-lupdate`` over the UI sources into a temporary copy of each ``.ts``
and fails when a string is new there (missing from the committed file) or unfinished, or when a
translation uses a ``{placeholder}`` its source does not have (``str.format`` would raise).
After ``--update``, translate the new entries with Qt Linguist (``pyside6-linguist``) or by hand.

The tools come with PySide6: found next to ``sys.executable``, on ``PATH``, or in the PySide6
package itself (an isolated build environment). Only the standard library is imported here, so
``setup.py`` can load this file before anything is installed.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import shutil
import string
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = ROOT / "tray_app" / "ui"
PACKAGE = ROOT / "tray_app"
MARKER = "say"
LUPDATE_OPTIONS = ("-locations", "none", "-no-obsolete")


class ToolError(RuntimeError):
    """A PySide6 tool is missing or failed."""


@dataclass(frozen=True)
class Said:
    """One ``say(id, template, ...)`` call of the package."""

    id: str
    template: str
    where: str

    def __str__(self) -> str:
        return f"{self.where}: say({self.id!r}, {self.template!r})"


@dataclass(frozen=True)
class Message:
    """One entry of a ``.ts`` file."""

    context: str
    source: str
    translations: tuple[str, ...]
    unfinished: bool

    def __str__(self) -> str:
        return f"[{self.context}] {self.source!r}"


def find_tool(name: str) -> list[str]:
    """The command of PySide6's ``lrelease`` or ``lupdate`` (``name``)."""
    suffix = ".exe" if os.name == "nt" else ""
    beside = Path(sys.executable).with_name(f"pyside6-{name}{suffix}")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        binary = Path(spec.origin).parent / f"{name}{suffix}"
        if binary.is_file():
            return [str(binary)]
    raise ToolError(f"pyside6-{name} not found: install PySide6-Essentials (it ships the tool)")


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise ToolError(f"{Path(command[0]).name} failed ({done.returncode}): {output}")


def ts_files(folder: Path = TRANSLATIONS) -> list[Path]:
    return sorted(folder.glob("*.ts"))


def ui_sources(folder: Path = SOURCES) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def said_messages(package: Path = PACKAGE) -> list[Said]:
    """Every ``say`` call of ``package`` whose id and template are literals."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == MARKER
                and len(node.args) >= 2
            ):
                continue
            literals = [arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant)]
            if len(literals) == 2 and all(isinstance(value, str) for value in literals):
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                found.append(Said(str(literals[0]), str(literals[1]), where))
    return found


def said_conflicts(said: list[Said]) -> list[str]:
    """Ids said with more than one template (the catalogue keeps one source per id)."""
    first: dict[str, Said] = {}
    problems = []
    for entry in said:
        earlier = first.setdefault(entry.id, entry)
        if earlier.template != entry.template:
            problems.append(f"the id {entry.id!r} has two templates: {earlier} and {entry}")
    return problems


def _said_source(said: list[Said], folder: Path) -> Path:
    """A file lupdate reads: one ``QT_TRANSLATE_NOOP(id, template)`` per said message."""
    quoted = [(json.dumps(e.id), json.dumps(e.template, ensure_ascii=False)) for e in said]
    lines = [f"QT_TRANSLATE_NOOP({context}, {source})" for context, source in quoted]
    path = folder / "said_messages.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(folder: Path = TRANSLATIONS) -> list[Path]:
    """Compile every ``.ts`` of ``folder`` into the ``.qm`` next to it; returns the ``.qm``s."""
    lrelease = find_tool("lrelease")
    built = []
    for ts in ts_files(folder):
        qm = ts.with_suffix(".qm")
        _run([*lrelease, "-silent", str(ts), "-qm", str(qm)])
        built.append(qm)
    return built


def update(folder: Path = TRANSLATIONS, sources: Path = SOURCES, package: Path = PACKAGE) -> None:
    """Bring every ``.ts`` up to date with the UI sources and the package's ``say`` calls
    (new strings come in unfinished)."""
    lupdate = find_tool("lupdate")
    with tempfile.TemporaryDirectory() as scratch:
        said = _said_source(said_messages(package), Path(scratch))
        files = [*(str(path) for path in ui_sources(sources)), str(said)]
        for ts in ts_files(folder):
            _run([*lupdate, *LUPDATE_OPTIONS, *files, "-ts", str(ts)])


def read_messages(ts: Path) -> list[Message]:
    tree = ET.parse(ts)  # noqa: S314 - our own file
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            kind = translation.get("type", "")
            if kind in {"vanished", "obsolete"}:
                continue
            found.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    translations=tuple(forms or [translation.text or ""]),
                    unfinished=kind == "unfinished" or not any(forms or [translation.text]),
                )
            )
    return found


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name}


def placeholder_problems(messages: list[Message]) -> list[str]:
    """Translations with a ``{field}`` their source lacks, or that ``str.format`` cannot read."""
    problems = []
    for message in messages:
        for text in message.translations:
            try:
                extra = _fields(text) - _fields(message.source)
            except ValueError as error:
                problems.append(f"{message}: the translation is not a format string ({error})")
                continue
            if extra:
                names = ", ".join(sorted(extra))
                problems.append(f"{message}: the translation uses unknown {{{names}}}")
    return problems


def check(folder: Path = TRANSLATIONS, sources: Path = SOURCES) -> tuple[list[str], list[str]]:
    """``(problems, notes)``: problems fail the check; notes name translations no longer used."""
    problems: list[str] = said_conflicts(said_messages())
    notes: list[str] = []
    committed_files = ts_files(folder)
    if not committed_files:
        return [f"no .ts file in {folder}"], notes
    with tempfile.TemporaryDirectory() as scratch:
        copy_folder = Path(scratch)
        for ts in committed_files:
            shutil.copy2(ts, copy_folder / ts.name)
        update(copy_folder, sources)
        for ts in committed_files:
            committed = {(m.context, m.source) for m in read_messages(ts)}
            current = read_messages(copy_folder / ts.name)
            for message in current:
                if (message.context, message.source) not in committed:
                    problems.append(f"{ts.name}: missing {message} (run --update, translate)")
                elif message.unfinished:
                    problems.append(f"{ts.name}: untranslated {message}")
            problems += [f"{ts.name}: {text}" for text in placeholder_problems(current)]
            still_used = {(m.context, m.source) for m in current}
            notes += [
                f"{ts.name}: [{context}] {source!r} is no longer used (--update drops it)"
                for context, source in sorted(committed - still_used)
            ]
    return problems, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail on missing or unfinished texts")
    mode.add_argument("--update", action="store_true", help="add new UI texts to the .ts files")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems, notes = check()
            for line in notes:
                print(f"note: {line}")
            for line in problems:
                print(f"error: {line}", file=sys.stderr)
            if problems:
                print(f"{len(problems)} translation problem(s)", file=sys.stderr)
                return 1
            print(f"translations complete: {', '.join(p.name for p in ts_files())}")
            return 0
        if args.update:
            update()
            print("updated; translate the unfinished entries, then run this script again")
            return 0
        for qm in build():
            print(f"built {qm.relative_to(ROOT)}")
    except ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
