"""Answers as boolean variables, and conditions as binary decision diagrams (BDDs) over them.

A *combination* is one answer to every question that rules read, as the person would give it
if asked (or "skipped" for an optional question). Which of those answers a version of the
questionnaire actually asks is worked out in outcomes.py; here each question only gets its
variables, the values they can hold, and the meaning of every comparison in the condition
language, exactly as conditions.py evaluates it (a missing answer makes a comparison false).

Variables live in one `Space`, so two versions of a questionnaire can share them (the diff).
Each question's variables are a `Slot`; each version sees a slot through a `View` that knows
that version's options, range and whether the question may be skipped.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from screener.authoring.proof.readings import Readings
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
from screener.core.model import Question

if TYPE_CHECKING:
    from dd import autoref as _dd
else:
    # CUDD, compiled into dd's wheels, is many times faster than dd's pure-Python diagrams,
    # which have the same interface and stand in where the compiled module is missing.
    try:
        from dd import cudd as _dd
    except ImportError:  # pragma: no cover - depends on the platform's wheel
        from dd import autoref as _dd

Manager = _dd.BDD
BDD = _dd.Function
Assignment = dict[str, bool]
# A proof whose diagrams need more memory than this is reported as too big rather than run
# on (CUDD refuses to grow past it).
MEMORY_LIMIT = 2 * 1024**3
# Past this many nodes, variables are reordered as the diagrams grow (see Space).
REORDER_AT = 200_000


class ProofLimit(Exception):
    """The proof ran out of time or grew too large; the message says which."""


def out_of_memory(error: Exception) -> ProofLimit | None:
    """The ProofLimit an error from CUDD stands for, if it is CUDD running out of memory."""
    if isinstance(error, ValueError) and "NULL" in str(error):
        return ProofLimit(f"its diagrams needed more than {MEMORY_LIMIT // 1024**3} GB")
    return None


# -- symbolic whole numbers ------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A whole number as bits (least significant first) plus a fixed offset."""

    bits: tuple[BDD, ...]
    offset: int


