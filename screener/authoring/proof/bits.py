"""Whole numbers as vectors of diagrams, and the arithmetic on bits that conditions need."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from screener.authoring.proof.space import BDD, Space


@dataclass(frozen=True)
class Number:
    """A whole number as bits (least significant first) plus a fixed offset."""

    bits: tuple[BDD, ...]
    offset: int


def constant(value: int) -> Number:
    """A number that is the same for every combination."""
    return Number((), value)


def any_of(space: Space, parts: Sequence[BDD]) -> BDD:
    """The disjunction of parts."""
    return balanced(space, parts, space.false, lambda a, b: a | b)


def all_of(space: Space, parts: Sequence[BDD]) -> BDD:
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
    return all_of(space, [x.equiv(y) for x, y in zip(a, b, strict=True)])


def compare(space: Space, a: Number, op: str, b: Number) -> BDD:
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


def popcount(space: Space, bits: Sequence[BDD]) -> Number:
    """How many of the bits are set, as a number."""
    total: tuple[BDD, ...] = ()
    for bit in bits:
        carry, out = bit, []
        for digit in total:
            out.append(_xor(digit, carry))
            carry = digit & carry
        total = (*out, carry)
    return Number(total, 0)
