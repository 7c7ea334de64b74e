"""Conditions as FHIRPath, evaluated over the QuestionnaireResponse being filled in.

The app's rule for a missing answer (every comparison that reads it is false, `!=` and
`not in` included; `not (...)` turns false into true) does not hold in FHIRPath, where a
comparison with an empty answer is empty and `not()` of empty is empty. So every comparison
is guarded: `iif(<its answers exist>, <the comparison>, false)`, which is always true or
false, and `and`, `or` and `not()` then mean what they mean in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from screener.core.conditions import (
    BoolOp,
    Call,
    Compare,
    Const,
    Node,
    Not,
    Operand,
    Ref,
    ValueKind,
)

ANSWER = "%resource.repeat(item).where(linkId='{id}').answer.value"


def variable_name(prefix: str, ident: str) -> str:
    """A variable's name: letters and digits only, as FHIR's `id` type and FHIRPath allow
    (legs_start -> aLegsStart); ids are lower case, so distinct ids get distinct names."""
    return prefix + "".join(part[:1].upper() + part[1:] for part in ident.split("_"))


def answer_variable(question: str) -> str:
    """The variable holding one question's answer values (each answer a rule reads, and
    each red flag, is a variable of the whole form, so expressions read it once by name)."""
    return variable_name("a", question)


def flag_variable(flag: str) -> str:
    """The variable holding whether one red flag fires."""
    return variable_name("f", flag)


# How an answer is read, by the kind of value its question holds: codes for choices.
READ: dict[ValueKind, str] = {"choice": ".code", "choices": ".code", "int": "", "text": ""}
OPERATORS = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "in": "in"}


def answer(question: str) -> str:
    """The answer values of one item of the response, through its variable."""
    return "%" + answer_variable(question)


def literal(value: str | int | tuple[str | int, ...]) -> str:
    """A FHIRPath literal: 'text', 5, or a collection ('a' | 'b')."""
    if isinstance(value, tuple):
        return "(" + " | ".join(literal(v) for v in value) + ")"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Translation:
    """Conditions of one questionnaire in FHIRPath; `kinds` is each question's value kind."""

    def __init__(self, kinds: Mapping[str, ValueKind]) -> None:
        self.kinds = kinds
        self._nodes: dict[type, Callable[[object], str]] = {
            Compare: self._compare,  # type: ignore[dict-item]
            BoolOp: self._bool,  # type: ignore[dict-item]
            Not: self._not,  # type: ignore[dict-item]
            Call: self._call,  # type: ignore[dict-item]
        }

    def expression(self, node: Node) -> str:
        """A FHIRPath expression that is true exactly when the condition holds."""
        return self._nodes[type(node)](node)

    def _value(self, operand: Operand) -> str:
        if isinstance(operand, Ref):
            return answer(operand.question) + READ[self.kinds[operand.question]]
        if isinstance(operand, Call):  # count(x): how many options are ticked
            return answer(operand.arg.question) + ".count()"
        return literal(operand.value)

    def _compare(self, node: Compare) -> str:
        guard = " and ".join(
            f"{answer(side.question if isinstance(side, Ref) else side.arg.question)}.exists()"
            for side in (node.left, node.right)
            if not isinstance(side, Const)
        )
        left, right = self._value(node.left), self._value(node.right)
        if node.op == "not in":
            test = f"({left} in {right}).not()"
        else:
            test = f"{left} {OPERATORS[node.op]} {right}"
        return f"iif({guard}, {test}, false)"

    def _bool(self, node: BoolOp) -> str:
        return "(" + f" {node.op} ".join(self.expression(p) for p in node.parts) + ")"

    def _not(self, node: Not) -> str:
        return f"({self.expression(node.part)}).not()"

    def _call(self, node: Call) -> str:  # answered(x), the one function that is a test
        return f"{answer(node.arg.question)}.exists()"
