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

__all__ = ["Message", "say"]


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
