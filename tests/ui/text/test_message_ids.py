"""Every sentence the lower layers say has its Russian, and every Russian sentence is said.

The ids are the ``say("an.id", "template", ...)`` calls in ``tray_app`` (as
``tools/build_translations.py`` collects them); the committed ``.ts`` keeps each under its id
as the context (a context with a dot: the UI's own contexts are class names).
"""

from __future__ import annotations

from pathlib import Path

from tests.ui.text.translation_tool import REPO, load_tool

TS = REPO / "resources" / "translations" / "timeman-tray_ru.ts"
TOOL = load_tool()
SAID = TOOL.said_messages()
CATALOGUE = {
    message.context: message
    for message in TOOL.read_messages(TS)
    if "." in message.context  # an id: the UI's contexts are class names
}


def test_the_sentences_are_found_where_they_are_raised() -> None:
    ids = {said.id for said in SAID}
    assert {"api.auth.invalid_credentials", "keyring.locked", "journal.locked"} <= ids
    assert all("." in said.id for said in SAID), "an id names its layer: layer.what"


def test_every_id_has_one_template() -> None:
    assert TOOL.said_conflicts(SAID) == []


def test_every_id_has_a_russian_translation() -> None:
    missing = sorted(
        said.where
        for said in SAID
        if said.id not in CATALOGUE
        or CATALOGUE[said.id].unfinished
        or CATALOGUE[said.id].source != said.template
    )
    assert missing == []


def test_every_translated_id_is_said_by_some_code() -> None:
    assert sorted(set(CATALOGUE) - {said.id for said in SAID}) == []


def test_the_collection_reads_literals_only_and_finds_conflicts(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "raising.py").write_text(
        "from tray_app.core.message import say\n"
        'A = say("x.one", "One {n}", n=1)\n'
        'B = say("x.one", "Another")\n'
        "C = say(ID, 'not a literal id')\n"
        'D = say("x.two")\n'
        'E = other("x.three", "not the marker")\n'
        'F = obj.say("x.four", "an attribute, not the marker")\n'
    )
    found = TOOL.said_messages(package)
    assert [(said.id, said.template) for said in found] == [
        ("x.one", "One {n}"),
        ("x.one", "Another"),
    ]
    assert found[0].where == "pkg/raising.py:2"
    (problem,) = TOOL.said_conflicts(found)
    assert "'x.one' has two templates" in problem


def test_a_new_said_sentence_fails_the_check(tmp_path: Path) -> None:
    package, folder = tmp_path / "tray_app", tmp_path / "translations"
    package.mkdir()
    folder.mkdir()
    (package / "novelty.py").write_text('X = say("x.novelty", "A sentence nobody translated")\n')
    (folder / TS.name).write_bytes(TS.read_bytes())
    TOOL.update(folder, REPO / "tray_app" / "ui", package)
    entries = {m.context: m for m in TOOL.read_messages(folder / TS.name)}
    assert entries["x.novelty"].unfinished
    assert entries["x.novelty"].source == "A sentence nobody translated"
