"""What every `screener` command shares: loading a checked questionnaire or a file of
answers, listing problems, and failing with a message."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from screener.authoring.loader import Report, check_file
from screener.authoring.problems import Problem, Problems
from screener.authoring.proof.findings import TIME_LIMIT
from screener.authoring.source import read_source
from screener.catalogue import answers as messages
from screener.core.answers import parse_answers
from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.core.route import route
from screener.core.triage import stops
from screener.core.wording import plural
from screener.paths import default_questionnaire
from screener.tools.fhir.response import read_response

QUESTIONNAIRE_OPTION = click.option(
    "--questionnaire",
    "-q",
    "questionnaire_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="The questionnaire file (default: ./questions.yaml).",
)


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem))


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


TIME_LIMIT_OPTION = click.option(
    "--time-limit",
    default=TIME_LIMIT,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds the safety proof may take before it gives up with a message.",
)


def load_checked(path: str | None, prove: bool = True) -> Report:
    """The checked file, or exit 1 after listing its problems (`prove=False`: no proof).

    Sign-off is left to `screener check`: it does not change what a file's answers give."""
    report = check_file(path or default_questionnaire(), prove=prove, signoff="skip")
    if report.questionnaire is None or not report.ok:
        print_problems(report.problems)
        fail(
            f"the questionnaire has {summary(report.problems)}; fix them first "
            "(screener check shows them all)"
        )
    return report


def checked_questionnaire(path: str | None) -> Questionnaire:
    """The checked questionnaire, or exit 1 after listing its problems."""
    questionnaire = load_checked(path).questionnaire
    assert questionnaire is not None
    return questionnaire


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def answers_file(q: Questionnaire, answers_path: str) -> dict[str, AnswerValue]:
    """The answers in a file, or exit 1 after listing every problem at its line."""
    problems = Problems(answers_path)
    source = read_source(answers_path, problems)
    raw: Any = source.data if source is not None else None
    answers: dict[str, AnswerValue] = {}
    if isinstance(raw, dict) and "resourceType" in raw:
        reading = read_response(q, raw)
        for wrong in reading.problems:
            problems.error(source.key_at(wrong.path) if source else (1, 1), wrong.message)
        answers, bad = parse_answers(q, reading.raw)
        for item in bad:
            path = reading.paths.get(item.question, ())
            problems.error(source.key_at(path) if source else (1, 1), item.message)
    elif isinstance(raw, dict):
        answers, bad = parse_answers(q, raw)
        for item in bad:
            problems.error(source.key_at((item.question,)) if source else (1, 1), item.message)
    elif source is not None:
        problems.error((1, 1), messages.ANSWERS_NOT_KEYS.say())
    if not problems.items:
        # No advice from part of a journey: it could be calmer than the whole would give.
        walk = route(q, answers)
        missing = [] if stops(walk) else [x.id for x in walk.unanswered()]
        if missing:
            count = plural(len(missing), "question")
            problems.error((1, 1), messages.UNANSWERED.say(count=count, ids=", ".join(missing)))
    if problems.items:
        print_problems(problems.sorted())
        fail(f"{answers_path}: {plural(len(problems.items), 'answer problem')}")
    return answers
