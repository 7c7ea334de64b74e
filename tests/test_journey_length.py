"""The usual journey is short enough to finish: someone with ordinary one-leg sciatica and no
warning sign reaches the advice within 14 question pages and 1,000 words, in each language,
however they answer about sex (pregnancy adds its own page). Measured on the real pages of
the shipped questionnaire (tests/journey_length.py); every extra question costs completions.
"""

from __future__ import annotations

import pytest
from journey_length import walk
from shipped import SHIPPED, benign

from screener.authoring.loader import load_questionnaire

MOST_PAGES = 14
MOST_WORDS = 1000


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_usual_journey_is_at_most_14_pages_and_1000_words(language: str) -> None:
    sex = load_questionnaire(SHIPPED).questions["sex"]
    for answer in (value for value in sex.option_values if value != "pregnant"):
        journey = walk(SHIPPED, language, {**benign(), "sex": answer})
        assert len(journey.pages) <= MOST_PAGES, (
            f"{language}, {answer}: {len(journey.pages)} pages before the advice "
            f"({', '.join(journey.pages)}); ask less, at most {MOST_PAGES}"
        )
        assert journey.words <= MOST_WORDS, (
            f"{language}, {answer}: {journey.words} words before the advice; "
            f"at most {MOST_WORDS}: say it shorter or ask less"
        )
