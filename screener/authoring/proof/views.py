"""One question as one version asks it: its options, range and calmest answer, over a slot."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from screener.authoring.proof.bits import Number, popcount
from screener.authoring.proof.encodings import Encoding, encoding
from screener.authoring.proof.readings import Readings
from screener.authoring.proof.slots import Slot
from screener.authoring.proof.space import BDD, Assignment, Space
from screener.core.model import Question


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
        return encoding(self.question)

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
        return popcount(self.space, self.slot.bits)

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
