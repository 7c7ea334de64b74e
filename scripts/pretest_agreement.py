"""Pretest results: each walk's advice against its case, and how often two readers agreed.

Reads docs/pretesting/ROUND-cases.yaml and ROUND-walks.yaml (see docs/pretesting.md).

Run: .venv/bin/python scripts/pretest_agreement.py round1|...|round9   (one round in full)
     .venv/bin/python scripts/pretest_agreement.py table                  (the tables in the doc)
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from screener.authoring.loader import load_questionnaire
from screener.core.conditions import Const, Ref, comparisons
from screener.core.model import Questionnaire

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "pretesting"
ROUNDS = (
    "round1",
    "round2",
    "round3",
    "round4",
    "round5",
    "round6",
    "round7",
    "round8",
    "round9",
)
ORDER = ["call_911", "emergency", "urgent", "soon", "self_care"]
URGENT_NOW = {"call_911", "emergency"}
VERDICTS = ("exact", "in range", "over", "under")
# A comparison splits the scores at the lowest one on its upper side.
_LOWEST_ABOVE = {">=": 0, "<": 0, ">": 1, "<=": 1}
# The shipped words of each question were first walked in this round (round3 unless named):
# its agreement as shipped pools that round and every later one.
SHIPPED_SINCE = {
    "both_legs_start": "round6",
    "checked": "round4",
    "night_pain": "round4",
    "sleep": "round5",
    "duration": "round7",
    # Version 1.3 reworded these (in English, Spanish or both) and round 9 walked them.
    **dict.fromkeys(
        ["about_you", "age", "bladder", "cancer", "injury", "leg_signs", "legs", "numbness"],
        "round9",
    ),
    **dict.fromkeys(
        ["right_now", "saddle", "trend", "unwell", "walking", "weakness", "weakness_trend"],
        "round9",
    ),
}


@dataclass
class Round:
    """One round's cases and walks, and what they show."""

    cases: dict[str, dict[str, Any]]
    walks: list[dict[str, Any]]
    verdicts: Counter[str] = field(default_factory=Counter)
    agreed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    lines: list[str] = field(default_factory=list)


def cuts(questionnaire: Questionnaire) -> dict[str, set[int]]:
    """For each number question, the values its red flags compare it with."""
    found: dict[str, set[int]] = defaultdict(set)
    for flag in questionnaire.red_flags:
        for compare in comparisons(flag.when.root):
            left, right, op = compare.left, compare.right, compare.op
            number = right.value if isinstance(right, Const) else None
            if isinstance(left, Ref) and isinstance(number, int) and op in _LOWEST_ABOVE:
                found[left.question].add(number + _LOWEST_ABOVE[op])
    return found


def same_answer(question: str, one: Any, other: Any, bands: dict[str, set[int]]) -> bool:
    """The same answer, counting two scores alike when every rule treats them alike."""
    if question in bands and isinstance(one, int) and isinstance(other, int):
        return all((one >= cut) == (other >= cut) for cut in bands[question])
    if isinstance(one, list) and isinstance(other, list):
        return sorted(one) == sorted(other)
    return bool(one == other)


def verdict(case: dict[str, Any], tier: str | None) -> str:
    """Where a walk's tier falls against the case's safe and reasonable range."""
    if tier not in ORDER:
        return "none"
    got = ORDER.index(tier)
    if got > ORDER.index(case["lowest_safe"]):
        return "under"
    if got < ORDER.index(case["highest_reasonable"]):
        return "over"
    return "exact" if tier == case["level_source"] else "in range"


def _mark(tier: str | None, found: str) -> str:
    """A walk's tier, with its verdict when it falls outside the case's range."""
    return f"{tier}" if found in ("exact", "in range") else f"{tier} ({found})"


