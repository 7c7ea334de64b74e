"""Promises: what a senior clinician writes must always hold, each kind proven its own way.

A promise's `when` describes the person: it reads every answer as the person would give it,
whether or not the questionnaire asks them. So "when saddle == "yes", the result is at least
emergency" is broken both by a rule that stops firing and by a show_if that stops asking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from screener.authoring.proof.counterexamples import Example
from screener.authoring.proof.findings import Finding, Proof
from screener.authoring.proof.space import BDD, Assignment
from screener.catalogue import safety
from screener.core.model import Promise

Blame = tuple[tuple[str, str], tuple[str | int, ...], str]


@dataclass(frozen=True)
class PromiseKind:
    """How one kind of promise reads in words, is proven, and points at what broke it."""

    words: Callable[[Promise], str]
    broken: Callable[[Proof, Promise], BDD]
    blame: Callable[[Proof, Promise, Assignment], Blame]
    expect: Callable[[Promise], dict[str, Any]]


def _when(promise: Promise) -> str:
    if promise.when is None:
        return ""
    alone = " on its own" if promise.on_its_own else ""
    return f"when {promise.when.text}{alone}, "


def _for_whom(proof: Proof, promise: Promise) -> BDD:
    if promise.when is None:
        return proof.space.true
    people = proof.outcomes.as_asked(promise.when)
    if promise.on_its_own:  # and every answer the promise does not read is the calmest
        read = set(promise.when.questions)
        for qid, view in proof.outcomes.views.items():
            if qid not in read:
                people &= view.calm_answer
    return people


def _ranked(proof: Proof, promise: Promise, more_urgent: bool) -> BDD:
    rank = proof.questionnaire.tier_by_id[promise.target].rank
    result = proof.space.false
    for tier in proof.questionnaire.tiers:
        if (tier.rank < rank) if more_urgent else (tier.rank > rank):
            result |= proof.outcomes.tiers[tier.rank]
    return result


def _too_low(proof: Proof, promise: Promise) -> BDD:
    return _for_whom(proof, promise) & _ranked(proof, promise, more_urgent=False)


def _too_high(proof: Proof, promise: Promise) -> BDD:
    return _for_whom(proof, promise) & _ranked(proof, promise, more_urgent=True)


def _blame_too_low(proof: Proof, promise: Promise, example: Assignment) -> Blame:
    """The red flag that should have fired: hidden, narrowed, or given a lower tier."""
    q, outcomes = proof.questionnaire, proof.outcomes
    rank = q.tier_by_id[promise.target].rank
    read = set(promise.when.questions) if promise.when is not None else set()
    candidates = [f for f in q.red_flags if read & set(f.when.questions)]
    strong = [f for f in candidates if q.tier_by_id[f.tier].rank <= rank]
    for flag in strong:
        if outcomes.evaluate(outcomes.as_asked(flag.when), example):
            for qid in flag.when.questions:
                if not outcomes.evaluate(outcomes.shown[qid], example):
                    owner, because = proof.hiding(example, qid)
                    return (
                        owner,
                        ("show_if",),
                        f': red flag "{flag.id}" would fire, but "{qid}" is not asked when '
                        f"{because}",
                    )
    if strong:
        return ("red flag", strong[0].id), ("when",), f': red flag "{strong[0].id}" does not fire'
    if candidates:
        flag = candidates[0]
        return (
            ("red flag", flag.id),
            ("tier",),
            f': red flag "{flag.id}" reads these answers but sends people to "{flag.tier}"',
        )
    return (
        ("promise", promise.id),
        ("when",),
        f': no red flag of tier "{promise.target}" or more urgent reads these answers',
    )


def _blame_too_high(proof: Proof, promise: Promise, example: Assignment) -> Blame:
    q = proof.questionnaire
    rank = q.tier_by_id[promise.target].rank
    for flag_id in proof.fired(example):
        flag = q.red_flag_by_id[flag_id]
        if q.tier_by_id[flag.tier].rank < rank:
            return ("red flag", flag_id), ("when",), f': red flag "{flag_id}" fires'
    return ("promise", promise.id), (), ""


def _not_asked(proof: Proof, promise: Promise) -> BDD:
    outcomes = proof.outcomes
    index = outcomes.page_index[promise.target]
    stopped = proof.space.false
    for stop in outcomes.stops:
        if stop.index < index:
            stopped |= stop.when
    return ~outcomes.shown[promise.target] & ~stopped


def _blame_not_asked(proof: Proof, promise: Promise, example: Assignment) -> Blame:
    owner, because = proof.hiding(example, promise.target)
    return owner, ("show_if",), f": it is not asked when {because}"


def _card_shown(proof: Proof, promise: Promise) -> BDD:
    on = proof.space.true
    if promise.tiers:
        on = proof.space.false
        for tier in promise.tiers:
            on |= proof.outcomes.tiers[proof.questionnaire.tier_by_id[tier].rank]
    return _for_whom(proof, promise) & proof.outcomes.card(promise.target) & on


def _blame_card(proof: Proof, promise: Promise, example: Assignment) -> Blame:
    card = next(c for c in proof.questionnaire.guidance if c.id == promise.target)
    field = ("when",) if card.when is not None else ("tiers",)
    return ("guidance card", card.id), field, f': guidance card "{card.id}" shows'


def _card_words(promise: Promise) -> str:
    where = (
        "on " + ", ".join(f'"{t}"' for t in promise.tiers) + " results"
        if promise.tiers
        else "at all"
    )
    return f'{_when(promise)}card "{promise.target}" never shows {where}'


PROMISE_KINDS: dict[str, PromiseKind] = {
    "result_at_least": PromiseKind(
        lambda p: f'{_when(p)}the result is at least "{p.target}"',
        _too_low,
        _blame_too_low,
        lambda p: {"tier_at_least": p.target},
    ),
    "result_at_most": PromiseKind(
        lambda p: f'{_when(p)}the result is at most "{p.target}"',
        _too_high,
        _blame_too_high,
        lambda p: {"tier_at_most": p.target},
    ),
    "asked_of_everyone": PromiseKind(
        lambda p: f'question "{p.target}" is asked of everyone',
        _not_asked,
        _blame_not_asked,
        lambda p: {"pages_shown": [p.target]},
    ),
    "card": PromiseKind(
        _card_words,
        _card_shown,
        _blame_card,
        lambda p: {"guidance_exclude": [p.target]},
    ),
}


def promise_words(promise: Promise) -> str:
    """A promise in plain words."""
    return PROMISE_KINDS[promise.kind].words(promise)


def prove_promises(proof: Proof) -> Iterator[Finding]:
    """Each promise that does not hold, at the rule or show_if that breaks it."""
    q = proof.questionnaire
    for promise in q.promises:
        kind = PROMISE_KINDS[promise.kind]
        broken = kind.broken(proof, promise)
        if not proof.possible(broken):
            continue
        example = proof.example(broken)
        answers = proof.confirm(example)
        owner, field, why = kind.blame(proof, promise, example)
        result = proof.tier(example)
        expect = kind.expect(promise)
        if "pages_shown" in expect:
            expect = {"pages_shown": [q.questions[promise.target].page]}
        hidden = {
            qid: value
            for qid in (promise.when.questions if promise.when is not None else ())
            if qid not in answers
            and (value := proof.outcomes.views[qid].slot.decode(example)) is not None
        }
        related = ("promise", promise.id)
        yield Finding(
            owner,
            field,
            safety.PROMISE_BROKEN if owner == related else safety.PROMISE_BROKEN_BY,
            {
                "promise": promise.id,
                "words": promise_words(promise),
                "why": why,
                "result": result.id,
            },
            Example(f"promise {promise.id}", answers, expect, hidden),
            related=related,
        )
