"""Answers and reasons put into words for pages: labels, units, the answers behind a flag."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from flask_babel import format_date

from screener.core.conditions import AnswerValue
from screener.core.model import Question, Questionnaire
from screener.core.questiontypes import QUESTION_TYPES
from screener.core.route import Route
from screener.web.i18n import gettext as _


def _option_labels(q: Questionnaire, question: Question, value: AnswerValue, lang: str) -> str:
    chosen = value if isinstance(value, frozenset) else frozenset()
    labels = [q.text(o.label, lang) for o in question.options if o.value in chosen]
    return ", ".join(labels) or str(_("None selected"))


def _option_label(q: Questionnaire, question: Question, value: AnswerValue, lang: str) -> str:
    option = question.option(str(value))
    return q.text(option.label, lang) if option is not None else str(value)


def _out_of(q: Questionnaire, question: Question, value: AnswerValue, lang: str) -> str:
    return str(_("%(value)s out of %(high)s", value=value, high=question.maximum))


def _with_unit(q: Questionnaire, question: Question, value: AnswerValue, lang: str) -> str:
    return f"{value} {q.text(question.unit, lang)}" if question.unit is not None else str(value)


def _as_typed(q: Questionnaire, question: Question, value: AnswerValue, lang: str) -> str:
    return str(value)


# How an answer reads, by the family each question type names (screener/core/questiontypes.py).
SHOWN_AS: dict[str, Callable[[Questionnaire, Question, AnswerValue, str], str]] = {
    "options": _option_labels,
    "option": _option_label,
    "out_of": _out_of,
    "with_unit": _with_unit,
    "as_typed": _as_typed,
}


def answer_text(
    q: Questionnaire, question: Question, value: AnswerValue | None, language: str
) -> str:
    """An answer as the patient would say it: option labels, a number with its unit."""
    if value is None:
        return str(_("Not answered"))
    return SHOWN_AS[QUESTION_TYPES[question.type].shown_as](q, question, value, language)


def answer_words(q: Questionnaire, walk: Route, language: str) -> dict[str, str]:
    """Each shown question's answer in the patient's words, by question id."""
    return {
        question.id: answer_text(q, question, walk.answers.get(question.id), language)
        for page in walk.pages
        for question in walk.questions[page.id]
    }


def notes(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> list[str]:
    """The person's own free-text notes, to show on the result and its printout."""
    return [
        str(answers[question.id])
        for question in q.questions.values()
        if question.value_kind == "text" and answers.get(question.id)
    ]


def written_date(iso: str) -> str:
    """A YYYY-MM-DD date the way the page's language writes dates ("December 1, 2026")."""
    try:
        return str(format_date(date.fromisoformat(iso), "long"))
    except ValueError:  # the format checks the shape only; show an impossible date as written
        return iso
