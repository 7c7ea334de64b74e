"""Pages filled from stencils are, byte for byte, the plain rendering, in every page state.

The app under test has CHECK_STENCILS on: every question, check and result page it serves is
rendered both ways, and one whose bytes differ raises StencilMismatch: the person sees the
error page (500) and the log says where the bytes differ. These tests visit every state a
page can be in, asking for a 200 each time; the last ones make sure the stencils were really
used, and that a difference is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import Template
from markupsafe import Markup
from support import BENIGN, FIXTURE_SCENARIOS, Patient

from screener.core.model import Questionnaire
from screener.tools.scenarios import load_scenarios
from screener.web.reloading import current_questionnaire
from screener.web.stencils import MOST_SHELVES, Marker, Recorder, Stencil, Stencils

LANGUAGES = ("en", "es")


@pytest.fixture
def app_config(app_config: dict[str, object]) -> dict[str, object]:
    """Thousands of posts from one address: no limit on them here."""
    return {**app_config, "RATE_LIMIT": "off"}


def served(app: Flask) -> Questionnaire:
    with app.test_request_context():
        return current_questionnaire()


def speaking(client: FlaskClient, language: str) -> Patient:
    client.get(f"/language/{language}")
    return Patient(client)


def as_posted(value: object) -> str | list[str]:
    """An answer as a form would post it."""
    if isinstance(value, frozenset):
        return sorted(value)
    return str(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_page_blank_answered_changed_and_wrong(app: Flask, language: str) -> None:
    q = served(app)
    patient = speaking(app.test_client(), language)
    # Blank, then answered: every page on the way, and again once answered (with ?change=1).
    assert patient.walk(BENIGN) == "/check"
    visited = [p.id for p in q.pages if patient.get(f"/q/{p.id}").status_code == 200]
    assert len(visited) >= 12
    for page_id in visited:
        assert patient.get(f"/q/{page_id}?change=1").status_code == 200
        # Errors: nothing at all posted (every required question says so), and nonsense.
        fields = patient.fields_on(f"/q/{page_id}")
        for data in ({}, {name: "nonsense²" for name in fields}):
            response = patient.post(f"/q/{page_id}", data)
            assert response.status_code in (200, 302), page_id
    assert patient.get("/check").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_notices_and_a_lost_token_on_question_pages(app: Flask, language: str) -> None:
    patient = speaking(app.test_client(), language)
    patient.walk(BENIGN, until="/q/pain")
    # A page that does not apply: the notice is shown on the page the person is sent to.
    follow = patient.get("/q/both_legs_start", follow_redirects=True)
    assert follow.status_code == 200 and 'class="notice"' in follow.get_data(as_text=True)
    lost = patient.post("/q/pain", {"leg_pain": "4", "back_pain": "2"}, token="forged")
    assert lost.status_code == 200 and 'class="notice"' in lost.get_data(as_text=True)
    # An emergency answer with a lost token: the result, served at the question's address.
    stop = patient.post("/q/right_now", {"right_now": ["stroke"]}, token="forged")
    assert stop.status_code == 200 and "result-panel--call_911" in stop.get_data(as_text=True)


def _scenarios(app: Flask) -> Iterator[tuple[str, dict[str, str | list[str]], str]]:
    q = served(app)
    for path in sorted(FIXTURE_SCENARIOS.glob("*.yaml")):
        scenarios, problems = load_scenarios(path, q)
        assert not problems
        for scenario in scenarios:
            answers = {qid: as_posted(v) for qid, v in scenario.answers.items()}
            yield scenario.name, answers, scenario.expect.get("tier", "")


def _result(app: Flask, answers: dict[str, str | list[str]], language: str) -> str:
    patient = speaking(app.test_client(), language)
    stop = patient.walk(answers)
    response = patient.get("/result")
    assert response.status_code == 200, stop
    if stop == "/check":
        assert patient.get("/check").status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_result_of_every_tier(app: Flask, language: str) -> None:
    seen: dict[str, str] = {}
    for _name, answers, tier in _scenarios(app):
        if tier and tier not in seen:
            seen[tier] = _result(app, answers, language)
    assert set(seen) == {t.id for t in served(app).tiers}


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_scenario_result(app: Flask, language: str) -> None:
    for _name, answers, _tier in _scenarios(app):
        _result(app, {**answers, "notes": "Worse <b>at night</b> & after work"}, language)


def test_the_pages_were_filled_from_stencils_and_kept(app: Flask) -> None:
    patient = Patient(app.test_client())
    patient.walk(BENIGN)
    patient.get("/check")
    patient.get("/result")
    patient.get("/check")
    stencils: Stencils = app.extensions["stencils"]
    # Each question page, the check page, the result page, and the items within them, kept
    # while the person goes from one page to another.
    assert len(stencils) > len(served(app).pages) + 2
    [shelf] = stencils.shelves()
    pages = {key[0] for key in shelf}
    assert {"journey/question.html", "journey/check.html", "journey/result.html"} <= pages
    # Someone else on the same pages: filled from the same stencils, none built anew.
    built = dict(shelf)
    other = Patient(app.test_client())
    other.walk({**BENIGN, "leg_pain": "6", "notes": "Someone else"})
    other.get("/check")
    other.get("/result")
    assert all(shelf[key] is stencil for key, stencil in built.items())
    assert {key[1] for key in set(shelf) - set(built)} == {"note", "notes"}  # their notes


def test_no_stencil_holds_what_someone_answered_or_typed(app: Flask) -> None:
    note = "Worse <b>at night</b> & after work"
    html = _result(app, {"notes": note, "leg_pain": "7"}, "en")
    assert "Worse &lt;b&gt;at night&lt;/b&gt; &amp; after work" in html
    patient = Patient(app.test_client())
    patient.walk({"notes": note}, until="/q/notes")
    patient.post("/q/notes", {"notes": note})
    assert "&lt;b&gt;at night" in patient.get("/q/notes").get_data(as_text=True)  # shown back
    wrong = patient.post("/q/pain", {"leg_pain": "11", "back_pain": "minus two"})
    assert wrong.status_code == 200 and "minus two" not in wrong.get_data(as_text=True)
    stencils: Stencils = app.extensions["stencils"]
    fixed = [p for shelf in stencils.shelves() for _t, s in shelf.values() for p in s.parts]
    text = "".join(p for p in fixed if isinstance(p, str))
    assert '<p class="notes">' in text and 'class="error-message"' in text  # built ...
    for value in ("at night", "7 out of 10", "Select a number from 0 to 10"):
        assert value not in text, value  # ... without anything of theirs in it


def test_head_shows_a_question_page_as_get_does_and_saves_nothing(app: Flask) -> None:
    patient = Patient(app.test_client())
    patient.walk(BENIGN, until="/q/pain")
    head = patient.client.head("/q/pain")
    assert (head.status_code, head.get_data()) == (200, b"")
    assert "Set-Cookie" not in head.headers
    stopped = Patient(app.test_client())
    assert stopped.walk({"right_now": ["stroke"]}) == "/result"
    again = stopped.client.head("/q/right_now")
    assert again.status_code == 200 and "Set-Cookie" not in again.headers


def test_a_request_keeps_the_questionnaire_it_began_with(app: Flask) -> None:
    from screener.web.reloading import current_questionnaire, served

    with app.test_request_context("/q/legs"):
        app.preprocess_request()
        began = current_questionnaire()
        source = served()
        newer, source.questionnaire = source.questionnaire, None  # reloaded meanwhile
        try:
            assert current_questionnaire() is began
        finally:
            source.questionnaire = newer


def test_every_template_a_stencil_page_builds_on_is_watched_for_reloads(app: Flask) -> None:
    from screener.web.pages import SHARED

    folder = Path(app.template_folder or "")
    pending = ["journey/question.html", "journey/check.html", "journey/result.html"]
    used: set[str] = set()
    while pending:
        source = (folder / pending.pop()).read_text()
        for name in re.findall(r'{%-?\s*(?:extends|import|include|from)\s+"([^"]+)"', source):
            if name not in used:
                used.add(name)
                pending.append(name)
    assert used == set(SHARED)


def test_a_difference_from_the_plain_page_is_refused(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    patient = Patient(app.test_client())
    patient.walk(BENIGN)
    stencils: Stencils = app.extensions["stencils"]
    for shelf in stencils.shelves():
        for key, (template, stencil) in shelf.items():
            shelf[key] = (
                template,
                Stencil(
                    tuple(
                        p.replace("Back", "Go back") if isinstance(p, str) else p
                        for p in stencil.parts
                    )
                ),
            )
    assert patient.get("/q/pain").status_code == 500
    assert "StencilMismatch: the filled stencil differs from the plain page" in caplog.text


# The mechanism on its own, with plain Jinja templates.


class Someone:
    def name(self) -> str:
        return "Ana <Ana@example.org>"

    def chose(self, value: str) -> str:
        return " checked" if value == "b" else ""


def record(source: str) -> Stencil:
    template = Template(source, autoescape=True)
    return Stencil.record(lambda you: template.render(you=you))


@pytest.mark.parametrize(
    ("source", "filled"),
    [
        ("Hello {{ you.name() }}!", "Hello Ana &lt;Ana@example.org&gt;!"),
        (
            '{% for v in "abc" %}<input value="{{ v }}"{{ you.chose(v) }}>{% endfor %}',
            '<input value="a"><input value="b" checked><input value="c">',
        ),
        ("{{ you.name() }}{{ you.name() }}", "Ana &lt;Ana@example.org&gt;" * 2),
        ("No one here \x00 at all", "No one here \x00 at all"),
    ],
)
def test_a_stencil_fills_as_the_template_renders(source: str, filled: str) -> None:
    assert record(source).fill(Someone()) == filled
    assert Template(source, autoescape=True).render(you=Someone()) == filled


def test_a_per_person_part_cannot_decide_a_condition() -> None:
    with pytest.raises(TypeError, match="used in a condition"):
        record("{% if you.name() %}yes{% endif %}")


def test_text_shaped_like_a_marker_stays_text() -> None:
    # Markers carry a random nonce per stencil, so no questionnaire text can be taken for one.
    lookalike = "\x00" + "ab12" * 4 + ":0\x00"
    assert record(f"{lookalike}{{{{ you.name() }}}}{lookalike}").fill(Someone()) == (
        f"{lookalike}Ana &lt;Ana@example.org&gt;{lookalike}"
    )
    recorder = Recorder()
    assert isinstance(recorder.mark("name"), Marker)
    assert not isinstance(recorder.mark("error", truthy=True), Marker)
    assert isinstance(recorder.mark("error", truthy=True), Markup)


def test_a_new_source_starts_the_stencils_afresh_and_places_are_bounded() -> None:
    stencils = Stencils()
    first, second = object(), object()
    stencils.shelf((first,), "en").fill("k", lambda you: "page", Someone())
    assert len(stencils) == 1
    stencils.shelf((second,), "en")
    assert len(stencils) == 0
    for n in range(MOST_SHELVES + 5):
        stencils.shelf((second,), n).fill("k", lambda you: "page", Someone())
    assert len(stencils) <= MOST_SHELVES


def test_the_parts_template_is_where_the_module_says(app: Flask) -> None:
    assert (Path(app.template_folder or "") / "_parts.html").is_file()


def test_a_reloaded_template_rebuilds_only_its_own_stencil() -> None:
    shelf = Stencils().shelf((), "en")
    old, new = object(), object()
    assert shelf.fill("page", lambda you: "old", Someone(), old) == "old"
    assert shelf.fill("other", lambda you: "other", Someone(), new) == "other"
    assert shelf.fill("page", lambda you: "again", Someone(), old) == "old"  # kept
    assert shelf.fill("page", lambda you: "new", Someone(), new) == "new"  # rebuilt
    assert shelf.fill("other", lambda you: "x", Someone(), new) == "other"  # untouched
