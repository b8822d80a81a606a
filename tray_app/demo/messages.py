"""Localized texts of the portal's user-facing refusals.

The portal words ``ALERT_WARNING``, the reason-required refusal and similar errors in the
user's language, so a client must key on the code and never on the text. Two languages are
enough to prove that; unknown languages fall back to English.
"""

# ruff: noqa: RUF001 - Cyrillic letters in Russian texts are intended

from __future__ import annotations

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "PROHIBITED_ACTION": "This action is not available for the working day now.",
        "START_IN_FUTURE": "The start of the working day cannot be later than the current time.",
        "STOP_IN_FUTURE": "The end of the working day cannot be later than the current time.",
        "OVERLAP": "Another working day record already exists for this time.",
        "NEGATIVE_DURATION": "The duration of the working day cannot be negative.",
        "STOP_BEFORE_START": "The end of the working day cannot be earlier than its start.",
        "LONGER_THAN_DAY": "A working day cannot be longer than 24 hours.",
        "REASON_REQUIRED": "Please state the reason for changing the working day time.",
    },
    "ru": {
        "PROHIBITED_ACTION": "Это действие сейчас недоступно для рабочего дня.",
        "START_IN_FUTURE": "Начало рабочего дня не может быть позже текущего времени.",
        "STOP_IN_FUTURE": "Окончание рабочего дня не может быть позже текущего времени.",
        "OVERLAP": "На это время уже есть другая запись рабочего дня.",
        "NEGATIVE_DURATION": "Продолжительность рабочего дня не может быть отрицательной.",
        "STOP_BEFORE_START": "Окончание рабочего дня не может быть раньше его начала.",
        "LONGER_THAN_DAY": "Рабочий день не может длиться больше 24 часов.",
        "REASON_REQUIRED": "Укажите причину изменения времени рабочего дня.",
    },
}


def text(key: str, language: str) -> str:
    """The text for ``key`` in ``language`` (English when the language is unknown)."""
    return _TEXTS.get(language, _TEXTS["en"])[key]