class Space:
    """The BDD manager, every question's variables, and the proof's time and size limits."""

    def __init__(self, time_limit: float | None = None) -> None:
        self.bdd = Manager()
        # Journey order suits nearly every questionnaire, and reordering a good order only
        # costs time; but some diagrams need another (two numbers compared, their bits far
        # apart), so once the diagrams grow large CUDD is left to reorder them (tick).
        # Counting pauses it, and examples never depend on the order.
        self.bdd.configure(reordering=False)
        if _dd.__name__ == "dd.cudd":
            self.bdd.configure(max_memory=MEMORY_LIMIT)
        self.started = time.monotonic()
        self.deadline = None if time_limit is None else self.started + time_limit
        self.time_limit = time_limit
        self._ticks = 0
        self._reordering = False

    @property
    def true(self) -> BDD:
        """The constant true."""
        return self.bdd.true

    @property
    def false(self) -> BDD:
        """The constant false."""
        return self.bdd.false

    def tick(self) -> None:
        """Stop with ProofLimit once the time limit has passed or the diagrams grow too big;
        let CUDD reorder the variables once they grow large."""
        self._ticks += 1
        if self._ticks % 32:
            return
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ProofLimit(f"it did not finish within {self.time_limit:g} s")
        if self._ticks % 1024 or self._reordering:
            return  # counting nodes makes CUDD collect its garbage: now and then is enough
        if len(self.bdd) > REORDER_AT:
            self._reordering = True
            self.bdd.configure(reordering=True)
            self.bdd.reorder()

    def declare(self, names: Sequence[str]) -> tuple[BDD, ...]:
        """New variables, placed after every variable declared so far."""
        self.bdd.declare(*names)
        return tuple(self.bdd.var(name) for name in names)

    def add_slots(self, specs: Sequence[SlotSpec], primed: bool) -> list[Slot]:
        """Declare the variables of questions compared with one another, bit by bit.

        Their bits are interleaved (and each bit's primed twin, for 'turning it on', comes
        right after it): comparing two numbers whose bits lie in separate blocks takes a
        diagram exponential in their width, interleaved ones a linear one.
        """
        names = [
            [f"{spec.id}.{i}" for i in range(SLOT_WIDTHS[spec.kind](*spec.sizes))] for spec in specs
        ]
        for i in range(max((len(n) for n in names), default=0)):
            for own in names:
                if i < len(own):
                    self.declare([own[i], *([f"{own[i]}'"] if primed else [])])
        # Nothing here points back at a slot: with no reference cycles, every diagram is
        # freed before the manager, which dd requires.
        return [
            Slot(
                **{f.name: getattr(spec, f.name) for f in fields(SlotSpec)},
                space=self,
                bits=tuple(self.bdd.var(n) for n in own),
                twin=tuple(self.bdd.var(f"{n}'") for n in own) if primed else (),
            )
            for spec, own in zip(specs, names, strict=True)
        ]

    def count(self, u: BDD, over: Iterable[Slot]) -> int:
        """How many combinations of answers to these slots' questions satisfy `u`, exactly.

        CUDD counts in floating point, which is exact only below 2**53; this walks the
        diagram with Python's whole numbers instead.
        """
        names = [name for slot in over for name in slot.names]
        assert u.support <= set(names), "counted over fewer variables than it depends on"
        if u == self.false:
            return 0
        before = self.bdd.configure(reordering=False)["reordering"]
        levels = sorted(self.bdd.level_of_var(name) for name in names)
        position = {level: i for i, level in enumerate(levels)}
        try:
            return self._models(u, position) << _gap(position, 0, u, len(position))
        finally:
            self.bdd.configure(reordering=before)

    def _cofactors(self, v: BDD) -> tuple[BDD, BDD]:
        """v with its top variable false, and true."""
        if _dd.__name__ == "dd.cudd":  # CUDD's children, with its complemented edges undone
            low, high = v.low, v.high
            assert low is not None and high is not None  # v is not a constant
            return (~low, ~high) if v.negated else (low, high)
        var = self.bdd.var_at_level(v.level)
        return self.bdd.let({var: False}, v), self.bdd.let({var: True}, v)

    def _models(self, u: BDD, position: Mapping[int, int]) -> int:
        """Models of u over the counted variables from u's own level down.

        Bottom-up with an explicit stack: a diagram over thousands of variables is deeper
        than Python's recursion limit.
        """
        memo: dict[BDD, int] = {self.false: 0, self.true: 1}
        stack = [u]
        while stack:
            v = stack[-1]
            if v in memo:
                stack.pop()
                continue
            branches = self._cofactors(v)
            waiting = [b for b in branches if b not in memo]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            after = position[v.level] + 1
            memo[v] = sum(memo[b] << _gap(position, after, b, len(position)) for b in branches)
        return memo[u]

    def pick(
        self,
        u: BDD,
        preferences: Sequence[Callable[[BDD], BDD]],
        settled: Iterable[str] = (),
    ) -> Assignment:
        """One satisfying assignment, leaning to each preference in turn where it can.

        The preferences settle the variables in `settled`; every other variable is then
        false where it can be, in name order, so the pick never depends on the order CUDD
        keeps the variables in.
        """
        for prefer in preferences:
            narrowed = prefer(u)
            if narrowed != self.false:
                u = narrowed
        for name in sorted(u.support - set(settled)):
            narrowed = u & ~self.bdd.var(name)
            u = narrowed if narrowed != self.false else u & self.bdd.var(name)
        found = self.bdd.pick(u)
        assert found is not None, "picked from an empty set"
        return dict(found)

    def calmest(self, u: BDD, views: Iterable[View]) -> Assignment:
        """One combination in `u` with the calmest answers it can have.

        Questions u depends on lean to their calmest answers in turn; every other question
        simply takes its calmest answer (which cannot take the combination out of u).
        """
        support = u.support
        found: Assignment = {}
        preferences, settled = [], []
        for view in views:
            if support.isdisjoint(view.slot.names):
                found.update(view.calm)
            else:
                preferences += view.quiet()
                settled += view.slot.names
        return {**found, **self.pick(u, preferences, settled)}


def _gap(position: Mapping[int, int], start: int, v: BDD, total: int) -> int:
    """How many counted variables lie between position `start` and v's top variable."""
    end = total if v.level not in position else position[v.level]
    return end - start


def _code_width(values: int, span: int, skip: bool) -> int:
    return math.ceil(math.log2(values + skip)) if values + skip > 1 else 1


def _bits_width(values: int, span: int, skip: bool) -> int:
    return values


def _number_width(values: int, span: int, skip: bool) -> int:
    return max(1, math.ceil(math.log2(span + skip)))


# How many variables each kind of slot needs: a code for one of several values, one bit per
# option for a set of options, a binary number for a whole number.
SLOT_WIDTHS: Mapping[str, Callable[[int, int, bool], int]] = {
    "choice": _code_width,
    "choices": _bits_width,
    "int": _number_width,
}


