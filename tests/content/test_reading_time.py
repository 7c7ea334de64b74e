"""What the start page promises is measured: the questions' reading time on the real pages.

For every scenario of the questionnaire under test that ends in self care (the usual,
reassuring route), the pages are walked with its answers; each page counts the words a
person sees in it (hidden text left out) at 200 words a minute, and each tap (an option, a
typed answer, Continue) at 3 seconds. The start page's "about N minutes" must be within a
minute of the median.
"""

from __future__ import annotations

import re
import statistics
from html import unescape
from pathlib import Path

import pytest
from support import SECRET, Patient, calm_answers, completed

from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario

WORDS_A_MINUTE = 200
SECONDS_A_TAP = 3
_HIDDEN = re.compile(
    r'<(\w+)[^>]*(?:aria-hidden="true"|class="[^"]*(?:visually-hidden|print-only)[^"]*")[^>]*>'
    r".*?</\1>",
    re.S,
)


def words_seen(html: str) -> int:
    """Words in a page's main part, as a person sees them."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", main))
    return len(re.findall(r"[\w'’]+", unescape(text)))


def minutes_to_answer(questionnaire_path: Path, language: str, answers: dict[str, object]) -> float:
    """Reading and tapping time from the start to the advice, for one person."""
    from screener import create_app

    config = {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    patient = Patient(create_app({**config, "RATE_LIMIT": "off"}).test_client())
    patient.get(f"/language/{language}?next=/")
    path, words, taps = patient.post("/start", {}).location, 0, 0
    while path.startswith("/q/"):
        words += words_seen(patient.get(path).get_data(as_text=True))
        form = {name: answers.get(name, "") for name in patient.fields_on(path)}
        taps += 1 + sum(len(v) if isinstance(v, list) else int(v != "") for v in form.values())
        path = patient.post(path, form).location
    return words / WORDS_A_MINUTE + taps * SECONDS_A_TAP / 60


def _posted(value: object) -> str | list[str]:
    return sorted(str(v) for v in value) if isinstance(value, frozenset) else str(value)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_start_page_promises_the_time_the_usual_route_takes(
    shipped: Questionnaire, scenarios: list[Scenario], questionnaire_path: Path, language: str
) -> None:
    if language not in shipped.meta.languages:
        pytest.skip(f"the questionnaire is not written in {language}")
    calm = [s for s in scenarios if assess(shipped, s.answers).tier.id == shipped.tiers[-1].id]
    assert calm, "no scenario ends in the least urgent tier"
    times = [
        minutes_to_answer(
            questionnaire_path,
            language,
            {
                **calm_answers(shipped),
                **{k: _posted(v) for k, v in completed(shipped, s.answers).items()},
            },
        )
        for s in calm
    ]
    median = statistics.median(times)
    promised = shipped.settings.minutes_to_answer
    assert promised is not None and abs(promised - median) <= 1, (
        f"the usual route takes about {median:.1f} minutes in {language}: "
        f"set settings.minutes_to_answer to {round(median)}"
    )
