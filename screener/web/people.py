"""The people behind the journey's pages: what each page shows that is theirs alone.

Templates reach these only through `you` (see screener/web/pages.py); every method returns
one part of one person's page, and the stencils fill their slots with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from flask import current_app, request
from flask_babel import format_date
from flask_wtf import FlaskForm
from markupsafe import Markup

from screener.core.conditions import AnswerValue
from screener.core.model import Page, Question, Questionnaire
from screener.core.route import Route, route
from screener.core.triage import Assessment, interrupts
from screener.web.forms import WholeNumber, field_family, field_for
from screener.web.i18n import current_language
from screener.web.pages import Given, Person, render_page
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


# What a page shows of a question's answer: the options chosen, and the text in its box.
Shown = tuple[frozenset[str], str]


def shown_answers(
    questions: tuple[Question, ...], answers: dict[str, AnswerValue]
) -> dict[str, Shown]:
    """What a page shows of the saved answers, without building its form."""
    shown: dict[str, Shown] = {}
    for q in questions:
        if q.id in answers:
            value = field_family(q).from_answer(answers[q.id])
            if isinstance(value, list):
                shown[q.id] = (frozenset(value), "")
            else:
                shown[q.id] = (frozenset([str(value)]), str(value))
    return shown


def shown_fields(form: FlaskForm, questions: tuple[Question, ...]) -> dict[str, Shown]:
    """What a page shows of its form: the saved answers, or what was just posted."""
    shown: dict[str, Shown] = {}
    for q in questions:
        field = field_for(form, q)
        data, raw = field.data, getattr(field, "raw_data", None)
        if isinstance(data, list):
            shown[q.id] = (frozenset(data), "")
        elif isinstance(field, WholeNumber) and raw:
            shown[q.id] = (frozenset(), str(raw[0]))
        elif data is not None and data != "":
            shown[q.id] = (frozenset([str(data)]), str(data))
    return shown


class QuestionPerson(Person):
    """Someone on a question page: what they chose or typed, and where Back goes."""

    def __init__(
        self,
        shown: Mapping[str, Shown],
        errors: Mapping[str, str],
        back: str,
    ) -> None:
        self.shown = shown  # by question: the options chosen, and the text in its box
        self.errors = errors
        self.back_to = back

    def checked(self, question_id: str, value: str) -> str:
        """' checked' on an option this person chose."""
        chosen = self.shown.get(question_id)
        return " checked" if chosen is not None and value in chosen[0] else ""

    def typed(self, question_id: str) -> str:
        """What the box of a number or text question holds."""
        shown = self.shown.get(question_id)
        return shown[1] if shown is not None else ""

    def error(self, question_id: str) -> str:
        """The message for a question this person's answer did not fit."""
        return self.errors[question_id]

    def back(self) -> str:
        """Where the Back link goes."""
        return self.back_to

    def action(self) -> str:
        """Where the form posts: this very address."""
        return request.full_path if request.query_string else request.path


class CheckPerson(Person):
    """Someone checking their answers: every page they saw, with what they said."""

    def __init__(self, q: Questionnaire, walk: Route, back: str) -> None:
        self.q, self.walk, self.back_to = q, walk, back

    def back(self) -> str:
        """Where the Back link goes: the last page."""
        return self.back_to

    def sections(self) -> Markup:
        """One list of answers per page, each answer with its Change link."""
        parts, walk = self.parts, self.walk
        words = answer_words(self.q, walk, current_language())
        return parts.join(
            parts.render(
                "check_section",
                (page.id, titled),
                page,
                titled,
                you=Given(
                    rows=parts.join(
                        parts.render("check_row", q.id, q, you=Given(answer=words[q.id]))
                        for q in questions
                    )
                ),
            )
            for page in walk.pages
            for questions in [walk.questions[page.id]]
            for titled in [len(questions) > 1]
        )


