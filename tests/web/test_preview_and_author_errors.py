"""The clinician's loop in the app: reload on save, the author error page, the preview."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from flask import Flask
from support import FIXTURE, FIXTURE_SCENARIOS, MINIMAL, SECRET, Patient, downgraded

from screener.authoring.loader import load_questionnaire
from screener.authoring.problems import QuestionnaireError

TOKEN = "preview-" + "7" * 32


def _app(path: Path, **config: object) -> Flask:
    from screener import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET,
            "QUESTIONNAIRE": str(path),
            "RATE_LIMIT": "off",
            "PREVIEW_SCENARIOS": str(FIXTURE_SCENARIOS),
            **config,
        }
    )


def _save(path: Path, text: str) -> None:
    """Write the file and move its clock on, as a real save a moment later would."""
    path.write_text(text)
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_a_save_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL)
    client = _app(path, RELOAD_QUESTIONNAIRE=True).test_client()
    assert "Where is the pain?" in client.get("/q/legs").get_data(as_text=True)
    _save(path, MINIMAL.replace("Where is the pain?", "Where does it hurt?"))
    assert "Where does it hurt?" in client.get("/q/legs").get_data(as_text=True)


def test_in_debug_a_broken_save_shows_the_author_error_page_until_fixed(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL)
    client = _app(path, DEBUG=True).test_client()
    _save(path, MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"'))
    response = client.get("/q/legs")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "q.yaml has 1 problem" in html
    assert (
        f"<strong>{path}:37:11</strong> error: unknown question &#34;lgs&#34; in condition; "
        "did you mean &#34;legs&#34;?"
    ) in html
    assert "  37 |     when: lgs == &#34;both&#34;\n" in html
    assert "\n" + " " * 17 + "^\n" in html  # under the "l" of "lgs", column 11
    styles = client.get("/static/app.css")
    styles.close()
    assert styles.status_code == 200  # the error page keeps its styles
    _save(path, MINIMAL)
    assert client.get("/q/legs").status_code == 200


def test_the_author_page_shows_an_unsafe_save_with_its_scenario(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL)
    client = _app(path, DEBUG=True).test_client()
    # An extra "yes" that turns the emergency off: the proof refuses it at once.
    _save(path, MINIMAL.replace('when: legs == "both"', 'when: legs == "both" and saddle == "no"'))
    html = client.get("/q/legs").get_data(as_text=True)
    assert (
        f"<strong>{path}:37:11</strong> error: turning on saddle &#34;no&#34; -&gt; "
        "&#34;yes&#34; lowers the result"
    ) in html
    assert "A scenario that shows it, to paste into a scenario file:" in html
    assert "- name: turning on saddle keeps the result at emergency\n" in html
    assert "  expect: {tier_at_least: emergency}</pre>" in html


def test_debug_mode_starts_with_a_broken_file_and_shows_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL.replace("    title: Legs\n", "    titel: Legs\n"))
    client = _app(path, DEBUG=True).test_client()
    html = client.get("/").get_data(as_text=True)
    assert "unknown key &#34;titel&#34; in a page; did you mean &#34;title&#34;?" in html


def test_outside_debug_a_broken_save_keeps_serving_the_last_good_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Patients never see the author's page, the server's path or the YAML.
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL)
    client = _app(path, RELOAD_QUESTIONNAIRE=True).test_client()
    _save(path, MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"'))
    with caplog.at_level(logging.ERROR, logger="screener.web.reloading"):
        response = client.get("/q/legs")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Where is the pain?" in html
    assert str(path) not in html and "lgs" not in html
    assert caplog.messages == [
        f"{path} has 1 problem(s); still serving version 1:\n"
        f'{path}:37:11: error: unknown question "lgs" in condition; did you mean "legs"? [C018]'
    ]
    assert client.get("/healthz").get_json() == {
        "status": "ok",
        "questionnaire": "demo",
        "version": "1",
    }
    # A later good save is picked up.
    _save(path, MINIMAL.replace("Where is the pain?", "Where does it hurt?"))
    assert "Where does it hurt?" in client.get("/q/legs").get_data(as_text=True)


def test_health_says_whether_a_questionnaire_is_served(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL.replace("    title: Legs\n", "    titel: Legs\n"))
    client = _app(path, DEBUG=True).test_client()
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (
        503,
        {"status": "questionnaire not loaded"},
    )
    _save(path, MINIMAL)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"


def test_reloading_outside_debug_still_refuses_a_broken_file_at_start(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL.replace("    title: Legs\n", "    titel: Legs\n"))
    with pytest.raises(QuestionnaireError):
        _app(path, RELOAD_QUESTIONNAIRE=True)


def test_production_refuses_to_start_with_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    _save(path, MINIMAL.replace("    title: Legs\n", "    titel: Legs\n"))
    with pytest.raises(QuestionnaireError) as caught:
        _app(path)
    assert str(caught.value) == (
        f'{path}:18:5: error: unknown key "titel" in a page; did you mean "title"? [F015]'
    )


def test_preview_is_off_in_production(tmp_path: Path) -> None:
    client = _app(FIXTURE).test_client()
    assert client.get("/preview").status_code == 404
    assert client.post("/preview/start", data={"scenario": "0"}).status_code == 404
    assert client.get("/preview?token=guess").status_code == 404


def test_preview_opens_with_its_token(tmp_path: Path) -> None:
    client = _app(FIXTURE, PREVIEW_TOKEN=TOKEN).test_client()
    assert client.get("/preview?token=wrong").status_code == 404
    assert client.get(f"/preview?token={TOKEN[:-1]}").status_code == 404
    assert client.get(f"/preview?token={TOKEN}").location == "/preview"
    html = client.get("/preview").get_data(as_text=True)
    assert "Preview: Check your leg symptoms" in html
    assert (
        "Shown only if the answer to “Where do you feel pain, numbness or tingling?” is "
        "“In both legs at the same time”"
    ) in html
    assert "<code>both_legs</code>: In both legs at the same time" in html
    assert "ces_saddle → emergency" in html and "Source: Fixture source B" in html
    assert "Saddle numbness" in html


def test_a_guessable_preview_token_stops_start_up() -> None:
    from screener.web.config import ConfigError

    with pytest.raises(ConfigError) as caught:
        _app(FIXTURE, PREVIEW_TOKEN="abc")
    assert str(caught.value).startswith(
        "SCREENER_PREVIEW_TOKEN is 3 bytes long; it must be at least 32, so that nobody can "
        "guess it and open the author's preview. Create one with\n"
    )
    assert _app(FIXTURE, PREVIEW_TOKEN="").test_client().get("/preview?token=").status_code == 404


def test_guesses_at_the_preview_token_are_rate_limited() -> None:
    client = _app(FIXTURE, PREVIEW_TOKEN=TOKEN, RATE_LIMIT="3 per minute").test_client()
    guesses = [client.get(f"/preview?token=guess-{n}").status_code for n in range(4)]
    assert guesses == [404, 404, 404, 429]
    assert client.get(f"/preview?token={TOKEN}").status_code == 429  # even the right one, now
    assert client.get("/q/legs").status_code == 200  # reading pages is never limited


@pytest.fixture
def preview_client() -> object:
    return _app(FIXTURE, PREVIEW_TOKEN=TOKEN).test_client()


def _start(client: object, scenario: str, land: str) -> object:
    patient = Patient(client)  # type: ignore[arg-type]
    client.get(f"/preview?token={TOKEN}")  # type: ignore[attr-defined]
    html = client.get("/preview").get_data(as_text=True)  # type: ignore[attr-defined]
    import re

    index = re.search(rf'<option value="(\d+)">{re.escape(scenario)}</option>', html)
    assert index, scenario
    return patient.post(
        "/preview/start",
        {"scenario": index.group(1), "land": land},
        token=patient.token("/preview"),
    )


def test_a_journey_starts_from_any_scenario_on_any_page(preview_client: object) -> None:
    response = _start(preview_client, "A calm person", "sleep")
    assert response.location == "/q/sleep"  # type: ignore[attr-defined]
    page = preview_client.get("/q/sleep").get_data(as_text=True)  # type: ignore[attr-defined]
    assert 'value="never" checked' in page


def test_the_result_shows_how_each_rule_evaluated_in_preview(preview_client: object) -> None:
    response = _start(preview_client, "Weakness getting worse", "result")
    assert response.location == "/result"  # type: ignore[attr-defined]
    response = preview_client.get("/result")  # type: ignore[attr-defined]
    html = response.get_data(as_text=True)
    # The patient's result rendered in full, with the panel after it.
    urgent = load_questionnaire(FIXTURE).tier_by_id["urgent"]
    assert response.status_code == 200
    assert '<div class="result-panel result-panel--urgent">' in html
    assert f'<h1 class="result-panel__title">{urgent.headline["en"]}</h1>' in html
    assert html.index("result-panel__title") < html.index("Preview: how each rule evaluated")
    assert (
        "<td>red flag <code>weakness_worse</code></td>\n        <td>fired (because of weakness, weakness_trend)</td>"
    ) in html
    assert "<td>red flag <code>ces_saddle</code></td>\n        <td>not fired</td>" in html


def test_patients_never_see_the_preview_panel(tmp_path: Path) -> None:
    patient = Patient(_app(FIXTURE).test_client())
    patient.walk({"legs": "one_leg"}, until="/q/saddle")
    patient.answer("saddle", saddle="yes")
    response = patient.get("/result")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<div class="result-panel result-panel--emergency' in html  # the result rendered
    assert "Preview" not in html


def test_the_flow_map_is_inline_svg_where_graphviz_is_installed(preview_client: object) -> None:
    import shutil

    preview_client.get(f"/preview?token={TOKEN}")  # type: ignore[attr-defined]
    html = preview_client.get("/preview").get_data(as_text=True)  # type: ignore[attr-defined]
    if shutil.which("dot"):
        flow = html.split('<div class="flow-map">')[1].split("</svg>")[0]
        assert flow.startswith('<svg\n viewBox="0.00 0.00 ') and ' width="100%">' in flow
        assert "page_legs" in flow and "http://" not in flow.replace("http://www.w3.org/", "")
        # Conditions in the preview's plain words, quotes drawn as quotes.
        assert ">tingling?” is “In both legs at</text>" in flow
        assert "#quot;" not in flow and "&amp;quot;" not in flow and "==" not in flow
    else:
        assert "Install Graphviz" in html


def test_the_flow_map_follows_the_preview_language(preview_client: object) -> None:
    import shutil

    if not shutil.which("dot"):
        pytest.skip("Graphviz not found; install it with: sudo apt-get install graphviz")
    preview_client.get(f"/preview?token={TOKEN}")  # type: ignore[attr-defined]
    html = preview_client.get(  # type: ignore[attr-defined]
        "/preview", headers={"Accept-Language": "es"}
    ).get_data(as_text=True)
    flow = html.split('<div class="flow-map">')[1]
    assert ">hormigueo?” is “En las dos</text>" in flow
    assert ">both_legs_start: Las dos</text>" in flow


def test_the_preview_says_whether_the_safety_content_is_signed_off(tmp_path: Path) -> None:
    signed = _app(FIXTURE, PREVIEW_TOKEN=TOKEN).test_client()
    signed.get(f"/preview?token={TOKEN}")
    line = signed.get("/preview").get_data(as_text=True).split('<p id="signoff">')[1]
    assert line.startswith("Safety content signed off by Test Reviewer One and Test Reviewer Two.")
    path = tmp_path / "questions.yaml"
    path.write_text(downgraded(FIXTURE.read_text()))
    client = _app(path, PREVIEW_TOKEN=TOKEN).test_client()
    client.get(f"/preview?token={TOKEN}")
    line = client.get("/preview").get_data(as_text=True).split('<p id="signoff">')[1]
    assert line.split("</p>")[0] == (
        "<strong>Not yet signed off by two people</strong>: production will not serve this "
        "file until it is. Changed since the last sign-off: red flag ces_saddle (now gives "
        "&#34;soon&#34; (it gave &#34;emergency&#34;)); promise saddle_is_emergency (was "
        "removed). See screener check and screener signoff."
    )
