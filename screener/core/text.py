"""Texts people read: one per language, with {placeholders} filled from the settings."""

from __future__ import annotations

import re
from collections.abc import Mapping

Text = Mapping[str, str]
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Names a text may use in braces, e.g. "Call {emergency_number} now"; filled from settings.
PLACEHOLDERS = (
    "emergency_number",
    "er",
    "urgent_care",
    "doctor",
    "physical_therapist",
    "clinic_name",
    "clinic_phone",
    "clinic_area",
)


def language_name(code: str) -> str:
    """'Spanish (es)' for messages."""
    return f"{LANGUAGE_NAMES[code]} ({code})" if code in LANGUAGE_NAMES else f'"{code}"'


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace each {name} with its value; unknown names were refused at load time."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def pick(text: Text, language: str, fallback: str) -> str:
    """The text in `language`, else in the questionnaire's default language."""
    return text.get(language) or text[fallback]
