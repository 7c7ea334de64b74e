"""Answers from outside (a YAML file, a cookie) checked against the questionnaire."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screener.catalogue import answers as messages
from screener.core.conditions import Answers, AnswerValue
from screener.core.model import Questionnaire
from screener.core.questiontypes import QUESTION_TYPES, AnswerError, parse_answer
from screener.core.wording import did_you_mean


@dataclass(frozen=True)
class AnswerProblem:
    """One answer that does not fit the questionnaire."""

    question: str
    message: str


def parse_answers(
    questionnaire: Questionnaire, raw: Mapping[str, Any]
) -> tuple[dict[str, AnswerValue], list[AnswerProblem]]:
    """Keep the answers that fit their questions; explain each one that does not."""
    answers: dict[str, AnswerValue] = {}
    problems: list[AnswerProblem] = []
    for key, value in raw.items():
        question = questionnaire.questions.get(str(key))
        if question is None:
            suggestion = did_you_mean(str(key), questionnaire.questions)
            said = messages.UNKNOWN_QUESTION.say(ident=key, suggestion=suggestion)
            problems.append(AnswerProblem(str(key), said))
            continue
        if value is None:
            continue
        try:
            answers[question.id] = parse_answer(question, value)
        except AnswerError as exc:
            problems.append(AnswerProblem(question.id, str(exc)))
    return answers, problems


def plain_answers(answers: Answers) -> dict[str, str | int | list[str]]:
    """Answers as JSON-ready values (sets become sorted lists)."""
    return {
        key: sorted(value) if isinstance(value, frozenset) else value
        for key, value in answers.items()
    }


def worst_case_answers(questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """Every question answered with its longest possible value."""
    return {q.id: QUESTION_TYPES[q.type].worst_case(q) for q in questionnaire.questions.values()}
