"""The diff as a reviewer reads it before signing: decisions in words, then results that
change as a share of every possible answer set, then side effects, kept short."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from screener.authoring.signoff import fingerprint, safety_parts, signoff_status
from screener.core.model import Question, Questionnaire
from screener.tools.behaviour_diff import BehaviourDiff, Change
from screener.tools.decisions import Decision, explained, is_side_effect, tier_name

Where = Callable[[Decision], str]


def share(count: int, total: int) -> str:
    """'about 3 in 100,000': the share with one or two figures, never a bare 0."""
    if count == total:
        return "every one"
    if total == 0 or count == 0:
        return "none"
    scale = 100
    while count * scale < total:
        scale *= 10
    shown = round(count * scale / total)
    return f"about {shown:,} in {scale:,}" if shown else f"fewer than 1 in {scale:,}"


def _answer(q: Questionnaire, question: Question, value: Any) -> str:
    language = q.meta.default_language
    if isinstance(value, frozenset | set | list | tuple):
        labels = [q.text(o.label, language) for o in question.options if o.value in value]
        return " and ".join(labels) or "none"
    option = question.option(str(value)) if isinstance(value, str) else None
    if option is not None:
        return q.text(option.label, language)
    unit = f" {q.text(question.unit, language)}" if question.unit else ""
    return f"{value}{unit}"


def person(new: Questionnaire, old: Questionnaire, answers: dict[str, Any]) -> str:
    """Someone's answers in the words they read: page (or question) and the answer chosen."""
    said = []
    for qid, value in answers.items():
        q = new if qid in new.questions else old
        question = q.questions[qid]
        page = q.page_by_id[question.page]
        asked = page.title if len(page.questions) == 1 else question.text
        said.append(f"“{q.text(asked, q.meta.default_language)}”: {_answer(q, question, value)}")
    return "; ".join(said) or "the calmest answer to everything"


def _result(change: Change, new: Questionnaire, old: Questionnaire, total: int) -> str:
    before, _, after = change.label.removeprefix("tier ").partition(" -> ")
    after, _, whole = after.partition(" ")
    how = ", once they change an answer on the check page" if whole else ""
    return (
        f"{tier_name(new, after)} instead of {tier_name(old, before)}{how}: "
        f"{share(change.combinations, total)} possible answer sets "
        f"({change.combinations:,}); for example, someone who answers "
        f"{person(new, old, change.example)}"
    )


def decision_lines(
    decisions: Sequence[Decision],
    behaviour: BehaviourDiff,
    new: Questionnaire,
    old: Questionnaire,
    where: Where,
) -> list[str]:
    """Each decision in words, with how many results it changes and one person it changes."""
    lines = [f"Decisions to sign off: {len(decisions)}"]
    for number, decision in enumerate(decisions, 1):
        lines.append(f"  {number}. {where(decision)}: {decision.words}")
        changes = explained(decision, behaviour)
        tiers = [c for c in changes if c.label.startswith("tier ") and "whole" not in c.label]
        counted = (
            sum(c.combinations for c in tiers)
            if tiers
            else sum(c.combinations for c in changes[:1])
        )
        if not changes:
            continue
        first = changes[0]
        lines.append(
            f"     It changes {'the result' if tiers else 'what is shown'} for "
            f"{share(counted, behaviour.combinations)} possible answer sets ({counted:,}). "
            f"For example, someone who answers {person(new, old, first.example)} "
            f"{_outcome(first, new, old)}."
        )
    return lines


def _outcome(change: Change, new: Questionnaire, old: Questionnaire) -> str:
    """What one change does to a person, in words."""
    if not change.label.startswith("tier "):
        return f"sees this: {change.label}"
    before, _, after = change.label.removeprefix("tier ").partition(" -> ")
    after, _, whole = after.partition(" ")
    how = " once they change an answer on the check page" if whole else ""
    return f"now gets {tier_name(new, after)} instead of {tier_name(old, before)}{how}"


def result_lines(behaviour: BehaviourDiff, new: Questionnaire, old: Questionnaire) -> list[str]:
    """Every change of result, as a share of all the answer sets both versions allow."""
    tiers = [c for c in behaviour.changes if c.label.startswith("tier ")]
    lines = [
        f"Results that change, over all {behaviour.combinations:,} possible answer sets: "
        f"{len(tiers)}"
    ]
    lines += [f"  {_result(c, new, old, behaviour.combinations)}." for c in tiers]
    return lines


SIDE_EFFECTS = {
    "now fires": "Red flags that now also fire",
    "no longer fires": "Red flags that no longer fire",
    "now shown": "Cards now shown",
    "no longer shown": "Cards no longer shown",
}


def side_effect_lines(behaviour: BehaviourDiff) -> list[str]:
    """Red flags and cards whose own rule did not change, but which show for others now."""
    effects = [c for c in behaviour.changes if is_side_effect(c)]
    lines = [f"Side effects of the changes above (no rule of their own changed): {len(effects)}"]
    groups: dict[str, dict[str, int]] = {}
    for change in effects:
        subject = change.label.removeprefix("red flag ").removeprefix("guidance ").split(" ")[0]
        what = change.label.split(f"{subject} ", 1)[1]
        counts = groups.setdefault(SIDE_EFFECTS.get(what, what), {})
        counts[subject] = max(counts.get(subject, 0), change.combinations)
    for title, counts in groups.items():
        if title == SIDE_EFFECTS["no longer shown"]:  # what people lose, each with its share
            listed = ", ".join(
                f"{s} ({share(n, behaviour.combinations)})" for s, n in counts.items()
            )
        else:
            listed = ", ".join(counts)
        lines.append(f"  {title}: {listed}")
    return lines


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
    differs = fingerprint(safety_parts(old)) != status.fingerprint
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
