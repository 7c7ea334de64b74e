"""The proof's model of the journey is the web journey.

The safety proof reasons over `authoring/proof/outcomes.py`: pages shown in order by their
show_if, an emergency before the first page or after any page stopping the journey, and the
result of the answers so far. For every scenario, the app is walked page by page with the
scenario's answers, and at every prefix of the route the page the app shows next (or the
result it stops at) is the one the diagrams give for that person.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from support import FIXTURE, FIXTURE_SCENARIOS, ROOT, completed, form_fields, form_token

from screener.authoring.loader import load_questionnaire
from screener.authoring.proof.journeys import encode
from screener.authoring.proof.outcomes import Outcomes
from screener.authoring.proof.space import Space
from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.tools.scenarios import load_scenarios, scenario_files

SHIPPED = ROOT / "questions.yaml"


def _scenarios(questionnaire: Path, folder: Path) -> list[tuple[str, dict[str, AnswerValue]]]:
    q = load_questionnaire(questionnaire)
    found = []
    for path in scenario_files([folder]):
        scenarios, problems = load_scenarios(path, q)
        assert problems == []
        found += [(s.name, completed(q, s.answers)) for s in scenarios]
    return found


def proof_journey(
    outcomes: Outcomes, answers: dict[str, AnswerValue]
) -> tuple[list[str], str | None, str]:
    """What the diagrams say this person sees: the pages in order up to where the journey
    stops, the page it stops after (None: it never stops; "" before the first), the tier."""
    q = outcomes.questionnaire
    person: dict[str, bool] = {}
    for qid, view in outcomes.views.items():
        person.update(view.slot.encode(answers.get(qid)))
    stop = next((s for s in outcomes.stops if outcomes.evaluate(s.when, person)), None)
    last = len(q.pages) - 1 if stop is None else stop.index
    pages = [
        page.id
        for index, page in enumerate(q.pages)
        if index <= last and outcomes.evaluate(outcomes.page_shown[page.id], person)
    ]
    stopped_after = None if stop is None else (q.pages[stop.index].id if stop.index >= 0 else "")
    rank = next(r for r, tier in enumerate(outcomes.tiers) if outcomes.evaluate(tier, person))
    return pages, stopped_after, q.tiers[rank].id


def _form_value(value: AnswerValue | None) -> str | list[str]:
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return sorted(value)
    return str(value)


def app_journey(app: Flask, answers: dict[str, AnswerValue]) -> tuple[list[str], str | None, str]:
    """What the app shows the same person: the pages it asks in order, the page after which
    it stopped for an emergency (None: it asked every page), and the tier."""
    client = app.test_client()
    home = client.get("/").get_data(as_text=True)
    assert form_token(home)
    location = client.post("/start", data={"csrf_token": form_token(home)}).location
    pages: list[str] = []
    while location.startswith("/q/"):
        page = client.get(location)
        if page.status_code == 302:  # an emergency before this page: straight to the result
            location = page.location
            break
        html = page.get_data(as_text=True)
        pages.append(location.removeprefix("/q/").split("?")[0])
        form = {name: _form_value(answers.get(name)) for name in form_fields(html)}
        assert form_token(html)
        posted = client.post(location, data={"csrf_token": form_token(html), **form})
        assert posted.status_code == 302, (location, form)
        location = posted.location
    assert location == "/result"
    html = client.get(location).get_data(as_text=True)
    tier = re.search(r"result-panel--(\w+)", html)
    assert tier, html[:500]
    # The advice follows the last page either way; an emergency result says it stopped.
    stopped = "result-panel--interrupt" in html
    stopped_after = (pages[-1] if pages else "") if stopped else None
    return pages, stopped_after, tier.group(1)


def _cases(questionnaire: Path, folder: Path) -> list[object]:
    return [pytest.param(answers, id=name) for name, answers in _scenarios(questionnaire, folder)]


@pytest.fixture(scope="module")
def fixture_outcomes() -> tuple[Questionnaire, Outcomes]:
    q = load_questionnaire(FIXTURE)
    [outcomes] = encode(Space(), [q])
    return q, outcomes


@pytest.mark.parametrize("answers", _cases(FIXTURE, FIXTURE_SCENARIOS))
def test_the_web_journey_is_the_proofs_on_every_engineering_scenario(
    app: Flask,
    fixture_outcomes: tuple[Questionnaire, Outcomes],
    answers: dict[str, AnswerValue],
) -> None:
    _q, outcomes = fixture_outcomes
    assert app_journey(app, answers) == proof_journey(outcomes, answers)


@pytest.mark.slow
def test_the_web_journey_is_the_proofs_on_every_shipped_scenario(
    app_config: dict[str, object],
) -> None:
    from screener import create_app

    app = create_app({**app_config, "QUESTIONNAIRE": str(SHIPPED), "RATE_LIMIT": "off"})
    [outcomes] = encode(Space(), [load_questionnaire(SHIPPED)])
    differ = [
        name
        for name, answers in _scenarios(SHIPPED, ROOT / "scenarios")
        if app_journey(app, answers) != proof_journey(outcomes, answers)
    ]
    assert differ == []


def test_a_web_journey_that_forgets_to_stop_is_caught(
    app: Flask,
    fixture_outcomes: tuple[Questionnaire, Outcomes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from screener.web import journey

    _q, outcomes = fixture_outcomes
    stopping = [a for _n, a in _scenarios(FIXTURE, FIXTURE_SCENARIOS) if a.get("saddle") == "yes"]
    assert stopping
    monkeypatch.setattr(journey, "interrupted", lambda walk: False)  # a planted difference
    pages, stopped_after, _tier = app_journey(app, stopping[0])
    proof_pages, proof_stop, _proof_tier = proof_journey(outcomes, stopping[0])
    assert proof_stop == "saddle" and stopped_after != "saddle"
    assert pages[: len(proof_pages)] == proof_pages and len(pages) > len(proof_pages)
    assert app_journey(app, stopping[0]) != proof_journey(outcomes, stopping[0])
