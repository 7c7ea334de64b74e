"""Reading a condition's text: Python's `ast` parses it, and only a closed set of nodes is kept."""

from __future__ import annotations

import ast
from typing import Literal

from screener.core.conditions import (
    FUNCTIONS,
    MAX_LENGTH,
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
    refs,
)
from screener.core.wording import did_you_mean, quoted_list

_AST_OPS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def parse_condition(text: str) -> Condition:
    """Parse a condition's text; raise ConditionError pointing at the offending character."""
    flat = " ".join(text.split("\n"))
    if not flat.strip():
        raise ConditionError(0, "the condition is empty")
    if len(flat) > MAX_LENGTH:
        raise ConditionError(
            0, f"the condition is longer than {MAX_LENGTH} characters; split the rule in two"
        )
    _reject_common_slips(flat)
    try:
        tree = ast.parse(flat.strip(), mode="eval")
    except SyntaxError as exc:
        offset = max((exc.offset or 1) - 1, 0) + (len(flat) - len(flat.lstrip()))
        raise ConditionError(
            offset,
            "this condition cannot be read; check the quotes, brackets "
            'and operators (for example: pain >= 7 and legs == "both")',
        ) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ConditionError(0, "this condition cannot be read; remove unusual characters") from exc
    shift = len(flat) - len(flat.lstrip())
    root = _Converter(flat.strip(), shift).node(tree.body)
    questions = tuple(dict.fromkeys(ref.question for ref in refs(root)))
    return Condition(text=flat.strip(), root=root, questions=questions)


def _reject_common_slips(text: str) -> None:
    """Explain the mistakes people bring from other languages before Python's parser does."""
    bare = _blank_quoted(text)
    if "#" in bare:  # Python would read the rest as a comment and silently drop it
        raise ConditionError(
            bare.index("#"),
            '"#" would hide the rest of the condition; '
            "put comments on their own line, above the rule",
        )
    for slip, fix in (("&&", 'use "and"'), ("||", 'use "or"'), ("===", 'use "=="')):
        if slip in bare:
            raise ConditionError(bare.index(slip), f'"{slip}" is not understood here; {fix}')
    for index, char in enumerate(bare):
        if (
            char == "="
            and bare[index - 1 : index] not in ("=", "!", "<", ">")
            and bare[index + 1 : index + 2] != "="
        ):
            raise ConditionError(index, 'to compare, write "==" (two equals signs), not "="')


def _blank_quoted(text: str) -> str:
    """The text with everything inside quotes replaced by spaces, same length."""
    out: list[str] = []
    quote = ""
    for char in text:
        if quote:
            out.append(char if char == quote else " ")
            quote = "" if char == quote else quote
        else:
            out.append(char)
            quote = char if char in "\"'" else ""
    return "".join(out)


class _Converter:
    """Turns Python's ast into our closed tree, refusing every other kind of node."""

    def __init__(self, text: str, shift: int) -> None:
        self.text = text
        self.shift = shift
        self.encoded = text.encode("utf-8")

    def offset(self, node: ast.AST) -> int:
        raw = getattr(node, "col_offset", 0)  # a byte offset in UTF-8
        return len(self.encoded[:raw].decode("utf-8", errors="ignore")) + self.shift

    def fail(self, node: ast.AST, message: str) -> ConditionError:
        return ConditionError(self.offset(node), message)

    def node(self, node: ast.expr) -> Node:
        if isinstance(node, ast.BoolOp):
            op: Literal["and", "or"] = "and" if isinstance(node.op, ast.And) else "or"
            return BoolOp(op, tuple(self.node(part) for part in node.values))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return Not(self.node(node.operand))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Name):
            raise self.fail(
                node,
                f'"{node.id}" on its own is not a condition; compare it, for '
                f'example {node.id} == "yes"',
            )
        raise self.fail(node, self.unsupported(node))

    def compare(self, node: ast.Compare) -> Node:
        parts: list[Node] = []
        left = node.left
        for cmpop, right in zip(node.ops, node.comparators, strict=True):
            symbol = _AST_OPS.get(type(cmpop))
            if symbol is None:
                raise self.fail(node, '"is" is not used in conditions; write "==" or "!="')
            a, b = self.operand(left), self.operand(right)
            if isinstance(a, Const) and not isinstance(b, Const) and symbol in _FLIPPED:
                a, b, symbol = b, a, _FLIPPED[symbol]  # `7 <= pain` reads as `pain >= 7`
            parts.append(Compare(a, symbol, b, self.offset(left)))
            left = right
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def call(self, node: ast.Call) -> Call:
        name = node.func.id if isinstance(node.func, ast.Name) else "?"
        if name not in FUNCTIONS:
            raise self.fail(
                node,
                f'unknown function "{name}"'
                + (
                    did_you_mean(name, FUNCTIONS) or f"; the functions are {quoted_list(FUNCTIONS)}"
                ),
            )
        if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Name):
            raise self.fail(node, f"{name}() takes one question id, for example {name}(legs)")
        return Call(name, Ref(node.args[0].id, self.offset(node.args[0])), self.offset(node))

    def operand(self, node: ast.expr) -> Operand:
        if isinstance(node, ast.Name):
            return Ref(node.id, self.offset(node))
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            items = tuple(self.constant(item) for item in node.elts)
            if not items:
                raise self.fail(node, "the list is empty; put the values to match inside [ ]")
            if len({type(item) for item in items}) > 1:
                raise self.fail(node, "a list must hold only texts or only numbers")
            return Const(items, self.offset(node))
        return Const(self.constant(node), self.offset(node))

    def constant(self, node: ast.expr) -> str | int:
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) is int
        ):
            return -node.operand.value
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        raise self.fail(node, self.unsupported(node))

    def unsupported(self, node: ast.AST) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, bool | None):
            return (
                "true, false and None are not used in conditions; compare the answer, "
                'for example saddle_numbness == "yes"'
            )
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            return "use whole numbers only (for example 7, not 7.5)"
        return (
            "only comparisons (== != < <= > >= in, not in), and, or, not, brackets, "
            "quoted texts, whole numbers, [lists] and the functions "
            f"{', '.join(f'{f}()' for f in FUNCTIONS)} can be used here"
        )
