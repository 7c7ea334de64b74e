"""The shipped questionnaire and a calm journey through it: the benchmarks measure the real
content, while the tests run on their own fixture. New questions get their calmest answer."""

from __future__ import annotations

from pathlib import Path

from support import ROOT, calm_answers

from screener.authoring.loader import load_questionnaire

SHIPPED = ROOT / "questions.yaml"
# A person with one-sided sciatica and no warning sign, as the published figures used.
_TYPICAL: dict[str, str | list[str]] = {
    "legs": "one_leg",
    "age": "16_49",
    "leg_pain": "4",
    "back_pain": "2",
    "numbness": ["below_knee"],
    "duration": "1_to_4_weeks",
    "trend": "better",
}


def benign(path: Path = SHIPPED) -> dict[str, str | list[str]]:
    """The calm answers to every question of the file, with the typical person's where the
    file still asks them."""
    q = load_questionnaire(path)
    typical = {k: v for k, v in _TYPICAL.items() if k in q.questions}
    return {**calm_answers(q), **typical}
