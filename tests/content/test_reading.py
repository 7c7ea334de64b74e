"""Every text a patient reads is plain English, at about US grade 8."""

from __future__ import annotations

import re
from collections.abc import Iterator

import textstat

from screener.core.markdown import plain_text
from screener.core.model import Questionnaire

# Texts above US grade 8 (Flesch-Kincaid), and why each stays as it is.
READING_EXCEPTIONS = {
    "question saddle": "names the exact body areas; plainer words would blur the warning sign",
    "question activities": "the grade comes from the list of examples, which help people answer",
}


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
    for name in READING_EXCEPTIONS.keys() & units.keys():
        assert textstat.flesch_kincaid_grade(units[name]) <= 9.0, name
