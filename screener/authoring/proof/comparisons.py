"""Conditions compiled to diagrams, each comparison meaning what conditions.py makes of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from screener.authoring.proof.bits import Number, all_of, any_of, compare, constant
from screener.authoring.proof.space import BDD, Space
from screener.authoring.proof.views import View
from screener.core.conditions import (
    BoolOp,
    Call,
    Compare,
    Condition,
    Const,
    Node,
    Not,
    Operand,
    Ref,
)

# As in conditions.py, a comparison that reads a missing answer is false; so each one holds
# only where the answers it reads are there to read (a Scope's `present`).
Presence = Mapping[str, BDD]


@dataclass(frozen=True)
class Scope:
    """What a condition sees: each question's view, and whether its answer is there to read."""

    views: Mapping[str, View]
    present: Presence


def compile_condition(space: Space, condition: Condition, scope: Scope) -> BDD:
    """The combinations for which the condition holds, as conditions.py would evaluate it."""
    return _node(space, condition.root, scope)


def _node(space: Space, node: Node, scope: Scope) -> BDD:
    space.tick()
    if isinstance(node, BoolOp):
        parts = [_node(space, part, scope) for part in node.parts]
        return (all_of if node.op == "and" else any_of)(space, parts)
    if isinstance(node, Not):
        return ~_node(space, node.part, scope)
    if isinstance(node, Call):
        return scope.present[node.arg.question]  # answered(x): the one boolean function
    return _comparison(space, node, scope)


def _comparison(space: Space, node: Compare, scope: Scope) -> BDD:
    needed = all_of(space, [scope.present[r.question] for r in _operand_refs(node)])
    return needed & COMPARISONS[node.op](space, node.left, node.right, scope)


def _operand_refs(node: Compare) -> Iterator[Ref]:
    for operand in (node.left, node.right):
        if isinstance(operand, Ref):
            yield operand
        elif isinstance(operand, Call):
            yield operand.arg


def _number_of(space: Space, operand: Operand, scope: Scope) -> Number:
    if isinstance(operand, Const):
        assert isinstance(operand.value, int)
        return constant(operand.value)
    if isinstance(operand, Call):
        return scope.views[operand.arg.question].count()  # count(x): the one int function
    return scope.views[operand.question].number()


def _equal(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
    ref, const = (left, right) if isinstance(left, Ref) else (right, left)
    if isinstance(ref, Ref) and isinstance(const, Const) and isinstance(const.value, str):
        return scope.views[ref.question].equals(const.value)
    return compare(space, _number_of(space, left, scope), "==", _number_of(space, right, scope))


def _member(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
    if isinstance(right, Ref):  # "x" in ticked
        assert isinstance(left, Const) and isinstance(left.value, str)
        return scope.views[right.question].contains(left.value)
    assert isinstance(right, Const) and isinstance(right.value, tuple)
    parts = []
    for item in right.value:
        parts.append(_equal(space, left, Const(item, right.offset), scope))
    return any_of(space, parts)


def _ordered(op: str) -> Callable[[Space, Operand, Operand, Scope], BDD]:
    def build(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
        return compare(space, _number_of(space, left, scope), op, _number_of(space, right, scope))

    return build


# One entry per operator of conditions.OPERATORS (a test checks they agree).
COMPARISONS: Mapping[str, Callable[[Space, Operand, Operand, Scope], BDD]] = {
    "==": _equal,
    "!=": lambda s, a, b, sc: ~_equal(s, a, b, sc),
    "<": _ordered("<"),
    "<=": _ordered("<="),
    ">": _ordered(">"),
    ">=": _ordered(">="),
    "in": _member,
    "not in": lambda s, a, b, sc: ~_member(s, a, b, sc),
}
