"""Answers from outside: checked against their questions, encoded compactly for the cookie."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from screener.core.answers import parse_answers, plain_answers, worst_case_answers
from screener.core.cookie import (
    ATTRIBUTE_ROOM,
    COOKIE_BUCKET,
    COOKIE_LIMIT,
    SESSION_BUDGET,
    SESSION_EXTRAS,
    cookie_bytes,
    longest_sealed,
)
from screener.core.model import Questionnaire

PROBLEMS: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
    ({"legs": "both"}, []),
    ({"leg": "both"}, [("leg", 'unknown question "leg"; did you mean "legs"? [A008]')]),
    (
        {"legs": "bothh"},
        [("legs", '"bothh" is not an option of "legs"; did you mean "both"? [A001]')],
    ),
    (
        {"legs": 3},
        [("legs", '"3" is not an option of "legs"; its options are "one", "both" [A001]')],
    ),
    ({"saddle": True}, []),
    (
        {"saddle": "maybe"},
        [("saddle", '"maybe" is not an option of "saddle"; its options are "yes", "no" [A001]')],
    ),
    ({"legs": None}, []),
]


@pytest.mark.parametrize(("raw", "expected"), PROBLEMS)
def test_parse_answers_explains_what_does_not_fit(
    minimal: Questionnaire, raw: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    _, problems = parse_answers(minimal, raw)
    assert [(p.question, p.message) for p in problems] == expected


def test_yes_no_accepts_true_and_false(minimal: Questionnaire) -> None:
    answers, _ = parse_answers(minimal, {"saddle": False})
    assert answers == {"saddle": "no"}


def test_typed_answers(fixture_questionnaire: Questionnaire) -> None:
    answers, problems = parse_answers(
        fixture_questionnaire,
        {
            "bladder": ["leaking", "hard_to_start"],
            "leg_pain": "7",
            "back_pain": 3,
            "notes": " hi ",
        },
    )
    assert problems == []
    assert answers == {
        "bladder": frozenset({"leaking", "hard_to_start"}),
        "leg_pain": 7,
        "back_pain": 3,
        "notes": "hi",
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"bladder": ["none", "leaking"]},
            '"none" cannot be chosen together with other options of "bladder" [A003]',
        ),
        ({"bladder": {"a": 1}}, '"bladder" takes a list of options, like [hard_to_start] [A002]'),
        ({"leg_pain": 11}, '"leg_pain" takes a number from 0 to 10, not 11 [A005]'),
        ({"leg_pain": 2.5}, '"leg_pain" takes a whole number [A004]'),
        ({"back_pain": True}, '"back_pain" takes a whole number [A004]'),
        ({"notes": "x" * 201}, '"notes" takes at most 200 characters [A007]'),
        ({"notes": 5}, '"notes" takes a text [A006]'),
    ],
)
def test_typed_answer_problems(
    fixture_questionnaire: Questionnaire, raw: dict[str, Any], message: str
) -> None:
    _, problems = parse_answers(fixture_questionnaire, raw)
    assert [p.message for p in problems] == [message]


def test_the_budget_measures_the_real_cookie(fixture_questionnaire: Questionnaire) -> None:
    from screener.web.session import seal

    worst = worst_case_answers(fixture_questionnaire)
    real = seal({"answers": plain_answers(worst), **SESSION_EXTRAS}, "any key")
    # What the answers need, padded to the next whole bucket (1,024 characters).
    assert len(real) % COOKIE_BUCKET == 0
    assert len(real) - COOKIE_BUCKET < cookie_bytes(worst) <= len(real)


def test_cookies_are_padded_to_whole_buckets_within_the_browsers_limit() -> None:
    from screener.web.session import seal, unseal

    sizes = []
    for length in range(0, 3800, 50):
        # Random letters hardly compress: the value grows with them.
        note = secrets.token_urlsafe(length)[:length]
        value = seal({"answers": {"note": note}}, "any key")
        assert unseal(value, ["any key"]) == {"answers": {"note": note}}
        sizes.append(len(value))
    # Whole buckets, and at the top as much as leaves room for a 30-character name.
    assert sorted(set(sizes)) == [1024, 2048, 3072, 3964] and sizes == sorted(sizes)
    assert 3964 + 30 + ATTRIBUTE_ROOM <= COOKIE_LIMIT < 4096 + 30 + ATTRIBUTE_ROOM


def test_every_cookie_of_a_questionnaire_is_as_long_as_its_longest(
    fixture_questionnaire: Questionnaire,
) -> None:
    from screener.web.session import seal, unseal

    longest = longest_sealed(fixture_questionnaire)
    worst = {"answers": plain_answers(worst_case_answers(fixture_questionnaire)), **SESSION_EXTRAS}
    sessions = [{}, {"answers": {"legs": "one_leg"}, "lang": "es"}, worst]
    values = [seal(session, "any key", longest) for session in sessions]
    assert [unseal(v, ["any key"]) for v in values] == sessions
    # The longest, in whole steps of 128 characters: one length, whatever was answered.
    assert {len(v) for v in values} == {
        -(-cookie_bytes(worst_case_answers(fixture_questionnaire)) // 128) * 128
    }


def test_worst_case_answers_fit_the_budget(fixture_questionnaire: Questionnaire) -> None:
    worst = worst_case_answers(fixture_questionnaire)
    assert set(worst) == set(fixture_questionnaire.questions)
    assert cookie_bytes(worst) <= SESSION_BUDGET
