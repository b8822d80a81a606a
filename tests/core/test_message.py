"""A sentence said once where it is raised (tray_app.core.message)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tray_app.core.message import Message, from_document, say, to_document


def test_the_english_is_the_template_filled_in() -> None:
    said = say("test.unreachable", "Cannot connect to {host}: {reason}", host="h", reason="down")
    assert str(said) == "Cannot connect to h: down"
    assert said.id == "test.unreachable"
    assert dict(said.params) == {"host": "h", "reason": "down"}


def test_a_message_inside_a_message_is_said_in_place() -> None:
    reason = say("test.refused", "the connection was refused")
    assert str(say("test.outer", "No: {reason}", reason=reason)) == "No: the connection was refused"


def test_values_added_later_fill_the_same_sentence() -> None:
    table = say("test.still", "{message} The day is still {state}.")
    filled = table.with_params(message="Gone.").with_params(state="OPEN")
    assert str(filled) == "Gone. The day is still OPEN."
    assert filled.id == table.id
    assert not table.params


def test_messages_hash_by_id_and_template() -> None:
    first = say("test.a", "A {x}", x=[1])  # an unhashable value does not stop a set
    assert {first, say("test.a", "A {x}", x=[1])} == {first}
    assert Message("test.b", "B") == say("test.b", "B")


def test_a_message_crosses_a_process_as_json_values() -> None:
    inner = say("test.reason", "the connection was refused")
    said = say(
        "test.outer",
        "{host} {reason} {n} {x} {path}",
        host="h",
        reason=inner,
        n=3,
        x=0.5,
        path=Path("/p"),
    )
    document = json.loads(json.dumps(to_document(said)))
    back = from_document(document)
    assert back is not None
    assert str(back) == str(said) == "h the connection was refused 3 0.5 /p"
    assert back.params["reason"] == inner


@pytest.mark.parametrize(
    "document",
    [
        None,
        "text",
        {"id": 1, "template": "t", "params": {}},
        {"id": "x.y", "template": None, "params": {}},
        {"id": "x.y", "template": "t", "params": []},
        {"id": "x.y", "template": "t {v}", "params": {"v": True}},
        {"id": "x.y", "template": "t {v}", "params": {"v": [1]}},
        {"id": "x.y", "template": "t {v}", "params": {"v": {"id": "broken"}}},
    ],
)
def test_anything_else_is_no_message(document: object) -> None:
    assert from_document(document) is None
