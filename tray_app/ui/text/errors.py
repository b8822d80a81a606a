"""The lower layers' errors in the user's language, rendered by their message id.

Every error of ``api``, ``config``, ``history`` and ``services`` carries the
:class:`~tray_app.core.message.Message` it was raised with (``error.said``): an id, the English
template, its values. Here the template is looked up in the catalogue under its id (the
context ``tools/build_translations.py`` gives it) and filled in; a value that is a message
itself (a reason inside a sentence) is said the same way. Without a translation that is the
English sentence, character for character. No English is parsed back.

An error built from a bare text (a foreign caller's, a test's) has no id: it is said in its
branch's general words (``general`` of its class) where the reader's language has them, else
as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tray_app.core.message import Message

__all__ = ["error_text", "said_text"]

_catalogue = QCoreApplication.translate
"""Called with an id as context, not a literal: the extraction reads the ``say`` sites."""


def said_text(message: Message | str) -> str:
    """``message`` in the user's language (a bare text stays as it is)."""
    if not isinstance(message, Message):
        return message
    template = _catalogue(message.id, message.template)
    values = {
        name: said_text(value) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return template.format_map(values)


def error_text(error: BaseException) -> str:
    """``error``'s sentence in the user's language (see the module's docstring)."""
    said = getattr(error, "said", None)
    if isinstance(said, Message):
        return said_text(said)
    message = getattr(error, "message", None)
    english = message if isinstance(message, str) else str(error)
    general = getattr(type(error), "general", None)
    if isinstance(general, Message):
        template = _catalogue(general.id, general.template)
        if template != general.template:  # translated: else the English says more
            return said_text(general)
    return english
