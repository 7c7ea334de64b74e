"""The safety proof: every property and promise, on planted problems, checked by brute force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from proof_support import (
    HIDDEN,
    LOWERED,
    NARROWED,
    SELF_CARE_CARD,
    SMALL,
    SMALL_COMBINATIONS,
    STOP_ON_A_GAP,
    VARIETY,
    build_lenient,
    chained,
    every_combination,
    planted,
)
from support import build, problems_in

from screener.authoring.loader import check_text
from screener.authoring.proof.findings import Proof
from screener.authoring.proof.readings import red_flag_readings
from screener.authoring.proof.space import Assignment
from screener.core import route
from screener.core.model import Questionnaire
from screener.core.triage import assess, journey_assessment
from screener.tools.scenarios import load_scenarios, run_scenario

CHOICE_LOWERS = planted(
    "{id: pain, tier: soon, when: pain >= 5,",
    '{id: pain, tier: soon, when: pain >= 5 and legs != "both",',
)
YES_LOWERS = planted(
    "{id: pain, tier: soon, when: pain >= 5,",
    '{id: pain, tier: soon, when: pain >= 5 and fever == "no",',
)
TICK_LOWERS = planted(
    """when: '"none" not in bladder'""",
    """when: '"weak" in bladder and "leak" not in bladder'""",
)
NUMBER_LOWERS = planted(
    'tier: urgent, when: fever == "yes" and pain >= 7,',
    'tier: urgent, when: fever == "yes" and pain >= 7 and pain <= 8,',
)
TWO_STOPS = planted(
    "red_flags:\n",
    'red_flags:\n  - {id: collapse, tier: call_911, when: fever == "yes" and pain == 10,'
    " title: C, message: M, source: X, say_on_arrival: S}\n",
    planted(
        "tiers:\n",
        "tiers:\n  - {id: call_911, headline: Call 911, action: Call., time_frame: Now,"
        " interrupt: true}\n",
    ),
)
TOO_HIGH = planted('when: legs == "back" and "none" in bladder', 'when: legs == "back"')
PAGE_NEVER = planted(
    '    show_if: legs == "both"\n', '    show_if: legs == "both" and legs == "one"\n'
)
FLAG_NEVER = planted(
    "{id: pain, tier: soon, when: pain >= 5,",
    "{id: pain, tier: soon, when: pain >= 5 and pain < 3,",
)

# A stopping flag that holds before any answer is given: the app stops at once.
STOP_AT_THE_START = planted(
    """when: '"none" not in bladder'""", """when: 'not ("none" in bladder or fever == "no")'"""
)
# One that holds while another answer on its own page is still blank.
STOP_ON_A_BLANK = planted(
    'tier: urgent, when: fever == "yes" and pain >= 7,',
    'tier: emergency, say_on_arrival: S, when: fever == "yes" and not (pain <= 10),',
)

PLANTS: dict[str, tuple[str, list[str]]] = {
    "a single choice that lowers the result": (
        CHOICE_LOWERS,
        [
            'questions.yaml:65:34: error: turning on legs "one" -> "both" lowers the result from "soon" to "self_care": red flag "pain" no longer fires; a red-flag answer must never make the result less urgent [S009]\n'
            '    # before turning it on: legs: one, bladder: [none], pain: 5, fever: "no", sleep: never\n'
            "    - name: turning on legs keeps the result at soon\n"
            '      answers: {legs: both, new: "no", bladder: [none], pain: 5, fever: "no", sleep: never}\n'
            "      expect: {tier_at_least: soon}"
        ],
    ),
    "a yes that lowers the result": (
        YES_LOWERS,
        [
            'questions.yaml:65:34: error: turning on fever "no" -> "yes" lowers the result from "soon" to "self_care": red flag "pain" no longer fires; a red-flag answer must never make the result less urgent [S009]\n'
            '    # before turning it on: legs: one, bladder: [none], pain: 5, fever: "no", sleep: never\n'
            "    - name: turning on fever keeps the result at soon\n"
            '      answers: {legs: one, bladder: [none], pain: 5, fever: "yes", sleep: never}\n'
            "      expect: {tier_at_least: soon}"
        ],
    ),
    "a ticked box that lowers the result": (
        TICK_LOWERS,
        [
            'questions.yaml:59:11: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" does not fire; these answers give "self_care" (the promise is on line 71) [S014]\n'
            "    - name: promise bladder_emergency\n"
            '      answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {tier_at_least: emergency}",
            'questions.yaml:59:11: error: turning on bladder: ticking "leak" lowers the result from "emergency" to "self_care": red flag "ces_bladder" no longer fires; a red-flag answer must never make the result less urgent [S009]\n'
            '    # before turning it on: legs: one, bladder: [weak], pain: 0, fever: "no", sleep: never\n'
            "    - name: turning on bladder keeps the result at emergency\n"
            '      answers: {legs: one, bladder: [leak, weak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {tier_at_least: emergency}",
        ],
    ),
    "a higher number that lowers the result": (
        NUMBER_LOWERS,
        [
            'questions.yaml:64:42: error: promise "fever_urgent" (when fever == "yes" and pain >= 7, the result is at least "urgent") does not hold: red flag "fever_pain" does not fire; these answers give "soon" (the promise is on line 73) [S014]\n'
            "    - name: promise fever_urgent\n"
            '      answers: {legs: one, bladder: [none], pain: 9, fever: "yes", sleep: never}\n'
            "      expect: {tier_at_least: urgent}",
            'questions.yaml:64:42: error: turning on pain 7 -> 10 lowers the result from "urgent" to "soon": red flag "fever_pain" no longer fires; a red-flag answer must never make the result less urgent [S009]\n'
            '    # before turning it on: legs: one, bladder: [none], pain: 7, fever: "yes", sleep: never\n'
            "    - name: turning on pain keeps the result at urgent\n"
            '      answers: {legs: one, bladder: [none], pain: 10, fever: "yes", sleep: never}\n'
            "      expect: {tier_at_least: urgent}",
        ],
    ),
    "a narrowed emergency flag": (
        NARROWED,
        [
            'questions.yaml:59:11: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" does not fire; these answers give "self_care" (the promise is on line 71) [S014]\n'
            "    - name: promise bladder_emergency\n"
            '      answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {tier_at_least: emergency}"
        ],
    ),
    "a lowered emergency flag": (
        LOWERED,
        [
            'questions.yaml:58:11: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" reads these answers but sends people to "soon"; these answers give "soon" (the promise is on line 71) [S014]\n'
            "    - name: promise bladder_emergency\n"
            '      answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {tier_at_least: emergency}"
        ],
    ),
    "a hidden emergency question": (
        HIDDEN,
        [
            'questions.yaml:25:14: error: promise "bladder_asked" (question "bladder" is asked of everyone) does not hold: it is not asked when legs is "back"; these answers give "self_care" (the promise is on line 73) [S014]\n'
            "    - name: promise bladder_asked\n"
            '      answers: {legs: back, pain: 0, fever: "no", sleep: never}\n'
            "      expect: {pages_shown: [bladder]}",
            'questions.yaml:25:14: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" would fire, but "bladder" is not asked when legs is "back"; these answers give "self_care" (the promise is on line 72) [S014]\n'
            "    - name: promise bladder_emergency\n"
            '      answers: {legs: back, pain: 0, fever: "no", sleep: never, bladder: [leak]}\n'
            "      # not asked of this person: bladder\n"
            "      expect: {tier_at_least: emergency}",
            'questions.yaml:60:11: warning: red flag "ces_bladder" reads "bladder", which is not asked when legs is "back"; with those answers this flag cannot fire. Ask "bladder" of everyone, or, once a clinician confirms the hiding is safe, add "bladder" to this flag\'s safe_when_hidden [S008]',
        ],
    ),
    "a stop that rests on an answer not yet given": (
        STOP_ON_A_GAP,
        [
            'questions.yaml:59:11: error: red flag "ces_bladder" stops the questionnaire while "fever" and "pain" are not yet answered, but answering can take the flag back; a flag that stops the questionnaire must still hold once every question is answered [S011]\n'
            "    - name: ces_bladder holds once every question is answered\n"
            '      answers: {legs: one, bladder: [leak], pain: 10, fever: "yes", sleep: never}\n'
            "      expect: {red_flags_include: [ces_bladder]}"
        ],
    ),
    "a self-care card on an emergency result": (
        SELF_CARE_CARD,
        [
            'questions.yaml:67:5: error: guidance card "rest" suits self care but shows on a "emergency" result; restrict its tiers, or mark it safe_on_urgent: true once a clinician agrees [S012]\n'
            "    - name: no self-care card rest on emergency\n"
            '      answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {guidance_exclude: [rest]}",
            'questions.yaml:67:5: error: promise "no_rest_on_go" (card "rest" never shows on "emergency", "urgent" results) does not hold: guidance card "rest" shows; these answers give "urgent" (the promise is on line 74) [S014]\n'
            "    - name: promise no_rest_on_go\n"
            '      answers: {legs: one, bladder: [none], pain: 7, fever: "yes", sleep: never}\n'
            "      expect: {guidance_exclude: [rest]}",
        ],
    ),
    "a result above its promised most": (
        TOO_HIGH,
        [
            'questions.yaml:59:11: error: promise "back_not_emergency" (when legs == "back", the result is at most "urgent") does not hold: red flag "ces_bladder" fires; these answers give "emergency" (the promise is on line 75) [S014]\n'
            "    - name: promise back_not_emergency\n"
            '      answers: {legs: back, bladder: [leak], pain: 0, fever: "no", sleep: never}\n'
            "      expect: {tier_at_most: urgent}"
        ],
    ),
    "a page no answers show": (
        PAGE_NEVER,
        [
            'questions.yaml:20:14: error: no answers can show page "new": its show_if can never be true given the answers on earlier pages; check the condition [S005]',
            'questions.yaml:51:11: error: no answers can raise red flag "ces_both": its condition only holds for answers that are never shown together on one route, or only after an emergency has already stopped the questionnaire; check the condition [S007]',
        ],
    ),
    "a red flag no answers raise": (
        FLAG_NEVER,
        [
            'questions.yaml:65:34: error: no answers can raise red flag "pain": its condition can never be true for answers people can give; check the condition [S006]'
        ],
    ),
}


def test_the_small_questionnaire_is_proven_safe() -> None:
    assert problems_in(SMALL) == []


@pytest.mark.parametrize("name", PLANTS)
def test_a_planted_problem_is_found_at_its_line(name: str) -> None:
    text, expected = PLANTS[name]
    assert problems_in(text) == expected


def _scenario_lines(problem: str) -> list[str]:
    return [line[4:] for line in problem.splitlines()[1:]]


@pytest.mark.parametrize("name", [n for n in PLANTS if n != "a page no answers show"])
def test_every_counterexample_fails_when_pasted_as_a_scenario(name: str, tmp_path: Path) -> None:
    text, expected = PLANTS[name]
    planted_q, small = build_lenient(text), build(SMALL)
    for problem in expected:
        lines = _scenario_lines(problem)
        if not lines:
            continue
        path = tmp_path / "s.yaml"
        path.write_text("scenarios:\n" + "".join(f"  {line}\n" for line in lines))
        [scenario], problems = load_scenarios(path, planted_q)
        assert problems == []
        assert run_scenario(planted_q, scenario).failures != (), problem
        if text is not TOO_HIGH:  # that plant weakens the promise itself
            assert run_scenario(small, scenario).failures == (), problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            STOP_AT_THE_START,
            'questions.yaml:59:11: error: red flag "ces_bladder" stops the questionnaire while "bladder" and "fever" are not yet answered, but answering can take the flag back; a flag that stops the questionnaire must still hold once every question is answered [S011]',
        ),
        (
            STOP_ON_A_BLANK,
            'questions.yaml:64:64: error: red flag "fever_pain" stops the questionnaire while "pain" is not yet answered, but answering can take the flag back; a flag that stops the questionnaire must still hold once every question is answered [S011]',
        ),
    ],
)
def test_a_stop_that_rests_on_a_missing_answer_is_refused(text: str, expected: str) -> None:
    assert expected in [p.splitlines()[0] for p in problems_in(text)]


def test_a_no_that_is_the_warning_sign_is_asked_the_other_way_round() -> None:
    # "Can you walk?": "no" is the warning sign, but a yes/no question counts "yes" as the
    # answer turned on, so the check asks for the question to be turned round.
    walk = SMALL.replace("text: Fever?", "text: Can you walk?").replace(
        'fever == "yes"', 'fever == "no"'
    )
    [problem] = problems_in(walk)
    assert problem.splitlines()[0] == (
        'questions.yaml:64:42: error: turning on fever "no" -> "yes" lowers the result from '
        '"urgent" to "soon": red flag "fever_pain" no longer fires; if "no" is the warning '
        'sign, ask "fever" the other way round, so that "yes" is; a red-flag answer must '
        "never make the result less urgent [S009]"
    )


def test_no_false_alarm_for_a_number_read_low_by_one_flag_and_high_by_another() -> None:
    # Low is worse for one reason and high for another, as for a body temperature.
    two_sided = planted(
        "{id: pain, tier: soon, when: pain >= 5,",
        "{id: pain, tier: soon, when: pain <= 1 or pain >= 9,",
    )
    assert problems_in(two_sided) == []


def test_two_numbers_far_apart_compared_do_not_stall_the_proof() -> None:
    text = SMALL.split("pages:\n")[0] + (
        "pages:\n  - id: p0\n    title: P0\n    questions:\n"
        "      - {id: a, type: number, text: A, min: -1000000, max: 1000000}\n"
        "      - {id: b, type: number, text: B, min: -1000000, max: 1000000}\n"
        "red_flags:\n"
        "  - {id: f2, tier: soon, when: a > b, title: T, message: M, source: X}\n"
        "  - {id: f3, tier: emergency, when: a == b, title: T, message: M, source: X,"
        " say_on_arrival: S}\n"
        "safety_net: {title: Safety, body: Call 911.}\n"
        "disclaimer: {title: About, body: Not a diagnosis.}\n"
    )
    report = check_text(text, time_limit=None)  # stalling would run out of memory instead
    assert report.ok and report.proof is not None
    assert report.proof.combinations == 2_000_001**2


def test_an_early_stop_must_not_hide_a_more_urgent_result() -> None:
    problems = problems_in(TWO_STOPS)
    hides = [p.splitlines()[0] for p in problems if "can already stop" in p]
    assert hides == [
        'questions.yaml:50:42: error: red flag "collapse" (tier "call_911") reads answers asked after the questionnaire can already stop for "emergency", after page "bladder"; ask its questions earlier, so that the most urgent result is the one shown [S010]',
        'questions.yaml:50:42: error: red flag "collapse" (tier "call_911") reads answers asked after the questionnaire can already stop for "emergency", after page "new"; ask its questions earlier, so that the most urgent result is the one shown [S010]',
    ]


# -- the diagrams against the engine, combination by combination ------------------------------


def _assignment(proof: Proof, answers: dict[str, Any]) -> Assignment:
    found: Assignment = {}
    for qid, view in proof.outcomes.views.items():
        found.update(view.slot.encode(answers.get(qid)))
    return found


@pytest.mark.parametrize(
    "text", [SMALL, TWO_STOPS, STOP_ON_A_GAP, HIDDEN, VARIETY, STOP_AT_THE_START, STOP_ON_A_BLANK]
)
@pytest.mark.slow
def test_the_diagrams_agree_with_the_app_on_every_combination(text: str) -> None:
    q = build_lenient(text)
    proof = Proof(q)
    outcomes = proof.outcomes
    combinations = list(every_combination(q))
    slots = [view.slot for view in outcomes.views.values()]
    assert proof.space.count(proof.domain, slots) == len(combinations)
    for answers in combinations:
        assignment = _assignment(proof, answers)
        assert outcomes.evaluate(proof.domain, assignment)
        shown = journey_assessment(q, answers)
        whole = assess(q, answers)
        assert proof.tier(assignment).id == shown.tier.id, answers
        assert proof.tier(assignment, outcomes.full_tiers).id == whole.tier.id, answers
        assert sorted(proof.fired(assignment)) == sorted(f.flag.id for f in shown.red_flags)
        cards = [c.id for c in q.guidance if outcomes.evaluate(outcomes.card(c.id), assignment)]
        assert cards == [c.id for c in shown.guidance], answers
        walked = route.route(q, answers)
        asked = {question.id for page in walked.pages for question in walked.questions[page.id]}
        for qid in outcomes.views:
            assert outcomes.evaluate(outcomes.shown[qid], assignment) == (qid in asked), answers


def test_the_small_questionnaire_has_the_combinations_counted_by_hand() -> None:
    assert len(list(every_combination(build(SMALL)))) == SMALL_COMBINATIONS == 1584


# -- monotonicity, decided by brute force -------------------------------------------------------


def _raised(q: Questionnaire, qid: str, value: Any) -> list[Any]:
    """Every 'turning on' of one answer, written out from the definition in the docs."""
    question = q.questions[qid]
    readings = red_flag_readings(q)[qid]
    if question.type == "yes_no":
        return ["yes"] if value != "yes" else []
    if question.type == "single_choice":
        return [] if value in readings.options else sorted(readings.options)
    if question.type == "multiple_choice":
        chosen = value or frozenset()
        exclusive = {o.value for o in question.options if o.exclusive}
        return [
            frozenset((chosen - exclusive) | {o})
            for o in question.option_values
            if o not in chosen and o not in exclusive
        ]
    if value is None or not readings.directions:
        return []
    low, high = question.minimum or 0, question.maximum or 0
    up = 1 in readings.directions
    return [n for n in range(low, high + 1) if (n > value if up else n < value)]


def _lowering_questions(q: Questionnaire) -> set[str]:
    lowering = set()
    rank = q.tier_by_id
    for answers in every_combination(q):
        before = rank[journey_assessment(q, answers).tier.id].rank
        for qid in q.questions:
            if qid not in answers and q.questions[qid].required:
                continue
            for value in _raised(q, qid, answers.get(qid)):
                after = journey_assessment(q, {**answers, qid: value}).tier
                if rank[after.id].rank > before:
                    lowering.add(qid)
    return lowering


@pytest.mark.parametrize(
    ("text", "lowering"),
    [
        (SMALL, set()),
        (CHOICE_LOWERS, {"legs"}),
        (YES_LOWERS, {"fever"}),
        (TICK_LOWERS, {"bladder"}),
        (NUMBER_LOWERS, {"pain"}),
        (TWO_STOPS, {"bladder", "legs", "new"}),
    ],
)
@pytest.mark.slow
def test_monotonicity_matches_brute_force(text: str, lowering: set[str]) -> None:
    q = build_lenient(text)
    assert _lowering_questions(q) == lowering
    found = {
        p.split("turning on ")[1].split(" ")[0].rstrip(":")
        for p in problems_in(text)
        if "turning on " in p.splitlines()[0]
    }
    assert found == lowering


# -- limits -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("racing_clock")
def test_a_proof_that_runs_out_of_time_says_so_and_stops() -> None:
    text = chained(12)
    line = text.splitlines().index("red_flags:") + 1
    report = check_text(text, time_limit=5)
    assert [str(p) for p in report.problems] == [
        f"questions.yaml:{line}:1: error: the safety proof could not be finished: it did not "
        "finish within 5 s. Split long conditions into simpler red flags, or give it longer "
        "with screener check --time-limit SECONDS [S003]"
    ]
    assert check_text(text, time_limit=None).ok  # and given no limit it finishes


def test_every_operator_has_its_meaning_in_the_proof() -> None:
    from screener.authoring.proof.comparisons import COMPARISONS
    from screener.core.conditions import OPERATORS

    assert set(COMPARISONS) == set(OPERATORS)


def test_a_promise_on_its_own_holds_the_other_answers_calm() -> None:
    # Severe pain on its own is "soon"; with a fever as well it is urgent, which a plain
    # at-most promise would forbid, but one "on its own" allows.
    promise = "{id: pain_alone, when: pain >= 8, on_its_own: true, result_at_most: soon}"
    text = planted("promises:\n", f"promises:\n  - {promise}\n")
    assert problems_in(text) == []
    plain = text.replace(", on_its_own: true", "")
    [problem] = problems_in(plain)
    assert problem.splitlines()[0] == (
        'questions.yaml:64:42: error: promise "pain_alone" (when pain >= 8, the result is at '
        'most "soon") does not hold: red flag "fever_pain" fires; these answers give "urgent" '
        "(the promise is on line 71) [S014]"
    )
    lonely = text.replace("when: pain >= 8, ", "")
    assert [p.split(": error: ")[1] for p in problems_in(lonely)] == [
        '"on_its_own" says the rest of the answers are calm beside the "when"; add the "when" '
        "it goes with [F029]"
    ]
