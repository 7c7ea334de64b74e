"""Driving the real app in real Chromium: gunicorn on loopback, pages answered like a person.

Shared by the browser tests and by scripts/screenshots.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from playwright.sync_api import BrowserContext, Page
from support import BENIGN
from support import SERVER_SECRET as SECRET

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

ANSWER_SETS: dict[str, dict[str, str | list[str]]] = {
    "self_care": BENIGN,
    "soon": {**BENIGN, "sleep": "most_nights", "night_pain": "eases"},
    "urgent": {**BENIGN, "fever": "yes", "numbness": ["none"]},
    "emergency": {**BENIGN, "legs": "both_legs", "both_legs_start": "new"},
    "call_911": {**BENIGN, "right_now": ["stroke"]},
}
# A small questionnaire with a number question, which the shipped one no longer asks, so the
# number field and its error are checked in the browser too (served beside the real app).
NUMBER_QUESTIONNAIRE = """\
meta: {id: numbers, version: "1", date: 2026-01-01, title: {en: Numbers, es: Números},
       languages: [en, es]}
tiers:
  - {id: emergency, headline: {en: Go now, es: Vaya ya}, action: {en: Go., es: Vaya.},
     time_frame: {en: Now, es: Ahora}, interrupt: true}
  - {id: self_care, headline: {en: Home, es: En casa}, action: {en: Rest., es: Descanse.},
     time_frame: {en: Later, es: Después}}
pages:
  - id: days
    title: {en: How long, es: Cuánto tiempo}
    questions:
      - {id: days, type: number, text: {en: How many days ago did it start?,
         es: ¿Hace cuántos días empezó?}, min: 0, max: 3650, unit: {en: days, es: días}}
red_flags:
  - {id: long, tier: emergency, when: days > 3000, title: {en: Long, es: Largo},
     message: {en: Long., es: Largo.}, say_on_arrival: {en: Long., es: Largo.}, source: X}
safety_net: {title: {en: Safety, es: Seguridad}, body: {en: Call 911., es: Llame al 911.}}
disclaimer: {title: {en: About, es: Acerca}, body: {en: Not a diagnosis., es: No es un diagnóstico.}}
"""


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
    """A session cookie holding one of the answer sets, as the app would write it."""
    from screener.authoring.loader import load_questionnaire
    from screener.core.answers import parse_answers, plain_answers
    from screener.web.session import seal

    questionnaire = load_questionnaire(ROOT / "questions.yaml")
    raw = {k: v for k, v in ANSWER_SETS[tier].items() if v != ""}
    answers, problems = parse_answers(questionnaire, raw)
    assert problems == []
    data = {"answers": plain_answers(answers), "lang": language, "_t": int(time.time()) - age}
    return seal(data, SECRET)


def visit_states(
    context: BrowserContext, page: Page, base: str, language: str, numbers: str
) -> Iterator[str]:
    """Bring the page to every kind of state a patient can see, naming each on arrival.

    `numbers` is the base URL of the app serving NUMBER_QUESTIONNAIRE.
    """
    page.goto(f"{base}/")
    yield "start"
    start(page, base)
    yield "question-radios"
    submit(page)
    yield "question-error"
    answers = ANSWER_SETS["self_care"]
    for stop, name in (
        ("/q/right_now", "question-checklist"),
        ("/q/bladder", "question-checkboxes"),
        ("/q/health", "question-yes-no"),
        ("/q/pain", "question-scales"),
    ):
        answer_until(page, answers, stop)
        yield name
    answer_until(page, answers, "/q/notes")
    yield "question-text"
    answer_until(page, answers, "/check")
    yield "check-answers"
    for tier in ("self_care", "soon", "urgent", "emergency", "call_911"):
        # The journeys themselves are tested elsewhere; here the answers are simply set.
        context.add_cookies(
            [{"name": "screener", "value": session_cookie(tier, language), "url": base}]
        )
        page.goto(f"{base}/result")
        yield f"result-{tier}"
    page.goto(f"{base}/q/nowhere")
    yield "error-404"
    stale = session_cookie("self_care", language, age=2 * 86400)
    context.add_cookies([{"name": "screener", "value": stale, "url": base}])
    page.goto(f"{base}/q/legs")
    yield "expired"
    page.goto(f"{numbers}/language/{language}?next=/q/days")
    yield "question-number"
    page.fill("[name=days]", "lots")
    submit(page)
    yield "question-number-error"
