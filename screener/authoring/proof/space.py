"""The answer space: one BDD manager for every version's variables, and the proof's limits."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dd import autoref as _dd

    from screener.authoring.proof.slots import Slot
    from screener.authoring.proof.views import View
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


# Variables live in one Space so that two versions of a questionnaire can share them: each
# combination of answers then means the same person to both (the behaviour diff).
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
