"""The person's answers as the session cookie keeps them."""

from __future__ import annotations

from flask import flash, session
from flask_babel import gettext as _

from screener.core.answers import parse_answers, plain_answers
from screener.core.conditions import AnswerValue
from screener.core.route import Route, route
from screener.web.reloading import current_questionnaire


def saved_answers() -> dict[str, AnswerValue]:
    """The answers in the session that still fit the questionnaire."""
    raw = session.get("answers")
    answers, problems = parse_answers(current_questionnaire(), raw if isinstance(raw, dict) else {})
    if problems:
        flash(_("The questions have changed since your last visit. Please check your answers."))
        save(answers)
    return answers


def save(answers: dict[str, AnswerValue]) -> Route:
    """Keep only the answers that count, in the session cookie; return their route."""
    walk = route(current_questionnaire(), answers)
    session["answers"] = plain_answers(walk.answers)
    return walk


def merged(
    answers: dict[str, AnswerValue], page_answers: dict[str, AnswerValue | None]
) -> dict[str, AnswerValue]:
    """The saved answers with one page's answers laid over them (None clears one)."""
    updated = {**answers}
    for qid, value in page_answers.items():
        if value is None:
            updated.pop(qid, None)
        else:
            updated[qid] = value
    return updated
