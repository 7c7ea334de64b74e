"""FHIR R4: the exported Questionnaire and the QuestionnaireResponse validate with
fhir.resources, the FHIRPath means what the conditions mean (fhirpathpy, the Python port
of the fhirpath.js engine form fillers use), and `screener assess` reads a response."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhirpathpy import compile
from fhirpathpy.models import models
from proof_support import VARIETY, build_lenient, every_combination
from support import BENIGN, FIXTURE

from screener.authoring.condition_parser import parse_condition
from screener.authoring.loader import load_questionnaire
from screener.core.answers import parse_answers, plain_answers
from screener.core.questiontypes import QUESTION_TYPES
from screener.core.triage import assess
from screener.tools.cli import main
from screener.tools.fhir.questionnaire import (
    ENABLE_WHEN_EXPRESSION,
    ITEM_TYPES,
    VARIABLE,
    Exporter,
    fhir_questionnaire,
)
from screener.tools.fhir.response import fhir_response, read_response

QUESTIONNAIRE = load_questionnaire(FIXTURE)
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_every_question_type_has_a_fhir_item_type() -> None:
    assert set(ITEM_TYPES) == set(QUESTION_TYPES)


def test_a_questionnaire_exports_as_a_valid_questionnaire() -> None:
    resource = fhir_questionnaire(QUESTIONNAIRE)
    FhirQuestionnaire.model_validate(resource)
    assert (resource["version"], resource["date"]) == (
        QUESTIONNAIRE.meta.version,
        QUESTIONNAIRE.meta.date,
    )
    pages = resource["item"][:-1]
    assert [p["linkId"] for p in pages] == [f"page.{p.id}" for p in QUESTIONNAIRE.pages]
    linked = [i["linkId"] for p in pages for i in p["item"]]
    assert linked == list(QUESTIONNAIRE.questions)
    legs = pages[0]["item"][0]
    assert legs["text"] == "Where do you feel pain, numbness or tingling?"
    spanish = legs["_text"]["extension"][0]["extension"]
    assert spanish == [
        {"url": "lang", "valueCode": "es"},
        {"url": "content", "valueString": "¿Dónde siente dolor, adormecimiento u hormigueo?"},
    ]
    result = resource["item"][-1]
    assert [i["linkId"] for i in result["item"]] == [
        *(f"red_flag.{f.id}" for f in QUESTIONNAIRE.red_flags),
        "result.tier",
    ]


def test_a_response_validates_and_reads_back_as_the_same_answers() -> None:
    answers, problems = parse_answers(QUESTIONNAIRE, {**BENIGN, "bladder": ["none"]})
    assert problems == []
    response = fhir_response(QUESTIONNAIRE, answers, NOON, "es")
    QuestionnaireResponse.model_validate(response)
    assert response["questionnaire"] == "urn:sciatica-screener:fixture|3.1"
    assert response["item"][-1]["item"][-1] == {
        "linkId": "result.tier",
        "answer": [{"valueString": assess(QUESTIONNAIRE, answers).tier.id}],
    }
    reading = read_response(QUESTIONNAIRE, response)
    assert reading.problems == []
    again, problems = parse_answers(QUESTIONNAIRE, reading.raw)
    given = {k: v for k, v in assess(QUESTIONNAIRE, answers).answers.items() if v != ""}
    assert problems == [] and plain_answers(again) == plain_answers(given)  # FHIR has no ""


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (
            'a == "x"',
            {
                "enableWhen": [
                    {
                        "question": "a",
                        "operator": "=",
                        "answerCoding": {"system": "urn:sciatica-screener:variety:a", "code": "x"},
                    }
                ]
            },
        ),
        (
            '"p" in s',
            {
                "enableWhen": [
                    {
                        "question": "s",
                        "operator": "=",
                        "answerCoding": {"system": "urn:sciatica-screener:variety:s", "code": "p"},
                    }
                ]
            },
        ),
        (
            "n >= 1 and answered(a)",
            {
                "enableBehavior": "all",
                "enableWhen": [
                    {"question": "n", "operator": ">=", "answerInteger": 1},
                    {"question": "a", "operator": "exists", "answerBoolean": True},
                ],
            },
        ),
        (
            "m == 2 or m < 1",
            {
                "enableBehavior": "any",
                "enableWhen": [
                    {"question": "m", "operator": "=", "answerInteger": 2},
                    {"question": "m", "operator": "<", "answerInteger": 1},
                ],
            },
        ),
    ],
)
def test_show_if_that_fhir_can_say_becomes_enable_when(
    condition: str, expected: dict[str, Any]
) -> None:
    assert Exporter(build_lenient(VARIETY)).enable_when(parse_condition(condition)) == expected


@pytest.mark.parametrize(
    "condition",
    # FHIR's "!=" holds for an unanswered question and the app's does not; "not", lists,
    # count() and mixed and/or have no enableWhen at all.
    [
        'a != "z"',
        'not (t == "no")',
        'a in ["x", "y"]',
        "count(s) >= 2",
        'n > 1 or (a == "x" and m == 1)',
    ],
)
def test_show_if_that_fhir_cannot_say_becomes_an_expression(condition: str) -> None:
    found = Exporter(build_lenient(VARIETY)).enable_when(parse_condition(condition))
    assert list(found) == ["extension"] and found["extension"][0]["url"] == ENABLE_WHEN_EXPRESSION


@pytest.mark.slow
def test_the_fhirpath_gives_the_apps_flags_and_tier_on_every_combination() -> None:
    # The form's variables in order (each may read the ones before), then the calculated
    # items, as an SDC form filler evaluates them.
    q = build_lenient(VARIETY)
    resource = fhir_questionnaire(q)
    variables = [
        (e["valueExpression"]["name"], compile(e["valueExpression"]["expression"], models["r4"]))
        for e in resource["extension"]
        if e["url"] == VARIABLE
    ]
    calculated = {
        item["linkId"]: compile(item["extension"][0]["valueExpression"]["expression"], models["r4"])
        for item in resource["item"][-1]["item"]
    }
    compared = 0
    for answers in every_combination(q):
        response = fhir_response(q, answers, NOON, "en")
        scope: dict[str, Any] = {"resource": response}
        for name, expression in variables:
            scope[name] = expression(response, scope)
        got = {link: expression(response, scope) for link, expression in calculated.items()}
        result = assess(q, answers)
        assert got["result.tier"] == [result.tier.id], answers
        fired = {link.removeprefix("red_flag.") for link, value in got.items() if value == [True]}
        assert fired == {f.flag.id for f in result.red_flags}, answers
        compared += 1
    assert compared == 2560


def _assess(tmp_path: Path, data: Any) -> tuple[int, str]:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(data, indent=2))
    outcome = CliRunner().invoke(main, ["assess", "-q", str(FIXTURE), str(path)])
    return outcome.exit_code, outcome.output


def test_assess_reads_a_response_as_it_reads_yaml_answers(tmp_path: Path) -> None:
    answers, _ = parse_answers(
        QUESTIONNAIRE, {**BENIGN, "sleep": "most_nights", "night_pain": "eases"}
    )
    code, output = _assess(tmp_path, fhir_response(QUESTIONNAIRE, answers, NOON, "en"))
    assert code == 0 and json.loads(output)["tier"] == "soon"


def _legs(*answers: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "page.legs", "item": [{"linkId": "legs", "answer": list(answers)}]}],
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"resourceType": "Questionnaire"},
            ':1:1: error: a FHIR answers file must be a QuestionnaireResponse (its "resourceType") [A018]',
        ),
        (
            {**_legs(), "item": [{"linkId": "leggs", "answer": []}]},
            ':5:5: error: item "leggs" is not a question, page or result of this questionnaire [A019]',
        ),
        (
            _legs({"valueString": "one_leg"}),
            ':11:13: error: an answer to "legs" must be a valueCoding [A020]',
        ),
        (
            _legs({"valueCoding": {"code": "one_leg"}}, {"valueCoding": {"code": "both_legs"}}),
            ':10:11: error: "legs" takes one answer, but the response gives 2 [A021]',
        ),
        (
            _legs({"valueCoding": {"code": "won_leg"}}),
            ':8:9: error: "won_leg" is not an option of "legs"; did you mean "one_leg"? [A001]',
        ),
    ],
)
def test_a_malformed_response_gets_a_message_naming_the_item(
    tmp_path: Path, data: dict[str, Any], expected: str
) -> None:
    code, output = _assess(tmp_path, data)
    assert code == 1 and "Traceback" not in output
    assert output.splitlines()[0] == str(tmp_path / "response.json") + expected


_MISSING = "right_now, leg_signs, saddle, bladder, weakness, fever, unwell, cancer, age, leg_pain"
_MISSING += ", back_pain, numbness, sleep, weeks, trend"


@pytest.mark.parametrize("command", [["assess"], ["fhir", "response"]])
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "item-not-a-list.json",
            {"resourceType": "QuestionnaireResponse", "item": "not a list"},
            ':3:3: error: "item" must be a list [A022]',
        ),
        (
            "item-without-link.json",
            {"resourceType": "QuestionnaireResponse", "item": ["legs"]},
            ':4:5: error: each item must be an object with a "linkId" [A023]',
        ),
        (
            "answer-not-a-list.json",
            {**_legs(), "item": [{"linkId": "legs", "answer": "one_leg"}]},
            ':7:7: error: "answer" must be a list [A022]',
        ),
        (
            "wrong-code.json",
            _legs({"valueCoding": {"code": "won_leg"}}),
            ':8:9: error: "won_leg" is not an option of "legs"; did you mean "one_leg"? [A001]',
        ),
        (
            "no-items.json",
            {"resourceType": "QuestionnaireResponse", "status": "completed"},
            f":1:1: error: the answers stop before the advice: 16 questions unanswered (legs, "
            f"{_MISSING}) [A024]",
        ),
        (
            "missing-answers.json",
            _legs({"valueCoding": {"code": "one_leg"}}),
            f":1:1: error: the answers stop before the advice: 15 questions unanswered "
            f"({_MISSING}) [A024]",
        ),
        (
            "missing-answers.yaml",
            "legs: one_leg\n",
            f":1:1: error: the answers stop before the advice: 15 questions unanswered "
            f"({_MISSING}) [A024]",
        ),
        (
            "no-answers.yaml",
            "{}\n",
            f":1:1: error: the answers stop before the advice: 16 questions unanswered (legs, "
            f"{_MISSING}) [A024]",
        ),
        (
            "empty.yaml",
            "",
            ":1:1: error: the answers file should be key: value lines, one per question id, "
            "for example  legs: one_leg [A016]",
        ),
    ],
)
def test_broken_partial_and_empty_answers_get_a_message_and_never_a_tier(
    tmp_path: Path, command: list[str], name: str, content: Any, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2))
    outcome = CliRunner().invoke(main, [*command, "-q", str(FIXTURE), str(path)])
    assert outcome.exit_code == 1 and "Traceback" not in outcome.output
    assert "tier" not in outcome.output and "resourceType" not in outcome.output
    assert outcome.output.splitlines()[0] == str(path) + expected


def test_an_emergency_stop_is_a_whole_journey(tmp_path: Path) -> None:
    path = tmp_path / "stopped.yaml"
    path.write_text("legs: one_leg\nright_now: [stroke]\n")
    outcome = CliRunner().invoke(main, ["assess", "-q", str(FIXTURE), str(path)])
    assert outcome.exit_code == 0 and json.loads(outcome.output)["tier"] == "call_911"
    outcome = CliRunner().invoke(main, ["fhir", "response", "-q", str(FIXTURE), str(path)])
    assert outcome.exit_code == 0 and json.loads(outcome.output)["status"] == "stopped"
