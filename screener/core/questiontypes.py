"""Question types: one registry entry each, holding everything about a type.

The entry carries what the core needs directly (how answers parse, their worst case for the
cookie, how they read in messages) and names, by family, what each other layer does with the
type: its settings in `questions.yaml` (authoring), its form field and template macro (web),
how its answer is shown to the patient (web), and how the proof encodes it and "turns it on".
Those layers keep one registry per facet, keyed by the family names used here, and a test
checks that every name resolves; a new type that reuses families is one entry here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from screener.catalogue import answers as messages
from screener.core.conditions import AnswerValue, ValueKind
from screener.core.model import Question
from screener.core.wording import did_you_mean, quoted_list

TEXT_MAX_LENGTH = 500
DEFAULT_TEXT_LENGTH = 200


class AnswerError(ValueError):
    """An answer does not fit its question; the message says why, in author words."""


@dataclass(frozen=True)
class QuestionType:
    """Everything about one type of question."""

    value_kind: ValueKind  # what rules compare its answer with ("text": rules never read it)
    parse: Callable[[Question, Any], AnswerValue]
    worst_case: Callable[[Question], AnswerValue]
    describe: Callable[[Question, AnswerValue], str]
    settings: str  # authoring: its own keys in questions.yaml (file_format.TYPE_SETTINGS)
    field: str  # web: its form field and the macro that draws it (forms.FIELD_FAMILIES)
    shown_as: str  # web: how its answer reads on check and result pages (presenters.SHOWN_AS)
    encoding: str | None  # the proof: how it is encoded (proof ENCODINGS); None: never read
    fixed_options: tuple[str, ...] = ()  # option values every question of the type has
    required_by_default: bool = True


def _choice(question: Question, raw: Any) -> AnswerValue:
    if isinstance(raw, bool) and question.option_values == ("yes", "no"):
        raw = "yes" if raw else "no"
    if not isinstance(raw, str) or raw not in question.option_values:
        shown = raw if isinstance(raw, str) else repr(raw)
        suggestion = did_you_mean(shown, question.option_values) or (
            f"; its options are {quoted_list(question.option_values)}"
        )
        raise AnswerError(
            messages.NOT_AN_OPTION.say(answer=shown, question=question.id, suggestion=suggestion)
        )
    return raw


def _choices(question: Question, raw: Any) -> AnswerValue:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise AnswerError(
            messages.TAKES_A_LIST.say(question=question.id, option=question.options[0].value)
        )
    chosen = frozenset(str(_choice(question, item)) for item in items)
    exclusive = [o.value for o in question.options if o.exclusive and o.value in chosen]
    if exclusive and len(chosen) > 1:
        raise AnswerError(messages.EXCLUSIVE_OPTION.say(option=exclusive[0], question=question.id))
    return chosen


def _integer(question: Question, raw: Any) -> AnswerValue:
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit() and len(raw) < 12:
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise AnswerError(messages.TAKES_A_NUMBER.say(question=question.id))
    low, high = question.minimum, question.maximum
    if low is not None and high is not None and not low <= raw <= high:
        raise AnswerError(
            messages.OUT_OF_RANGE.say(question=question.id, low=low, high=high, answer=raw)
        )
    return raw


def _text(question: Question, raw: Any) -> AnswerValue:
    if not isinstance(raw, str):
        raise AnswerError(messages.TAKES_A_TEXT.say(question=question.id))
    limit = question.max_length or DEFAULT_TEXT_LENGTH
    if len(raw) > limit:
        raise AnswerError(messages.TEXT_TOO_LONG.say(question=question.id, limit=limit))
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
    "single_choice": QuestionType(
        "choice",
        _choice,
        _longest_option,
        _describe_choice,
        settings="options",
        field="radios",
        shown_as="option",
        encoding="single_choice",
    ),
    "yes_no": QuestionType(
        "choice",
        _choice,
        _longest_option,
        _describe_choice,
        settings="none",
        field="radios",
        shown_as="option",
        encoding="yes_no",
        fixed_options=("yes", "no"),
    ),
    "multiple_choice": QuestionType(
        "choices",
        _choices,
        _every_option,
        _describe_choices,
        settings="options",
        field="checkboxes",
        shown_as="options",
        encoding="multiple_choice",
    ),
    "scale": QuestionType(
        "int",
        _integer,
        _widest_number,
        _describe_choice,
        settings="scale",
        field="scale",
        shown_as="out_of",
        encoding="scale",
    ),
    "number": QuestionType(
        "int",
        _integer,
        _widest_number,
        _describe_choice,
        settings="number",
        field="number",
        shown_as="with_unit",
        encoding="number",
    ),
    "text": QuestionType(
        "text",
        _text,
        _incompressible_text,
        _describe_choice,
        settings="text",
        field="text",
        shown_as="as_typed",
        encoding=None,
        required_by_default=False,
    ),
}


def parse_answer(question: Question, raw: Any) -> AnswerValue:
    """Check one raw answer (from YAML, JSON or a cookie) against its question."""
    return QUESTION_TYPES[question.type].parse(question, raw)


def describe_answer(question: Question, value: AnswerValue) -> str:
    """An answer as a short author-facing string ("both", "[a, b]", "7")."""
    return QUESTION_TYPES[question.type].describe(question, value)
