"""Question types: one registry entry each, holding everything the core knows about a type.

Adding a type means one entry here, one field builder in the web forms, one template macro.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from screener.authoring.problems import did_you_mean, quoted_list
from screener.core.conditions import AnswerValue, ValueKind
from screener.core.model import Question

TEXT_MAX_LENGTH = 500
DEFAULT_TEXT_LENGTH = 200


class AnswerError(ValueError):
    """An answer does not fit its question; the message says why, in author words."""


@dataclass(frozen=True)
class QuestionType:
    """How the core treats one type of question."""

    value_kind: ValueKind
    parse: Callable[[Question, Any], AnswerValue]
    worst_case: Callable[[Question], AnswerValue]
    describe: Callable[[Question, AnswerValue], str]


def _choice(question: Question, raw: Any) -> AnswerValue:
    if isinstance(raw, bool) and question.type == "yes_no":
        raw = "yes" if raw else "no"
    if not isinstance(raw, str) or raw not in question.option_values:
        shown = raw if isinstance(raw, str) else repr(raw)
        raise AnswerError(
            f'"{shown}" is not an option of "{question.id}"'
            + (
                did_you_mean(shown, question.option_values)
                or f"; its options are {quoted_list(question.option_values)}"
            )
        )
    return raw


def _choices(question: Question, raw: Any) -> AnswerValue:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise AnswerError(
            f'"{question.id}" takes a list of options, like [{question.options[0].value}]'
        )
    chosen = frozenset(str(_choice(question, item)) for item in items)
    exclusive = [o.value for o in question.options if o.exclusive and o.value in chosen]
    if exclusive and len(chosen) > 1:
        raise AnswerError(
            f'"{exclusive[0]}" cannot be chosen together with other options of "{question.id}"'
        )
    return chosen


def _integer(question: Question, raw: Any) -> AnswerValue:
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit() and len(raw) < 12:
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise AnswerError(f'"{question.id}" takes a whole number')
    low, high = question.minimum, question.maximum
    if low is not None and high is not None and not low <= raw <= high:
        raise AnswerError(f'"{question.id}" takes a number from {low} to {high}, not {raw}')
    return raw


def _text(question: Question, raw: Any) -> AnswerValue:
    if not isinstance(raw, str):
        raise AnswerError(f'"{question.id}" takes a text')
    limit = question.max_length or DEFAULT_TEXT_LENGTH
    if len(raw) > limit:
        raise AnswerError(f'"{question.id}" takes at most {limit} characters')
    return raw.strip()


def _every_option(question: Question) -> AnswerValue:
    return frozenset(o.value for o in question.options if not o.exclusive)


def _longest_option(question: Question) -> AnswerValue:
    return max(question.option_values, key=len)


def _widest_number(question: Question) -> AnswerValue:
    return min(question.minimum or 0, -abs(question.maximum or 0))


def _incompressible_text(question: Question) -> AnswerValue:
    # Random four-byte characters defeat compression: the true worst case for the cookie.
    rng = random.Random(question.id)
    return "".join(chr(rng.randrange(0x10000, 0x10FFFF)) for _ in range(question.max_length or 0))


def _describe_choice(question: Question, value: AnswerValue) -> str:
    return str(value)


def _describe_choices(question: Question, value: AnswerValue) -> str:
    return "[" + ", ".join(sorted(value)) + "]" if isinstance(value, frozenset) else str(value)


QUESTION_TYPES: Mapping[str, QuestionType] = {
    "single_choice": QuestionType("choice", _choice, _longest_option, _describe_choice),
    "yes_no": QuestionType("choice", _choice, _longest_option, _describe_choice),
    "multiple_choice": QuestionType("choices", _choices, _every_option, _describe_choices),
    "scale": QuestionType("int", _integer, _widest_number, _describe_choice),
    "number": QuestionType("int", _integer, _widest_number, _describe_choice),
    "text": QuestionType("text", _text, _incompressible_text, _describe_choice),
}


def parse_answer(question: Question, raw: Any) -> AnswerValue:
    """Check one raw answer (from YAML, JSON or a cookie) against its question."""
    return QUESTION_TYPES[question.type].parse(question, raw)


def describe_answer(question: Question, value: AnswerValue) -> str:
    """An answer as a short author-facing string ("both", "[a, b]", "7")."""
    return QUESTION_TYPES[question.type].describe(question, value)
