"""Every message an author can meet, with a stable code, why it matters and how to fix it.

Messages are catalogued the way linters number their rules: the code is printed after the
message (`... choose another id [R004]`), `screener explain R004` and docs/authoring.md say
more. The catalogue is plain data and imports nothing else from the package, so every layer
may use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from string import Formatter
from typing import Literal

Severity = Literal["error", "warning"]
FAMILIES = {
    "Y": "Reading the file (YAML)",
    "F": "The format: keys, types and values",
    "R": "Ids, references and order",
    "C": "Conditions",
    "S": "Safety: the proof and the promises",
    "A": "Answers and scenarios",
}


@dataclass(frozen=True)
class Message:
    """One kind of problem: its code, its words, and how to put it right."""

    code: str
    text: str  # str.format template; each {name} is filled where the problem is found
    why: str
    fix: str
    example: str  # lines of questions.yaml (or a scenario file) that bring it up
    severity: Severity = "error"

    def say(self, **fields: object) -> str:
        """The message for one case, ending with its code."""
        return f"{self.text.format(**fields)} [{self.code}]"

    @property
    def fields(self) -> tuple[str, ...]:
        """The names the text fills in."""
        return tuple(name for _, name, _, _ in Formatter().parse(self.text) if name)


_CATALOGUE: dict[str, Message] = {}


def message(
    code: str, text: str, *, why: str, fix: str, example: str, severity: Severity = "error"
) -> Message:
    """Add a message to the catalogue; each code is used once, and never reused."""
    if code in _CATALOGUE:
        raise ValueError(f"message code {code} is used twice")
    if code[0] not in FAMILIES or not code[1:].isdigit() or len(code) != 4:
        raise ValueError(f"message code {code} is not a family letter and three digits")
    entry = Message(code, text, why, fix, example, severity)
    _CATALOGUE[code] = entry
    return entry


def catalogue() -> Iterator[Message]:
    """Every message, by code."""
    from screener.catalogue import (
        answers,
        conditions,
        format,
        reading,
        references,
        safety,
        signoff,
    )

    del answers, conditions, format, reading, references, safety, signoff  # to register
    return iter(sorted(_CATALOGUE.values(), key=lambda m: m.code))


def lookup(code: str) -> Message | None:
    """The message with this code (any case), or None."""
    return next((m for m in catalogue() if m.code == code.upper()), None)
