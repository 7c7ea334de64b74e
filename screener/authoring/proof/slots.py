"""Each question's variables (its slot): how many it needs, and how an answer sits in them."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from screener.authoring.proof.space import BDD, Assignment, Space


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


# A combination is one answer to every question that rules read, as the person would give it
# if asked (or "skipped" for an optional question): one value of every slot. Which of those
# answers a version actually asks is the route's business (route.py), not the slot's.
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


def add_slots(space: Space, specs: Sequence[SlotSpec], primed: bool) -> list[Slot]:
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
                space.declare([own[i], *([f"{own[i]}'"] if primed else [])])
    # Nothing here points back at a slot: with no reference cycles, every diagram is
    # freed before the manager, which dd requires.
    return [
        Slot(
            **{f.name: getattr(spec, f.name) for f in fields(SlotSpec)},
            space=space,
            bits=tuple(space.bdd.var(n) for n in own),
            twin=tuple(space.bdd.var(f"{n}'") for n in own) if primed else (),
        )
        for spec, own in zip(specs, names, strict=True)
    ]
