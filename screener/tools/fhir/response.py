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
from screener.core.triage import Assessment, assess_route, interrupts
from screener.tools.fhir.narrative import narrative
from screener.tools.fhir.questionnaire import (
    FLAG_PREFIX,
    PAGE_PREFIX,
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
    pages: list[Json] = []
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
            title = q.text(page.title, language)
            pages.append({"linkId": PAGE_PREFIX + page.id, "text": title, "item": items})
    # An emergency stops the questions before their end: R4 calls that "stopped".
    stopped = interrupts(result) and walk.first_unanswered_page() is not None
    said = [
        (item["text"], ", ".join(_said(answer) for answer in item["answer"]))
        for page in pages
        for item in page["item"]
    ]
    headline = q.text(result.tier.headline, language)
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical_url(q)}|{q.meta.version}",
        "status": "stopped" if stopped else "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "language": language,
        "text": narrative(
            [f"{q.text(q.meta.title, language)}, version {q.meta.version}", headline], said
        ),
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


def _said(answer: Json) -> str:
    """One answer as words: an option's label, else the number or text."""
    if "valueCoding" in answer:
        return str(answer["valueCoding"]["display"])
    return str(answer.get("valueInteger", answer.get("valueString", "")))


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
    known = {PAGE_PREFIX + page.id for page in q.pages} | {RESULT_GROUP, TIER_ITEM}
    for path, item in _items(data, ("item",), problems):
        link = item["linkId"]
        question = q.questions.get(link)
        if question is None:
            if link not in known and not link.startswith(FLAG_PREFIX):
                problems.append(ResponseProblem(path, messages.UNKNOWN_ITEM.say(item=link)))
            continue
        reading.paths[question.id] = path
        kind, reader = READERS[question.value_kind]
        values = []
        given = item.get("answer", [])
        if not isinstance(given, list):
            problems.append(
                ResponseProblem((*path, "answer"), messages.NOT_A_LIST.say(field="answer"))
            )
            continue
        for n, answer in enumerate(given):
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


def _items(node: Json, path: Path, problems: list[ResponseProblem]) -> Iterator[tuple[Path, Json]]:
    """Every item of a response, nested ones included, with where it stands; what is not a
    list of items with linkIds is a problem, never skipped in silence."""
    items = node.get("item")
    if items is None:
        return
    if not isinstance(items, list):
        problems.append(ResponseProblem(path, messages.NOT_A_LIST.say(field="item")))
        return
    for n, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
            problems.append(ResponseProblem((*path, n), messages.ITEM_NEEDS_LINK_ID.say()))
            continue
        yield (*path, n), item
        yield from _items(item, (*path, n, "item"), problems)
