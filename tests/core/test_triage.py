"""Triage: fired red flags with their reasons, the most urgent tier, guidance that fits."""

from __future__ import annotations

import pytest
from support import FIXTURE, FIXTURE_SCENARIOS, MINIMAL, build

from screener.authoring.loader import load_questionnaire
from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.core.route import route
from screener.core.triage import assess, assess_route, interrupting_flags, interrupts, stops
from screener.tools.scenarios import load_scenarios

TIERS = """\
tiers:
  - {id: emergency, headline: Go now, action: Go., time_frame: Now, interrupt: true}
  - {id: urgent, headline: Today, action: Call., time_frame: Today}
  - {id: soon, headline: Soon, action: Book., time_frame: Weeks}
  - {id: self_care, headline: Home, action: Rest., time_frame: Later}
"""
PAGES = """\
pages:
  - id: legs
    title: Legs
    questions:
      - id: legs
        type: single_choice
        text: Where?
        options:
          - {value: one, label: One}
          - {value: both, label: Both}
      - id: pain
        type: scale
        text: How bad?
  - id: saddle
    title: Saddle
    show_if: legs == "both"
    questions:
      - {id: saddle, type: yes_no, text: Numb?}
  - id: sleep
    title: Sleep
    questions:
      - {id: sleep, type: yes_no, text: Does pain wake you?}
"""
FLAGS = """\
red_flags:
  - {id: sleep, tier: soon, when: sleep == "yes", title: S, message: M, source: X}
  - {id: saddle, tier: emergency, when: saddle == "yes", title: S, message: M, source: X,
     say_on_arrival: Say, safe_when_hidden: [saddle]}
  - {id: severe, tier: urgent, when: pain >= 8 or (legs == "both" and pain >= 6), title: S,
     message: M, source: X}
  - {id: both, tier: soon, when: legs == "both", title: S, message: M, source: X}
guidance:
  - {id: rest, title: R, body: B, source: X, tiers: [self_care, soon]}
  - {id: night, title: N, body: B, source: X, when: sleep == "yes", safe_on_urgent: true}
  - {id: wait, title: W, body: B, source: X, tiers: [emergency, urgent]}
"""


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    text = MINIMAL
    text = text[: text.index("tiers:")] + TIERS + PAGES + FLAGS + text[text.index("safety_net:") :]
    return build(text)


CASES: list[tuple[dict[str, AnswerValue], str, list[str], list[str]]] = [
    ({"legs": "one", "pain": 3, "sleep": "no"}, "self_care", [], ["rest"]),
    ({"legs": "one", "pain": 3, "sleep": "yes"}, "soon", ["sleep"], ["rest", "night"]),
    ({"legs": "one", "pain": 8, "sleep": "yes"}, "urgent", ["severe", "sleep"], ["night", "wait"]),
    ({"legs": "both", "pain": 6, "saddle": "no"}, "urgent", ["severe", "both"], ["wait"]),
    (
        {"legs": "both", "pain": 9, "saddle": "yes", "sleep": "yes"},
        "emergency",
        ["saddle", "severe", "sleep", "both"],
        ["night", "wait"],
    ),
    # An answer on a page that is no longer shown cannot fire anything.
    ({"legs": "one", "pain": 1, "saddle": "yes"}, "self_care", [], ["rest"]),
]


@pytest.mark.parametrize(("answers", "tier", "flags", "cards"), CASES)
def test_assessment(
    q: Questionnaire, answers: dict[str, AnswerValue], tier: str, flags: list[str], cards: list[str]
) -> None:
    result = assess(q, answers)
    assert result.tier.id == tier
    assert [f.flag.id for f in result.red_flags] == flags
    assert [g.id for g in result.guidance] == cards


def test_fired_flags_carry_the_answers_behind_them(q: Questionnaire) -> None:
    result = assess(q, {"legs": "both", "pain": 6, "sleep": "yes"})
    assert {f.flag.id: f.because for f in result.red_flags} == {
        "severe": ("legs", "pain"),
        "sleep": ("sleep",),
        "both": ("legs",),
    }


def test_only_interrupting_tiers_interrupt(q: Questionnaire) -> None:
    assert interrupting_flags(q, {"legs": "both", "pain": 9}) == ()
    [fired] = interrupting_flags(q, {"legs": "both", "saddle": "yes"})
    assert fired.flag.id == "saddle"
    assert interrupting_flags(q, {"legs": "one", "saddle": "yes"}) == ()


def test_pages_shown_are_part_of_the_assessment(q: Questionnaire) -> None:
    assert [p.id for p in assess(q, {"legs": "one"}).pages] == ["legs", "sleep"]


@pytest.mark.parametrize(("answers", "_tier", "_flags", "_cards"), CASES)
def test_stops_says_what_the_whole_assessment_says(
    q: Questionnaire, answers: dict[str, AnswerValue], _tier: str, _flags: list[str], _cards: object
) -> None:
    walk = route(q, answers)
    assert stops(walk) is interrupts(assess_route(walk))


def test_stops_agree_with_the_assessment_on_every_scenario() -> None:
    q = load_questionnaire(FIXTURE)
    seen = set()
    for path in sorted(FIXTURE_SCENARIOS.glob("*.yaml")):
        scenarios, _problems = load_scenarios(path, q)
        for scenario in scenarios:
            walk = route(q, scenario.answers)
            # Every stretch of the journey, as the app asks after each page.
            for end in range(len(walk.pages) + 1):
                known = {
                    question.id: walk.answers[question.id]
                    for page in walk.pages[:end]
                    for question in walk.questions[page.id]
                    if question.id in walk.answers
                }
                partial = route(q, known)
                expected = interrupts(assess_route(partial))
                assert stops(partial) is expected, (scenario.name, end)
                seen.add(expected)
    assert seen == {True, False}


def test_only_flags_up_to_the_last_interrupting_one_can_stop(q: Questionnaire) -> None:
    assert [(flag.id, stop) for flag, stop in q.stopping_order] == [("saddle", True)]
