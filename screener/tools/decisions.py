"""What a reviewer decides when signing a new version: each rule, promise, tier and show_if
that changed, in words, with one person it changes the result for."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from screener.authoring.plain_words import describe
from screener.authoring.proof.findings import Proof
from screener.authoring.proof.promises import promise_words, prove_promises
from screener.core.conditions import Condition
from screener.core.model import Promise, Questionnaire, RedFlag, Tier
from screener.tools.behaviour_diff import BehaviourDiff, Change

Owner = tuple[str, str]


@dataclass(frozen=True)
class Decision:
    """One change a reviewer signs: what it is, where it is written, and who it affects."""

    owner: Owner
    words: str
    removed: bool = False  # written in the old version only
    key: tuple[str, ...] = ()  # the key within the part that changed, e.g. ("tier",)


def _text(q: Questionnaire, text: Any) -> str:
    return q.text(text, q.meta.default_language) if text else ""


def _when(q: Questionnaire, condition: Condition | None) -> str:
    return describe(condition, q, q.meta.default_language) if condition else "always"


def tier_name(q: Questionnaire, tier_id: str) -> str:
    """A tier as the patient reads it, with its id: 'Go to the ER now (emergency)'."""
    tier = q.tier_by_id.get(tier_id)
    return f"“{_text(q, tier.headline)}” ({tier_id})" if tier else f"“{tier_id}”"


def _flag(old: Questionnaire, new: Questionnaire, flag_id: str) -> Iterator[Decision]:
    before, after = old.red_flag_by_id.get(flag_id), new.red_flag_by_id.get(flag_id)
    if after is None:
        assert before is not None
        yield Decision(
            ("red flag", flag_id),
            f"R{_named(old, before)[1:]} is removed; it sent people to "
            f"{tier_name(old, before.tier)} "
            f"when {_when(old, before.when)}.",
            removed=True,
        )
        return
    named = _named(new, after)
    if before is None:
        yield Decision(
            ("red flag", flag_id),
            f"New {named} sends people to {tier_name(new, after.tier)} when "
            f"{_when(new, after.when)}.",
        )
        return
    if before.tier != after.tier:
        lower = _rank(new, after.tier) > _rank(old, before.tier)
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now gives {tier_name(new, after.tier)} instead of "
            f"{tier_name(old, before.tier)}: {'less' if lower else 'more'} urgent.",
            key=("tier",),
        )
    if " ".join(before.when.text.split()) != " ".join(after.when.text.split()):
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now fires when {_when(new, after.when)}; before, "
            f"when {_when(old, before.when)}.",
            key=("when",),
        )
    if before.safe_when_hidden != after.safe_when_hidden:
        hidden = ", ".join(after.safe_when_hidden) or "none"
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now may go unasked when branching hides: {hidden}.",
        )


def _named(q: Questionnaire, flag: RedFlag) -> str:
    return f"red flag “{_text(q, flag.title)}” ({flag.id})"


def _rank(q: Questionnaire, tier_id: str) -> int:
    tier = q.tier_by_id.get(tier_id)
    return tier.rank if tier is not None else len(q.tiers)


def _promise_words(q: Questionnaire, promise: Promise) -> str:
    words = promise_words(promise)
    if promise.kind.startswith("result_at"):
        words = words.replace(f'"{promise.target}"', tier_name(q, promise.target))
    if promise.when is not None:
        words = words.replace(f"when {promise.when.text}", f"when {_when(q, promise.when)}")
    note = f" Its note: {promise.note}" if promise.note else ""
    return f"{words}.{note}"


def _promise(old: Questionnaire, new: Questionnaire, promise_id: str) -> Iterator[Decision]:
    before = next((p for p in old.promises if p.id == promise_id), None)
    after = next((p for p in new.promises if p.id == promise_id), None)
    owner = ("promise", promise_id)
    if after is None and before is not None:
        words = _promise_words(old, before)
        yield Decision(owner, f"Promise {promise_id} is removed. It said: {words}", removed=True)
    elif before is None and after is not None:
        yield Decision(owner, f"New promise {promise_id}: {_promise_words(new, after)}")
    elif before is not None and after is not None and promise_words(before) != promise_words(after):
        yield Decision(
            owner,
            f"Promise {promise_id} now says: {_promise_words(new, after)} Before: "
            f"{_promise_words(old, before)}",
        )


def _tier(old: Questionnaire, new: Questionnaire, tier_id: str) -> Iterator[Decision]:
    before, after = old.tier_by_id.get(tier_id), new.tier_by_id.get(tier_id)
    owner = ("tier", tier_id)
    if after is None:
        yield Decision(owner, f"Tier {tier_name(old, tier_id)} is removed.", removed=True)
    elif before is None:
        yield Decision(owner, f"New tier {tier_name(new, tier_id)}, at place {after.rank + 1}.")
    else:
        yield from _tier_switches(new, before, after)


def _tier_switches(new: Questionnaire, before: Tier, after: Tier) -> Iterator[Decision]:
    owner, name = ("tier", after.id), tier_name(new, after.id)
    if before.rank != after.rank:
        yield Decision(
            owner, f"Tier {name} moves from place {before.rank + 1} to {after.rank + 1}."
        )
    if before.interrupt != after.interrupt:
        now = "now stops" if after.interrupt else "no longer stops"
        yield Decision(owner, f"Tier {name} {now} the questionnaire at once.")
    if before.clinic != after.clinic:
        now = "now shows" if after.clinic else "no longer shows"
        yield Decision(owner, f"Tier {name} {now} the clinic's offer.")


def _show_ifs(old: Questionnaire, new: Questionnaire) -> Iterator[Decision]:
    for page in new.pages:
        was = old.page_by_id.get(page.id)
        if was is not None and _plain(was.show_if) != _plain(page.show_if):
            yield Decision(
                ("page", page.id),
                f"Page “{_text(new, page.title)}” ({page.id}) is now shown "
                f"{_shown(new, page.show_if)}; before, {_shown(old, was.show_if)}.",
            )
        for question in page.questions:
            gone = old.questions.get(question.id)
            if gone is None:
                yield Decision(
                    ("question", question.id),
                    f"New question “{_text(new, question.text)}” ({question.id}), on page "
                    f"{page.id}, shown {_shown(new, question.show_if)}.",
                )
            elif _plain(gone.show_if) != _plain(question.show_if):
                yield Decision(
                    ("question", question.id),
                    f"Question {question.id} is now asked {_shown(new, question.show_if)}; "
                    f"before, {_shown(old, gone.show_if)}.",
                )
    for qid in old.questions.keys() - new.questions.keys():
        text = _text(old, old.questions[qid].text)
        yield Decision(("question", qid), f"Question “{text}” ({qid}) is removed.", removed=True)


def _plain(condition: Condition | None) -> str | None:
    return " ".join(condition.text.split()) if condition is not None else None


def _shown(q: Questionnaire, condition: Condition | None) -> str:
    return f"only if {_when(q, condition)}" if condition is not None else "to everyone"


def _cards(old: Questionnaire, new: Questionnaire) -> Iterator[Decision]:
    cards = {c.id: c for c in old.guidance}
    for card in new.guidance:
        was = cards.get(card.id)
        rule = (card.tiers, _plain(card.when), card.safe_on_urgent)
        if was is not None and (was.tiers, _plain(was.when), was.safe_on_urgent) != rule:
            tiers = ", ".join(card.tiers) or "every tier"
            safe = "; marked safe on urgent results" if card.safe_on_urgent else ""
            yield Decision(
                ("guidance card", card.id),
                f"Card “{_text(new, card.title)}” ({card.id}) now shows on {tiers}, "
                f"{_when(new, card.when)}{safe}.",
            )


def _emergency_number(old: Questionnaire, new: Questionnaire) -> Iterator[Decision]:
    before, after = old.settings.emergency_number, new.settings.emergency_number
    if before != after:
        yield Decision(
            ("settings", "emergency_number"),
            f"The emergency number every result gives is now {after} (it was {before}).",
        )


def decisions(old: Questionnaire, new: Questionnaire) -> list[Decision]:
    """Every change of a rule a reviewer signs, in the order a reader meets them."""
    flags = dict.fromkeys([*new.red_flag_by_id, *old.red_flag_by_id])
    promises = dict.fromkeys([*(p.id for p in new.promises), *(p.id for p in old.promises)])
    tiers = dict.fromkeys([*new.tier_by_id, *old.tier_by_id])
    found = list(_emergency_number(old, new))
    found += [d for t in tiers for d in _tier(old, new, t)]
    found += [d for f in flags for d in _flag(old, new, f)]
    found += [d for p in promises for d in _promise(old, new, p)]
    found += list(_show_ifs(old, new))
    found += list(_cards(old, new))
    return found


def explained(decision: Decision, behaviour: BehaviourDiff) -> list[Change]:
    """The changes in results this decision explains, changes of tier first, each kind with
    its clearest example (the fewest answers that are not the calmest) first."""
    mine = [c for c in behaviour.changes if c.owner == decision.owner]
    return sorted(
        mine,
        key=lambda c: (not c.label.startswith("tier "), "whole route" in c.label, len(c.example)),
    )


def is_side_effect(change: Change) -> bool:
    """A red flag or card that starts or stops showing without its own rule changing."""
    for prefix, kind in (("red flag ", "red flag"), ("guidance ", "guidance card")):
        if change.label.startswith(prefix):
            subject = change.label.removeprefix(prefix).split(" ")[0]
            return change.owner != (kind, subject)
    return False


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
