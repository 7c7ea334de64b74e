"""Reading a condition's text: Python's `ast` parses it, and only a closed set of nodes is kept."""

from __future__ import annotations

import ast
from typing import Literal

from screener.catalogue import conditions
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
        raise ConditionError(0, conditions.EMPTY.say())
    if len(flat) > MAX_LENGTH:
        raise ConditionError(0, conditions.TOO_LONG.say(limit=MAX_LENGTH))
    _reject_common_slips(flat)
    try:
        tree = ast.parse(flat.strip(), mode="eval")
    except SyntaxError as exc:
        offset = max((exc.offset or 1) - 1, 0) + (len(flat) - len(flat.lstrip()))
        raise ConditionError(offset, conditions.UNREADABLE.say()) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ConditionError(0, conditions.UNUSUAL_CHARACTERS.say()) from exc
    shift = len(flat) - len(flat.lstrip())
    root = _Converter(flat.strip(), shift).node(tree.body)
    questions = tuple(dict.fromkeys(ref.question for ref in refs(root)))
    return Condition(text=flat.strip(), root=root, questions=questions)


def _reject_common_slips(text: str) -> None:
    """Explain the mistakes people bring from other languages before Python's parser does."""
    bare = _blank_quoted(text)
    if "#" in bare:  # Python would read the rest as a comment and silently drop it
        raise ConditionError(bare.index("#"), conditions.HASH.say())
    for slip, instead in (("&&", "and"), ("||", "or"), ("===", "==")):
        if slip in bare:
            raise ConditionError(
                bare.index(slip), conditions.FOREIGN_OPERATOR.say(slip=slip, instead=instead)
            )
    for index, char in enumerate(bare):
        if (
            char == "="
            and bare[index - 1 : index] not in ("=", "!", "<", ">")
            and bare[index + 1 : index + 2] != "="
        ):
            raise ConditionError(index, conditions.SINGLE_EQUALS.say())


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
            raise self.fail(node, conditions.BARE_NAME.say(ident=node.id))
        raise self.fail(node, self.unsupported(node))

    def compare(self, node: ast.Compare) -> Node:
        parts: list[Node] = []
        left = node.left
        for cmpop, right in zip(node.ops, node.comparators, strict=True):
            symbol = _AST_OPS.get(type(cmpop))
            if symbol is None:
                raise self.fail(node, conditions.IS.say())
            a, b = self.operand(left), self.operand(right)
            if isinstance(a, Const) and not isinstance(b, Const) and symbol in _FLIPPED:
                a, b, symbol = b, a, _FLIPPED[symbol]  # `7 <= pain` reads as `pain >= 7`
            parts.append(Compare(a, symbol, b, self.offset(left)))
            left = right
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def call(self, node: ast.Call) -> Call:
        name = node.func.id if isinstance(node.func, ast.Name) else "?"
        if name not in FUNCTIONS:
            suggestion = (
                did_you_mean(name, FUNCTIONS) or f"; the functions are {quoted_list(FUNCTIONS)}"
            )
            raise self.fail(node, conditions.UNKNOWN_FUNCTION.say(name=name, suggestion=suggestion))
        if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Name):
            raise self.fail(node, conditions.FUNCTION_ARGUMENT.say(name=name))
        return Call(name, Ref(node.args[0].id, self.offset(node.args[0])), self.offset(node))

    def operand(self, node: ast.expr) -> Operand:
        if isinstance(node, ast.Name):
            return Ref(node.id, self.offset(node))
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            items = tuple(self.constant(item) for item in node.elts)
            if not items:
                raise self.fail(node, conditions.EMPTY_LIST.say())
            if len({type(item) for item in items}) > 1:
                raise self.fail(node, conditions.MIXED_LIST.say())
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
            return conditions.TRUE_FALSE.say()
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            return conditions.WHOLE_NUMBERS.say()
        return conditions.UNSUPPORTED.say(functions=", ".join(f"{f}()" for f in FUNCTIONS))
