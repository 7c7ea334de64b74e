"""The diff as a reviewer reads it before signing: decisions in words, then results that
change as a share of every possible answer set, then side effects, kept short."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from screener.authoring.signoff import safety_fingerprint, signoff_status
from screener.core.model import Question, Questionnaire
from screener.tools.behaviour_diff import BehaviourDiff, Change
from screener.tools.effects import Broken, explained, is_side_effect
from screener.tools.naming import Decision, tier_name

Where = Callable[[Decision], str]
# What the shares count, said once where they first appear.
SHARES = (
    "Shares are of every combination of answers the questions allow, not of patients: they "
    "say how wide a change reaches, not how many people it touches."
)


def share(count: int, total: int) -> str:
    """'about 3 in 100,000': the share with one or two figures, never a bare 0."""
    if count == total:
        return "every one"
    if total == 0 or count == 0:
        return "none"
    scale = 100
    while count * scale < total:
        scale *= 10
    shown = (2 * count * scale + total) // (2 * total)  # rounded half up, in whole numbers
    return "almost every one" if shown >= scale else f"about {shown:,} in {scale:,}"


def _answer(q: Questionnaire, question: Question, value: Any) -> str:
    language = q.meta.default_language
    if isinstance(value, frozenset | set | list | tuple):
        labels = [q.text(o.label, language) for o in question.options if o.value in value]
        return " and ".join(f"“{label}”" for label in labels) or "none"
    option = question.option(str(value)) if isinstance(value, str) else None
    if option is not None:
        return f"“{q.text(option.label, language)}”"
    unit = f" {q.text(question.unit, language)}" if question.unit else ""
    return f"{value}{unit}"


def person(new: Questionnaire, old: Questionnaire, answers: Mapping[str, Any]) -> str:
    """Someone's answers in the words they read: each question, and the answer chosen."""
    said = []
    for qid, value in answers.items():
        q = new if qid in new.questions else old
        question = q.questions[qid]
        asked = q.text(question.text, q.meta.default_language)
        said.append(f"{_answer(q, question, value)} to “{asked}”")
    return "; ".join(said) if said else "the calmest answer to everything"


def _tiers(change: Change) -> tuple[str, str, bool]:
    """(before, after, whether only a changed answer on the check page shows it)."""
    before, _, after = change.label.removeprefix("tier ").partition(" -> ")
    after, _, whole = after.partition(" ")
    return before, after, bool(whole)


def _result(change: Change, new: Questionnaire, old: Questionnaire, total: int) -> str:
    before, after, whole = _tiers(change)
    how = ", once they change an answer on the check page" if whole else ""
    return (
        f"{tier_name(new, after)} instead of {tier_name(old, before)}{how}: "
        f"{share(change.combinations, total)} answer sets ({change.combinations:,}); for "
        f"example, someone who answers {person(new, old, change.example)}"
    )


def _explanation(
    decision: Decision, behaviour: BehaviourDiff, new: Questionnaire, old: Questionnaire
) -> list[str]:
    """The results a decision changes, tier by tier, and its clearest person."""
    changes = explained(decision, behaviour)
    tiers = [c for c in changes if c.label.startswith("tier ") and not _tiers(c)[2]]
    total = behaviour.combinations
    if tiers:
        split = "; ".join(
            f"{tier_name(new, _tiers(c)[1])} instead of {tier_name(old, _tiers(c)[0])} for "
            f"{share(c.combinations, total)}"
            for c in sorted(tiers, key=lambda c: -c.combinations)
        )
        clearest = tiers[0]
        before, after, _ = _tiers(clearest)
        return [
            f"     Results it changes: {split}.",
            f"     For example, someone who answers {person(new, old, clearest.example)} now "
            f"gets {tier_name(new, after)} instead of {tier_name(old, before)}.",
        ]
    if changes:
        first = changes[0]
        return [
            f"     It changes what {share(first.combinations, total)} answer sets see "
            f"({first.label}); for example, someone who answers "
            f"{person(new, old, first.example)}."
        ]
    return []


def _kept_words(decision: Decision, new: Questionnaire, old: Questionnaire) -> list[str]:
    """A red flag sent to another tier with the same words: do they still fit?"""
    if decision.owner[0] != "red flag" or decision.key != ("tier",):
        return []
    before, after = old.red_flag_by_id[decision.owner[1]], new.red_flag_by_id[decision.owner[1]]
    if (before.message, before.say_on_arrival) != (after.message, after.say_on_arrival):
        return []
    words = new.text(after.message, new.meta.default_language)
    return [f"     Its words did not change; do they still fit the new result? “{words}”"]


def _broken(broken: Broken | None, new: Questionnaire, old: Questionnaire) -> list[str]:
    """What removing or rewording a promise let through, when the new version breaks it."""
    if broken is None:
        return []
    return [
        f"     The new version breaks it: someone who answers {person(new, old, broken.answers)} "
        f"(and the calmest answer to everything else) gets {tier_name(new, broken.result)}."
    ]