@dataclass(frozen=True)
class SlotSpec:
    """What a question's variables must hold: its kind of answer, values and range."""

    id: str
    kind: str
    values: tuple[str, ...]
    low: int
    high: int
    skip: bool

    @property
    def sizes(self) -> tuple[int, int, bool]:
        """The arguments of its SLOT_WIDTHS entry."""
        return len(self.values), self.high - self.low + 1, self.skip


@dataclass(frozen=True, eq=False)
class Slot(SlotSpec):
    """The variables that hold one question's answer, shared by every version that asks it."""

    space: Space
    bits: tuple[BDD, ...]
    twin: tuple[BDD, ...]

    @property
    def names(self) -> list[str]:
        """The variables' names."""
        return [f"{self.id}.{i}" for i in range(len(self.bits))]

    @property
    def renaming(self) -> dict[str, str]:
        """From each variable to its primed twin."""
        return {name: f"{name}'" for name in self.names}

    def code_is(self, code: int, bits: Sequence[BDD] | None = None) -> BDD:
        """The code held by the bits (little-endian) equals `code`."""
        result = self.space.true
        for i, bit in enumerate(self.bits if bits is None else bits):
            result &= bit if code >> i & 1 else ~bit
        return result

    @property
    def skip_code(self) -> int:
        """The code that means 'skipped' (after the last value)."""
        return len(self.values) if self.kind == "choice" else self.high - self.low + 1

    def encode(self, value: Any) -> Assignment:
        """The variables' values for one raw answer (None: skipped); the inverse of decode."""
        if self.kind == "choices":
            chosen = value or frozenset()
            return {n: v in chosen for v, n in zip(self.values, self.names, strict=True)}
        if value is None:
            code = self.skip_code
        elif self.kind == "choice":
            code = self.values.index(value)
        else:
            code = value - self.low
        return {n: bool(code >> i & 1) for i, n in enumerate(self.names)}

    def decode(self, assignment: Mapping[str, bool]) -> Any:
        """The raw answer an assignment holds: a value, a set of values, a number, or None."""
        if self.kind == "choices":
            chosen = frozenset(
                v for v, n in zip(self.values, self.names, strict=True) if assignment.get(n, False)
            )
            return chosen or None
        code = sum(1 << i for i, n in enumerate(self.names) if assignment.get(n, False))
        if self.skip and code == self.skip_code:
            return None
        if self.kind == "choice":
            return self.values[code] if code < len(self.values) else None
        return self.low + code


# -- one version's view of a question ---------------------------------------------------------


@dataclass(eq=False)
class View:
    """One question as one version asks it, over its shared slot."""

    question: Question
    slot: Slot
    # What this version's red flags ask of the question (calm answers avoid what they name).
    readings: Readings = field(default_factory=Readings)
    space: Space = field(init=False)

    def __post_init__(self) -> None:
        self.space = self.slot.space

    @property
    def encoding(self) -> Encoding:
        """How this question's type is encoded (the registry entry)."""
        return ENCODINGS[self.question.type]

    def domain(self, bits: Sequence[BDD] | None = None) -> BDD:
        """The answers this version allows (over the primed twin when `bits` says so)."""
        return self.encoding.domain(self, self.slot.bits if bits is None else bits)

    def answered(self) -> BDD:
        """The person gives an answer (rather than skipping an optional question)."""
        return self.encoding.answered(self, self.slot.bits)

    def equals(self, value: str) -> BDD:
        """The single answer is `value` (false for a value this version does not offer)."""
        slot = self.slot
        if value not in slot.values or value not in self.question.option_values:
            return self.space.false
        return slot.code_is(slot.values.index(value))

    def contains(self, value: str) -> BDD:
        """`value` is among the ticked options."""
        slot = self.slot
        if value not in slot.values or value not in self.question.option_values:
            return self.space.false
        return slot.bits[slot.values.index(value)]

    def number(self) -> Number:
        """The answer as a whole number (meaningful only when answered)."""
        return Number(self.slot.bits, self.slot.low)

    def count(self) -> Number:
        """How many options are ticked."""
        return _popcount(self.space, self.slot.bits)

    def quiet(self) -> list[Callable[[BDD], BDD]]:
        """Preferences for examples: the calmest answer first (no, none of these, lowest)."""
        return self.encoding.quiet(self)

    @cached_property
    def allowed(self) -> BDD:
        """The answers this version allows (domain(), worked out once)."""
        return self.domain()

    @cached_property
    def calm_answer(self) -> BDD:
        """The combinations in which this question has its calmest answer."""
        result = self.space.true
        for name, value in self.calm.items():
            result &= self.space.bdd.var(name) if value else ~self.space.bdd.var(name)
        return result

    @cached_property
    def calm(self) -> Assignment:
        """The variables of this question's calmest answer."""
        picked = self.space.pick(self.allowed, self.quiet(), self.slot.names)
        return {name: picked.get(name, False) for name in self.slot.names}


