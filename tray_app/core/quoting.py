"""How a person's input is shown back in an error message: quoted, escaped and short."""

from __future__ import annotations

SHOWN_LENGTH = 40


def quoted(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` as ``repr`` shows it, cut to ``limit`` characters and "…".

    ``repr`` escapes control characters and lone surrogates, so the message can always be
    printed; the cut keeps an enormous input from being echoed back whole.
    """
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)
