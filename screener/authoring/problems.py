"""Author-facing problems: where, how bad, what to do about it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an author's file, ready to print as PATH:LINE:COL."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    # Lines printed under the message, such as a counterexample scenario to paste.
    detail: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return "\n".join([head, *(f"    {line}" for line in self.detail)])


@dataclass
class Problems:
    """Collects every problem in one file so the author sees them all at once."""

    path: str
    items: list[Problem] = field(default_factory=list)

    def error(self, where: tuple[int, int], message: str, detail: tuple[str, ...] = ()) -> None:
        """Record an error at a (line, column) position."""
        self.items.append(Problem(self.path, where[0], where[1], "error", message, detail))

    def warning(self, where: tuple[int, int], message: str, detail: tuple[str, ...] = ()) -> None:
        """Record a warning at a (line, column) position."""
        self.items.append(Problem(self.path, where[0], where[1], "warning", message, detail))

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that make the file unusable."""
        return [p for p in self.items if p.severity == "error"]

    def sorted(self) -> list[Problem]:
        """Problems in file order, duplicates removed."""
        return sorted(set(self.items))


class QuestionnaireError(Exception):
    """Raised when a file has errors; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def close_match(word: str, choices: Iterable[str]) -> str:
    """The choice closest to a misspelt word, or '' when none is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A '; did you mean "x"?' suffix when a close match exists, else ''."""
    match = close_match(word, choices)
    return f'; did you mean "{match}"?' if match else ""


def quoted_list(values: Iterable[str]) -> str:
    """Format values as '"a", "b", "c"' for messages."""
    return ", ".join(f'"{v}"' for v in values)


def plural(count: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{count} {noun}" + ("" if count == 1 else "s")
