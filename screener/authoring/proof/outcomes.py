"""Where every journey stops for an emergency, and what its result page then shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from screener.authoring.proof.bits import balanced
from screener.authoring.proof.route import Route
from screener.authoring.proof.space import BDD
from screener.core.model import Questionnaire


@dataclass(frozen=True)
class Stop:
    """Journeys that stop for an emergency after page `index` (-1: before the first page)."""

    index: int
    when: BDD

    def after(self, questionnaire: Questionnaire) -> str:
        """Where the stop comes, in words."""
        if self.index < 0:
            return "before the first page"
        return f'after page "{questionnaire.pages[self.index].id}"'


# After each page, if a red flag whose tier interrupts holds for the answers so far, the
# journey stops there and the result is worked out from those answers (as web/journey.py
# does; a test walks the app to hold the two together).
class Outcomes(Route):
    """The app's behaviour for every combination, over a shared `Space`."""

    @cached_property
    def interrupting(self) -> list[str]:
        """Ids of the red flags whose tier stops the questionnaire."""
        tiers = self.questionnaire.tier_by_id
        return [f.id for f in self.questionnaire.red_flags if tiers[f.tier].interrupt]

    @cached_property
    def stops(self) -> list[Stop]:
        """Where journeys stop early: after the first page at which an interrupting flag holds.

        The app looks before the first page too (index -1: no answers yet), so a flag that
        holds while its answers are missing stops the questionnaire at once. Otherwise the
        flags can only change at pages holding a question they read, so only those are
        looked at.
        """
        q = self.questionnaire
        flags = [q.red_flag_by_id[f] for f in self.interrupting]
        last = {f.id: max(self.page_index[qid] for qid in f.when.questions) for f in flags}
        pages = [-1, *sorted({self.page_index[qid] for f in flags for qid in f.when.questions})]
        stops, before, settled = [], self.space.false, self.space.false
        for index in pages:
            # A flag whose questions are all behind us holds as it will for the whole route;
            # only the flags still waiting for answers are worked out afresh at this page.
            now = self.space.false
            for flag in flags:
                if last[flag.id] == index:
                    settled |= self.holds(flag.when, None)
                elif last[flag.id] > index:
                    now |= self.holds(flag.when, index)
            now |= settled
            stops.append(Stop(index, now & ~before))
            before |= now
        return stops

    @cached_property
    def not_stopped(self) -> BDD:
        """Journeys that reach the end of the questionnaire."""
        result = self.space.true
        for stop in self.stops:
            result &= ~stop.when
        return result

    @cached_property
    def stopped_by(self) -> list[BDD]:
        """For each stop in order: the journeys that have stopped there or before."""
        found, so_far = [], self.space.false
        for stop in self.stops:
            so_far |= stop.when
            found.append(so_far)
        return found

    def _over_ends(self, changes_at: Iterable[int], value_at: Callable[[int | None], BDD]) -> BDD:
        """Where the result, wherever the journey ends, has `value_at(answers up to that cut)`.

        `value_at` can only change at the pages in `changes_at`, so the stops between two
        such pages are taken together (a few operations per rule, not one per stop).
        """
        changes = sorted(set(changes_at))
        result, before, key = self.space.false, self.space.false, None
        for index, stop in enumerate(self.stops):
            seen = max((p for p in changes if p <= stop.index), default=-1)
            if index and seen != key:
                result |= (self.stopped_by[index - 1] & ~before) & value_at(key)
                before = self.stopped_by[index - 1]
            key = seen
        if self.stops:
            result |= (self.stopped_by[-1] & ~before) & value_at(key)
        return result | (self.not_stopped & value_at(None))

    def fired_at(self, flag_id: str, cut: int | None) -> BDD:
        """Where a red flag holds for the answers given up to page `cut`."""
        return self.holds(self.questionnaire.red_flag_by_id[flag_id].when, cut)

    def tiers_at(self, cut: int | None) -> list[BDD]:
        """For each tier, most urgent first: where it is the result for answers up to `cut`."""
        q = self.questionnaire
        raised = [
            balanced(
                self.space,
                [self.fired_at(f.id, cut) for f in q.red_flags if f.tier == tier.id],
                self.space.false,
                lambda a, b: a | b,
            )
            for tier in q.tiers
        ]
        result, above = [], self.space.false
        for index, flag_raised in enumerate(raised):
            last = index == len(raised) - 1
            result.append(~above if last else flag_raised & ~above)
            above |= flag_raised
        return result

    @cached_property
    def full_tiers(self) -> list[BDD]:
        """The tier the person's whole route would give, had nothing stopped the journey."""
        return self.tiers_at(None)

    @cached_property
    def tiers(self) -> list[BDD]:
        """For each tier, most urgent first: where the result page shows it."""
        every_page = [stop.index for stop in self.stops]
        return [
            self._over_ends(every_page, self._tier_at(rank))
            for rank in range(len(self.questionnaire.tiers))
        ]

    def _tier_at(self, rank: int) -> Callable[[int | None], BDD]:
        return lambda cut: self._tiers_at_cut(cut)[rank]

    def _tiers_at_cut(self, cut: int | None) -> list[BDD]:
        return self.full_tiers if cut is None else self.tiers_at(cut)

    def fired(self, flag_id: str) -> BDD:
        """Where the result page lists this red flag."""
        flag = self.questionnaire.red_flag_by_id[flag_id]
        pages = [self.page_index[qid] for qid in flag.when.questions]
        return self._over_ends(pages, lambda cut: self.fired_at(flag_id, cut))

    def card(self, card_id: str) -> BDD:
        """Where the result page shows this guidance card."""
        q = self.questionnaire
        card = next(c for c in q.guidance if c.id == card_id)
        tiers = [q.tier_by_id[t].rank for t in card.tiers]
        pages = [self.page_index[qid] for qid in (card.when.questions if card.when else ())]
        if tiers:  # which tier the result has can change at any stop
            pages += [stop.index for stop in self.stops]

        def shown(cut: int | None) -> BDD:
            suits = self.space.true
            if tiers:
                suits = self.space.false
                for rank in tiers:
                    suits |= self._tiers_at_cut(cut)[rank]
            return suits & (self.space.true if card.when is None else self.holds(card.when, cut))

        return self._over_ends(pages, shown)

    @cached_property
    def _more_urgent_than(self) -> list[BDD]:
        """For each rank: where the result is more urgent than that rank."""
        found, above = [], self.space.false
        for tier in self.tiers:
            found.append(above)
            above |= tier
        return found

    def less_urgent(self, after: list[BDD]) -> BDD:
        """Where the tiers in `after` are less urgent than this version's result."""
        result = self.space.false
        for tier, above in zip(after, self._more_urgent_than, strict=True):
            result |= tier & above
        return result
