""" "Download for your clinician": the answers in the cookie as a FHIR QuestionnaireResponse,
built on request and sent to the person's own browser; nothing is stored or logged."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Flask, json, redirect, url_for
from werkzeug.wrappers import Response

from screener.core.route import route
from screener.core.triage import assess_route
from screener.tools.fhir.response import fhir_response
from screener.web.i18n import current_language
from screener.web.journey import has_result, questionnaire
from screener.web.session_answers import saved_answers

bp = Blueprint("download", __name__)
FILE_NAME = "sciatica-answers-for-your-clinician.json"


@bp.get("/result/fhir")
def response() -> Response:
    """The result's answers as FHIR JSON; people without a result are sent on their way."""
    q, answers = questionnaire(), saved_answers()
    walk = route(q, answers)
    if not answers or not has_result(walk, assess_route(walk)):
        return redirect(url_for("journey.result"))
    body = fhir_response(q, answers, datetime.now(UTC), current_language())
    # Padded to one size on the wire after the view, like every page (web/padding.py).
    return Response(
        json.dumps(body, ensure_ascii=False, indent=2),
        mimetype="application/fhir+json",
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAME}"'},
    )


def init_download(app: Flask) -> None:
    """Offer the download."""
    app.register_blueprint(bp)
