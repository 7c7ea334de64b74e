"""The author's preview: the whole questionnaire on one page, journeys started from any
scenario, and how each rule evaluated on a result page.

On in debug mode. In production it is off unless PREVIEW_TOKEN is set; then visiting
/preview?token=<that token> once turns it on for that browser session.
"""

from __future__ import annotations

import hmac
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from screener.authoring.plain_words import describe
from screener.authoring.signoff import signoff_status
from screener.core.answers import plain_answers
from screener.core.model import Questionnaire
from screener.core.triage import Assessment
from screener.paths import default_scenarios
from screener.tools.flowchart import svg
from screener.tools.scenarios import Scenario, load_scenarios, scenario_files
from screener.web.csrf import ActionForm
from screener.web.hooks import RuleRow, journey_hooks
from screener.web.i18n import current_language
from screener.web.reloading import current_questionnaire

bp = Blueprint("preview", __name__, url_prefix="/preview")


def preview_on() -> bool:
    """Whether this request may see the preview."""
    return bool(current_app.debug or session.get("preview"))


def _scenarios(q: Questionnaire) -> list[Scenario]:
    configured = current_app.config["PREVIEW_SCENARIOS"]
    folder = Path(configured) if configured else default_scenarios()
    found: list[Scenario] = []
    for path in scenario_files([folder]) if folder.is_dir() else []:
        found.extend(load_scenarios(path, q)[0])
    return found


@bp.get("")
def overview() -> Response | str:
    """Every page, question, option, rule and setting, with conditions in plain words."""
    token = current_app.config["PREVIEW_TOKEN"]
    offered = request.args.get("token")
    if offered and token and hmac.compare_digest(str(offered), str(token)):
        session["preview"] = True
        return redirect(url_for(".overview"))  # the token leaves the address bar
    if not preview_on():
        abort(404)
    q = current_questionnaire()
    language = current_language()
    return render_template(
        "preview/questionnaire.html",
        said=lambda condition: describe(condition, q, language),
        scenarios=list(enumerate(_scenarios(q))),
        flow=svg(q, language),
        signoff=signoff_status(q),
    )


@bp.post("/start")
def start_scenario() -> Response:
    """Load a scenario's answers into this session and land on the chosen page."""
    if not preview_on():
        abort(404)
    if not ActionForm().validate_on_submit():
        return redirect(url_for(".overview"))
    q = current_questionnaire()
    scenarios = _scenarios(q)
    index = request.form.get("scenario", type=int)
    if index is None or not 0 <= index < len(scenarios):
        abort(400)
    session["answers"] = plain_answers(scenarios[index].answers)
    land = request.form.get("land", "result")
    if land in q.page_by_id:
        return redirect(url_for("journey.question", page_id=land))
    return redirect(url_for("journey.result"))


def evaluation(q: Questionnaire, outcome: Assessment) -> list[RuleRow] | None:
    """How every red flag and guidance card evaluated, for the preview panel (else None)."""
    if not preview_on():
        return None
    language = current_language()
    rows = [
        RuleRow(
            "red flag",
            f.id,
            f.when.test(outcome.answers),
            describe(f.when, q, language),
            f.when.evidence(outcome.answers) or (),
        )
        for f in q.red_flags
    ]
    shown = {card.id for card in outcome.guidance}
    for card in q.guidance:
        condition = describe(card.when, q, language) if card.when else "always"
        if card.tiers:
            condition += f" (only on {', '.join(card.tiers)} results)"
        rows.append(RuleRow("guidance", card.id, card.id in shown, condition, ()))
    return rows


def init_preview(app: Flask) -> None:
    """Serve the preview, and show its panel on result pages through the journey's hook."""
    app.register_blueprint(bp)
    journey_hooks(app).rule_evaluation = evaluation
