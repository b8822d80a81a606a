"""A sentence said once where it is raised (tray_app.core.message)."""

from __future__ import annotations

from tray_app.core.message import Message, say


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
