"""The journey's pages: what each shows of the person viewing it, rendered per request.

Views hand templates plain data: the page's texts (screener/web/page_texts.py, kept per
questionnaire and language), and this person's answers, errors and reasons. Templates may
loop over and branch on any of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import render_template, request
from flask_babel import format_date
from flask_wtf import FlaskForm

from screener.core.conditions import AnswerValue
from screener.core.model import Page, Question, Questionnaire
from screener.core.route import Route, route
from screener.core.triage import Assessment, interrupts
from screener.web.forms import WholeNumber, field_family, field_for
from screener.web.hooks import journey_hooks
from screener.web.i18n import current_language
from screener.web.page_texts import first_sentence, texts
from screener.web.presenters import answer_words, notes, written_date

# The result page shows this many guidance cards open; the rest fold to their titles.
OPEN_CARDS = 2
_TODAY: dict[tuple[str, date], str] = {}


def written_today(language: str) -> str:
    """Today's date as `language` writes it, worked out once a day (Babel is slow at it)."""
    today = date.today()
    found = _TODAY.get((language, today))
    if found is None:
        if len(_TODAY) > 16:
            _TODAY.clear()
        found = _TODAY[(language, today)] = str(format_date(today, "long"))
    return found


class Shown:
    """What a question page shows of someone's answers: options chosen, text in boxes."""

    def __init__(self) -> None:
        self.chosen: dict[str, frozenset[str]] = {}
        self.typed: dict[str, str] = {}

    @classmethod
    def from_answers(
        cls, questions: tuple[Question, ...], answers: Mapping[str, AnswerValue]
    ) -> Shown:
        """The saved answers, without building the page's form."""
        shown = cls()
        for q in questions:
            if q.id in answers:
                shown.add(q.id, field_family(q).from_answer(answers[q.id]))
        return shown

    @classmethod
    def from_form(cls, form: FlaskForm, questions: tuple[Question, ...]) -> Shown:
        """What was just posted, as the person left it (a number as they typed it)."""
        shown = cls()
        for q in questions:
            field = field_for(form, q)
            raw = getattr(field, "raw_data", None)
            if isinstance(field, WholeNumber) and raw:
                shown.typed[q.id] = str(raw[0])
            elif field.data not in (None, "", []):
                shown.add(q.id, field.data)
        return shown

    def add(self, question_id: str, value: object) -> None:
        """One question's value: a list is options chosen; anything else is one value."""
        if isinstance(value, list):
            self.chosen[question_id] = frozenset(value)
        else:
            self.chosen[question_id] = frozenset([str(value)])
            self.typed[question_id] = str(value)


def question_page(
    q: Questionnaire,
    page: Page,
    questions: tuple[Question, ...],
    shown: Shown,
    errors: Mapping[str, str],
    back: str,
) -> str:
    """A question page: the questions this person is shown, their answers and errors."""
    words = texts(q, current_language()).page(page)
    return render_template(
        "journey/question.html",
        page=words,
        asked=words.shown(questions),
        chosen=shown.chosen,
        typed=shown.typed,
        # A message is what makes a question "wrong" on the page (an empty one shows nothing).
        errors={qid: message for qid, message in errors.items() if message},
        back=back,
        # Only the one query the journey reads (changing an answer from the review) is
        # carried on; nothing else a link adds is printed into the page, which nginx may
        # compress together with the person's words.
        action=request.path + ("?change=1" if request.args.get("change") == "1" else ""),
    )


def check_page(q: Questionnaire, walk: Route, back: str) -> str:
    """Every answer, grouped by page, each with a Change link."""
    language = current_language()
    words = texts(q, language)
    return render_template(
        "journey/check.html",
        walk=walk,
        asked_as=words.asked_as,
        titles=words.page_titles,
        said=answer_words(q, walk, language),
        back=back,
    )


def render_result(q: Questionnaire, outcome: Assessment, walk: Route | None = None) -> str:
    """The result page for an assessment (and the route it came from, if at hand)."""
    walk = walk or route(q, outcome.answers)
    language = current_language()
    stopped = interrupts(outcome)
    words = texts(q, language)
    # Put into words once: the reasons and the printed sheet show the same answers.
    said = answer_words(q, walk, language)
    return render_template(
        "journey/result.html",
        outcome=outcome,
        tier=outcome.tier,
        interrupted=stopped,
        # Why, in one sentence of the first reason: a result's first screen says when, why
        # and where to book before anything else.
        why=first_sentence(q.text(outcome.red_flags[0].flag.message, language))
        if outcome.red_flags
        else "",
        walk=walk,
        asked_as=words.asked_as,
        cards=words.cards,
        said=said,
        # The printed sheet: every question asked, with its answer. A journey stopped for an
        # emergency never reached its later pages: their questions were not asked at all.
        sheet=[
            (words.asked_as[question.id], said[question.id])
            for page in walk.pages
            for question in walk.questions[page.id]
            if not stopped or question.id in walk.answers
        ],
        notes=notes(q, outcome.answers),
        open_cards=OPEN_CARDS,
        written=written_date(q.meta.date),
        today=written_today(language),
        evaluation=journey_hooks().rule_evaluation(q, outcome),
    )
