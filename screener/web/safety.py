"""What a posted question page means for safety, decided in one place.

The emergency advice is never withheld: not by a mistake on the page (even in the field that
holds the warning sign), an expired session, a lost CSRF token or the rate limit. Every one
of those paths reads the post with `read_post` and asks it `emergency`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from flask import flash, render_template, request, session
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from screener.core.conditions import AnswerValue
from screener.core.model import Page, Question, Questionnaire
from screener.core.route import Route, route
from screener.core.triage import Assessment, assess_route, stops
from screener.web.forms import answers_from, page_form, warning_signs
from screener.web.pages import render_result
from screener.web.reloading import current_questionnaire
from screener.web.session_answers import merged, saved_answers


@dataclass
class PostedPage:
    """A question page as posted, laid over the saved answers."""

    questionnaire: Questionnaire
    form: FlaskForm
    questions: tuple[Question, ...]  # the page's questions this person is shown
    valid: bool  # every field and the CSRF token passed
    answers: dict[str, AnswerValue]  # saved answers with the page's valid answers laid over
    # The same, with the warning signs an invalid field still shows ("None of these" ticked
    # beside one): what the emergency advice is decided on.
    alarming: dict[str, AnswerValue]

    @property
    def token_lost(self) -> bool:
        """Whether the CSRF token failed: the post may not be saved."""
        return bool(self.form.csrf_token.errors)

    @cached_property
    def walk(self) -> Route:
        """The route of the alarming answers."""
        return route(self.questionnaire, self.alarming)

    @cached_property
    def emergency(self) -> bool:
        """Whether what was posted calls for advice that stops the questionnaire."""
        return stops(self.walk)

    @cached_property
    def outcome(self) -> Assessment:
        """The whole result for the alarming answers."""
        return assess_route(self.walk)


def read_post(
    q: Questionnaire, page: Page, saved: dict[str, AnswerValue], walk: Route | None = None
) -> PostedPage:
    """Read a posted question page: validate it, keep what was answered correctly, and
    note the warning signs any field still shows. `walk` is the saved answers' route."""
    # A page off this person's route (answers lost with an expired cookie) still shows all
    # of its questions' warning signs.
    questions = (walk or route(q, saved)).questions.get(page.id, page.questions)
    form = page_form(q, questions, saved)
    valid = form.validate()
    answers = merged(saved, answers_from(form, questions, only_valid=True))
    alarming = merged(answers, warning_signs(form, questions))
    return PostedPage(q, form, questions, valid, answers, alarming)


def emergency_for_post() -> str | None:
    """The emergency result, if what was just posted to a question page calls for it.

    For posts the app will not save (an expired session, over the rate limit): nothing is
    saved, and the advice is shown at once.
    """
    if request.method != "POST" or request.endpoint != "journey.question":
        return None
    q = current_questionnaire()
    page = q.page_by_id.get(str((request.view_args or {}).get("page_id")))
    if page is None:
        return None
    posted = read_post(q, page, saved_answers())
    return render_result(q, posted.outcome, posted.walk) if posted.emergency else None


def session_problems() -> str | None:
    """An expired session gets its own page; an unreadable one a fresh start and a notice."""
    problem = getattr(session, "problem", None)
    if request.endpoint == "static" or problem is None:
        return None
    if problem == "expired":
        urgent = emergency_for_post()
        if urgent is not None:
            return urgent
        return render_template("journey/expired.html")
    flash(_("We could not read your saved answers, so you are starting again."))
    return None
