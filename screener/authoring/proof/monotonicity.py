"""Turning on a red-flag answer never makes the result less urgent."""

from __future__ import annotations

from collections.abc import Iterator

from screener.authoring.proof.counterexamples import Example, answers_text
from screener.authoring.proof.findings import Finding, Proof, twin_assignment
from screener.catalogue import safety


def monotonic(proof: Proof) -> Iterator[Finding]:
    """Turning on a red-flag answer never makes the result less urgent."""
    outcomes, bdd = proof.outcomes, proof.space.bdd
    for qid, view in outcomes.views.items():
        relation = view.encoding.turn_on(view, proof.readings[qid])
        if relation is None:
            continue
        renaming = view.slot.renaming
        after = [bdd.let(renaming, tier) for tier in outcomes.tiers]
        worse = relation & view.domain(view.slot.twin) & outcomes.less_urgent(after)
        if not proof.possible(worse):
            continue
        example = proof.example(worse)
        moved = twin_assignment(example, renaming)
        before_tier, after_tier = proof.tier(example), proof.tier(moved)
        before, now = proof.confirm(example), proof.confirm(moved)
        move = view.encoding.describe_move(view, before.get(qid), now.get(qid))
        owner, field, blame = _blame_lowering(proof, example, moved, before_tier.rank)
        if view.question.type == "yes_no" and proof.readings[qid].options == {"no"}:
            blame += (
                f'; if "no" is the warning sign, ask "{qid}" the other way round, so that "yes" is'
            )
        yield Finding(
            owner,
            field,
            safety.LOWERS_RESULT,
            {"move": move, "before": before_tier.id, "after": after_tier.id, "blame": blame},
            Example(
                f"turning on {qid} keeps the result at {before_tier.id}",
                now,
                {"tier_at_least": before_tier.id},
                comments=(f"before turning it on: {answers_text(before)}",),
            ),
        )


def _blame_lowering(
    proof: Proof, before: dict[str, bool], after: dict[str, bool], rank: int
) -> tuple[tuple[str, str], tuple[str | int, ...], str]:
    """The rule or show_if that makes a raised answer lower the result."""
    q, outcomes = proof.questionnaire, proof.outcomes
    lost = [
        flag
        for flag in proof.fired(before)
        if flag not in proof.fired(after) and q.tier_by_id[q.red_flag_by_id[flag].tier].rank <= rank
    ]
    for flag_id in lost:
        flag = q.red_flag_by_id[flag_id]
        for qid in flag.when.questions:
            if outcomes.evaluate(outcomes.present[qid], before) and not outcomes.evaluate(
                outcomes.present[qid], after
            ):
                owner, because = proof.hiding(after, qid)
                return (
                    owner,
                    ("show_if",),
                    f': red flag "{flag_id}" no longer fires because "{qid}" is then not asked '
                    f"({because})",
                )
        return ("red flag", flag_id), ("when",), f': red flag "{flag_id}" no longer fires'
    gained = [f for f in proof.fired(after) if f not in proof.fired(before)]
    if gained:
        return ("red flag", gained[0]), ("when",), f': red flag "{gained[0]}" stops it sooner'
    return ("red flag", q.red_flags[0].id), ("when",), ""
