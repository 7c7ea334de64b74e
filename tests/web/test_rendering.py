"""Pages are rendered by Jinja on every request: templates may do anything with a person's
values, and what is kept between requests is the questionnaire's text, never an answer."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from flask import Flask
from support import BENIGN, FIXTURE, ROOT, Patient

from screener.authoring.loader import load_questionnaire
from screener.web import page_texts

# Filters and tests on the person's own values, as a maintainer might add them.
PROBES = {
    "journey/question.html": (
        "{% block content %}",
        '{% block content %}<p id="probe">{{ back|upper }}|{{ chosen|length }}|'
        '{% if "one_leg" in chosen.get("legs", ()) %}one leg{% else %}none yet{% endif %}|'
        '{{ asked|map(attribute="id")|join(",") }}|{{ errors|length }}</p>',
    ),
    "journey/check.html": (
        "{% block content %}",
        '{% block content %}<p id="probe">{{ said|length }}|{{ said["legs"]|lower }}|'
        "{{ walk.pages|selectattr('id', 'equalto', 'legs')|list|length }}</p>",
    ),
    "journey/result.html": (
        "{% block content %}",
        '{% block content %}<p id="probe">{{ tier.id|upper }}|{{ outcome.red_flags|length }}|'
        "{{ notes|first|default('no notes')|truncate(9, True, '') }}|"
        "{% if interrupted %}stopped{% else %}whole route{% endif %}</p>",
    ),
}


@pytest.fixture
def edited_app(tmp_path: Path, app_config: dict[str, object]) -> Flask:
    """The app with a copy of the templates, each journey page given a probe."""
    from screener import create_app

    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    for name, (anchor, probe) in PROBES.items():
        path = folder / name
        text = path.read_text()
        assert text.count(anchor) == 1
        path.write_text(text.replace(anchor, probe))
    app = create_app(app_config)
    app.template_folder = str(folder)
    app.__dict__.pop("jinja_loader", None)  # no template was loaded yet; be sure of it
    return app


def _probe(html: str) -> str:
    return html.split('<p id="probe">', 1)[1].split("</p>", 1)[0]


def test_a_template_may_filter_compare_and_count_a_persons_values(edited_app: Flask) -> None:
    patient = Patient(edited_app.test_client())
    assert _probe(patient.get("/q/legs").get_data(as_text=True)) == "/|0|none yet|legs|0"
    patient.answer("legs", legs="one_leg")
    html = patient.get("/q/legs").get_data(as_text=True)
    assert _probe(html) == "/|1|one leg|legs|0"
    wrong = patient.answer("right_now").get_data(as_text=True)  # nothing ticked
    assert _probe(wrong) == "/Q/LEGS|0|none yet|right_now|1"
    patient.walk({**BENIGN, "notes": "Ask about driving"})
    assert _probe(patient.get("/check").get_data(as_text=True)).endswith("|in one leg|1")
    assert _probe(patient.get("/result").get_data(as_text=True)) == (
        "SELF_CARE|0|Ask about|whole route"
    )


def test_page_texts_are_kept_per_questionnaire_and_language_and_hold_no_answer(
    patient: Patient,
) -> None:
    patient.walk({**BENIGN, "notes": "My private note 7741"})
    patient.get("/q/notes")
    kept = list(page_texts._KEPT.values())
    assert kept, "the question pages' texts are kept"
    for _questionnaire, texts in kept:
        assert "7741" not in repr(texts.pages)
    q = load_questionnaire(FIXTURE)
    english = page_texts.texts(q, "en")
    assert page_texts.texts(q, "en") is english
    assert page_texts.texts(q, "es") is not english
    assert page_texts.texts(load_questionnaire(FIXTURE), "en") is not english  # a reload


def test_the_hooks_before_every_view_run_in_the_order_app_py_gives(app: Flask) -> None:
    hooks = [f"{f.__module__}.{f.__qualname__}" for f in app.before_request_funcs[None]]
    assert hooks == [
        "screener.web.reloading.init_reloading.<locals>.guard",
        "screener.web.safety.session_problems",
        "flask_limiter._extension.Limiter._check_request_limit",
    ]


def test_an_undeclared_session_key_is_never_written(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    from flask import session

    @app.get("/plant")
    def plant() -> str:
        session["answers"] = {"legs": "one_leg"}
        session["stray"] = "x" * 3000
        return "planted"

    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        assert client.get("/plant").status_code == 200
    assert "session keys not declared in core/cookie.py, not saved: stray" in caplog.text
    saved = Patient(client).session()
    assert saved["answers"] == {"legs": "one_leg"} and "stray" not in saved


def test_the_csrf_token_is_signed_once_per_session(patient: Patient) -> None:
    first = patient.token("/q/legs")
    patient.answer("legs", legs="one_leg")
    assert patient.token("/q/right_now") == first == patient.session()["csrf_signed"]
    patient.post("/clear", {})
    assert patient.token("/") != first  # a cleared session starts a new token
