"""The exact behavioural diff of two versions, for clinical sign-off.

Both versions are encoded over one set of variables (journeys.encode), so each combination of
answers means the same person to both. Every change of tier, every red flag that starts or
stops firing and every card that starts or stops showing is counted exactly (model counting
on the diagrams), with one example and the place in the newer version that explains it: the
rule that changed, or, for a rule that did not, the changed rule or show_if acting on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from screener.authoring.proof.encodings import encoding_of
from screener.authoring.proof.findings import TIME_LIMIT
from screener.authoring.proof.journeys import encode
from screener.authoring.proof.outcomes import Outcomes
from screener.authoring.proof.space import BDD, Assignment, Space, out_of_memory
from screener.core.model import Question, Questionnaire
from screener.tools.diff_places import (
    Owner,
    Place,
    card_place,
    explained,
    fired,
    flag_place,
    new_answer_place,
    shown,
)


@dataclass(frozen=True)
class Change:
    """One kind of difference, how many combinations show it, and one of them."""

    label: str
    combinations: int
    example: dict[str, Any]  # the answers on either route that are not the calmest
    owner: Owner | None
    key: tuple[str | int, ...] = ()  # the key within the owner that explains the change
    person: dict[str, Any] = field(default_factory=dict)  # every answer of the example


@dataclass
class BehaviourDiff:
    """How the newer version behaves differently, over every combination both allow."""

    combinations: int
    changes: list[Change] = field(default_factory=list)
    only_new: int = 0
    only_old: int = 0
    # Questions whose kind of answer changed (one answer -> several, say): their old and new
    # answers cannot mean the same thing, so each is counted as a question of its own.
    kinds_changed: list[tuple[str, str, str]] = field(default_factory=list)


class _Versions:
    """OLD and NEW over one space, with what the comparisons share."""

    def __init__(self, old: Questionnaire, new: Questionnaire, time_limit: float | None):
        self.space = Space(time_limit)
        self.old_q, self.new_q = old, new
        self.old, self.new = encode(self.space, [old, new])
        views = [view for o in (self.new, self.old) for view in o.views.values()]
        self.views = list({id(view.slot): view for view in views}.values())
        self.slots = [view.slot for view in self.views]
        # A question only one version asks still has an answer in every combination: the
        # version that does not ask it allows any answer the other allows.
        anywhere: dict[int, BDD] = {}
        for view in views:
            anywhere[id(view.slot)] = anywhere.get(id(view.slot), self.space.false) | view.allowed
        self.old_domain, self.new_domain = (
            o.domain & self._others(o, anywhere) for o in (self.old, self.new)
        )
        self.both = self.old_domain & self.new_domain
        self._order = {
            qid: i
            for i, qid in enumerate(dict.fromkeys([*new.question_order, *old.question_order]))
        }

    def _others(self, outcomes: Outcomes, anywhere: dict[int, BDD]) -> BDD:
        mine = {id(view.slot) for view in outcomes.views.values()}
        result = self.space.true
        for slot in self.slots:
            if id(slot) not in mine:
                result &= anywhere[id(slot)]
        return result

    def count(self, u: BDD) -> int:
        return self.space.count(u, self.slots)

    def person(self, assignment: Assignment) -> dict[str, Any]:
        """Every answer one combination holds, asked or not (None: skipped)."""
        found: dict[str, Any] = {}
        for outcomes in (self.new, self.old):
            for qid, view in outcomes.views.items():
                found.setdefault(qid, view.slot.decode(assignment))
        return found

    def example(self, u: BDD) -> tuple[Assignment, dict[str, Any]]:
        """One combination, and its answers on either route that are not the calmest."""
        assignment = self.space.calmest(u, self.views)
        answers = {**self.old.route_answers(assignment), **self.new.route_answers(assignment)}
        ordered = sorted(answers, key=lambda qid: self._order.get(qid, len(self._order)))
        shown = {}
        for qid in ordered:
            view = self.new.views.get(qid) or self.old.views[qid]
            calm = view.slot.decode(view.calm)
            if calm != answers[qid]:
                shown[qid] = answers[qid]
        return assignment, shown


def behaviour_diff(
    old: Questionnaire, new: Questionnaire, time_limit: float | None = TIME_LIMIT
) -> BehaviourDiff:
    """Every difference in tier, red flags and cards, counted over every combination.

    Raises encoding.ProofLimit when the comparison cannot finish within the limits.
    """
    try:
        return _diff(old, new, time_limit)
    except ValueError as error:
        limit = out_of_memory(error)
        if limit is None:
            raise
    raise limit


def _slot_kind(question: Question) -> str | None:
    found = encoding_of(question)
    return found.slot_kind if found is not None else None


def _diff(old: Questionnaire, new: Questionnaire, time_limit: float | None) -> BehaviourDiff:
    v = _Versions(old, new, time_limit)
    report = BehaviourDiff(v.count(v.both))
    report.only_new = v.count(v.new_domain & ~v.old_domain)
    report.only_old = v.count(v.old_domain & ~v.new_domain)
    report.kinds_changed = [
        (qid, old.questions[qid].type, question.type)
        for qid, question in new.questions.items()
        if qid in old.questions
        and _slot_kind(question) is not None
        and _slot_kind(old.questions[qid]) is not None
        and _slot_kind(question) != _slot_kind(old.questions[qid])
    ]
    _Changes(v, report).collect()
    return report


class _Changes:
    """Collects every change between the versions into a report, each with an example."""

    def __init__(self, v: _Versions, report: BehaviourDiff) -> None:
        self.v, self.report = v, report

    def add(
        self, label: str, u: BDD, place: Callable[[Assignment], Place], within: BDD | None = None
    ) -> None:
        v = self.v
        u &= v.both if within is None else within
        if u != v.space.false:
            assignment, answers = v.example(u)
            owner, where = place(assignment)
            change = Change(label, v.count(u), answers, owner, where, v.person(assignment))
            self.report.changes.append(change)

    def collect(self) -> None:
        self.tiers()
        self.rules()
        self.only_new()

    def tiers(self) -> None:
        v, old, new = self.v, self.v.old_q, self.v.new_q
        for a in old.tiers:
            for b in new.tiers:
                if a.id == b.id:
                    continue
                fallback: Place = (("tier", b.id), ()) if b.id in new.tier_by_id else (None, ())
                moved = v.old.tiers[a.rank] & v.new.tiers[b.rank]
                self.add(f"tier {a.id} -> {b.id}", moved, explained(v, None, fallback))
                # What the forward journey hides but someone who changes an answer on the
                # check page sees: the result of their whole route.
                whole = v.old.full_tiers[a.rank] & v.new.full_tiers[b.rank] & ~moved
                self.add(
                    f"tier {a.id} -> {b.id} after changing an answer (whole route)",
                    whole,
                    explained(v, None, fallback),
                )

    def rules(self) -> None:
        v, old, new = self.v, self.v.old_q, self.v.new_q
        for flag_id in dict.fromkeys([*new.red_flag_by_id, *old.red_flag_by_id]):
            before, after = fired(v.old, flag_id), fired(v.new, flag_id)
            where = explained(v, flag_place(old, new, flag_id), (("red flag", flag_id), ()))
            self.add(f"red flag {flag_id} now fires", ~before & after, where)
            self.add(f"red flag {flag_id} no longer fires", before & ~after, where)
        cards = dict.fromkeys([*(c.id for c in new.guidance), *(c.id for c in old.guidance)])
        for card_id in cards:
            before, after = shown(v.old, card_id), shown(v.new, card_id)
            place = card_place(old, new, card_id)
            where = explained(v, place, (("guidance card", card_id), ()))
            self.add(f"guidance {card_id} now shown", ~before & after, where)
            self.add(f"guidance {card_id} no longer shown", before & ~after, where)

    def only_new(self) -> None:
        # Answers only the new version offers have no old result to compare: say what they get.
        v = self.v
        only_new = v.new_domain & ~v.old_domain
        for tier in v.new_q.tiers:
            label = f"answers only the new version allows: tier {tier.id}"
            self.add(label, v.new.tiers[tier.rank], new_answer_place(v), only_new)
        for flag in v.new_q.red_flags:
            label = f"answers only the new version allows: red flag {flag.id} fires"
            self.add(label, v.new.fired(flag.id), new_answer_place(v), only_new)
