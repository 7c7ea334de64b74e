"""From answers to a result: fired red flags, the tier, and the guidance that fits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from screener.core.conditions import Answers, AnswerValue
from screener.core.model import Guidance, Page, Questionnaire, RedFlag, Tier
from screener.core.route import Route, route


@dataclass(frozen=True)
class FiredRedFlag:
    """A red flag that holds, with the questions whose answers raised it."""

    flag: RedFlag
    because: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """Everything a result page shows, derived from the answers alone."""

    tier: Tier
    red_flags: tuple[FiredRedFlag, ...]
    guidance: tuple[Guidance, ...]
    pages: tuple[Page, ...]
    answers: Mapping[str, AnswerValue]


def fired_red_flags(questionnaire: Questionnaire, answers: Answers) -> tuple[FiredRedFlag, ...]:
    """Red flags that hold for these (shown) answers, most urgent tier first, then file order."""
    fired = []
    order = questionnaire.question_order
    for flag in questionnaire.red_flags:
        if flag.when.test(answers):
            because = sorted(flag.when.evidence(answers) or (), key=order.__getitem__)
            fired.append(FiredRedFlag(flag, tuple(because)))
    ranks = questionnaire.tier_by_id
    return tuple(sorted(fired, key=lambda f: ranks[f.flag.tier].rank))


def result_tier(questionnaire: Questionnaire, fired: tuple[FiredRedFlag, ...]) -> Tier:
    """The most urgent tier among the fired flags; the least urgent tier when none fired."""
    if not fired:
        return questionnaire.tiers[-1]
    return min((questionnaire.tier_by_id[f.flag.tier] for f in fired), key=lambda t: t.rank)


def matched_guidance(
    questionnaire: Questionnaire, answers: Answers, tier: Tier
) -> tuple[Guidance, ...]:
    """Guidance cards whose condition holds and that suit this tier, in file order."""
    return tuple(
        card
        for card in questionnaire.guidance
        if (not card.tiers or tier.id in card.tiers)
        and (card.when is None or card.when.test(answers))
    )


def assess(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    """The whole result for a set of answers; answers to hidden questions are ignored."""
    return assess_route(route(questionnaire, answers))


def assess_route(walk: Route) -> Assessment:
    """The whole result for an already computed route (saves walking the pages again)."""
    questionnaire = walk.questionnaire
    fired = fired_red_flags(questionnaire, walk.answers)
    tier = result_tier(questionnaire, fired)
    cards = matched_guidance(questionnaire, walk.answers, tier)
    return Assessment(tier, fired, cards, walk.pages, walk.answers)


def journey_assessment(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    """The result the app shows someone who answers page after page with these answers.

    Before the first page and after each page the answers so far are assessed (web/journey.py
    does the same); the first time an interrupting red flag holds, the journey stops and
    that is the result. Otherwise it is the whole route's.
    """
    walk = route(questionnaire, answers)
    known: dict[str, AnswerValue] = {}
    at_start = assess(questionnaire, known)
    if interrupts(at_start):
        return at_start
    for page in walk.pages:
        known.update(
            (q.id, walk.answers[q.id]) for q in walk.questions[page.id] if q.id in walk.answers
        )
        so_far = assess(questionnaire, known)
        if interrupts(so_far):
            return so_far
    return assess_route(walk)


def interrupts(assessment: Assessment) -> bool:
    """Whether a red flag stopped the questionnaire (its tier interrupts; tiers that do are
    listed first, so the result's tier is then one of them)."""
    return bool(assessment.red_flags) and assessment.tier.interrupt


def stops(walk: Route) -> bool:
    """Whether these answers stop the questionnaire: `interrupts(assess_route(walk))`, without
    working out the whole result. The first flag to hold, most urgent tier first, has the
    result's tier; past the last interrupting flag, nothing that holds could stop it."""
    answers = walk.answers
    for flag, interrupting in walk.questionnaire.stopping_order:
        if flag.when.test(answers):
            return interrupting
    return False


def interrupting_flags(questionnaire: Questionnaire, answers: Answers) -> tuple[FiredRedFlag, ...]:
    """Fired flags whose tier stops the questionnaire at once (the emergency ones)."""
    walk = route(questionnaire, answers)
    return tuple(
        f
        for f in fired_red_flags(questionnaire, walk.answers)
        if questionnaire.tier_by_id[f.flag.tier].interrupt
    )
