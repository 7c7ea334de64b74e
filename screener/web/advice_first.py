"""The emergency advice is never withheld: not by an expired session, a lost cookie or a
rate limit. Posts the app will not save still show the advice their answers call for."""

from __future__ import annotations

from flask import Flask, flash, render_template, request, session
from flask_babel import gettext as _

from screener.core.route import route
from screener.core.triage import assess, interrupts
from screener.web.csrf import ActionForm
from screener.web.forms import answers_from, page_form, warning_signs
from screener.web.journey import merged, questionnaire, saved_answers
from screener.web.people import render_result


def emergency_for_post() -> str | None:
    """The emergency result, if what was just posted to a question page calls for it.

    For posts the app will not save (an expired session, over the rate limit): the posted
    answers, laid over whatever answers can still be read, with warning signs ticked beside
    "None of these" counted; nothing is saved.
    """
    if request.method != "POST" or request.endpoint != "journey.question":
        return None
    q = questionnaire()
    page = q.page_by_id.get(str((request.view_args or {}).get("page_id")))
    if page is None:
        return None
    answers = saved_answers()
    shown = route(q, answers).questions.get(page.id, page.questions)
    form = page_form(q, shown, answers)
    form.validate()
    posted = merged(answers, answers_from(form, shown, only_valid=True))
    outcome = assess(q, merged(posted, warning_signs(form, shown)))
    return render_result(q, outcome) if interrupts(outcome) else None


def session_problems() -> str | None:
    """An expired session gets its own page; an unreadable one a fresh start and a notice."""
    problem = getattr(session, "problem", None)
    if request.endpoint == "static" or problem is None:
        return None
    if problem == "expired":
        urgent = emergency_for_post()
        if urgent is not None:
            return urgent
        return render_template("journey/expired.html", form=ActionForm())
    flash(_("We could not read your saved answers, so you are starting again."))
    return None


def init_advice_first(app: Flask) -> None:
    """Check every request's session before its page, the advice first."""
    app.before_request(session_problems)
