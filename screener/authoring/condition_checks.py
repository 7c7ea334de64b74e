"""Static checks of a parsed condition against the questions it names, before anything runs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from screener.catalogue import conditions
from screener.core.conditions import (
    FUNCTIONS,
    OPERATORS,
    BoolOp,
    Call,
    Compare,
    Condition,
    ConditionError,
    Const,
    Node,
    Not,
    Operand,
    Ref,
    ValueKind,
    refs,
)
from screener.core.wording import did_you_mean, quoted_list


class Subject(Protocol):
    """What the checker needs to know about a question a condition names."""

    @property
    def id(self) -> str: ...
    @property
    def value_kind(self) -> ValueKind: ...
    @property
    def option_values(self) -> tuple[str, ...]: ...
    @property
    def minimum(self) -> int | None: ...
    @property
    def maximum(self) -> int | None: ...


def check_condition(
    condition: Condition, subjects: Mapping[str, Subject], ignore: frozenset[str] = frozenset()
) -> list[ConditionError]:
    """Every reason this condition cannot work with these questions ([] when it is sound)."""
    found: list[ConditionError] = []
    for ref in refs(condition.root):
        if ref.question not in subjects and ref.question not in ignore:
            found.append(_unknown_question(ref, condition, subjects, ignore))
    if found:
        return found
    _check_node(condition.root, subjects, found, ignore, top=True)
    return found


def _unknown_question(
    ref: Ref, condition: Condition, subjects: Mapping[str, Subject], ignore: frozenset[str]
) -> ConditionError:
    for other in refs(condition.root):
        subject = subjects.get(other.question)
        if subject is not None and ref.question in subject.option_values:
            return ConditionError(ref.offset, conditions.LOOKS_LIKE_OPTION.say(value=ref.question))
    suggestion = did_you_mean(ref.question, [*subjects, *ignore])
    return ConditionError(
        ref.offset, conditions.UNKNOWN_QUESTION.say(ident=ref.question, suggestion=suggestion)
    )


def _check_node(
    node: Node,
    subjects: Mapping[str, Subject],
    found: list[ConditionError],
    ignore: frozenset[str],
    top: bool = False,
) -> None:
    if isinstance(node, BoolOp):
        for part in node.parts:
            _check_node(part, subjects, found, ignore)
    elif isinstance(node, Not):
        _check_node(node.part, subjects, found, ignore)
    elif isinstance(node, Call):
        kind = _kind(node, subjects, found)
        if kind not in ("bool", None):
            said = conditions.FUNCTION_GIVES_NUMBER.say(
                function=node.function, question=node.arg.question
            )
            found.append(ConditionError(node.offset, said))
    elif not any(True for _ in refs(node)):
        found.append(ConditionError(node.offset, conditions.FIXED_COMPARISON.say()))
    elif not ({r.question for r in refs(node)} & ignore):
        _check_compare(node, subjects, found)


def _kind(
    operand: Operand, subjects: Mapping[str, Subject], found: list[ConditionError]
) -> str | None:
    """The kind of value an operand gives; None after recording why it has none."""
    if isinstance(operand, Ref):
        kind = subjects[operand.question].value_kind
        if kind == "text":
            said = conditions.TEXT_QUESTION.say(question=operand.question)
            found.append(ConditionError(operand.offset, said))
            return None
        return kind
    if isinstance(operand, Call):
        function = FUNCTIONS[operand.function]
        subject = subjects[operand.arg.question]
        if subject.value_kind not in function.accepts:
            said = conditions.FUNCTION_WRONG_KIND.say(
                function=operand.function,
                question=subject.id,
                kind=_KIND_WORDS[subject.value_kind],
            )
            found.append(ConditionError(operand.offset, said))
            return None
        return function.returns
    value = operand.value
    if isinstance(value, tuple):
        return "strs" if isinstance(value[0], str) else "ints"
    return "str" if isinstance(value, str) else "int"


_KIND_WORDS = {
    "text": "a free-text question",
    "choice": "a question with one answer",
    "choices": "a question with several answers",
    "int": "a number",
    "str": "a quoted text",
    "strs": "a list of texts",
    "ints": "a list of numbers",
    "bool": "true or false",
}


def _check_compare(
    node: Compare, subjects: Mapping[str, Subject], found: list[ConditionError]
) -> None:
    left, right = _kind(node.left, subjects, found), _kind(node.right, subjects, found)
    if left is None or right is None:
        return
    if (left, right) not in OPERATORS[node.op].accepts:
        found.append(ConditionError(node.offset, _mismatch(node, left, right)))
        return
    for ref, literal in _ref_literal_pairs(node):
        _check_literal(ref, literal, subjects[ref.question], found)


def _mismatch(node: Compare, left: str, right: str) -> str:
    if left == "choices" and node.op in ("==", "!="):
        name = node.left.question if isinstance(node.left, Ref) else "x"
        word = "in" if node.op == "==" else "not in"
        literal = node.right.value if isinstance(node.right, Const) else None
        value = literal if isinstance(literal, str) else "value"
        return conditions.SEVERAL_ANSWERS.say(question=name, value=value, word=word)

    if left == "choice" and right == "int" or left == "int" and right == "str":
        return conditions.QUOTES_OR_NUMBERS.say(left=_KIND_WORDS[left], right=_KIND_WORDS[right])
    return conditions.CANNOT_COMPARE.say(
        op=node.op, left=_KIND_WORDS.get(left, left), right=_KIND_WORDS.get(right, right)
    )


def _ref_literal_pairs(node: Compare) -> Iterator[tuple[Ref, Const]]:
    if isinstance(node.left, Ref) and isinstance(node.right, Const):
        yield node.left, node.right
    if isinstance(node.right, Ref) and isinstance(node.left, Const):
        yield node.right, node.left


def _check_literal(ref: Ref, literal: Const, subject: Subject, found: list[ConditionError]) -> None:
    values = literal.value if isinstance(literal.value, tuple) else (literal.value,)
    for value in values:
        if isinstance(value, str) and value not in subject.option_values:
            suggestion = did_you_mean(value, subject.option_values) or (
                f"; its options are {quoted_list(subject.option_values)}"
            )
            said = conditions.NOT_AN_OPTION.say(
                value=value, question=subject.id, suggestion=suggestion
            )
            found.append(ConditionError(literal.offset, said))
        low, high = subject.minimum, subject.maximum
        if (
            isinstance(value, int)
            and low is not None
            and high is not None
            and not low <= value <= high
        ):
            said = conditions.NEVER_MATCHES.say(
                question=subject.id, low=low, high=high, value=value
            )
            found.append(ConditionError(literal.offset, said))
