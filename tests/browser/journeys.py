"""Driving the real app in real Chromium: gunicorn on loopback, pages answered like a person.

Shared by the browser tests and by scripts/screenshots.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page
from support import BENIGN, FIXTURE, as_posted, calm_answers
from support import SERVER_SECRET as SECRET

from screener.authoring.loader import load_questionnaire
from screener.core.answers import parse_answers, plain_answers
from screener.core.model import Questionnaire
from screener.core.route import route
from screener.core.triage import assess
from screener.tools.scenarios import load_scenarios, scenario_files
from screener.web.session import seal

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Answers of the fixture questionnaire that reach each tier.
ANSWER_SETS: dict[str, dict[str, str | list[str]]] = {
    "self_care": BENIGN,
    "soon": {**BENIGN, "sleep": "most_nights", "night_pain": "eases"},
    "urgent": {**BENIGN, "fever": "yes", "numbness": ["none"]},
    "emergency": {**BENIGN, "legs": "both_legs", "both_legs_start": "new"},
    "call_911": {**BENIGN, "right_now": ["stroke"]},
}


@dataclass(frozen=True)
class Walk:
    """A questionnaire, and the answers that walk it: the calmest, and one set per tier."""

    path: Path
    questionnaire: Questionnaire
    calm: dict[str, str | list[str]]
    by_tier: dict[str, dict[str, str | list[str]]]

    @classmethod
    def of(cls, path: Path, scenarios: Path) -> Walk:
        """Any questionnaire: each tier's answers come from the first scenario that gives it."""
        q = load_questionnaire(path)
        by_tier: dict[str, dict[str, str | list[str]]] = {}
        for file in scenario_files([scenarios]):
            for scenario in load_scenarios(file, q)[0]:
                answers = {qid: as_posted(v) for qid, v in scenario.answers.items()}
                by_tier.setdefault(assess(q, scenario.answers).tier.id, answers)
        return cls(path, q, calm_answers(q), by_tier)

    def cookie(self, tier: str, language: str, age: int = 0) -> str:
        """A session cookie holding the answers of a tier, as the app would write it."""
        raw = {k: v for k, v in self.by_tier[tier].items() if v != ""}
        answers, problems = parse_answers(self.questionnaire, raw)
        assert problems == []
        data = {"answers": plain_answers(answers), "lang": language, "_t": int(time.time()) - age}
        return seal(data, SECRET)

    def first_of_each_type(self) -> list[tuple[str, str]]:
        """(path, type) of the first page on the calm route that asks each question type."""
        answers, _problems = parse_answers(self.questionnaire, self.calm)
        found: dict[str, str] = {}
        for page_id, questions in route(self.questionnaire, answers).questions.items():
            for question in questions:
                found.setdefault(question.type, f"/q/{page_id}")
        return [(path, kind) for kind, path in found.items()]


FIXTURE_WALK = Walk(FIXTURE, load_questionnaire(FIXTURE), BENIGN, ANSWER_SETS)


def path_of(page: Page) -> str:
    """The path of the page's URL, with its query."""
    return "/" + page.url.split("://", 1)[1].split("/", 1)[1]


def answer_page(page: Page, answers: Mapping[str, str | list[str]]) -> None:
    """Fill every question on the current page from `answers`, then press Continue."""
    names = page.eval_on_selector_all(
        "main form input[name]:not([type=hidden]), main form textarea[name]",
        "els => [...new Set(els.map(e => e.name))]",
    )
    for name in names:
        value = answers.get(name, "")
        kind = page.get_attribute(f"[name='{name}']", "type") or "textarea"
        if kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                page.check(f"input[name='{name}'][value='{item}']", force=True)
        else:
            page.fill(f"[name='{name}']", str(value))
    submit(page)


def submit(page: Page) -> None:
    """Press the page's main button and wait for the next page to load."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def answer_until(page: Page, answers: Mapping[str, str | list[str]], stop_at: str) -> None:
    """Answer page after page until the path starts with `stop_at`."""
    for _ in range(40):
        if path_of(page).startswith(stop_at):
            return
        if path_of(page) == "/check":
            with page.expect_navigation():
                page.locator("main a.button[href='/result']").click()
            continue
        if path_of(page) == "/result" and stop_at == "/check":  # the review, from the result
            with page.expect_navigation():
                page.locator("main a.button[href='/check']").click()
            continue
        if not path_of(page).startswith("/q/"):
            raise AssertionError(f"expected to reach {stop_at}, stopped at {page.url}")
        answer_page(page, answers)
    raise AssertionError(f"never reached {stop_at}")


def start(page: Page, base: str) -> None:
    """Open the start page and press the start button."""
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.locator("main form[action='/start'] button").last.click()


def session_cookie(tier: str, language: str, age: int = 0) -> str:
    """A session cookie holding one of the fixture's answer sets."""
    return FIXTURE_WALK.cookie(tier, language, age)


def visit_states(
    context: BrowserContext, page: Page, base: str, language: str, walk: Walk = FIXTURE_WALK
) -> Iterator[str]:
    """Bring the page to every kind of state a patient can see, naming each on arrival."""
    page.goto(f"{base}/")
    yield "start"
    start(page, base)
    yield "question-first"
    submit(page)
    yield "question-error"
    for stop, kind in walk.first_of_each_type():
        answer_until(page, walk.calm, stop)
        yield f"question-{kind}"
        if kind == "number":
            page.fill("main input[inputmode=numeric]", "lots")
            submit(page)
            yield "question-number-error"
    answer_until(page, walk.calm, "/check")
    yield "check-answers"
    for tier in [t.id for t in walk.questionnaire.tiers if t.id in walk.by_tier]:
        # The journeys themselves are tested elsewhere; here the answers are simply set.
        cookie = walk.cookie(tier, language)
        context.add_cookies([{"name": "screener", "value": cookie, "url": base}])
        page.goto(f"{base}/result")
        yield f"result-{tier}"
    page.goto(f"{base}/q/nowhere")
    yield "error-404"
    stale = walk.cookie(walk.questionnaire.tiers[-1].id, language, age=2 * 86400)
    context.add_cookies([{"name": "screener", "value": stale, "url": base}])
    page.goto(f"{base}/q/{walk.questionnaire.pages[0].id}")
    yield "expired"
