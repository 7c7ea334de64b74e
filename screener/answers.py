"""Answers from outside (a YAML file, a cookie) checked against the questionnaire, and their
compact encoding for the session cookie."""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screener.conditions import Answers, AnswerValue
from screener.model import Questionnaire
from screener.problems import did_you_mean
from screener.questiontypes import QUESTION_TYPES, AnswerError, parse_answer

# The answers' share of a browser cookie (4,096 bytes), leaving room for the rest of the
# session (language, CSRF token, timestamps) and the cookie's name and attributes.
SESSION_BUDGET = 3000
# Version byte, 12-byte nonce and 16-byte tag of the AES-GCM envelope around the payload.
ENVELOPE_BYTES = 29


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


def encode_answers(answers: Answers) -> bytes:
    """Compact JSON, compressed: what goes inside the encrypted session cookie."""
    text = json.dumps(plain_answers(answers), separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 9)


def decode_answers(blob: bytes) -> dict[str, Any]:
    """Inverse of encode_answers; raises ValueError on anything malformed."""
    try:
        data = json.loads(zlib.decompressobj().decompress(blob, 64_000).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("malformed answers") from exc
    if not isinstance(data, dict):
        raise ValueError("malformed answers")
    return data


def cookie_bytes(answers: Answers) -> int:
    """How many cookie characters these answers take once encrypted and base64-encoded."""
    return math.ceil((len(encode_answers(answers)) + ENVELOPE_BYTES) * 4 / 3)


def worst_case_answers(questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """Every question answered with its longest possible value."""
    return {q.id: QUESTION_TYPES[q.type].worst_case(q) for q in questionnaire.questions.values()}
