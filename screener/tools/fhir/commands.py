"""`screener fhir ...`: the questionnaire and a set of answers in FHIR R4, as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import click

from screener.core.model import Questionnaire
from screener.tools.fhir.questionnaire import fhir_questionnaire
from screener.tools.fhir.response import fhir_response
from screener.tools.loading import QUESTIONNAIRE_OPTION, answers_file, checked_questionnaire, fail


def _echo(resource: dict[str, Any]) -> None:
    click.echo(json.dumps(resource, indent=2, ensure_ascii=False))


def _language(q: Questionnaire, language: str | None) -> str:
    """The language asked for, which the questionnaire must speak; else its default one."""
    if language is not None and language not in q.meta.languages:
        spoken = ", ".join(q.meta.languages)
        fail(f'the questionnaire is not written in "{language}"; it speaks {spoken}')
    return language or q.meta.default_language


@click.group(name="fhir")
def fhir() -> None:
    """The questionnaire and answers as FHIR R4 resources (docs/fhir.md)."""


@fhir.command(name="questionnaire")
@click.option("--language", default=None, help="Language of the texts (default: the file's).")
@click.argument("path", metavar="[FILE]", required=False, type=click.Path(dir_okay=False))
def questionnaire(language: str | None, path: str | None) -> None:
    """Print the questionnaire as a FHIR Questionnaire with SDC calculations; the other
    languages are translation extensions."""
    q = checked_questionnaire(path)
    _echo(fhir_questionnaire(q, _language(q, language)))


@fhir.command(name="response")
@QUESTIONNAIRE_OPTION
@click.option("--language", default=None, help="Language of the texts (default: the file's).")
@click.argument("answers_path", metavar="ANSWERS", type=click.Path(dir_okay=False))
def response(questionnaire_path: str | None, language: str | None, answers_path: str) -> None:
    """Print a file of answers as a FHIR QuestionnaireResponse, with the result."""
    q = checked_questionnaire(questionnaire_path)
    answers = answers_file(q, answers_path)
    now = datetime.now(UTC)
    _echo(fhir_response(q, answers, now, _language(q, language)))
