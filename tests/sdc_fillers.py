"""What the FHIR differential tests share: each fixture scenario's answers as the response a
form filler is given (every answer, shown or not, so the filler decides what is enabled),
and how the response it saves differs from the app's route and tier."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from support import FIXTURE, FIXTURE_SCENARIOS

from screener.authoring.loader import load_questionnaire
from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.core.route import route
from screener.core.triage import assess
from screener.tools.fhir.questionnaire import PAGE_PREFIX, TIER_ITEM, fhir_questionnaire
from screener.tools.fhir.response import fhir_answers
from screener.tools.scenarios import load_scenarios, scenario_files

QUESTIONNAIRE = load_questionnaire(FIXTURE)


def every_answer(
    q: Questionnaire, answers: dict[str, AnswerValue], language: str
) -> dict[str, Any]:
    """A response with every answer given, shown or not, grouped by page."""
    pages = []
    for page in q.pages:
        items = [
            {"linkId": x.id, "answer": fhir_answers(q, x, answers[x.id], language)}
            for x in page.questions
            if x.id in answers and answers[x.id] != ""
        ]
        if items:
            pages.append({"linkId": PAGE_PREFIX + page.id, "item": items})
    return {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": pages}


def filled_answers(items: list[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Every answered item of a response, nested ones included, by linkId."""
    for item in items:
        if "answer" in item:
            yield item["linkId"], item["answer"]
        yield from filled_answers(item.get("item", []))


def scenarios() -> list[tuple[str, dict[str, AnswerValue]]]:
    """Every scenario of the fixture questionnaire, by name."""
    found = []
    for path in scenario_files([FIXTURE_SCENARIOS]):
        loaded, problems = load_scenarios(path, QUESTIONNAIRE)
        assert problems == []
        found += [(f"{path.name}: {s.name}", s.answers) for s in loaded]
    return found


def padded(answers: dict[str, AnswerValue], which: int) -> dict[str, AnswerValue]:
    """The answers with every question the scenario leaves out answered too (its first
    option or lowest number, or its last and highest): answers the app would never keep,
    which a filler must drop for items it hides."""
    found = dict(answers)
    for x in QUESTIONNAIRE.questions.values():
        if found.get(x.id, "") != "":
            continue
        if x.value_kind == "int":
            low, high = x.minimum or 0, x.maximum if x.maximum is not None else 9
            found[x.id] = low if which == 0 else high
        elif x.value_kind == "text":
            found[x.id] = "padded"
        elif x.value_kind == "choices":
            found[x.id] = frozenset({x.option_values[which]})
        else:
            found[x.id] = x.option_values[which]
    return found


def disagreement(
    name: str, answers: dict[str, AnswerValue], saved: dict[str, Any], filler: str
) -> str | None:
    """How a filler's saved response differs from the app on these answers, or None."""
    filled = dict(filled_answers(saved.get("item", [])))
    tier = filled.pop(TIER_ITEM, [{}])[0].get("valueString")
    shown = {k for k in filled if k in QUESTIONNAIRE.questions}
    expected = {k for k, v in route(QUESTIONNAIRE, answers).answers.items() if v != ""}
    app_tier = assess(QUESTIONNAIRE, answers).tier.id
    if shown == expected and tier == app_tier:
        return None
    return (
        f"{name}: tier {tier} (app {app_tier}); only {filler} {sorted(shown - expected)}; "
        f"only the app {sorted(expected - shown)}"
    )


# Planted faults, so each differential test shows it can fail: a tier the export computes
# wrongly, and a page that lost its condition.
def soon_scenario() -> tuple[str, dict[str, AnswerValue]]:
    """A scenario whose advice is "soon", by name."""
    return next((n, a) for n, a in scenarios() if assess(QUESTIONNAIRE, a).tier.id == "soon")


def always_self_care() -> dict[str, Any]:
    """The export with a tier that is always self care."""
    broken = fhir_questionnaire(QUESTIONNAIRE)
    tier_item = broken["item"][-1]["item"][-1]
    tier_item["extension"][0]["valueExpression"]["expression"] = "'self_care'"
    return broken


def night_pain_always_shown() -> dict[str, Any]:
    """The export with night_pain's page shown to everyone, not only to people whose sleep
    is disturbed."""
    open_page = fhir_questionnaire(QUESTIONNAIRE)
    night = next(p for p in open_page["item"] if p["linkId"] == PAGE_PREFIX + "night_pain")
    night.pop("enableWhen", None)
    night["extension"] = [e for e in night.get("extension", []) if "enableWhen" not in e["url"]]
    return open_page
