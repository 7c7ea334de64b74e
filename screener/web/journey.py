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
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from screener.core.model import Page, Questionnaire
from screener.core.route import Route, route
from screener.core.triage import Assessment, assess_route, interrupts, stops
from screener.web.csrf import CSRF_LOST, ActionForm
from screener.web.forms import form_errors
from screener.web.i18n import languages
from screener.web.links import link
from screener.web.pages import Shown, check_page, question_page, render_result
from screener.web.reloading import current_questionnaire
from screener.web.safety import read_post
from screener.web.session_answers import save, saved_answers

bp = Blueprint("journey", __name__)


def questionnaire() -> Questionnaire:
    """The questionnaire this request is served from."""
    return current_questionnaire()


def interrupted(walk: Route) -> bool:
    """Whether these answers raise a red flag that stops the questionnaire."""
    return stops(walk)


def has_result(walk: Route, outcome: Assessment) -> bool:
    """Whether the route's assessment is a result to show: every page answered, or a stop."""
    return interrupts(outcome) or walk.first_unanswered_page() is None


def next_step(walk: Route, changing: bool = False) -> Response:
    """Where someone on this route goes next: the next unanswered page, else the result.

    The advice comes first: nobody has to review their answers before it. While changing
    answers from the review page, a newly shown page keeps that mode, and the last one
    returns to the review.
    """
    if interrupted(walk):
        return redirect(link("journey.result"))
    page = walk.first_unanswered_page()
    if page is None:
        return redirect(link("journey.check" if changing else "journey.result"))
    return redirect(link("journey.question", page_id=page.id, change=1 if changing else None))


@bp.get("/")
def start() -> str:
    """What the tool does and does not do, the privacy promise, and Start."""
    return render_template("journey/start.html", has_answers=bool(saved_answers()))


@bp.post("/start")
def begin() -> Response:
    """Start afresh at the first page."""
    if ActionForm().validate_on_submit():
        session.pop("answers", None)
    first = route(questionnaire(), {}).pages[0]
    return redirect(link("journey.question", page_id=first.id))


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
        return question_page(q, page, shown, Shown.from_answers(shown, answers), {}, back)
    posted = read_post(q, page, answers, walk)
    if posted.valid:
        return _after_saving(page, save(posted.answers))
    # An emergency answer never waits behind a mistake on the page, nor behind a lost
    # cookie: the advice is shown at once (and kept only if the form was genuine).
    if posted.emergency:
        if posted.token_lost:
            return render_result(q, posted.outcome, posted.walk)
        save(posted.alarming)
        return redirect(link("journey.result"))
    if posted.token_lost:
        flash(str(CSRF_LOST))
    errors = {qid: str(message) for qid, message in form_errors(posted.form).items()}
    return question_page(q, page, shown, Shown.from_form(posted.form, shown), errors, back)


def _ahead_of_answers(walk: Route, page: Page) -> Response | None:
    """Send people back to the first unanswered page if they jump past it."""
    first = walk.first_unanswered_page()
    here, there = walk.index(page.id), walk.index(first.id) if first else None
    if here is None or there is None or here < there:
        return None  # an answered page: people may always go back and change it
    if interrupted(walk):
        if any(question.id in walk.answers for question in walk.questions[page.id]):
            return None  # changing an answer that may have been a slip
        return redirect(link("journey.result"))  # no more questions before the advice
    if here > there:
        return redirect(link("journey.question", page_id=first.id))  # type: ignore[union-attr]
    return None


def _after_saving(page: Page, walk: Route) -> Response:
    if interrupted(walk):
        return redirect(link("journey.result"))
    if request.args.get("change") == "1":
        return next_step(walk, changing=True)
    following = walk.next_page(page.id)
    return redirect(
        link("journey.question", page_id=following.id) if following else link("journey.result")
    )


def _back_link(walk: Route, page_id: str) -> str:
    if request.args.get("change") == "1":
        return link("journey.check")
    before = walk.previous_page(page_id)
    return link("journey.question", page_id=before.id) if before else link("journey.start")


@bp.get("/check")
def check() -> Response | str:
    """Every answer, grouped by page, each with a Change link; reached from the result."""
    q = questionnaire()
    walk = route(q, saved_answers())
    if interrupted(walk) or walk.first_unanswered_page():
        return next_step(walk)
    return check_page(q, walk, link("journey.result"))


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
    return redirect(link("journey.start"))


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
        return link("journey.start")
    return target
