"""Answers from outside (a YAML file, a cookie) checked against the questionnaire, and their
compact encoding for the session cookie."""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screener.authoring.problems import did_you_mean
from screener.core.conditions import Answers, AnswerValue
from screener.core.model import Questionnaire
from screener.core.questiontypes import QUESTION_TYPES, AnswerError, parse_answer

# The session cookie's value may take this many characters: browsers keep cookies up to
# 4,096 bytes, and the name and attributes need the rest.
SESSION_BUDGET = 3900
# Version byte, 12-byte nonce and 16-byte tag of the AES-GCM envelope around the payload.
ENVELOPE_BYTES = 29
# The most the rest of a session holds besides answers (see screener/web/session.py).
SESSION_EXTRAS: dict[str, Any] = {
    "csrf_token": "f" * 40,
    "lang": "es",
    "_t": 9_999_999_999,
    "_flashes": [["message", "Las preguntas cambiaron desde su última visita. " * 4]],
}


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
            problems.append(
                AnswerProblem(
                    str(key),
                    f'unknown question "{key}"' + did_you_mean(str(key), questionnaire.questions),
                )
            )
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


def compact_json(data: Any) -> bytes:
    """The JSON the session cookie carries: no spaces, UTF-8 rather than \\u escapes."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def cookie_bytes(answers: Answers) -> int:
    """Characters of the session cookie these answers need, once compressed, encrypted and
    base64-encoded, next to the largest rest of a session (CSRF token, language, a notice)."""
    session = {"answers": plain_answers(answers), **SESSION_EXTRAS}
    sealed = len(zlib.compress(compact_json(session), 9)) + ENVELOPE_BYTES
    return math.ceil(sealed * 4 / 3)


def worst_case_answers(questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """Every question answered with its longest possible value."""
    return {q.id: QUESTION_TYPES[q.type].worst_case(q) for q in questionnaire.questions.values()}
