"""What a reviewer decides when signing a new version: each rule, promise, tier and show_if
that changed, in words, with one person it changes the result for."""

from __future__ import annotations

from collections.abc import Iterator

from screener.authoring.proof.promises import promise_words
from screener.core.model import Promise, Questionnaire, RedFlag, Tier
from screener.tools.naming import Decision, plain, shown_when, text_of, tier_name, when_of
from screener.tools.other_changes import other_changes


def _flag(old: Questionnaire, new: Questionnaire, flag_id: str) -> Iterator[Decision]:
    before, after = old.red_flag_by_id.get(flag_id), new.red_flag_by_id.get(flag_id)
    if after is None:
        assert before is not None
        yield Decision(
            ("red flag", flag_id),
            f"R{_named(old, before)[1:]} is removed; it sent people to "
            f"{tier_name(old, before.tier)} "
            f"when {when_of(old, before.when)}.",
            removed=True,
        )
        return
    named = _named(new, after)
    if before is None:
        yield Decision(
            ("red flag", flag_id),
            f"New {named} sends people to {tier_name(new, after.tier)} when "
            f"{when_of(new, after.when)}.",
        )
        return
    if before.tier != after.tier:
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now gives {tier_name(new, after.tier)} instead of "
            f"{tier_name(old, before.tier)}{_urgency(old, new, before.tier, after.tier)}.",
            key=("tier",),
        )
    if " ".join(before.when.text.split()) != " ".join(after.when.text.split()):
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now fires when {when_of(new, after.when)}; before, "
            f"when {when_of(old, before.when)}.",
            key=("when",),
        )
    if before.safe_when_hidden != after.safe_when_hidden:
        hidden = ", ".join(after.safe_when_hidden) or "none"
        yield Decision(
            ("red flag", flag_id),
            f"{named[0].upper()}{named[1:]} now may go unasked when branching hides: {hidden}.",
        )


def _named(q: Questionnaire, flag: RedFlag) -> str:
    return f"red flag “{text_of(q, flag.title)}” ({flag.id})"


def _urgency(old: Questionnaire, new: Questionnaire, before: str, after: str) -> str:
    """': less urgent' or ': more urgent', comparing both tiers in one version's order."""
    for q in (new, old):
        if before in q.tier_by_id and after in q.tier_by_id:
            lower = q.tier_by_id[after].rank > q.tier_by_id[before].rank
            return f": {'less' if lower else 'more'} urgent"
    return ""


def _promise_words(q: Questionnaire, promise: Promise) -> str:
    words = promise_words(promise)
    if promise.kind.startswith("result_at"):
        words = words.replace(f'"{promise.target}"', tier_name(q, promise.target))
    if promise.when is not None:
        words = words.replace(f"when {promise.when.text}", f"when {when_of(q, promise.when)}")
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
        yield from _tier_switches(old, new, before, after)


def _among_both(q: Questionnaire, other: Questionnaire) -> list[str]:
    """The tiers both versions have, in this version's order."""
    return [t.id for t in q.tiers if t.id in other.tier_by_id]


def _tier_switches(
    old: Questionnaire, new: Questionnaire, before: Tier, after: Tier
) -> Iterator[Decision]:
    owner, name = ("tier", after.id), tier_name(new, after.id)
    # A tier moves only when its order among the tiers both versions have changes, not when
    # a new tier is added before it.
    placed_before, placed_after = _among_both(old, new), _among_both(new, old)
    if placed_before.index(after.id) != placed_after.index(after.id):
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
        if was is not None and plain(was.show_if) != plain(page.show_if):
            yield Decision(
                ("page", page.id),
                f"Page “{text_of(new, page.title)}” ({page.id}) is now shown "
                f"{shown_when(new, page.show_if)}; before, {shown_when(old, was.show_if)}.",
            )
        for question in page.questions:
            gone = old.questions.get(question.id)
            if gone is None:
                shown = shown_when(new, question.show_if or page.show_if)
                yield Decision(
                    ("question", question.id),
                    f"New question “{text_of(new, question.text)}” ({question.id}), on page "
                    f"{page.id}, asked {shown}.",
                )
            elif plain(gone.show_if) != plain(question.show_if):
                yield Decision(
                    ("question", question.id),
                    f"Question {question.id} is now asked {shown_when(new, question.show_if)}; "
                    f"before, {shown_when(old, gone.show_if)}.",
                )
    for qid in old.questions.keys() - new.questions.keys():
        text = text_of(old, old.questions[qid].text)
        yield Decision(("question", qid), f"Question “{text}” ({qid}) is removed.", removed=True)


def _cards(old: Questionnaire, new: Questionnaire) -> Iterator[Decision]:
    cards = {c.id: c for c in old.guidance}
    for card in new.guidance:
        was = cards.get(card.id)
        rule = (card.tiers, plain(card.when), card.safe_on_urgent)
        if was is not None and (was.tiers, plain(was.when), was.safe_on_urgent) != rule:
            tiers = ", ".join(card.tiers) or "every tier"
            safe = "; marked safe on urgent results" if card.safe_on_urgent else ""
            yield Decision(
                ("guidance card", card.id),
                f"Card “{text_of(new, card.title)}” ({card.id}) now shows on {tiers}, "
                f"{when_of(new, card.when)}{safe}.",
            )


def _emergency_number(old: Questionnaire, new: Questionnaire) -> Iterator[Decision]:
    before, after = old.settings.emergency_number, new.settings.emergency_number
    if before != after:
        yield Decision(
            ("settings", "emergency_number"),
            f"The emergency number every result gives is now {after} (it was {before}).",
        )


def decisions(old: Questionnaire, new: Questionnaire) -> list[Decision]:
    """Every change of a rule a reviewer signs, in the order a reader meets them, then
    every other part the sign-off covers that changed."""
    flags = dict.fromkeys([*new.red_flag_by_id, *old.red_flag_by_id])
    promises = dict.fromkeys([*(p.id for p in new.promises), *(p.id for p in old.promises)])
    tiers = dict.fromkeys([*new.tier_by_id, *old.tier_by_id])
    found = list(_emergency_number(old, new))
    found += [d for t in tiers for d in _tier(old, new, t)]
    found += [d for f in flags for d in _flag(old, new, f)]
    found += [d for p in promises for d in _promise(old, new, p)]
    found += list(_show_ifs(old, new))
    found += list(_cards(old, new))
    found += list(other_changes(old, new, found))
    return found
