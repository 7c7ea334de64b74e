"""One thin journey through the real pages of the questionnaire under test: the calmest
person reaches the check page and a result, and someone with an emergency is stopped."""

from __future__ import annotations

from html import unescape
from pathlib import Path

from support import SECRET, Patient, as_posted, calm_answers

from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario


def _patient(questionnaire_path: Path) -> Patient:
    from screener import create_app

    config = {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    return Patient(create_app({**config, "RATE_LIMIT": "off"}).test_client())


def test_the_calmest_person_reaches_a_result(
    shipped: Questionnaire, questionnaire_path: Path
) -> None:
    patient = _patient(questionnaire_path)
    first = shipped.pages[0].id
    assert patient.post("/start", {}).location == f"/q/{first}"
    assert patient.walk(calm_answers(shipped), start=f"/q/{first}") == "/result"
    result = patient.get("/result")
    page = unescape(result.get_data(as_text=True))
    assert result.status_code == 200 and "result-panel--" in page
    for notice in (shipped.safety_net, shipped.disclaimer):  # on every result
        assert shipped.text(notice.title, shipped.meta.default_language) in page


def test_an_emergency_stops_the_questions_at_once(
    shipped: Questionnaire, scenarios: list[Scenario], questionnaire_path: Path
) -> None:
    stops = [
        s for s in scenarios if shipped.tier_by_id[assess(shipped, s.answers).tier.id].interrupt
    ]
    assert stops, "no scenario reaches a tier that stops the questions"
    scenario = stops[0]
    patient = _patient(questionnaire_path)
    answers = {qid: as_posted(v) for qid, v in scenario.answers.items()}
    end = patient.walk({**calm_answers(shipped), **answers}, start=f"/q/{shipped.pages[0].id}")
    assert end == "/result", scenario.name
    html = patient.get("/result").get_data(as_text=True)
    interrupting = [t.id for t in shipped.tiers if t.interrupt]
    assert any(f"result-panel--{tier}" in html for tier in interrupting), scenario.name
