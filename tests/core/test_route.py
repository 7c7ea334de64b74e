"""The route: which pages show for which answers, where next and back lead, what is dropped."""

from __future__ import annotations

import textwrap

import pytest
from support import MINIMAL, build

from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.core.route import (
    effective_answers,
    first_unanswered_page,
    next_page,
    previous_page,
    stale_answers,
    visible_pages,
)

PAGES = textwrap.indent(
    textwrap.dedent(
        """\
        - id: legs
          title: Legs
          questions:
            - id: legs
              type: single_choice
              text: Where?
              options:
                - {value: one, label: One}
                - {value: both, label: Both}
                - {value: none, label: Neither}
        - id: where
          title: Where
          show_if: legs != "none"
          questions:
            - id: where
              type: multiple_choice
              text: Where exactly?
              options:
                - {value: thigh, label: Thigh}
                - {value: foot, label: Foot}
                - {value: none, label: None of these, exclusive: true}
            - id: both_new
              type: yes_no
              text: Is it new in both legs?
              show_if: legs == "both"
        - id: saddle
          title: Saddle
          questions:
            - id: saddle
              type: yes_no
              text: Numb?
        - id: pain
          title: Pain
          questions:
            - id: pain
              type: scale
              text: How bad?
            - id: notes
              type: text
              text: Anything else?
        - id: detail
          title: Detail
          questions:
            - id: detail
              type: yes_no
              text: Does it wake you?
              show_if: pain >= 7
        """
    ),
    "  ",
)


@pytest.fixture(scope="module")
def branching() -> Questionnaire:
    start = MINIMAL.index("pages:\n") + len("pages:\n")
    end = MINIMAL.index("red_flags:")
    return build(MINIMAL[:start] + PAGES + MINIMAL[end:])


def _ids(pages: object) -> list[str]:
    return [p.id for p in pages]  # type: ignore[attr-defined]


ROUTES: list[tuple[dict[str, AnswerValue], list[str]]] = [
    # An unanswered question makes `legs != "none"` false too, so "where" waits for an answer.
    ({}, ["legs", "saddle", "pain"]),
    ({"legs": "none"}, ["legs", "saddle", "pain"]),
    ({"legs": "one", "pain": 3}, ["legs", "where", "saddle", "pain"]),
    ({"legs": "one", "pain": 7}, ["legs", "where", "saddle", "pain", "detail"]),
    ({"legs": "none", "pain": 10}, ["legs", "saddle", "pain", "detail"]),
]


@pytest.mark.parametrize(("answers", "expected"), ROUTES)
def test_visible_pages(
    branching: Questionnaire, answers: dict[str, AnswerValue], expected: list[str]
) -> None:
    assert _ids(visible_pages(branching, answers)) == expected


def test_a_page_whose_questions_are_all_hidden_is_not_shown(branching: Questionnaire) -> None:
    assert "detail" not in _ids(visible_pages(branching, {"pain": 6}))


def test_question_show_if_uses_earlier_answers(branching: Questionnaire) -> None:
    answers: dict[str, AnswerValue] = {"legs": "both", "both_new": "yes"}
    assert effective_answers(branching, answers) == answers
    assert effective_answers(branching, {"legs": "one", "both_new": "yes"}) == {"legs": "one"}


def test_changing_an_answer_drops_answers_on_pages_no_longer_shown(
    branching: Questionnaire,
) -> None:
    answers: dict[str, AnswerValue] = {
        "legs": "none",
        "where": frozenset({"foot"}),
        "both_new": "yes",
        "saddle": "no",
    }
    assert stale_answers(branching, answers) == {"where", "both_new"}


@pytest.mark.parametrize(
    ("answers", "current", "after", "before"),
    [
        ({}, "legs", "saddle", None),
        ({"legs": "both"}, "legs", "where", None),
        ({"legs": "none"}, "legs", "saddle", None),
        ({"legs": "none"}, "saddle", "pain", "legs"),
        ({"legs": "one"}, "saddle", "pain", "where"),
        ({"pain": 2}, "pain", None, "saddle"),
        ({"pain": 8}, "pain", "detail", "saddle"),
        # A page that is no longer shown still has a sensible next and previous page.
        ({"legs": "none"}, "where", "saddle", "legs"),
    ],
)
def test_next_and_previous_page(
    branching: Questionnaire,
    answers: dict[str, AnswerValue],
    current: str,
    after: str | None,
    before: str | None,
) -> None:
    following = next_page(branching, answers, current)
    preceding = previous_page(branching, answers, current)
    assert (following.id if following else None) == after
    assert (preceding.id if preceding else None) == before


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "legs"),
        ({"legs": "none"}, "saddle"),
        ({"legs": "one"}, "where"),
        ({"legs": "none", "saddle": "no", "pain": 1}, None),
        ({"legs": "none", "saddle": "no", "pain": 8}, "detail"),
    ],
)
def test_first_unanswered_page_skips_optional_questions(
    branching: Questionnaire, answers: dict[str, AnswerValue], expected: str | None
) -> None:
    page = first_unanswered_page(branching, answers)
    assert (page.id if page else None) == expected