def measured(name: str) -> Round:
    """Read a round and measure it."""
    cases = {c["id"]: c for c in yaml.safe_load((FOLDER / f"{name}-cases.yaml").read_text())}
    walks = yaml.safe_load((FOLDER / f"{name}-walks.yaml").read_text())
    found = Round(cases, walks)
    bands = cuts(load_questionnaire(ROOT / "questions.yaml"))
    by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for walk in walks:
        by_case[walk["case"]].append(walk)
    for case_id, case in cases.items():
        pair = sorted(by_case[case_id], key=lambda w: w["reader"])
        tiers = [w["tier"] for w in pair]
        verdicts = [verdict(case, tier) for tier in tiers]
        found.verdicts.update(verdicts)
        marks = [_mark(t, v) for t, v in zip(tiers, verdicts, strict=True)]
        span = f"{case['lowest_safe']}..{case['highest_reasonable']}"
        source = case["level_source"]
        found.lines.append(
            f"{case_id}  {case['language']}    {source:10} {span:22} {'   '.join(marks)}"
        )
        if len(pair) == 2:
            one, other = pair[0]["answers"], pair[1]["answers"]
            for question in sorted(set(one) & set(other)):
                found.agreed[question][0] += same_answer(
                    question, one[question], other[question], bands
                )
                found.agreed[question][1] += 1
    return found


def emergencies(found: Round) -> tuple[int, int]:
    """Walks of cases that need 911 or the ER, and how many were sent there."""
    needing = [w for w in found.walks if found.cases[w["case"]]["lowest_safe"] in URGENT_NOW]
    return sum(w["tier"] in URGENT_NOW for w in needing), len(needing)


def one_round(name: str) -> None:
    """Print each case's two walks, the verdicts, and agreement per question."""
    found = measured(name)
    print("case   lang  source     safe..reasonable       reader 1   reader 2")
    print("\n".join(found.lines))
    total = sum(found.verdicts.values())
    print(f"\nwalks: {total}; " + ", ".join(f"{k} {v}" for k, v in sorted(found.verdicts.items())))
    caught, needing = emergencies(found)
    print(f"emergencies sent to 911 or the ER: {caught} of {needing} walks")
    print("\nagreement per question (both readers answered it):")
    for question, (same, both) in sorted(
        found.agreed.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])
    ):
        print(f"  {question:22} {same:3} of {both:<3} {100 * same / both:5.1f}%")


def _cell(counts: list[int] | None) -> str:
    """Agreement as 'same of both (percent)', or a dash where the round did not ask it."""
    if not counts:
        return "–"
    same, both = counts
    return f"{same} of {both} ({100 * same / both:.0f} %)"


def table() -> str:
    """The two Markdown tables docs/pretesting.md shows: tiers, and agreement per question."""
    rounds = {name: measured(name) for name in ROUNDS}
    head = "| | " + " | ".join(ROUNDS) + " |\n|---|" + "---|" * len(ROUNDS) + "\n"
    rows = [
        (
            "cases (in Spanish)",
            [
                f"{len(r.cases)} ({sum(c['language'] == 'es' for c in r.cases.values())})"
                for r in rounds.values()
            ],
        ),
        ("walks", [str(len(r.walks)) for r in rounds.values()]),
    ]
    rows += [(f"tier {v}", [str(r.verdicts[v]) for r in rounds.values()]) for v in VERDICTS]
    rows.append(
        (
            "emergencies sent to 911 or the ER",
            ["{} of {}".format(*emergencies(r)) for r in rounds.values()],
        )
    )
    tiers = head + "".join(f"| {label} | " + " | ".join(cells) + " |\n" for label, cells in rows)
    questions = sorted({q for r in rounds.values() for q in r.agreed})
    columns = head.replace("| |", "| question |", 1).replace(" |\n|", " | as shipped |\n|---|", 1)
    agreement = columns + "".join(
        f"| `{q}` | "
        + " | ".join(_cell(r.agreed.get(q)) for r in rounds.values())
        + f" | {_cell(as_shipped(rounds, q))} |\n"
        for q in questions
    )
    return tiers + "\n" + agreement


def as_shipped(rounds: dict[str, Round], question: str) -> list[int] | None:
    """Agreement on a question's shipped words: every round that walked them, pooled (none
    for a question the shipped file no longer asks)."""
    if question not in load_questionnaire(ROOT / "questions.yaml").questions:
        return None
    first = ROUNDS.index(SHIPPED_SINCE.get(question, "round3"))
    pooled = [rounds[name].agreed.get(question) for name in ROUNDS[first:]]
    counted = [c for c in pooled if c]
    if not counted:
        return None
    return [sum(c[0] for c in counted), sum(c[1] for c in counted)]


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "table"
    if chosen == "table":
        print(table(), end="")
    else:
        one_round(chosen)