# -- the question-type registry of the proof ----------------------------------------------------


@dataclass(frozen=True)
class Encoding:
    """Everything the proof knows about one question type.

    `turn_on` relates an answer (the view's bits) to a raised answer (the primed twin): the
    move that "turns on a red-flag answer" for this type; None when the type has none.
    """

    slot_kind: str
    domain: Callable[[View, Sequence[BDD]], BDD]
    answered: Callable[[View, Sequence[BDD]], BDD]
    quiet: Callable[[View], list[Callable[[BDD], BDD]]]
    turn_on: Callable[[View, Readings], BDD | None]
    describe_move: Callable[[View, Any, Any], str]


def _choice_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q = view.slot, view.question
    allowed = [slot.code_is(slot.values.index(v), bits) for v in q.option_values]
    if not q.required:
        allowed.append(slot.code_is(slot.skip_code, bits))
    return _any(view.space, allowed)


def _choice_answered(view: View, bits: Sequence[BDD]) -> BDD:
    slot = view.slot
    return ~slot.code_is(slot.skip_code, bits) if slot.skip else view.space.true


def _choices_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q, space = view.slot, view.question, view.space
    result = space.true
    offered = set(q.option_values)
    for value, bit in zip(slot.values, bits, strict=True):
        if value not in offered:
            result &= ~bit
    for option in q.options:
        if option.exclusive:
            mine = bits[slot.values.index(option.value)]
            others = [b for v, b in zip(slot.values, bits, strict=True) if v != option.value]
            result &= ~mine | ~_any(space, others)
    if q.required:
        result &= _any(space, list(bits))
    return result


def _choices_answered(view: View, bits: Sequence[BDD]) -> BDD:
    return _any(view.space, list(bits))


def _number_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q = view.slot, view.question
    assert q.minimum is not None and q.maximum is not None  # the format gives every number both
    low, high = q.minimum, q.maximum
    code = Number(tuple(bits), 0)
    inside = _compare(view.space, code, ">=", _constant(low - slot.low)) & _compare(
        view.space, code, "<=", _constant(high - slot.low)
    )
    if not q.required:
        inside |= slot.code_is(slot.skip_code, bits)
    return inside


def _number_answered(view: View, bits: Sequence[BDD]) -> BDD:
    slot = view.slot
    return ~slot.code_is(slot.skip_code, bits) if slot.skip else view.space.true


def _quiet_choice(view: View) -> list[Callable[[BDD], BDD]]:
    """Options no red flag names first, in file order; then the rest; "yes" last."""
    named = view.readings.options | {"yes"}
    values = view.question.option_values
    order = [v for v in values if v not in named] + [v for v in values if v in named]
    order = [v for v in order if v != "yes"] + [v for v in order if v == "yes"]
    codes = [view.slot.values.index(v) for v in order if v in view.slot.values]

    def prefer(u: BDD) -> BDD:
        for code in codes:
            narrowed = u & view.slot.code_is(code)
            if narrowed != view.space.false:
                return narrowed
        return u

    return [prefer]


def _quiet_choices(view: View) -> list[Callable[[BDD], BDD]]:
    slot, q = view.slot, view.question
    exclusive = [slot.bits[slot.values.index(o.value)] for o in q.options if o.exclusive]
    return [*(_requiring(bit) for bit in exclusive), *(_requiring(~bit) for bit in slot.bits)]


def _requiring(literal: BDD) -> Callable[[BDD], BDD]:
    """A preference for combinations where `literal` holds."""
    return lambda u: u & literal


def _quiet_number(view: View) -> list[Callable[[BDD], BDD]]:
    # Most significant bit first, each cleared where it can be: the lowest possible number.
    return [_requiring(~bit) for bit in reversed(view.slot.bits)]


