"""Condition expressions: parsed once with `ast`, checked against the questions, never eval'd.

Parsing is in condition_parser.py, static checks in condition_checks.py.

Meaning of a missing answer: a question that is unanswered, or hidden (its answer is then
dropped), makes every comparison that reads it false, `!=` and `not in` included.
`answered(x)` is the one way to ask about it, and `not (...)` turns false into true.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

AnswerValue = str | int | frozenset[str]
Answers = Mapping[str, AnswerValue]
ValueKind = Literal["choice", "choices", "int", "text"]
MAX_LENGTH = 1000


class ConditionError(Exception):
    """A condition cannot be used; `offset` is the character it starts at."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


# -- the expression tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A question named in a condition; its value is that question's answer."""

    question: str
    offset: int


@dataclass(frozen=True)
class Const:
    """A quoted text, a whole number, or a [list] of either."""

    value: str | int | tuple[str | int, ...]
    offset: int


@dataclass(frozen=True)
class Call:
    """A named function applied to one question: answered(x), count(x)."""

    function: str
    arg: Ref
    offset: int


Operand = Ref | Const | Call


@dataclass(frozen=True)
class Compare:
    """left OP right."""

    left: Operand
    op: str
    right: Operand
    offset: int


@dataclass(frozen=True)
class BoolOp:
    """and / or over two or more parts."""

    op: Literal["and", "or"]
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """not part."""

    part: Node


Node = Compare | BoolOp | Not | Call

# -- operators and functions (registries, not if/elif) -------------------------------------


@dataclass(frozen=True)
class Operator:
    """A comparison: how it evaluates and which operand kinds it accepts."""

    apply: Callable[[Any, Any], bool]
    accepts: frozenset[tuple[str, str]]


_ORDER = frozenset({("int", "int")})
OPERATORS: dict[str, Operator] = {
    "==": Operator(operator.eq, frozenset({("choice", "str"), ("int", "int")})),
    "!=": Operator(operator.ne, frozenset({("choice", "str"), ("int", "int")})),
    "<": Operator(operator.lt, _ORDER),
    "<=": Operator(operator.le, _ORDER),
    ">": Operator(operator.gt, _ORDER),
    ">=": Operator(operator.ge, _ORDER),
    "in": Operator(
        lambda a, b: a in b, frozenset({("str", "choices"), ("choice", "strs"), ("int", "ints")})
    ),
    "not in": Operator(
        lambda a, b: a not in b,
        frozenset({("str", "choices"), ("choice", "strs"), ("int", "ints")}),
    ),
}


@dataclass(frozen=True)
class Function:
    """A named function of one question."""

    accepts: frozenset[ValueKind]
    returns: str
    apply: Callable[[AnswerValue | None], Any]


FUNCTIONS: dict[str, Function] = {
    "answered": Function(
        frozenset({"choice", "choices", "int"}), "bool", lambda value: value is not None
    ),
    "count": Function(frozenset({"choices"}), "int", lambda value: _count(value)),
}


def _count(value: AnswerValue | None) -> int | None:
    """How many options a multiple-choice answer holds."""
    return len(value) if isinstance(value, frozenset) else None


RESERVED_WORDS = frozenset(FUNCTIONS) | {"and", "or", "not", "in", "is", "true", "false"}

# -- conditions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A parsed condition with the questions it reads."""

    text: str
    root: Node
    questions: tuple[str, ...]

    def test(self, answers: Answers) -> bool:
        """True when the condition holds for these answers."""
        return _test(self.root, answers)

    def evidence(self, answers: Answers) -> tuple[str, ...] | None:
        """The questions whose answers make the condition true, or None when it is false."""
        found = _evidence(self.root, answers)
        return None if found is None else tuple(q for q in self.questions if q in found)


def refs(node: Node | Operand) -> Iterator[Ref]:
    """Every question reference in a tree, in reading order."""
    if isinstance(node, Ref):
        yield node
    elif isinstance(node, Call):
        yield node.arg
    elif isinstance(node, Compare):
        yield from refs(node.left)
        yield from refs(node.right)
    elif isinstance(node, BoolOp):
        for part in node.parts:
            yield from refs(part)
    elif isinstance(node, Not):
        yield from refs(node.part)


def comparisons(node: Node) -> Iterator[Compare]:
    """Every comparison in a tree."""
    if isinstance(node, Compare):
        yield node
    elif isinstance(node, BoolOp):
        for part in node.parts:
            yield from comparisons(part)
    elif isinstance(node, Not):
        yield from comparisons(node.part)


# -- evaluation ------------------------------------------------------------------------------


def _value(operand: Operand, answers: Answers) -> Any:
    if isinstance(operand, Ref):
        return answers.get(operand.question)
    if isinstance(operand, Call):
        return FUNCTIONS[operand.function].apply(answers.get(operand.arg.question))
    return operand.value


def _test(node: Node, answers: Answers) -> bool:
    if isinstance(node, Compare):
        left, right = _value(node.left, answers), _value(node.right, answers)
        if left is None or right is None:
            return False  # an unanswered or hidden question makes any comparison false
        return bool(OPERATORS[node.op].apply(left, right))
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(_test(part, answers) for part in node.parts)
        return any(_test(part, answers) for part in node.parts)
    if isinstance(node, Not):
        return not _test(node.part, answers)
    return bool(_value(node, answers))


def _evidence(node: Node, answers: Answers) -> set[str] | None:
    """The answered questions behind a true result, or None when the node is false."""
    if isinstance(node, BoolOp):
        results = [_evidence(part, answers) for part in node.parts]
        true = [r for r in results if r is not None]
        if (node.op == "and" and len(true) < len(results)) or not true:
            return None
        return set().union(*true)
    if not _test(node, answers):
        return None
    return {r.question for r in refs(node) if r.question in answers}
