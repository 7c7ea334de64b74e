"""Question types: one registry entry each, holding everything the core knows about a type.

Adding a type means one entry here, one field builder in the web forms, one template macro.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from screener.conditions import AnswerValue, ValueKind
from screener.model import Question
from screener.problems import did_you_mean, quoted_list

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
    domain: Callable[[Question, Iterable[AnswerValue]], list[AnswerValue]]
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


def _option_domain(question: Question, literals: Iterable[AnswerValue]) -> list[AnswerValue]:
    return list(question.option_values)


def _subset_domain(question: Question, literals: Iterable[AnswerValue]) -> list[AnswerValue]:
    # With many options, only those a rule names matter, plus enough others to reach every
    # count() threshold a rule uses.
    found = list(literals)
    options = list(question.option_values)
    pool = options
    if len(options) > 8:
        named = sorted({v for v in found if isinstance(v, str)})[:10]
        counts = [v for v in found if isinstance(v, int)]
        spare = [o for o in options if o not in named][: max(counts, default=-1) + 1]
        pool = (named + spare)[:12]
    exclusive = {o.value for o in question.options if o.exclusive}
    subsets: list[AnswerValue] = []
    for mask in range(1 << len(pool)):
        chosen = frozenset(v for i, v in enumerate(pool) if mask >> i & 1)
        if (chosen or not question.required) and (len(chosen) < 2 or not chosen & exclusive):
            subsets.append(chosen)
    return subsets


def _number_domain(question: Question, literals: Iterable[AnswerValue]) -> list[AnswerValue]:
    # Each threshold splits the range; one value either side of it and on it covers every case.
    low = question.minimum if question.minimum is not None else 0
    high = question.maximum if question.maximum is not None else 10
    points = {low, high}
    for value in literals:
        if isinstance(value, int):
            points.update({value - 1, value, value + 1})
    return sorted(p for p in points if low <= p <= high)


def _no_domain(question: Question, literals: Iterable[AnswerValue]) -> list[AnswerValue]:
    return []


def _describe_choice(question: Question, value: AnswerValue) -> str:
    return str(value)


def _describe_choices(question: Question, value: AnswerValue) -> str:
    return "[" + ", ".join(sorted(value)) + "]" if isinstance(value, frozenset) else str(value)


QUESTION_TYPES: Mapping[str, QuestionType] = {
    "single_choice": QuestionType(
        "choice", _choice, _longest_option, _option_domain, _describe_choice
    ),
    "yes_no": QuestionType("choice", _choice, _longest_option, _option_domain, _describe_choice),
    "multiple_choice": QuestionType(
        "choices", _choices, _every_option, _subset_domain, _describe_choices
    ),
    "scale": QuestionType("int", _integer, _widest_number, _number_domain, _describe_choice),
    "number": QuestionType("int", _integer, _widest_number, _number_domain, _describe_choice),
    "text": QuestionType("text", _text, _incompressible_text, _no_domain, _describe_choice),
}


def parse_answer(question: Question, raw: Any) -> AnswerValue:
    """Check one raw answer (from YAML, JSON or a cookie) against its question."""
    return QUESTION_TYPES[question.type].parse(question, raw)


def describe_answer(question: Question, value: AnswerValue) -> str:
    """An answer as a short author-facing string ("both", "[a, b]", "7")."""
    return QUESTION_TYPES[question.type].describe(question, value)