def _raise_to(view: View, targets: Iterable[str]) -> BDD | None:
    """From any answer that is not a target (or a skip) to a target."""
    slot, space = view.slot, view.space
    codes = [slot.values.index(v) for v in targets if v in view.question.option_values]
    if not codes:
        return None
    before = ~_any(space, [slot.code_is(c) for c in codes])
    after = _any(space, [slot.code_is(c, slot.twin) for c in codes])
    return before & after


def _yes_no_on(view: View, readings: Readings) -> BDD | None:
    """To "yes": questions are asked so that yes is the warning sign (docs/authoring.md)."""
    return _raise_to(view, ["yes"])


def _single_choice_on(view: View, readings: Readings) -> BDD | None:
    return _raise_to(view, sorted(readings.options))


def _multiple_choice_on(view: View, readings: Readings) -> BDD | None:
    """Tick one more box that is not exclusive; ticking it clears an exclusive one."""
    slot, q, space = view.slot, view.question, view.space
    exclusive = {o.value for o in q.options if o.exclusive}
    moves = []
    for option in q.options:
        if option.value in exclusive:
            continue
        i = slot.values.index(option.value)
        move = ~slot.bits[i] & slot.twin[i]
        for j, value in enumerate(slot.values):
            if j == i:
                continue
            if value in exclusive:
                move &= ~slot.twin[j]
            else:
                move &= slot.bits[j].equiv(slot.twin[j])
        moves.append(move)
    return _any(space, moves) if moves else None


def _number_on(view: View, readings: Readings) -> BDD | None:
    """Move the number the way red flags count as worse (proof.red_flag_readings)."""
    if len(readings.directions) != 1:
        return None
    slot, space = view.slot, view.space
    worse = ">" if 1 in readings.directions else "<"
    moved = _compare(space, Number(slot.twin, 0), worse, Number(slot.bits, 0))
    if slot.skip:  # from a number to a number; skipping is not a number
        moved &= ~slot.code_is(slot.skip_code) & ~slot.code_is(slot.skip_code, slot.twin)
    return moved


def _describe_choice(view: View, before: Any, after: Any) -> str:
    return f'{view.question.id} "{before or "skipped"}" -> "{after}"'


def _describe_choices(view: View, before: Any, after: Any) -> str:
    added = sorted(set(after or ()) - set(before or ()))
    return f'{view.question.id}: ticking "{added[0]}"' if added else view.question.id


def _describe_number(view: View, before: Any, after: Any) -> str:
    return f"{view.question.id} {before} -> {after}"


ENCODINGS: Mapping[str, Encoding] = {
    "yes_no": Encoding(
        "choice", _choice_domain, _choice_answered, _quiet_choice, _yes_no_on, _describe_choice
    ),
    "single_choice": Encoding(
        "choice",
        _choice_domain,
        _choice_answered,
        _quiet_choice,
        _single_choice_on,
        _describe_choice,
    ),
    "multiple_choice": Encoding(
        "choices",
        _choices_domain,
        _choices_answered,
        _quiet_choices,
        _multiple_choice_on,
        _describe_choices,
    ),
    "scale": Encoding(
        "int", _number_domain, _number_answered, _quiet_number, _number_on, _describe_number
    ),
    "number": Encoding(
        "int", _number_domain, _number_answered, _quiet_number, _number_on, _describe_number
    ),
}
# Free text is never read by rules, so it has no encoding.
UNREAD_TYPES = frozenset({"text"})


# -- conditions -------------------------------------------------------------------------------

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
        return (_all if node.op == "and" else _any)(space, parts)
    if isinstance(node, Not):
        return ~_node(space, node.part, scope)
    if isinstance(node, Call):
        return scope.present[node.arg.question]  # answered(x): the one boolean function
    return _comparison(space, node, scope)


def _comparison(space: Space, node: Compare, scope: Scope) -> BDD:
    needed = _all(space, [scope.present[r.question] for r in _operand_refs(node)])
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
        return _constant(operand.value)
    if isinstance(operand, Call):
        return scope.views[operand.arg.question].count()  # count(x): the one int function
    return scope.views[operand.question].number()