# long: each decision with its lines beneath, in the order a reviewer reads them
def decision_lines(
    decisions: Sequence[Decision],
    behaviour: BehaviourDiff,
    new: Questionnaire,
    old: Questionnaire,
    where: Where,
    broken: Mapping[str, Broken],
) -> list[str]:
    """Each decision in words, with the results it changes and one person it changes."""
    lines = [f"Decisions to sign off: {len(decisions)}"]
    if decisions:
        lines.append(f"  ({SHARES})")
    for number, decision in enumerate(decisions, 1):
        lines.append(f"  {number}. {where(decision)}: {decision.words}")
        lines += _explanation(decision, behaviour, new, old)
        lines += _kept_words(decision, new, old)
        if decision.owner[0] == "promise":
            lines += _broken(broken.get(decision.owner[1]), new, old)
    return lines


def result_lines(behaviour: BehaviourDiff, new: Questionnaire, old: Questionnaire) -> list[str]:
    """Every change of result, as a share of all the answer sets both versions allow."""
    tiers = [c for c in behaviour.changes if c.label.startswith("tier ")]
    lines = [
        f"Results that change, over all {behaviour.combinations:,} possible answer sets: "
        f"{len(tiers)}"
    ]
    lines += [f"  {_result(c, new, old, behaviour.combinations)}." for c in tiers]
    offered = "answers only the new version allows: tier "
    for change in behaviour.changes:
        if change.label.startswith(offered):
            tier = change.label.removeprefix(offered)
            lines.append(
                f"  Answers only the new version offers lead to {tier_name(new, tier)} for "
                f"{change.combinations:,} answer sets; for example, someone who answers "
                f"{person(new, old, change.example)}."
            )
    return lines


SIDE_EFFECTS = {
    "now fires": "Red flags that now also fire",
    "no longer fires": "Red flags that no longer fire",
    "now shown": "Cards now shown",
    "no longer shown": "Cards no longer shown",
}


def _stops_ended(behaviour: BehaviourDiff, new: Questionnaire, old: Questionnaire) -> bool:
    """Whether some journeys that stopped at once for an emergency now go on."""
    for change in behaviour.changes:
        if change.label.startswith("tier "):
            before, after, _ = _tiers(change)
            stopped = old.tier_by_id.get(before)
            goes_on = new.tier_by_id.get(after)
            if stopped and stopped.interrupt and goes_on and not goes_on.interrupt:
                return True
    return False


def side_effect_lines(
    behaviour: BehaviourDiff, new: Questionnaire, old: Questionnaire
) -> list[str]:
    """Red flags and cards whose own rule did not change, but which show for others now."""
    effects = [c for c in behaviour.changes if is_side_effect(c, old, new)]
    lines = [f"Side effects of the changes above (no rule of their own changed): {len(effects)}"]
    if effects and _stops_ended(behaviour, new, old):
        lines.append(
            "  Some people who were stopped at once and sent for help now answer the rest of "
            "the questionnaire first, so later red flags and cards now show for them too."
        )
    groups: dict[str, dict[str, int]] = {}
    for change in effects:
        subject = change.label.removeprefix("red flag ").removeprefix("guidance ").split(" ")[0]
        what = change.label.split(f"{subject} ", 1)[1]
        counts = groups.setdefault(SIDE_EFFECTS.get(what, what), {})
        counts[subject] = max(counts.get(subject, 0), change.combinations)
    for title, counts in groups.items():
        if title != SIDE_EFFECTS["now fires"]:  # each with its share, but for a long list
            listed = ", ".join(
                f"{s} ({share(n, behaviour.combinations)})" for s, n in counts.items()
            )
        else:
            listed = ", ".join(counts)
        lines.append(f"  {title}: {listed}")
    return lines


def proof_lines(problems: Sequence[str], broken: Mapping[str, Broken]) -> list[str]:
    """The new version's proof, which covers only the promises it still makes."""
    head = f"Safety proof of the new version: {len(problems)} problem" + (
        "" if len(problems) == 1 else "s"
    )
    if broken:
        head += (
            f" (it proves the promises the new version makes; it would break "
            f"{len(broken)} that the old one made: {', '.join(broken)}, above)"
        )
    return [head, *(f"  {line}" for p in problems for line in p.splitlines())]


def version_lines(old: Questionnaire, new: Questionnaire, changed: bool) -> list[str]:
    """The versions compared; a new version that changed but kept its number is named."""
    lines = [
        f"Version {old.meta.version} ({old.meta.date}) -> {new.meta.version} ({new.meta.date})"
    ]
    same = [
        name
        for name, a, b in (
            ("version", old.meta.version, new.meta.version),
            ("date", old.meta.date, new.meta.date),
        )
        if a == b
    ]
    if changed and same:
        lines.append(
            f"  The content changed but its {' and '.join(same)} did not: raise meta version "
            "and set meta date, so that each version names one content."
        )
    return lines


def signoff_lines(old: Questionnaire, new: Questionnaire) -> list[str]:
    """Whether the new version's safety content is signed, and if it differs from the old."""
    status = signoff_status(new)
    differs = safety_fingerprint(old) != status.fingerprint
    names = " and ".join(r.name for r in status.signers)
    if status.signed:
        head = f"Sign-off: the new version's safety content is signed off by {names}."
    else:
        by = f" (so far by {names})" if names else ""
        head = (
            f"Sign-off: the new version's safety content is not signed off by two people{by}; "
            "a server that requires sign-off refuses it."
        )
    changed = ", ".join(f"{c.part} ({c.words()})" for c in status.changes)
    lines = [head]
    if differs:
        lines.append("  Its safety content differs from the old version's.")
    if changed:
        lines.append(f"  Changed since it was last signed off: {changed}.")
    return lines
