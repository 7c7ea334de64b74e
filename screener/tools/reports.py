"""The proof's summary and the diff as the lines `screener` prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from screener.authoring.loader import Locator
from screener.authoring.problems import Problem
from screener.authoring.proof.counterexamples import answers_text
from screener.authoring.proof.run import ProofReport
from screener.core.wording import plural
from screener.tools.behaviour_diff import BehaviourDiff
from screener.tools.text_diff import TextChange


def proof_line(path: str, report: ProofReport, promises: int) -> str:
    """What the proof covered, in one line."""
    return (
        f"{path}: safety proof: every property and {plural(promises, 'promise')} checked over "
        f"all {report.combinations:,} combinations of answers to the questions rules read"
    )


def diff_lines(
    new_path: str,
    locate: Locator,
    promise_changes: Sequence[TextChange],
    new_problems: Sequence[Problem],
    behaviour: BehaviourDiff,
    scenarios: Sequence[str],
    settings: Sequence[TextChange],
    texts: Sequence[TextChange],
) -> list[str]:
    """Promises first, then behaviour counted exactly, scenarios, settings and texts."""

    def at(owner: tuple[str, str] | None, field: tuple[str | int, ...]) -> str:
        line, column = locate.at(owner, *field)
        return f"{new_path}:{line}:{column}"

    def listed(title: str, found: Sequence[TextChange]) -> list[str]:
        where = [":".join(map(str, locate.source.at(c.path))) for c in found]
        return [f"{title}: {len(found)}"] + [
            f"  {new_path}:{w}: {c}" for w, c in zip(where, found, strict=True)
        ]

    lines = listed("Promises changed", promise_changes)
    lines.append(f"Safety proof of the new version: {plural(len(new_problems), 'problem')}")
    lines += [f"  {line}" for p in new_problems for line in str(p).splitlines()]
    lines += behaviour_lines(behaviour, at)
    lines.append(f"Scenarios with a different result: {len(scenarios)}")
    lines += [f"  {line}" for line in scenarios]
    for title, found in (("Settings changed", settings), ("Texts changed", texts)):
        lines.append(f"{title}: {len(found)}")
        lines += [
            f"  {new_path}:{':'.join(map(str, locate.source.at(c.path)))}: {c}" for c in found
        ]
    return lines


def behaviour_lines(
    behaviour: BehaviourDiff, at: Callable[[tuple[str, str] | None, tuple[str | int, ...]], str]
) -> list[str]:
    """Each change in behaviour, counted exactly, at its line in NEW."""
    lines = [
        f"Behaviour over all {behaviour.combinations:,} combinations of answers both versions "
        "allow (examples list only the answers that are not the calmest):"
    ]
    if not behaviour.changes:
        lines.append("  no change in any tier, red flag or guidance card")
    for change in behaviour.changes:
        lines.append(
            f"  {at(change.owner, change.key)}: {change.label}: "
            f"{change.combinations:,} combination{'' if change.combinations == 1 else 's'} "
            f"(for example: {answers_text(change.example)})"
        )
    if behaviour.only_new or behaviour.only_old:
        lines.append(
            f"  answers only the new version allows: {behaviour.only_new:,} combinations; "
            f"only the old one: {behaviour.only_old:,}"
        )
    for qid, before, after in behaviour.kinds_changed:
        lines.append(
            f"  {at(('question', qid), ('type',))}: question {qid} changed from {before} to "
            f"{after}: its old and new answers cannot mean the same, so the counts treat them "
            "as two questions"
        )
    return lines