def _equal(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
    ref, const = (left, right) if isinstance(left, Ref) else (right, left)
    if isinstance(ref, Ref) and isinstance(const, Const) and isinstance(const.value, str):
        return scope.views[ref.question].equals(const.value)
    return _compare(space, _number_of(space, left, scope), "==", _number_of(space, right, scope))


def _member(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
    if isinstance(right, Ref):  # "x" in ticked
        assert isinstance(left, Const) and isinstance(left.value, str)
        return scope.views[right.question].contains(left.value)
    assert isinstance(right, Const) and isinstance(right.value, tuple)
    parts = []
    for item in right.value:
        parts.append(_equal(space, left, Const(item, right.offset), scope))
    return _any(space, parts)


def _ordered(op: str) -> Callable[[Space, Operand, Operand, Scope], BDD]:
    def build(space: Space, left: Operand, right: Operand, scope: Scope) -> BDD:
        return _compare(space, _number_of(space, left, scope), op, _number_of(space, right, scope))

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


# -- arithmetic on bits -------------------------------------------------------------------------


def _constant(value: int) -> Number:
    return Number((), value)


def _any(space: Space, parts: Sequence[BDD]) -> BDD:
    """The disjunction of parts."""
    return balanced(space, parts, space.false, lambda a, b: a | b)


def _all(space: Space, parts: Sequence[BDD]) -> BDD:
    """The conjunction of parts."""
    return balanced(space, parts, space.true, lambda a, b: a & b)


def balanced(
    space: Space, parts: Sequence[BDD], empty: BDD, join: Callable[[BDD, BDD], BDD]
) -> BDD:
    """Join many diagrams pairwise, as a balanced tree: folding them one by one onto a
    growing result costs time in proportion to the square of their number."""
    level = list(parts)
    if not level:
        return empty
    while len(level) > 1:
        space.tick()
        paired = [join(a, b) for a, b in zip(level[::2], level[1::2], strict=False)]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def _xor(a: BDD, b: BDD) -> BDD:
    return ~a.equiv(b)


def _add_constant(space: Space, bits: Sequence[BDD], value: int) -> tuple[BDD, ...]:
    """bits + value, for value >= 0, one bit wider than needed."""
    width = max(len(bits), value.bit_length()) + 1
    carry, out = space.false, []
    for i in range(width):
        space.tick()
        a = bits[i] if i < len(bits) else space.false
        b = space.true if value >> i & 1 else space.false
        out.append(_xor(_xor(a, b), carry))
        carry = (a & b) | (carry & _xor(a, b))
    return tuple(out)


def _aligned(space: Space, a: Number, b: Number) -> tuple[tuple[BDD, ...], tuple[BDD, ...]]:
    """Two unsigned bit vectors whose order is the order of a and b."""
    shift = a.offset - b.offset
    left = _add_constant(space, a.bits, shift) if shift > 0 else tuple(a.bits)
    right = _add_constant(space, b.bits, -shift) if shift < 0 else tuple(b.bits)
    width = max(len(left), len(right))
    pad = (space.false,)
    return left + pad * (width - len(left)), right + pad * (width - len(right))


def _less(space: Space, a: Sequence[BDD], b: Sequence[BDD]) -> BDD:
    result = space.false
    for x, y in zip(a, b, strict=True):  # least significant first: later bits decide
        space.tick()
        result = (~x & y) | (x.equiv(y) & result)
    return result


def _same(space: Space, a: Sequence[BDD], b: Sequence[BDD]) -> BDD:
    return _all(space, [x.equiv(y) for x, y in zip(a, b, strict=True)])


def _compare(space: Space, a: Number, op: str, b: Number) -> BDD:
    """a op b for symbolic whole numbers."""
    if not a.bits and not b.bits:
        return space.true if _CONSTANT_ORDER[op](a.offset, b.offset) else space.false
    left, right = _aligned(space, a, b)
    builders: dict[str, Callable[[], BDD]] = {
        "<": lambda: _less(space, left, right),
        ">": lambda: _less(space, right, left),
        "<=": lambda: ~_less(space, right, left),
        ">=": lambda: ~_less(space, left, right),
        "==": lambda: _same(space, left, right),
        "!=": lambda: ~_same(space, left, right),
    }
    return builders[op]()


_CONSTANT_ORDER: Mapping[str, Callable[[int, int], bool]] = {
    "<": lambda x, y: x < y,
    ">": lambda x, y: x > y,
    "<=": lambda x, y: x <= y,
    ">=": lambda x, y: x >= y,
    "==": lambda x, y: x == y,
    "!=": lambda x, y: x != y,
}


def _popcount(space: Space, bits: Sequence[BDD]) -> Number:
    total: tuple[BDD, ...] = ()
    for bit in bits:
        carry, out = bit, []
        for digit in total:
            out.append(_xor(digit, carry))
            carry = digit & carry
        total = (*out, carry)
    return Number(total, 0)
