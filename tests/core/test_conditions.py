"""Conditions: parsing, static checks and evaluation, table-driven, plus a property test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.authoring.condition_checks import check_condition
from screener.authoring.condition_parser import parse_condition
from screener.core.conditions import AnswerValue, ConditionError
from screener.core.model import Option, Question


def _question(
    qid: str, qtype: str, kind: str, options: tuple[str, ...] = (), **extra: int
) -> Question:
    return Question(
        id=qid,
        type=qtype,
        value_kind=kind,
        text={"en": qid},
        page="p",  # type: ignore[arg-type]
        options=tuple(Option(v, {"en": v}) for v in options),
        **extra,  # type: ignore[arg-type]
    )


SUBJECTS = {
    "legs": _question("legs", "single_choice", "choice", ("one", "both", "alternating")),
    "saddle": _question("saddle", "yes_no", "choice", ("yes", "no")),
    "where": _question("where", "multiple_choice", "choices", ("thigh", "foot", "none")),
    "pain": _question("pain", "scale", "int", minimum=0, maximum=10),
    "days": _question("days", "number", "int", minimum=0, maximum=3650),
    "notes": _question("notes", "text", "text"),
}

PARSE_ERRORS = [
    ("", 0, "the condition is empty [C001]"),
    (
        "legs",
        0,
        '"legs" on its own is not a condition; compare it, for example legs == "yes" [C008]',
    ),
    ('legs = "both"', 5, 'to compare, write "==" (two equals signs), not "=" [C007]'),
    ('legs == "a" && pain > 3', 12, '"&&" is not understood here; use "and" [C006]'),
    ('legs == "a" || pain > 3', 12, '"||" is not understood here; use "or" [C006]'),
    ("pain > 7.5", 7, "use whole numbers only (for example 7, not 7.5) [C015]"),
    (
        "saddle == True",
        10,
        "true, false and None are not used in conditions; compare the answer, "
        'for example saddle_numbness == "yes" [C014]',
    ),
    ("pain is 3", 0, '"is" is not used in conditions; write "==" or "!=" [C009]'),
    ("len(where) > 1", 0, 'unknown function "len"; the functions are "answered", "count" [C010]'),
    ("answerd(legs)", 0, 'unknown function "answerd"; did you mean "answered"? [C010]'),
    (
        "answered(legs, pain)",
        0,
        "answered() takes one question id, for example answered(legs) [C011]",
    ),
    ("legs in []", 8, "the list is empty; put the values to match inside [ ] [C012]"),
    ('legs in ["a", 1]', 8, "a list must hold only texts or only numbers [C013]"),
    (
        "pain + 1 > 3",
        0,
        "only comparisons (== != < <= > >= in, not in), and, or, not, brackets, "
        "quoted texts, whole numbers, [lists] and the functions answered(), count() can be used here [C016]",
    ),
    (
        'legs == "both',
        8,
        "this condition cannot be read; check the quotes, brackets and operators "
        '(for example: pain >= 7 and legs == "both") [C003]',
    ),
    ("x" * 1001, 0, "the condition is longer than 1000 characters; split the rule in two [C002]"),
]


@pytest.mark.parametrize(("text", "offset", "message"), PARSE_ERRORS)
def test_parse_errors(text: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert (caught.value.offset, caught.value.message) == (offset, message)


def test_equals_sign_inside_quotes_is_fine() -> None:
    assert parse_condition('legs == "a=b"').questions == ("legs",)


CHECK_ERRORS = [
    ('lgs == "one"', [(0, 'unknown question "lgs" in condition; did you mean "legs"? [C018]')]),
    ('legs == "bothh"', [(8, '"bothh" is not an option of "legs"; did you mean "both"? [C026]')]),
    (
        'legs in ["one", "tow"]',
        [
            (
                8,
                '"tow" is not an option of "legs"; its options are "one", "both", "alternating" [C026]',
            )
        ],
    ),
    ("legs == both", [(8, '"both" looks like an option value; put it in quotes: "both" [C017]')]),
    (
        'where == "foot"',
        [(0, '"where" can hold several answers; write "foot" in where instead [C023]')],
    ),
    (
        'where != "foot"',
        [(0, '"where" can hold several answers; write "foot" not in where instead [C023]')],
    ),
    (
        'pain == "7"',
        [
            (
                0,
                "cannot compare a number with a quoted text; option values go in "
                'quotes ("yes") and numbers do not (7) [C024]',
            )
        ],
    ),
    (
        "legs == 1",
        [
            (
                0,
                "cannot compare a question with one answer with a number; option values "
                'go in quotes ("yes") and numbers do not (7) [C024]',
            )
        ],
    ),
    (
        'legs > "one"',
        [(0, '">" cannot compare a question with one answer with a quoted text [C025]')],
    ),
    ("pain >= 11", [(8, '"pain" goes from 0 to 10, so 11 can never match [C027]')]),
    (
        'notes == "x"',
        [(0, '"notes" is a text question; free-text answers cannot be used in rules [C021]')],
    ),
    (
        "count(legs) > 1",
        [(0, 'count() cannot be used with "legs", a question with one answer [C022]')],
    ),
    (
        "answered(notes)",
        [(0, 'answered() cannot be used with "notes", a free-text question [C022]')],
    ),
    (
        "count(where)",
        [(0, "count() gives a number; compare it, for example count(where) >= 2 [C019]")],
    ),
    (
        '"foot" in legs',
        [(0, '"in" cannot compare a quoted text with a question with one answer [C025]')],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CHECK_ERRORS)
def test_static_check_errors(text: str, expected: list[tuple[int, str]]) -> None:
    found = check_condition(parse_condition(text), SUBJECTS)
    assert [(e.offset, e.message) for e in found] == expected


ANSWERS: dict[str, AnswerValue] = {
    "legs": "both",
    "saddle": "no",
    "where": frozenset({"thigh", "foot"}),
    "pain": 7,
    "days": 50,
}

TRUTH = [
    ('legs == "both"', True),
    ('legs != "both"', False),
    ('legs in ["one", "both"]', True),
    ('legs not in ["one", "both"]', False),
    ('"foot" in where', True),
    ('"none" not in where', True),
    ("pain >= 7", True),
    ("pain > 7", False),
    ("pain < 8", True),
    ("pain <= 6", False),
    ("7 <= pain", True),
    ("5 < pain < 8", True),
    ("pain in [1, 7]", True),
    ("count(where) == 2", True),
    ("answered(saddle)", True),
    ('saddle == "yes" or pain >= 7', True),
    ('saddle == "yes" and pain >= 7', False),
    ('not saddle == "yes"', True),
    ('not (legs == "both" and pain > 9)', True),
    ("days >= 42 and days < 60", True),
    # Unanswered questions: every comparison is false, != and not in included.
    ('back == "x"', False),
    ('back != "x"', False),
    ('"a" not in unasked', False),
    ("answered(back)", False),
    ("not answered(back)", True),
    ('not back == "x"', True),
    ("count(unasked) == 0", False),
]


@pytest.mark.parametrize(("text", "expected"), TRUTH)
def test_evaluation(text: str, expected: bool) -> None:
    assert parse_condition(text).test(ANSWERS) is expected


@pytest.mark.parametrize(
    ("text", "because"),
    [
        ('legs == "both" or saddle == "yes"', ("legs",)),
        ('legs == "both" and pain >= 7', ("legs", "pain")),
        ('saddle == "yes" or (pain >= 7 and "foot" in where)', ("pain", "where")),
        ('pain >= 7 or legs == "both"', ("pain", "legs")),
        ('saddle == "yes"', None),
    ],
)
def test_evidence_names_the_answers_behind_a_true_condition(
    text: str, because: tuple[str, ...] | None
) -> None:
    assert parse_condition(text).evidence(ANSWERS) == because


# -- property: nothing a clinician types can crash the parser, the checker or the evaluator --

TOKENS = st.sampled_from(
    [
        "legs",
        "saddle",
        "where",
        "pain",
        "days",
        "notes",
        "nope",
        '"both"',
        '"foot"',
        '"yes"',
        "'one'",
        "0",
        "7",
        "11",
        "-3",
        "7.5",
        "True",
        "None",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "in",
        "not in",
        "not",
        "and",
        "or",
        "(",
        ")",
        "[",
        "]",
        ",",
        "answered(",
        "count(",
        "=",
        "&&",
        "is",
        "+",
        "lambda",
        "__import__",
        "'",
        '"',
        "\\",
        "\n",
        "é",
        "\x00",
        "{",
        "}",
    ]
)
ANSWER_VALUES = st.fixed_dictionaries(
    {},
    optional={
        "legs": st.sampled_from(["one", "both", "alternating"]),
        "saddle": st.sampled_from(["yes", "no"]),
        "where": st.frozensets(st.sampled_from(["thigh", "foot", "none"])),
        "pain": st.integers(0, 10),
        "days": st.integers(0, 3650),
    },
)


def _exercise(text: str, answers: dict[str, AnswerValue]) -> None:
    try:
        condition = parse_condition(text)
    except ConditionError as exc:
        assert 0 <= exc.offset <= max(len(text), 1) and exc.message
        return
    if not check_condition(condition, SUBJECTS):
        assert isinstance(condition.test(answers), bool)
        evidence = condition.evidence(answers)
        assert evidence is None or set(evidence) <= set(answers)


@pytest.mark.slow  # hypothesis: hundreds of random conditions
@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=12).map(" ".join), ANSWER_VALUES)
def test_random_token_soup_never_crashes(text: str, answers: dict[str, AnswerValue]) -> None:
    _exercise(text, answers)


@pytest.mark.slow  # hypothesis: hundreds of random conditions
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), ANSWER_VALUES)
def test_random_text_never_crashes(text: str, answers: dict[str, AnswerValue]) -> None:
    _exercise(text, answers)


WELL_FORMED = st.recursive(
    st.one_of(
        st.sampled_from(
            [
                'legs == "both"',
                'saddle != "yes"',
                '"foot" in where',
                "pain >= 7",
                "days < 42",
                "answered(legs)",
                "count(where) >= 2",
                'legs in ["one"]',
            ]
        ),
    ),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" and ", " or "]), inner).map(
            lambda t: f"({''.join(t)})"
        ),
        inner.map(lambda c: f"not {c}"),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(WELL_FORMED, ANSWER_VALUES)
def test_well_formed_conditions_check_clean_and_evaluate(
    text: str, answers: dict[str, AnswerValue]
) -> None:
    condition = parse_condition(text)
    assert check_condition(condition, SUBJECTS) == []
    result = condition.test(answers)
    assert (condition.evidence(answers) is not None) is result
