"""The shipped questionnaire's results on a phone's first screen (390 x 844): a result that
asks to be seen says when, why and where to book before any scrolling; one with nothing to
see anyone for gives its advice before the clinic's offer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from journeys import answer_until, as_posted, start
from playwright.sync_api import Browser, Page
from support import ROOT, calm_answers, completed, running_app

from screener.authoring.loader import load_questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import load_scenarios, scenario_files

pytestmark = pytest.mark.slow
SHIPPED = ROOT / "questions.yaml"
SCREEN = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def shipped_url() -> Iterator[str]:
    with running_app(questionnaire=SHIPPED) as base:
        yield base


def _ending_in(tier: str) -> list[tuple[int, dict[str, str | list[str]]]]:
    """The shipped scenarios whose result is `tier`, each with the length of its first
    reason in Spanish (the longer language) and its answers as a form posts them."""
    q = load_questionnaire(SHIPPED)
    found = []
    for path in scenario_files([ROOT / "scenarios"]):
        for scenario in load_scenarios(path, q)[0]:
            answers = completed(q, scenario.answers)
            outcome = assess(q, answers)
            if outcome.tier.id == tier:
                first = outcome.red_flags[0].flag.message if outcome.red_flags else None
                posted = {k: as_posted(v) for k, v in answers.items()}
                found.append((len(q.text(first, "es")) if first else 0, posted))
    assert found, tier
    return found


def _longest_soon_reason() -> dict[str, str | list[str]]:
    """The "soon" scenario whose first reason is longest: the hardest to fit."""
    return max(_ending_in("soon"), key=lambda pair: pair[0])[1]


def _result_on_a_phone(
    browser: Browser, base: str, language: str, answers: dict[str, str | list[str]]
) -> Page:
    """The result page these answers reach, on a 390 x 844 phone in `language`."""
    page = browser.new_context(viewport=SCREEN, locale=language).new_page()
    start(page, base)
    answer_until(page, {**calm_answers(load_questionnaire(SHIPPED)), **answers}, "/result")
    return page


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_soon_result_says_when_why_and_where_to_book_on_the_first_screen(
    browser: Browser, shipped_url: str, language: str
) -> None:
    page = _result_on_a_phone(browser, shipped_url, language, _longest_soon_reason())
    assert "result-panel--soon" in page.content()
    for part in (".result-panel__when", ".result-panel__why", ".clinic a.button"):
        box = page.locator(part).first.bounding_box()
        assert box and box["y"] + box["height"] <= SCREEN["height"], part
    page.context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_self_care_result_gives_its_advice_before_the_clinics_offer(
    browser: Browser, shipped_url: str, language: str
) -> None:
    page = _result_on_a_phone(browser, shipped_url, language, _ending_in("self_care")[0][1])
    assert "result-panel--self_care" in page.content()
    order = page.eval_on_selector_all("#guidance-title, #clinic-title", "els => els.map(e => e.id)")
    assert order == ["guidance-title", "clinic-title"]
    page.context.close()
