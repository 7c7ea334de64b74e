"""Conditions in plain words, for the author's preview: the questions and options by their
text rather than their ids."""

from __future__ import annotations

from collections.abc import Callable

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
from screener.core.model import Questionnaire

_SAYS = {
    "==": "is",
    "!=": "is not",
    "<": "is less than",
    "<=": "is at most",
    ">": "is more than",
    ">=": "is at least",
    "in": "is one of",
    "not in": "is none of",
}


def describe(condition: Condition, questionnaire: Questionnaire, language: str) -> str:
    """The condition as a sentence, e.g. 'Do your legs feel weak?' is 'Both legs feel weak'."""

    def text(value: object) -> str:
        return questionnaire.text(value, language)  # type: ignore[arg-type]

    def question(ref: Ref) -> str:
        found = questionnaire.questions.get(ref.question)
        return f"“{text(found.text)}”" if found else ref.question

    def value(ref: Ref, raw: str | int) -> str:
        found = questionnaire.questions.get(ref.question)
        option = found.option(str(raw)) if found and isinstance(raw, str) else None
        return f"“{text(option.label)}”" if option else str(raw)

    return _node(condition.root, question, value, top=True)


def _node(
    node: Node,
    question: Callable[[Ref], str],
    value: Callable[[Ref, str | int], str],
    top: bool = False,
) -> str:
    if isinstance(node, BoolOp):
        joined = f" {node.op} ".join(_node(part, question, value) for part in node.parts)
        return joined if top else f"({joined})"
    if isinstance(node, Not):
        return f"not ({_node(node.part, question, value, top=True)})"
    if isinstance(node, Call):
        return _operand(node, question)
    return _compare(node, question, value)


def _operand(operand: Operand, question: Callable[[Ref], str]) -> str:
    if isinstance(operand, Ref):
        return f"the answer to {question(operand)}"
    if isinstance(operand, Call):
        if operand.function == "answered":
            return f"{question(operand.arg)} was answered"
        return f"the number of boxes ticked for {question(operand.arg)}"
    return str(operand.value)


def _compare(
    node: Compare, question: Callable[[Ref], str], value: Callable[[Ref, str | int], str]
) -> str:
    left, right = node.left, node.right
    if isinstance(left, Const) and isinstance(right, Ref):  # "x" in ticked boxes
        word = "includes" if node.op == "in" else "does not include"
        return f"the answer to {question(right)} {word} {value(right, left.value)}"  # type: ignore[arg-type]
    subject = _operand(left, question)
    if isinstance(right, Const) and isinstance(left, Ref):
        items = right.value if isinstance(right.value, tuple) else (right.value,)
        shown = ", ".join(value(left, item) for item in items)
        return f"{subject} {_SAYS[node.op]} {shown}"
    return f"{subject} {_SAYS[node.op]} {_operand(right, question)}"
