"""Safety analysis over many answer combinations, and the behavioural diff of two versions.

The combinations are those of every question a rule reads (and what decides whether those
questions are shown), each over the values that can change a rule's outcome. When there are
more than `limit`, a fixed-seed sample of `limit` is checked instead, and reports say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from screener.analysis import SEED, AnswerSpace, Assignment, Search, conditions_of
from screener.conditions import AnswerValue, Const, Ref, comparisons
from screener.model import Question, Questionnaire
from screener.text import Text
from screener.triage import Assessment, assess

DEFAULT_LIMIT = 5000


@dataclass(frozen=True)
class Finding:
    """One proven problem, with the answers that show it."""

    kind: str
    message: str
    answers: Assignment


@dataclass
class SafetyReport:
    """What the analysis covered and found."""

    combinations: int
    checked: int
    exhaustive: bool
    findings: list[Finding] = field(default_factory=list)


def rule_space(questionnaire: Questionnaire, limit: int = DEFAULT_LIMIT) -> Search:
    """Every combination of answers that the red flags and guidance cards can tell apart."""
    space = AnswerSpace(questionnaire)
    search = space.search([], extra=list(conditions_of(questionnaire)))
    search.limit = limit
    return search


def raising_changes(
    questionnaire: Questionnaire, answers: Assignment
) -> Iterator[tuple[str, Assignment]]:
    """Each way of turning one more red-flag answer on: a yes, a ticked box, a flagged option
    chosen instead of an unflagged one, a number moved the way the rules count as worse."""
    flagged, directions = _red_flag_answers(questionnaire)
    for question in questionnaire.questions.values():
        current = answers.get(question.id)
        for value in _raised(
            question, current, flagged.get(question.id, set()), directions.get(question.id, set())
        ):
            shown = "[" + ", ".join(sorted(value)) + "]" if isinstance(value, frozenset) else value
            yield f"{question.id} -> {shown}", {**answers, question.id: value}


def _raised(
    question: Question, current: AnswerValue | None, flagged: set[str], directions: set[int]
) -> Iterator[AnswerValue]:
    if question.type == "yes_no":
        if current != "yes":
            yield "yes"
    elif question.type == "multiple_choice":
        chosen = current if isinstance(current, frozenset) else frozenset()
        exclusive = {o.value for o in question.options if o.exclusive}
        for option in question.options:
            if option.value not in chosen and option.value not in exclusive:
                yield frozenset((chosen - exclusive) | {option.value})
    elif question.type == "single_choice":
        if current not in flagged:
            yield from sorted(flagged)
    elif (
        question.type in ("scale", "number")
        and question.minimum is not None
        and question.maximum is not None
    ):
        base = current if isinstance(current, int) else None
        for direction in directions:
            end = question.maximum if direction > 0 else question.minimum
            if base is None or (end - base) * direction > 0:
                yield end


def _red_flag_answers(
    questionnaire: Questionnaire,
) -> tuple[dict[str, set[str]], dict[str, set[int]]]:
    """Options that red flags ask for by name, and which way numbers count as worse."""
    flagged: dict[str, set[str]] = {}
    directions: dict[str, set[int]] = {}
    for flag in questionnaire.red_flags:
        for compare in comparisons(flag.when.root):
            ref, const = compare.left, compare.right
            if not isinstance(ref, Ref) or not isinstance(const, Const):
                continue
            values = const.value if isinstance(const.value, tuple) else (const.value,)
            if compare.op in ("==", "in"):
                flagged.setdefault(ref.question, set()).update(str(v) for v in values)
            if compare.op in (">", ">="):
                directions.setdefault(ref.question, set()).add(1)
            if compare.op in ("<", "<="):
                directions.setdefault(ref.question, set()).add(-1)
    return flagged, directions


def analyse(questionnaire: Questionnaire, limit: int = DEFAULT_LIMIT) -> SafetyReport:
    """Check every combination (or a fixed sample): one tier, monotonicity, card placement."""
    search = rule_space(questionnaire, limit)
    report = SafetyReport(search.size, 0, search.exhaustive)
    tiers = questionnaire.tiers
    urgent = {tier.id for tier in tiers[: len(tiers) // 2]}
    seen: set[str] = set()
    for answers in search:
        report.checked += 1
        result = assess(questionnaire, answers)
        _one_tier(questionnaire, result, answers, report)
        for card in result.guidance:
            if (
                result.tier.id in urgent
                and _self_care(questionnaire, card.id)
                and f"card {card.id}" not in seen
            ):
                seen.add(f"card {card.id}")
                report.findings.append(
                    Finding(
                        "self-care card on an urgent result",
                        f'guidance card "{card.id}" suits self care but shows on a '
                        f'"{result.tier.id}" result; restrict its tiers, or mark it '
                        "safe_on_urgent: true once a clinician agrees",
                        answers,
                    )
                )
        for change, changed in raising_changes(questionnaire, answers):
            after = assess(questionnaire, changed).tier
            key = f"{change} {result.tier.id} {after.id}"
            if after.rank > result.tier.rank and key not in seen:
                seen.add(key)
                report.findings.append(
                    Finding(
                        "not monotonic",
                        f"turning on {change} lowers the result from "
                        f'"{result.tier.id}" to "{after.id}"',
                        answers,
                    )
                )
    return report


def _one_tier(
    questionnaire: Questionnaire, result: Assessment, answers: Assignment, report: SafetyReport
) -> None:
    expected = min(
        (questionnaire.tier_by_id[f.flag.tier] for f in result.red_flags),
        key=lambda tier: tier.rank,
        default=questionnaire.tiers[-1],
    )
    if result.tier != expected:
        report.findings.append(
            Finding(
                "tier",
                f'the result is "{result.tier.id}" but the most '
                f'urgent fired tier is "{expected.id}"',
                answers,
            )
        )


def _self_care(questionnaire: Questionnaire, card_id: str) -> bool:
    card = next(c for c in questionnaire.guidance if c.id == card_id)
    least = questionnaire.tiers[-1].id
    return not card.safe_on_urgent and (not card.tiers or least in card.tiers)


# -- the behavioural diff of two versions -------------------------------------------------------


@dataclass
class DiffReport:
    """How two versions behave differently, grouped and counted, and which texts changed."""

    combinations: int
    checked: int
    exhaustive: bool
    changes: Counter[str] = field(default_factory=Counter)
    examples: dict[str, Assignment] = field(default_factory=dict)
    scenarios: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def outcome_changes(old: Assessment, new: Assessment) -> list[str]:
    """Each difference between two results, in words."""
    found = []
    if old.tier.id != new.tier.id:
        found.append(f"tier {old.tier.id} -> {new.tier.id}")
    old_flags = {f.flag.id for f in old.red_flags}
    new_flags = {f.flag.id for f in new.red_flags}
    found += [f"red flag {f} no longer fires" for f in sorted(old_flags - new_flags)]
    found += [f"red flag {f} now fires" for f in sorted(new_flags - old_flags)]
    old_cards, new_cards = {c.id for c in old.guidance}, {c.id for c in new.guidance}
    found += [f"guidance {c} no longer shown" for c in sorted(old_cards - new_cards)]
    found += [f"guidance {c} now shown" for c in sorted(new_cards - old_cards)]
    return found


def behaviour_diff(
    old: Questionnaire, new: Questionnaire, limit: int = DEFAULT_LIMIT
) -> DiffReport:
    """Compare the results of the two versions over the union of their answer spaces."""
    from screener.answers import parse_answers

    searches = [rule_space(old, limit), rule_space(new, limit)]
    report = DiffReport(sum(s.size for s in searches), 0, all(s.exhaustive for s in searches))
    for search in searches:
        for answers in search:
            report.checked += 1
            before = assess(old, parse_answers(old, answers)[0])
            after = assess(new, parse_answers(new, answers)[0])
            for change in outcome_changes(before, after):
                report.changes[change] += 1
                report.examples.setdefault(change, answers)
    report.texts = text_changes(old, new)
    return report


def _texts(questionnaire: Questionnaire) -> dict[str, str]:
    """Every text, by a stable name, in every language."""
    found: dict[str, Text | None] = {
        "meta title": questionnaire.meta.title,
        "safety net": questionnaire.safety_net.body,
        "safety net title": questionnaire.safety_net.title,
        "disclaimer": questionnaire.disclaimer.body,
    }
    for tier in questionnaire.tiers:
        for name in ("headline", "action", "time_frame"):
            found[f"tier {tier.id} {name}"] = getattr(tier, name)
    for page in questionnaire.pages:
        found[f"page {page.id} title"] = page.title
        found[f"page {page.id} intro"] = page.intro
        for question in page.questions:
            found[f"question {question.id} text"] = question.text
            found[f"question {question.id} hint"] = question.hint
            for option in question.options:
                found[f"option {question.id}.{option.value}"] = option.label
    for flag in questionnaire.red_flags:
        for name in ("title", "message", "say_on_arrival"):
            found[f"red flag {flag.id} {name}"] = getattr(flag, name)
    for card in questionnaire.guidance:
        found[f"guidance {card.id} title"] = card.title
        found[f"guidance {card.id} body"] = card.body
    return {
        f"{name} [{lang}]": text
        for name, value in found.items()
        if value
        for lang, text in value.items()
    }


def text_changes(old: Questionnaire, new: Questionnaire) -> list[str]:
    """Texts added, removed or reworded between two versions."""
    before, after = _texts(old), _texts(new)
    found = [f"removed: {k}" for k in sorted(before.keys() - after.keys())]
    found += [f"added: {k}: {after[k]!r}" for k in sorted(after.keys() - before.keys())]
    found += [
        f"changed: {k}: {before[k]!r} -> {after[k]!r}"
        for k in sorted(before)
        if k in after and before[k] != after[k]
    ]
    return found


__all__ = ["SEED", "analyse", "behaviour_diff", "raising_changes", "text_changes"]
