"""The shipped questionnaire's safety suite: readability, coverage, monotonicity, languages."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator

import pytest
import textstat
from flask import Flask
from support import ROOT, SECRET

from screener.core.answers import plain_answers
from screener.core.markdown import plain_text
from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario, load_scenarios, scenario_files
from screener.web.session import seal

# Texts above US grade 8 (Flesch-Kincaid), and why each stays as it is.
READING_EXCEPTIONS = {
    "question saddle": "names the exact body areas; plainer words would blur the warning sign",
    "question activities": "the grade comes from the list of examples, which help people answer",
}


def _scenarios(q: Questionnaire) -> list[Scenario]:
    found: list[Scenario] = []
    for path in scenario_files([ROOT / "scenarios"]):
        found.extend(load_scenarios(path, q)[0])
    return found


def _reading_units(q: Questionnaire) -> Iterator[tuple[str, str]]:
    def en(text: object) -> str:
        return q.text(text, "en") if text else ""  # type: ignore[arg-type]

    for page in q.pages:
        for question in page.questions:
            # Options are read with their question: one- or two-word labels alone have no
            # meaningful grade.
            yield (
                f"question {question.id}",
                " ".join(
                    filter(
                        None,
                        [
                            en(question.text),
                            en(question.hint),
                            *(f"{en(option.label)}." for option in question.options),
                        ],
                    )
                ),
            )
    for tier in q.tiers:
        yield f"tier {tier.id}", f"{en(tier.headline)}. {en(tier.action)}"
    for flag in q.red_flags:
        yield f"red flag {flag.id}", f"{en(flag.title)}. {en(flag.message)}"
        if flag.say_on_arrival:
            yield f"arrival {flag.id}", en(flag.say_on_arrival)
    for card in q.guidance:
        yield f"card {card.id}", _sentences(f"{en(card.title)}.\n{en(card.body)}")
    yield "safety net", _sentences(f"{en(q.safety_net.title)}.\n{en(q.safety_net.body)}")
    yield "disclaimer", en(q.disclaimer.body)


def _sentences(markdown: str) -> str:
    """List items read as sentences, as a reader takes them."""
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", plain_text(markdown), flags=re.M)
    return ". ".join(line.strip().rstrip(".") for line in text.splitlines() if line.strip()) + "."


def test_english_reads_at_about_grade_8(shipped: Questionnaire) -> None:
    units = dict(_reading_units(shipped))
    overall = textstat.flesch_kincaid_grade(" ".join(units.values()))
    assert overall <= 6.0, overall
    too_hard = {
        name: round(textstat.flesch_kincaid_grade(text), 1)
        for name, text in units.items()
        if textstat.flesch_kincaid_grade(text) > 8.0 and name not in READING_EXCEPTIONS
    }
    assert too_hard == {}
    for name in READING_EXCEPTIONS:
        assert textstat.flesch_kincaid_grade(units[name]) <= 9.0, name


def test_the_suite_has_at_least_40_scenarios(shipped: Questionnaire) -> None:
    assert len(_scenarios(shipped)) >= 40
    names = [s.name for s in _scenarios(shipped)]
    assert [n[:3] for n in names if re.match(r"P\d\d ", n)] == [f"P{i:02d}" for i in range(1, 11)]


def test_every_red_flag_and_guidance_card_shows_in_some_scenario(shipped: Questionnaire) -> None:
    fired: set[str] = set()
    shown: set[str] = set()
    for scenario in _scenarios(shipped):
        result = assess(shipped, scenario.answers)
        fired |= {f.flag.id for f in result.red_flags}
        shown |= {card.id for card in result.guidance}
    assert fired == set(shipped.red_flag_by_id)
    assert shown == {card.id for card in shipped.guidance}


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from screener import create_app

    return create_app(
        {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(ROOT / "questions.yaml")}
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_scenario_reaches_the_same_result_in_each_language(
    shipped: Questionnaire, web: Flask, language: str
) -> None:
    client = web.test_client()
    for scenario in _scenarios(shipped):
        expected = assess(shipped, scenario.answers)
        cookie = seal(
            {"answers": plain_answers(scenario.answers), "lang": language, "_t": int(time.time())},
            SECRET,
        )
        client.set_cookie("screener", cookie)
        response = client.get("/result")
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 200, (scenario.name, response.location)
        assert f'<html lang="{language}">' in page
        assert f"result-panel--{expected.tier.id}" in page, scenario.name
        for fired in expected.red_flags:
            assert shipped.text(fired.flag.title, language) in page, (scenario.name, fired)
        for card in expected.guidance:
            assert shipped.text(card.title, language) in page, (scenario.name, card.id)