class ResultPerson(Person):
    """Someone at their result: the reasons, cards, notes and answers that are theirs."""

    def __init__(self, q: Questionnaire, outcome: Assessment, walk: Route) -> None:
        self.q, self.outcome, self.walk = q, outcome, walk
        self.interrupted = interrupts(outcome)
        # Put into words once: the reasons and the printed sheet show the same answers.
        self.words = answer_words(q, walk, current_language())

    def today(self) -> str:
        """Today's date, as the page's language writes it."""
        return written_today(current_language())

    def arrival(self) -> Markup | str:
        """What to say on arrival, for the reasons that have words for it."""
        parts = self.parts
        quotes = [
            parts.render("arrival_quote", f.flag.id, f.flag)
            for f in self.outcome.red_flags
            if f.flag.say_on_arrival
        ]
        if not quotes:
            return ""
        return parts.render(
            "arrival", self.interrupted, self.interrupted, you=Given(items=parts.join(quotes))
        )

    def reasons(self) -> Markup | str:
        """Why this result: each fired red flag with the answers behind it."""
        fired = self.outcome.red_flags
        if not fired:
            return ""
        parts, interrupted, questions = self.parts, self.interrupted, self.q.questions

        def answers(because: Iterable[str]) -> Markup:
            return parts.join(
                parts.render(
                    "reason_row",
                    (qid, interrupted),
                    questions[qid],
                    interrupted,
                    you=Given(answer=self.words[qid]),
                )
                for qid in because
            )

        items = parts.join(
            parts.render(
                "reason",
                reason.flag.id,
                reason.flag,
                you=Given(
                    answers=parts.render(
                        "reason_answers", (), you=Given(rows=answers(reason.because))
                    )
                    if reason.because
                    else ""
                ),
            )
            for reason in fired
        )
        return parts.render("reasons", interrupted, interrupted, you=Given(items=items))

    def cards(self) -> Markup | str:
        """The guidance that fits: the first few open, the rest folded to their titles."""
        guidance = self.outcome.guidance
        if not guidance:
            return ""
        parts = self.parts
        items = parts.join(
            parts.render("card", (card.id, folded), card, folded)
            for index, card in enumerate(guidance)
            for folded in [index >= OPEN_CARDS]
        )
        return parts.render("cards", (), you=Given(items=items))

    def notes(self) -> Markup | str:
        """The person's own notes, as they typed them."""
        texts = notes(self.q, self.outcome.answers)
        if not texts:
            return ""
        parts = self.parts
        items = parts.join(parts.render("note", (), you=Given(text=text)) for text in texts)
        return parts.render("notes", (), you=Given(items=items))

    def sheet(self) -> Markup:
        """Every answer, one table row each, for the printed sheet."""
        parts, walk = self.parts, self.walk
        return parts.join(
            parts.render("sheet_row", q.id, q, you=Given(answer=self.words[q.id]))
            for page in walk.pages
            for q in walk.questions[page.id]
        )


def question_page(
    page: Page,
    shown: tuple[Question, ...],
    person: QuestionPerson,
    reference: Callable[[], QuestionPerson] | None = None,
) -> str:
    """A question page: its shown questions, with this person's answers and errors."""
    # A message is what makes a question "wrong" on the page (an empty one shows nothing).
    wrong = tuple(q.id for q in shown if person.errors.get(q.id))

    def context(you: Any) -> dict[str, Any]:
        errors = {qid: you.mark("error", qid, truthy=True) for qid in wrong}
        return {"page": page, "questions": shown, "errors": errors}

    key = ("question", page.id, tuple(q.id for q in shown), wrong)
    return render_page("journey/question.html", key, context, person, reference)


def check_page(person: CheckPerson) -> str:
    """The check-answers page."""
    return render_page("journey/check.html", "check", lambda you: {}, person)


def render_result(q: Questionnaire, outcome: Assessment, walk: Route | None = None) -> str:
    """The result page for an assessment (and the route it came from, if at hand)."""
    person = ResultPerson(q, outcome, walk or route(q, outcome.answers))
    tier = outcome.tier
    # The author's preview, when on, adds how every rule evaluated (through the template
    # global it registers, so the journey never imports it): that page is never a stencil.
    evaluate: Any = current_app.jinja_env.globals["rule_evaluation"]
    rules = evaluate(q, outcome)

    def context(you: Any) -> dict[str, Any]:
        return {
            "tier": tier,
            "interrupted": person.interrupted,
            "written": written_date(q.meta.date),  # only when the stencil is built
            "evaluation": rules,
        }

    key = ("result", tier.id, person.interrupted)
    return render_page("journey/result.html", key, context, person, stencil=rules is None)
