"""Both languages give the same result: every scenario's result page, in each language."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest
from flask import Flask
from support import SECRET, completed

from screener.core.answers import plain_answers
from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario
from screener.web.session import seal


@pytest.fixture(scope="module")
def web(questionnaire_path: Path) -> Flask:
    from screener import create_app

    return create_app(
        {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    )


def test_english_and_spanish_are_both_declared(shipped: Questionnaire) -> None:
    # The check refuses a text missing a declared language; this guards the declaration.
    assert {"en", "es"} <= set(shipped.meta.languages)


def test_every_scenario_reaches_the_same_result_in_each_language(
    shipped: Questionnaire, scenarios: list[Scenario], web: Flask
) -> None:
    client = web.test_client()
    for language in shipped.meta.languages:
        for scenario in scenarios:
            answers = completed(shipped, scenario.answers)
            expected = assess(shipped, answers)
            data = {
                "answers": plain_answers(answers),
                "lang": language,
                "_t": int(time.time()),
            }
            client.set_cookie("screener", seal(data, SECRET))
            response = client.get("/result")
            page = html.unescape(response.get_data(as_text=True))
            assert response.status_code == 200, (scenario.name, response.location)
            assert f'<html lang="{language}">' in page
            assert f"result-panel--{expected.tier.id}" in page, scenario.name
            for fired in expected.red_flags:
                assert shipped.text(fired.flag.title, language) in page, (scenario.name, fired)
            for card in expected.guidance:
                assert shipped.text(card.title, language) in page, (scenario.name, card.id)
