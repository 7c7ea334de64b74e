"""How long journeys are on the real pages, in each language: pages, taps and words read
before the advice (tests/journey_length.py counts them).

By default, three journeys:
- benign: one-sided sciatica for 1 to 4 weeks, getting better, no warning sign;
- soon: the same, unchanged for more than 4 weeks and never examined;
- emergency: the same, with new numbness where one sits (the saddle area).

With --emergencies, every scenario that ends in 911 or the ER, with the questions its
scenario leaves out answered so that its result stays the same.

Run: .venv/bin/python scripts/journey_length.py [--emergencies] [QUESTIONS.yaml [SCENARIOS]]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from journey_length import Journey, walk  # noqa: E402
from shipped import benign  # noqa: E402
from support import posted_journey  # noqa: E402

from screener.authoring.loader import load_questionnaire  # noqa: E402
from screener.core.answers import parse_answers  # noqa: E402
from screener.core.model import Questionnaire  # noqa: E402
from screener.core.triage import assess  # noqa: E402
from screener.tools.scenarios import load_scenarios, scenario_files  # noqa: E402

JOURNEYS: dict[str, dict[str, object]] = {
    "benign": {},
    "soon": {"duration": "over_4_weeks", "trend": "same", "checked": "no"},
    "emergency": {"saddle": "yes"},
}
STOPPING = {"call_911", "emergency"}


def _row(name: str, language: str, journey: Journey, tier: str) -> str:
    return (
        f"| {name} | {language} | {len(journey.pages)} | {journey.taps} | "
        f"{journey.words} | {journey.minutes():.1f} | {tier} |"
    )


def three_journeys(path: Path, q: Questionnaire) -> None:
    """The benign, soon and emergency journeys."""
    for name, changes in JOURNEYS.items():
        answers = {**benign(path), **changes}
        parsed, _ = parse_answers(q, {k: v for k, v in answers.items() if k in q.questions})
        tier = assess(q, parsed).tier.id
        for language in q.meta.languages:
            print(_row(name, language, walk(path, language, answers), tier))


def emergencies(path: Path, q: Questionnaire, scenarios: Path) -> None:
    """Every scenario that stops the questionnaire for 911 or the ER."""
    for file in scenario_files([scenarios]):
        for scenario in load_scenarios(file, q)[0]:
            tier = assess(q, scenario.answers).tier.id
            if tier not in STOPPING:
                continue
            answers = posted_journey(q, scenario.answers)
            for language in q.meta.languages:
                print(_row(scenario.name, language, walk(path, language, answers), tier))


def main() -> None:
    """Print one table row per journey and language."""
    args = [a for a in sys.argv[1:] if a != "--emergencies"]
    path = Path(args[0]) if args else ROOT / "questions.yaml"
    q = load_questionnaire(path)
    print("| journey | language | pages | taps | words | minutes | advice |")
    print("|---|---|---:|---:|---:|---:|---|")
    if "--emergencies" in sys.argv:
        emergencies(path, q, Path(args[1]) if len(args) > 1 else path.parent / "scenarios")
    else:
        three_journeys(path, q)


if __name__ == "__main__":
    main()
