"""Answers as a FHIR R4 QuestionnaireResponse, and back: built on request, never stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from screener.catalogue import answers as messages
from screener.core.conditions import AnswerValue
from screener.core.model import Question, Questionnaire
from screener.core.route import route
from screener.core.triage import Assessment, assess_route
from screener.tools.fhir.questionnaire import (
    FLAG_PREFIX,
    RESULT_GROUP,
    TIER_ITEM,
    Json,
    canonical_url,
    code_system,
)

Path = tuple[str | int, ...]


def fhir_response(
    q: Questionnaire, answers: dict[str, AnswerValue], authored: datetime, language: str
) -> Json:
    """The shown answers, grouped by page, with every red flag and the tier they lead to."""
    walk = route(q, answers)
    result = assess_route(walk)
    pages = []
    for page in walk.pages:
        items = [
            {
                "linkId": x.id,
                "text": q.text(x.text, language),
                "answer": fhir_answers(q, x, walk.answers[x.id], language),
            }
            for x in walk.questions[page.id]
            if x.id in walk.answers and walk.answers[x.id] != ""  # FHIR has no empty string
        ]
        if items:
            pages.append({"linkId": page.id, "text": q.text(page.title, language), "item": items})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical_url(q)}|{q.meta.version}",
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "language": language,
        "item": [*pages, _result(q, result)],
    }


def fhir_answers(
    q: Questionnaire, question: Question, value: AnswerValue, language: str
) -> list[Json]:
    """One item's answers in their FHIR value type."""
    if isinstance(value, int):
        return [{"valueInteger": value}]
    if question.value_kind == "text":
        return [{"valueString": str(value)}]
    chosen = value if isinstance(value, frozenset) else frozenset({value})
    return [
        {
            "valueCoding": {
                "system": code_system(q, question.id),
                "code": option.value,
                "display": q.text(option.label, language),
            }
        }
        for option in question.options
        if option.value in chosen
    ]


def _result(q: Questionnaire, result: Assessment) -> Json:
    fired = {f.flag.id for f in result.red_flags}
    flags = [
        {"linkId": FLAG_PREFIX + flag.id, "answer": [{"valueBoolean": flag.id in fired}]}
        for flag in q.red_flags
    ]
    tier = {"linkId": TIER_ITEM, "answer": [{"valueString": result.tier.id}]}
    return {"linkId": RESULT_GROUP, "item": [*flags, tier]}


# -- reading a response back ----------------------------------------------------------------


@dataclass(frozen=True)
class ResponseProblem:
    """Something in a QuestionnaireResponse that cannot be read as an answer, and where."""

    path: Path
    message: str


def _code(question: Question, answer: Json) -> str | None:
    coding = answer.get("valueCoding")
    return coding.get("code") if isinstance(coding, dict) else None


def _integer(question: Question, answer: Json) -> int | None:
    value = answer.get("valueInteger")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _string(question: Question, answer: Json) -> str | None:
    value = answer.get("valueString")
    return value if isinstance(value, str) else None


# Which FHIR value each kind of answer is read from, and how it is named in messages.
READERS: dict[str, tuple[str, Callable[[Question, Json], Any]]] = {
    "choice": ("valueCoding", _code),
    "choices": ("valueCoding", _code),
    "int": ("valueInteger", _integer),
    "text": ("valueString", _string),
}


@dataclass
class Reading:
    """What a response says: raw answers by question id (for parse_answers), where each
    item stands, and every item that cannot be read."""

    raw: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[ResponseProblem] = field(default_factory=list)


def read_response(q: Questionnaire, data: Any) -> Reading:
    """Read a QuestionnaireResponse's answers, naming every item that cannot be read."""
    reading = Reading()
    raw, problems = reading.raw, reading.problems
    if not isinstance(data, dict) or data.get("resourceType") != "QuestionnaireResponse":
        problems.append(ResponseProblem((), messages.NOT_A_RESPONSE.say()))
        return reading
    known = {page.id for page in q.pages} | {RESULT_GROUP, TIER_ITEM}
    for path, item in _items(data, ("item",)):
        link = item.get("linkId")
        question = q.questions.get(str(link))
        if question is None:
            if link not in known and not str(link).startswith(FLAG_PREFIX):
                problems.append(ResponseProblem(path, messages.UNKNOWN_ITEM.say(item=link)))
            continue
        reading.paths[question.id] = path
        kind, reader = READERS[question.value_kind]
        values = []
        for n, answer in enumerate(item.get("answer") or []):
            value = reader(question, answer) if isinstance(answer, dict) else None
            if value is None:
                wrong = messages.WRONG_ITEM_VALUE.say(item=question.id, field=kind)
                problems.append(ResponseProblem((*path, "answer", n), wrong))
            else:
                values.append(value)
        if len(values) > 1 and question.value_kind != "choices":
            many = messages.ONE_ANSWER_ONLY.say(item=question.id, count=len(values))
            problems.append(ResponseProblem((*path, "answer"), many))
        elif values:
            raw[question.id] = values if question.value_kind == "choices" else values[0]
    return reading


def _items(node: Json, path: Path) -> Iterator[tuple[Path, Json]]:
    """Every item of a response, nested ones included, with where it stands."""
    items = node.get(str(path[-1])) if isinstance(node, dict) else None
    for n, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield (*path, n), item
            yield from _items(item, (*path, n, "item"))
