"""Safety and diff reports as the lines `screener` prints."""

from __future__ import annotations

from screener.analysis import SEED, Assignment
from screener.problems import plural
from screener.safety import DiffReport, SafetyReport


def answers_text(answers: Assignment) -> str:
    """Answers as 'legs=both_legs, pain=7', in a stable order."""
    return (
        ", ".join(
            f"{k}=" + ("[" + ", ".join(sorted(v)) + "]" if isinstance(v, frozenset) else str(v))
            for k, v in sorted(answers.items())
        )
        or "(none)"
    )


def coverage(combinations: int, checked: int, exhaustive: bool) -> str:
    """How much of the answer space was checked, in words."""
    if exhaustive:
        return f"all {combinations:,} combinations of answers to the questions rules read"
    return (
        f"{checked:,} of {combinations:,} combinations of answers to the questions rules "
        f"read, sampled with seed {SEED}"
    )


def safety_lines(path: str, report: SafetyReport) -> list[str]:
    """The findings, then one line saying what was covered."""
    lines = [
        f"{path}: error: {f.kind}: {f.message} (for example: {answers_text(f.answers)})"
        for f in report.findings
    ]
    verdict = "no problems" if not report.findings else plural(len(report.findings), "problem")
    lines.append(
        f"{path}: safety analysis checked "
        f"{coverage(report.combinations, report.checked, report.exhaustive)}: {verdict}"
    )
    return lines


def diff_lines(report: DiffReport) -> list[str]:
    """Behaviour changes grouped and counted, changed scenarios, then changed texts."""
    lines = [
        f"Behaviour over {coverage(report.combinations, report.checked, report.exhaustive)}"
        " of both versions:"
    ]
    if not report.changes:
        lines.append("  no change in any tier, red flag or guidance card")
    for change, count in sorted(report.changes.items(), key=lambda item: (-item[1], item[0])):
        lines.append(
            f"  {change}: {plural(count, 'combination')} "
            f"(for example: {answers_text(report.examples[change])})"
        )
    lines.append(f"Scenarios with a different result: {len(report.scenarios)}")
    lines += [f"  {line}" for line in report.scenarios]
    lines.append(f"Texts changed: {len(report.texts)}")
    lines += [f"  {line}" for line in report.texts]
    return lines
