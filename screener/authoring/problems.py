"""Author-facing problems: where, how bad, what to do about it."""

from __future__ import annotations

from collections.abc import Sequence
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
