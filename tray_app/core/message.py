"""A sentence for a person, written once where it is raised: a stable id, its English
template and the values that fill it.

The lower layers (api, config, history, services, core) raise errors built from a
:class:`Message` made by :func:`say`; ``str()`` of the message is the English sentence the CLI
prints. The tray renders the same message by its id through the translation catalogue
(:mod:`tray_app.ui.text.errors`), so no layer above ever parses English.

``say`` is the marker ``tools/build_translations.py`` collects: its first two arguments are
literals (the id, then the template, ``{name}`` for each value), which the catalogue holds as
context and source. A value may itself be a :class:`Message` (a reason inside a sentence), said
in the reader's language too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

__all__ = ["Message", "from_document", "say", "to_document"]


@dataclass(frozen=True)
class Message:
    """``id`` names the sentence for the catalogue; ``template`` is its English with
    ``{name}`` fields; ``params`` fill them (text, numbers, or other messages)."""

    id: str
    template: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __hash__(self) -> int:  # the values may be unhashable; equal messages share these two
        return hash((self.id, self.template))

    def __str__(self) -> str:
        return self.template.format_map(
            {
                name: str(value) if isinstance(value, Message) else value
                for name, value in self.params.items()
            }
        )

    def with_params(self, **params: object) -> Message:
        """The same sentence with ``params`` added (a table of sentences filled at the raise)."""
        return replace(self, params=MappingProxyType({**self.params, **params}))


def say(message_id: str, template: str, /, **params: object) -> Message:
    """The message ``message_id``: write both as literals (the translation tool reads them)."""
    return Message(message_id, template, MappingProxyType(dict(params)))


_PLAIN: Final = (str, int, float)


def to_document(message: Message) -> dict[str, object]:
    """``message`` as JSON values (a child process hands its errors to the tray this way);
    a value that is neither text nor a number goes as its text."""
    params = {
        name: to_document(value)
        if isinstance(value, Message)
        else value
        if isinstance(value, _PLAIN)
        else str(value)
        for name, value in message.params.items()
    }
    return {"id": message.id, "template": message.template, "params": params}


def from_document(document: object) -> Message | None:
    """The message :func:`to_document` made, or None for anything else."""
    if not isinstance(document, Mapping):
        return None
    message_id, template, params = (
        document.get("id"),
        document.get("template"),
        document.get("params"),
    )
    if not isinstance(message_id, str) or not isinstance(template, str):
        return None
    if not isinstance(params, Mapping):
        return None
    values: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Mapping):
            inner = from_document(value)
            if inner is None:
                return None
            values[str(name)] = inner
        elif isinstance(value, _PLAIN) and not isinstance(value, bool):
            values[str(name)] = value
        else:
            return None
    return say(message_id, template, **values)
