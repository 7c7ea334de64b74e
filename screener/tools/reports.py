"""The proof's summary and the diff as the lines `screener` prints."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from screener.authoring.loader import Locator
from screener.authoring.problems import Problem
from screener.authoring.proof.counterexamples import answers_text
from screener.authoring.proof.run import ProofReport
from screener.core.model import Questionnaire
from screener.core.wording import plural
from screener.tools.behaviour_diff import BehaviourDiff
from screener.tools.decisions import decisions
from screener.tools.effects import Broken
from screener.tools.naming import Decision
from screener.tools.reviewing import (
    decision_lines,
    proof_lines,
    result_lines,
    side_effect_lines,
    signoff_lines,
    version_lines,
)
from screener.tools.text_diff import TextChange


def proof_line(path: str, report: ProofReport, promises: int) -> str:
    """What the proof covered, in one line."""
    return (
        f"{path}: safety proof: every property and {plural(promises, 'promise')} checked over "
        f"all {report.combinations:,} combinations of answers to the questions rules read"
    )


@dataclass(frozen=True)
class Compared:
    """Two checked versions and where each part of them is written."""

    old: Questionnaire
    new: Questionnaire
    old_path: str
    new_path: str
    old_locate: Locator
    new_locate: Locator

    def at(self, owner: tuple[str, str] | None, field: tuple[str | int, ...] = ()) -> str:
        """PATH:LINE:COL of a part (or one of its keys) in the new version."""
        line, column = self.new_locate.at(owner, *field)
        return f"{self.new_path}:{line}:{column}"

    def where(self, decision: Decision) -> str:
        """Where a decision is written: the new version, or the old for what it removed."""
        path, locate = (
            (self.old_path, self.old_locate)
            if decision.removed
            else (self.new_path, self.new_locate)
        )
        if decision.owner[0] == "settings":  # not a part with an id: the key itself
            line, column = locate.source.at(decision.owner)
        elif decision.owner[0] == "section":
            line, column = locate.source.key_at(decision.owner[1:])
        else:
            line, column = locate.at(decision.owner, *decision.key)
        return f"{path}:{line}:{column}"


# long: one section after another, in the order a reviewer reads them
def diff_lines(
    compared: Compared,
    new_problems: Sequence[Problem],
    behaviour: BehaviourDiff,
    scenarios: Sequence[str],
    settings: Sequence[TextChange],
    texts: Sequence[TextChange],
    broken: Mapping[str, Broken],
    detail: bool = False,
) -> list[str]:
    """What a reviewer decides first, then results, side effects, the proof, sign-off,
    scenarios, settings and texts; with `detail`, every change counted exactly."""
    old, new = compared.old, compared.new
    found = decisions(old, new)
    changed = bool(found or settings or texts or behaviour.changes)
    lines = version_lines(old, new, changed)
    lines += decision_lines(found, behaviour, new, old, compared.where, broken)
    lines += result_lines(behaviour, new, old)
    lines += side_effect_lines(behaviour, new, old)
    lines += proof_lines([str(p) for p in new_problems], broken)
    lines += signoff_lines(old, new)
    lines.append(f"Scenarios with a different result: {len(scenarios)}")
    lines += [f"  {line}" for line in scenarios]
    source = compared.new_locate.source
    for title, listed in (("Settings changed", settings), ("Texts changed", texts)):
        lines.append(f"{title}: {len(listed)}")
        lines += [
            f"  {compared.new_path}:{':'.join(map(str, source.at(c.path)))}: {c}" for c in listed
        ]
    if detail:
        lines += behaviour_lines(behaviour, compared.at)
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
