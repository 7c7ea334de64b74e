"""What the start page promises is measured: the questions' reading time on the real pages.

For every scenario of the questionnaire under test that ends in self care (the usual,
reassuring route), the pages are walked with its answers; each page counts the words a
person sees in it (hidden text left out) at 200 words a minute, and each tap (an option, a
typed answer, Continue) at 3 seconds. The start page's "about N minutes" must be within a
minute of the median.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from journey_length import walk
from support import posted_journey

from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_start_page_promises_the_time_the_usual_route_takes(
    shipped: Questionnaire, scenarios: list[Scenario], questionnaire_path: Path, language: str
) -> None:
    if language not in shipped.meta.languages:
        pytest.skip(f"the questionnaire is not written in {language}")
    calm = [s for s in scenarios if assess(shipped, s.answers).tier.id == shipped.tiers[-1].id]
    assert calm, "no scenario ends in the least urgent tier"
    times = [
        walk(
            questionnaire_path,
            language,
            posted_journey(shipped, s.answers),
        ).minutes()
        for s in calm
    ]
    median = statistics.median(times)
    promised = shipped.settings.minutes_to_answer
    assert promised is not None and abs(promised - median) <= 1, (
        f"the usual route takes about {median:.1f} minutes in {language}: "
        f"set settings.minutes_to_answer to {round(median)}"
    )
