"""No self-care card on an urgent result unless a clinician marked it safe there."""

from __future__ import annotations

from collections.abc import Iterator

from screener.authoring.proof.counterexamples import Example
from screener.authoring.proof.findings import Finding, Proof
from screener.catalogue import safety
from screener.core.model import Guidance


def self_care_cards(proof: Proof) -> Iterator[Finding]:
    """No self-care card on an urgent result unless a clinician marked it safe there.

    The urgent results are the tiers that stop the questionnaire and the first one after
    them (with the shipped tiers: emergency and urgent), never the least urgent tier.
    """
    q, outcomes = proof.questionnaire, proof.outcomes
    stopping = sum(tier.interrupt for tier in q.tiers)
    urgent = q.tiers[: min(stopping + 1, len(q.tiers) - 1)]
    for card in q.guidance:
        if not _self_care(proof, card):
            continue
        for tier in urgent:
            if card.tiers and tier.id not in card.tiers:
                continue  # a card shows only on its own tiers
            shown = outcomes.card(card.id) & outcomes.tiers[tier.rank]
            if not proof.possible(shown):
                continue
            answers = proof.confirm(proof.example(shown))
            yield Finding(
                ("guidance card", card.id),
                ("tiers",) if card.tiers else ("when",),
                safety.SELF_CARE_ON_URGENT,
                {"card": card.id, "tier": tier.id},
                Example(
                    f"no self-care card {card.id} on {tier.id}",
                    answers,
                    {"guidance_exclude": [card.id]},
                ),
            )
            break


def _self_care(proof: Proof, card: Guidance) -> bool:
    least = proof.questionnaire.tiers[-1].id
    return not card.safe_on_urgent and (not card.tiers or least in card.tiers)
