"""Counterexamples as authors use them: a scenario to paste into a scenario file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Words a YAML reader might take for true/false or empty unless quoted.
_QUOTE = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})


def yaml_value(value: Any) -> str:
    """One answer as it is written in a scenario file."""
    if isinstance(value, frozenset | set | list | tuple):
        return "[" + ", ".join(sorted(str(v) for v in value)) + "]"
    if isinstance(value, str) and (value.lower() in _QUOTE or value[:1].isdigit()):
        return f'"{value}"'
    return str(value)


def answers_text(answers: Mapping[str, Any]) -> str:
    """Answers on one line: 'legs: one_leg, saddle: "yes"'."""
    return ", ".join(f"{k}: {yaml_value(v)}" for k, v in answers.items()) or "(none)"


@dataclass(frozen=True)
class Example:
    """A combination of answers that shows a finding, and what a passing scenario expects."""

    name: str
    answers: Mapping[str, Any]
    expect: Mapping[str, Any]
    # Answers the person has that the questionnaire does not ask them (shown as a comment).
    not_asked: Mapping[str, Any] = field(default_factory=dict)
    comments: tuple[str, ...] = ()

    def scenario(self) -> tuple[str, ...]:
        """The scenario as YAML lines, ready to paste under `scenarios:`."""
        lines = [
            *(f"# {comment}" for comment in self.comments),
            f"- name: {self.name}",
            f"  answers: {{{answers_text({**self.answers, **self.not_asked})}}}",
        ]
        if self.not_asked:
            lines.append(f"  # not asked of this person: {', '.join(self.not_asked)}")
        lines.append(f"  expect: {{{answers_text(self.expect)}}}")
        return tuple(lines)
