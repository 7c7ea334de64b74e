"""Faults: several servers, a dying worker, an edited questionnaire, a flood, and the logs."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from support import BENIGN, FIXTURE, SERVER_SECRET, SERVERS, HttpPatient, Patient, h1, running_app

from screener.web.session import unseal


def _answers_on(patient: HttpPatient) -> dict[str, object]:
    [cookie] = [c for c in patient.jar if c.name == "screener"]
    data = unseal(str(cookie.value), [SERVER_SECRET])
    assert data is not None
    answers = data["answers"]
    assert isinstance(answers, dict)
    return answers


@pytest.mark.slow
def test_two_servers_sharing_only_the_key_serve_one_journey() -> None:
    with running_app() as first, running_app() as second:
        patient = HttpPatient(first)

        def switch(step: int) -> None:
            patient.base = second if step % 2 == 0 else first

        assert patient.walk(BENIGN, between=switch) == "/result"
        status, path, html = patient.get("/result")
        assert (status, path) == (200, "/result")
        assert "You can most likely care for this at home for now" in html


@pytest.mark.slow
def test_a_killed_worker_loses_no_answer() -> None:
    with running_app(workers=2) as base:
        server = SERVERS[base]
        patient = HttpPatient(base)

        def kill_a_worker(step: int) -> None:
            if step == 5:
                before = _answers_on(patient)
                os.kill(server.workers()[0], signal.SIGKILL)
                time.sleep(0.5)
                assert _answers_on(patient) == before

        assert patient.walk(BENIGN, between=kill_a_worker) == "/result"
        assert len(_answers_on(patient)) == len(BENIGN) - 1  # all but the empty note
        assert patient.get("/result")[0] == 200


@pytest.mark.slow
def test_logs_of_a_whole_journey_hold_no_answer() -> None:
    marker = "zebra-crossing-7731"
    with running_app(
        args=["--access-logfile", "-", "--error-logfile", "-", "--log-level", "debug"]
    ) as base:
        patient = HttpPatient(base)
        patient.walk({**BENIGN, "notes": marker, "sleep": "most_nights", "night_pain": "constant"})
        patient.get("/result")
        patient.get("/q/nowhere")
        log = SERVERS[base].log.read_text()
    assert '"GET /result HTTP/1.1" 200' in log  # the access log did record the journey
    values = {marker, "one_leg", "below_knee", "16_69", "most_nights", "constant", "better"}
    assert [value for value in values if value in log] == []


def _edited(tmp_path: Path) -> Path:
    text = FIXTURE.read_text()
    # Remove a question and rename an age option, as an author might.
    start = text.index("      - id: cancer_treatment\n")
    end = text.index("  - id: age\n")
    text = text[:start] + "\n" + text[end:]
    text = text.replace("- value: 70_plus", "- value: over_70").replace('"70_plus"', '"over_70"')
    path = tmp_path / "edited.yaml"
    path.write_text(text)
    return path


def test_an_edited_questionnaire_continues_journeys_with_a_notice(
    tmp_path: Path, app_config: dict[str, object]
) -> None:
    from screener import create_app

    before = Patient(create_app(app_config).test_client())
    before.walk({**BENIGN, "age": "70_plus"}, until="/q/pain")
    after = create_app({**app_config, "QUESTIONNAIRE": str(_edited(tmp_path))}).test_client()
    after.set_cookie("screener", before.client.get_cookie("screener").value)  # type: ignore[union-attr]
    response = after.get("/q/pain")
    html = response.get_data(as_text=True)
    assert response.status_code == 302 and response.location == "/q/age"
    html = after.get("/q/age").get_data(as_text=True)
    assert "The questions have changed since your last visit. Please check your answers." in html
    patient = Patient(after)
    assert patient.walk({**BENIGN, "age": "over_70"}) == "/result"
    assert after.get("/result").status_code == 200


@pytest.fixture
def limited_client(app_config: dict[str, object]) -> FlaskClient:
    from screener import create_app

    return create_app({**app_config, "RATE_LIMIT": "3 per minute"}).test_client()


def test_too_many_posts_get_a_friendly_429(
    limited_client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    patient = Patient(limited_client)
    for _ in range(3):
        assert patient.answer("legs", legs="one_leg").status_code == 302
    with caplog.at_level(logging.INFO, logger="flask-limiter"):
        response = patient.answer("legs", legs="one_leg")
    assert response.status_code == 429
    # The log says a limit was reached, never who reached it or where.
    assert "rate limit 3 per 1 minute reached" in caplog.messages
    assert not any("127.0.0.1" in m or "legs" in m for m in caplog.messages)
    html = response.get_data(as_text=True)
    assert '<h1 class="heading-l">Too many requests</h1>' in html
    assert "Please wait a minute, then try again." in html
    assert limited_client.get("/q/legs").status_code == 200  # reading pages is never limited


def test_the_limit_counts_every_form_post_of_a_client_together(
    limited_client: FlaskClient,
) -> None:
    # Not per endpoint: /start, two question pages and /clear draw on one allowance of 3.
    patient = Patient(limited_client)
    assert patient.post("/start", {}).status_code == 302
    assert patient.answer("legs", legs="one_leg").status_code == 302
    assert patient.answer("right_now", right_now="none").status_code == 302
    assert patient.post("/clear", {}).status_code == 429


def test_over_the_limit_an_emergency_answer_still_gets_the_advice(
    limited_client: FlaskClient,
) -> None:
    patient = Patient(limited_client)
    for _ in range(3):
        patient.answer("legs", legs="one_leg")
    response = patient.answer("right_now", right_now="stroke")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert h1(html) == "Call 911 now"
    assert "Too many requests" not in html
    # A calm answer over the limit gets the friendly 429 page.
    calm = patient.answer("right_now", right_now="none").get_data(as_text=True)
    assert h1(calm) == "Too many requests"


def test_rate_limit_can_be_turned_off(app_config: dict[str, object]) -> None:
    from screener import create_app
    from screener.web.config import DEFAULTS

    # More posts than the default limit allows, so a setting that is ignored shows as a 429.
    default = int(str(DEFAULTS["RATE_LIMIT"]).split()[0])
    patient = Patient(create_app({**app_config, "RATE_LIMIT": "off"}).test_client())
    statuses = {patient.answer("legs", legs="one_leg").status_code for _ in range(default + 5)}
    assert statuses == {302}
    limited = Patient(create_app(app_config).test_client())
    statuses = {limited.answer("legs", legs="one_leg").status_code for _ in range(default + 5)}
    assert statuses == {302, 429}  # the same posts under the default limit are refused


@pytest.mark.parametrize(
    ("page", "kept"),
    [("notes", True), ("legs", False)],
    ids=["text question", "choice question"],
)
def test_a_file_posted_as_an_answer_is_no_answer_and_no_500(
    patient: Patient, page: str, kept: bool
) -> None:
    import io

    if page == "notes":
        assert patient.walk(BENIGN, until="/q/notes") == "/q/notes"
    form = {"csrf_token": patient.token(f"/q/{page}"), page: (io.BytesIO(b"host-7741"), "x")}
    response = patient.client.post(f"/q/{page}", data=form, content_type="multipart/form-data")
    # The optional note is left blank and the journey goes on; a choice is asked again.
    assert response.status_code == (302 if kept else 200)
    assert "host-7741" not in str(patient.session())
