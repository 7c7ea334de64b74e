"""What red flags ask of each question: the options they name, the way numbers get worse.

These define what "turning on a red-flag answer" means for the proof's monotonicity check,
and which answers count as calm in examples.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.core.conditions import BoolOp, Compare, Const, Node, Not, Ref
from screener.core.model import Questionnaire

_WORSE = {">": 1, ">=": 1, "<": -1, "<=": -1}
_NEGATED = {
    "==": "!=",
    "!=": "==",
    "in": "not in",
    "not in": "in",
    "<": ">=",
    ">=": "<",
    ">": "<=",
    "<=": ">",
}


@dataclass(frozen=True)
class Readings:
    """What red flags ask of one question: options named as warning signs, worse directions."""

    options: frozenset[str] = frozenset()
    directions: frozenset[int] = frozenset()


def red_flag_readings(questionnaire: Questionnaire) -> dict[str, Readings]:
    """For each question: the options red flags name as warning signs, and which way numbers
    count as worse. These define 'turning on a red-flag answer' for choices and numbers.

    Only what a flag asks for counts: a comparison under `not` names what it must not be.
    A flag that reads a number only one way (above a threshold, or only below) says which
    way is worse; a flag that reads it both ways (a range) says so only when no other flag
    does. Flags that disagree (low is worse for one, high for another, as for a body
    temperature) leave the number with no worse direction.
    """
    options: dict[str, set[str]] = {}
    one_way: dict[str, set[int]] = {}
    ranges: dict[str, set[int]] = {}
    for flag in questionnaire.red_flags:
        for clause in _clauses(flag.when.root, True):
            directions: dict[str, set[int]] = {}
            for compare, positive in clause:
                left, right, op = compare.left, compare.right, compare.op
                if not isinstance(left, Ref) or not isinstance(right, Const):
                    continue  # the parser puts a question on the left of a fixed value
                if not positive:
                    op = _NEGATED.get(op, op)
                values = right.value if isinstance(right.value, tuple) else (right.value,)
                if op in ("==", "in"):
                    options.setdefault(left.question, set()).update(str(v) for v in values)
                if op in _WORSE:
                    directions.setdefault(left.question, set()).add(_WORSE[op])
            for qid, found in directions.items():
                (one_way if len(found) == 1 else ranges).setdefault(qid, set()).update(found)
    return {
        qid: Readings(
            frozenset(options.get(qid, ())),
            frozenset(one_way.get(qid) or ({1} if 1 in ranges.get(qid, ()) else ())),
        )
        for qid in questionnaire.questions
    }


Clause = list[tuple[Compare, bool]]


def _clauses(node: Node, positive: bool) -> list[Clause]:
    """The comparisons of a condition, grouped into the alternatives that can each raise it.

    `a or b` gives a's and b's alternatives side by side; `a and b` joins every alternative
    of a with every one of b (a range such as `pain >= 7 and pain <= 8` is one alternative).
    Under `not`, and and or swap. Each comparison carries whether it is asked for or negated.
    """
    if isinstance(node, Compare):
        return [[(node, positive)]]
    if isinstance(node, Not):
        return _clauses(node.part, not positive)
    if isinstance(node, BoolOp):
        parts = [_clauses(part, positive) for part in node.parts]
        if (node.op == "or") == positive:
            return [clause for part in parts for clause in part]
        joined: list[Clause] = [[]]
        for part in parts:
            # Capped: a condition short enough to write has far fewer alternatives, and a
            # longer product would only repeat the directions its first ones show.
            joined = [a + b for a in joined for b in part][:256]
        return joined
    return []
