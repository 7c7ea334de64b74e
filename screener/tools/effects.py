"""What a reviewer's decisions do: the changes of result each one explains, the red flags
and cards that change only as a side effect, and the promises taking one away let through."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from screener.authoring.proof.findings import Proof
from screener.authoring.proof.promises import promise_words, prove_promises
from screener.core.model import Promise, Questionnaire
from screener.tools.behaviour_diff import BehaviourDiff, Change
from screener.tools.naming import Decision


def _subject(change: Change) -> tuple[str, str] | None:
    """The red flag or card a change of what shows is about, as an owner."""
    for prefix, kind in (("red flag ", "red flag"), ("guidance ", "guidance card")):
        if change.label.startswith(prefix):
            return kind, change.label.removeprefix(prefix).split(" ")[0]
    return None


def explained(decision: Decision, behaviour: BehaviourDiff) -> list[Change]:
    """The changes in results this decision explains, changes of tier first, each kind with
    its clearest example (the fewest answers that are not the calmest) first."""

    def mine(change: Change) -> bool:
        if decision.removed and _subject(change) == decision.owner:
            return True  # a removed flag or card: what it no longer shows
        if change.owner != decision.owner:
            return False
        return not (decision.key and change.key and change.key != decision.key)

    return sorted(
        (c for c in behaviour.changes if mine(c)),
        key=lambda c: (not c.label.startswith("tier "), "whole route" in c.label, len(c.example)),
    )


def is_side_effect(change: Change, old: Questionnaire, new: Questionnaire) -> bool:
    """A red flag or card that starts or stops showing though both versions have it and
    its own rule did not change."""
    subject = _subject(change)
    if subject is None or change.owner == subject:
        return False
    kind, ident = subject
    if kind == "red flag":
        return ident in old.red_flag_by_id and ident in new.red_flag_by_id
    return ident in {c.id for c in old.guidance} and ident in {c.id for c in new.guidance}


def _kept_possible(promise: Promise, new: Questionnaire) -> bool:
    """Whether the new version still has every question, tier and card a promise names."""
    named = set(promise.when.questions) if promise.when is not None else set()
    known = set(new.questions) | set(new.tier_by_id) | {c.id for c in new.guidance}
    return named <= set(new.questions) and {promise.target, *promise.tiers} <= known


@dataclass(frozen=True)
class Broken:
    """A promise the old version made that the new one breaks, and someone it fails."""

    answers: dict[str, Any]  # the answers that are not the calmest
    result: str  # the tier they get


def dropped_promises_broken(
    old: Questionnaire, new: Questionnaire, time_limit: float | None
) -> dict[str, Broken]:
    """The old version's removed or reworded promises that the new version would break:
    what taking a promise away let through. Raises ProofLimit past the time limit."""
    kept = {p.id: promise_words(p) for p in new.promises}
    dropped = tuple(
        p for p in old.promises if kept.get(p.id) != promise_words(p) and _kept_possible(p, new)
    )
    if not dropped:
        return {}
    proof = Proof(replace(new, promises=dropped), time_limit)
    calm = {qid: view.slot.decode(view.calm) for qid, view in proof.outcomes.views.items()}
    found: dict[str, Broken] = {}
    for finding in prove_promises(proof):
        if finding.related is not None and finding.example is not None:
            answers = {k: v for k, v in finding.example.answers.items() if calm.get(k) != v}
            found[finding.related[1]] = Broken(answers, str(finding.fields["result"]))
    return found
