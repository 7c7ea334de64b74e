"""The patient's journey: thin views that read answers, ask the core, and render or redirect.

Every view recomputes the route from the answers in the session (Post/Redirect/Get). An
answer that fires an interrupting red flag sends the person straight to the result.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from screener.core.answers import parse_answers, plain_answers
from screener.core.conditions import AnswerValue
from screener.core.model import Page, Questionnaire
from screener.core.route import Route, route
from screener.core.triage import Assessment, assess, assess_route, interrupts, stops
from screener.web.csrf import CSRF_LOST, ActionForm
from screener.web.forms import (
    answers_from,
    form_errors,
    page_form,
    warning_signs,
)
from screener.web.i18n import languages
from screener.web.people import (
    CheckPerson,
    QuestionPerson,
    check_page,
    question_page,
    render_result,
    shown_answers,
    shown_fields,
)
from screener.web.reloading import current_questionnaire

bp = Blueprint("journey", __name__)


def questionnaire() -> Questionnaire:
    """The questionnaire this request is served from."""
    return current_questionnaire()


def saved_answers() -> dict[str, AnswerValue]:
    """The answers in the session that still fit the questionnaire."""
    raw = session.get("answers")
    answers, problems = parse_answers(questionnaire(), raw if isinstance(raw, dict) else {})
    if problems:
        flash(_("The questions have changed since your last visit. Please check your answers."))
        save(answers)
    return answers


def save(answers: dict[str, AnswerValue]) -> Route:
    """Keep only the answers that count, in the session cookie; return their route."""
    walk = route(questionnaire(), answers)
    session["answers"] = plain_answers(walk.answers)
    return walk


def interrupted(walk: Route) -> bool:
    """Whether these answers raise a red flag that stops the questionnaire."""
    return stops(walk)


def has_result(walk: Route, outcome: Assessment) -> bool:
    """Whether the route's assessment is a result to show: every page answered, or a stop."""
    return interrupts(outcome) or walk.first_unanswered_page() is None


def next_step(walk: Route, changing: bool = False) -> Response:
    """Where someone on this route goes next: result, a page, or check answers.

    While changing answers from the check page, a newly shown page keeps that mode, so it
    too returns to the check page.
    """
    if interrupted(walk):
        return redirect(url_for(".result"))
    page = walk.first_unanswered_page()
    if page is None:
        return redirect(url_for(".check"))
    return redirect(url_for(".question", page_id=page.id, change=1 if changing else None))


@bp.get("/")
def start() -> str:
    """What the tool does and does not do, the privacy promise, and Start."""
    return render_template(
        "journey/start.html", has_answers=bool(saved_answers()), form=ActionForm()
    )


@bp.post("/start")
def begin() -> Response:
    """Start afresh at the first page."""
    if ActionForm().validate_on_submit():
        session.pop("answers", None)
    first = route(questionnaire(), {}).pages[0]
    return redirect(url_for(".question", page_id=first.id))


@bp.route("/q/<page_id>", methods=["GET", "POST"])
def question(page_id: str) -> Response | str:
    """One page of questions: show it, or save its answers and move on."""
    q = questionnaire()
    page = q.page_by_id.get(page_id) or abort(404)
    answers = saved_answers()
    walk = route(q, answers)
    if walk.index(page_id) is None:
        flash(_("That question does not apply to your answers, so we have skipped it."))
        return next_step(walk)
    if request.method != "POST" and (blocked := _ahead_of_answers(walk, page)):
        return blocked
    shown = walk.questions[page_id]
    back = _back_link(walk, page_id)
    if request.method != "POST":  # GET or HEAD: no form object, only what to show

        def reference() -> QuestionPerson:
            return QuestionPerson(shown_fields(page_form(q, shown, answers), shown), {}, back)

        return question_page(
            page, shown, QuestionPerson(shown_answers(shown, answers), {}, back), reference
        )
    form = page_form(q, shown, answers)
    valid = form.validate_on_submit()
    updated = merged(answers, answers_from(form, shown, only_valid=not valid))
    if valid:
        return _after_saving(page, save(updated))
    # An emergency answer never waits behind a mistake on the page, not even a mistake in its
    # own field ("None of these" ticked with a warning sign), nor behind a lost cookie: the
    # advice is shown at once (and kept only if the form was genuine).
    alarming = merged(updated, warning_signs(form, shown))
    outcome = assess(q, alarming)
    if interrupts(outcome):
        if form.csrf_token.errors:
            return render_result(q, outcome)
        save(alarming)
        return redirect(url_for(".result"))
    if form.csrf_token.errors:
        flash(str(CSRF_LOST))
    errors = {qid: str(message) for qid, message in form_errors(form).items()}
    return question_page(page, shown, QuestionPerson(shown_fields(form, shown), errors, back))


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


def _ahead_of_answers(walk: Route, page: Page) -> Response | None:
    """Send people back to the first unanswered page if they jump past it."""
    first = walk.first_unanswered_page()
    here, there = walk.index(page.id), walk.index(first.id) if first else None
    if here is None or there is None or here < there:
        return None  # an answered page: people may always go back and change it
    if interrupted(walk):
        if any(question.id in walk.answers for question in walk.questions[page.id]):
            return None  # changing an answer that may have been a slip
        return redirect(url_for(".result"))  # no more questions before the advice
    if here > there:
        return redirect(url_for(".question", page_id=first.id))  # type: ignore[union-attr]
    return None


def _after_saving(page: Page, walk: Route) -> Response:
    if interrupted(walk):
        return redirect(url_for(".result"))
    if request.args.get("change") == "1":
        return next_step(walk, changing=True)
    following = walk.next_page(page.id)
    return redirect(url_for(".question", page_id=following.id) if following else url_for(".check"))


def _back_link(walk: Route, page_id: str) -> str:
    if request.args.get("change") == "1":
        return url_for(".check")
    before = walk.previous_page(page_id)
    return url_for(".question", page_id=before.id) if before else url_for(".start")


@bp.get("/check")
def check() -> Response | str:
    """Every answer, grouped by page, each with a Change link."""
    q = questionnaire()
    walk = route(q, saved_answers())
    if interrupted(walk) or walk.first_unanswered_page():
        return next_step(walk)
    last = url_for(".question", page_id=walk.pages[-1].id)
    return check_page(CheckPerson(q, walk, last))


@bp.get("/result")
def result() -> Response | str:
    """The result: tier first, then why, what to do, the safety net and the disclaimer."""
    q, answers = questionnaire(), saved_answers()
    walk = route(q, answers)
    outcome = assess_route(walk)
    if not has_result(walk, outcome):
        return next_step(walk)
    return render_result(q, outcome, walk)


@bp.post("/clear")
def clear() -> Response:
    """Forget every answer; the language choice stays."""
    if ActionForm().validate_on_submit():
        language = session.get("lang")
        session.clear()
        if language:
            session["lang"] = language
        flash(_("Your answers have been cleared."))
    else:
        flash(str(CSRF_LOST))
    return redirect(url_for(".start"))


@bp.get("/language/<code>")
def language(code: str) -> Response:
    """Switch the interface and questions to another language, then go back."""
    if code in languages(questionnaire()):
        session["lang"] = code
    return redirect(_same_site(request.args.get("next")))


def _same_site(target: Any) -> str:
    """A path on this site to return to; anything else (another host) goes to the start."""
    if (
        not isinstance(target, str)
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or urlsplit(target).netloc
        or any(ord(char) < 32 or ord(char) == 127 for char in target)
    ):
        return url_for(".start")
    return target
