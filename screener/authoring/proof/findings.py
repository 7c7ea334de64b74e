"""The safety proof: what must hold for every combination of answers, decided, not sampled.

The questionnaire's journeys are encoded as binary decision diagrams (outcomes.py), so each
property below is a question about a set of combinations: is it empty? When it is not, one
member is picked, leaning to the calmest answers, and becomes the author's counterexample.
Every counterexample is also run through the app's own engine (triage.journey_assessment);
if the engine disagrees with the diagrams the proof itself is wrong, and it says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screener.authoring.proof.counterexamples import Example
from screener.authoring.proof.journeys import encode
from screener.authoring.proof.space import BDD, Assignment, Space
from screener.catalogue import Message, Severity
from screener.core.model import Questionnaire, Tier
from screener.core.questiontypes import describe_answer
from screener.core.triage import journey_assessment

# Long enough for questionnaires far bigger than the shipped one (see docs/performance.md).
TIME_LIMIT = 30.0


class ProofMismatch(AssertionError):
    """The diagrams and the engine disagree about one combination: a bug in the proof."""


@dataclass(frozen=True)
class Finding:
    """One proven problem: where it is, what it is, and answers that show it."""

    owner: tuple[str, str]  # (kind, id), as the loader records where things are
    field: tuple[str | int, ...]
    message: Message  # said with `fields`, and the promise's line when the text has one
    fields: Mapping[str, object]
    example: Example | None = None
    related: tuple[str, str] | None = None  # the promise it breaks, when it breaks one

    @property
    def severity(self) -> Severity:
        """Whether the finding is an error or a warning, as its message is."""
        return self.message.severity


class Proof:
    """One questionnaire encoded once, with what every property needs."""

    def __init__(self, questionnaire: Questionnaire, time_limit: float | None = TIME_LIMIT):
        self.questionnaire = questionnaire
        self.space = Space(time_limit)
        [self.outcomes] = encode(self.space, [questionnaire], primed=True)
        self.readings = self.outcomes.readings

    @property
    def domain(self) -> BDD:
        """Every combination this questionnaire allows."""
        return self.outcomes.domain

    def possible(self, u: BDD) -> bool:
        """Whether some allowed combination is in `u`."""
        self.space.tick()
        return self.outcomes.within(u) != self.space.false

    def example(self, u: BDD) -> Assignment:
        """One allowed combination in `u`, with the calmest answers it can have."""
        return self.space.calmest(self.outcomes.within(u), self.outcomes.views.values())

    def answers(self, assignment: Assignment) -> dict[str, Any]:
        """The answers given on this combination's route."""
        return self.outcomes.route_answers(assignment)

    def tier(self, assignment: Assignment, tiers: list[BDD] | None = None) -> Tier:
        """The result tier for one combination (of the shown result, unless `tiers`)."""
        for tier, u in zip(self.questionnaire.tiers, tiers or self.outcomes.tiers, strict=True):
            if self.outcomes.evaluate(u, assignment):
                return tier
        raise ProofMismatch("a combination has no tier")

    def confirm(self, assignment: Assignment) -> dict[str, Any]:
        """The route's answers, after checking the engine gives the tier the diagrams give."""
        answers = self.answers(assignment)
        claimed = self.tier(assignment).id
        actual = journey_assessment(self.questionnaire, answers).tier.id
        if actual != claimed:
            raise ProofMismatch(
                f"the proof says {claimed!r} but the app says {actual!r} for {answers}"
            )
        return answers

    def fired(self, assignment: Assignment) -> list[str]:
        """The red flags the result lists for one combination."""
        return [
            f.id
            for f in self.questionnaire.red_flags
            if self.outcomes.evaluate(self.outcomes.fired(f.id), assignment)
        ]

    def hiding(self, assignment: Assignment, qid: str) -> tuple[tuple[str, str], str]:
        """The show_if that hides a question for one combination, and the answers behind it."""
        q = self.questionnaire
        question = q.questions[qid]
        page = q.page_by_id[question.page]
        outcomes = self.outcomes
        page_open = (
            outcomes.evaluate(outcomes.holds(page.show_if), assignment) if page.show_if else True
        )
        owner = ("page", page.id) if not page_open else ("question", qid)
        condition = page.show_if if not page_open else question.show_if
        deciding = []
        for name in condition.questions if condition is not None else ():
            value = (
                outcomes.views[name].slot.decode(assignment)
                if outcomes.evaluate(outcomes.present[name], assignment)
                else None
            )
            deciding.append(
                f"{name} is unanswered"
                if value is None
                else f'{name} is "{describe_answer(q.questions[name], value)}"'
            )
        return owner, " and ".join(deciding) or "for everyone"


def twin_assignment(assignment: Assignment, slot_names: Mapping[str, str]) -> Assignment:
    """The combination after a move: each variable takes its primed twin's value."""
    moved = dict(assignment)
    for name, primed in slot_names.items():
        moved[name] = assignment.get(primed, False)
    return moved
