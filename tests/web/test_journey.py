"""The patient's journey through the real app (test client, CSRF on): pages, flow, results."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import BENIGN, MINIMAL, Patient, h1

from screener.core.answers import parse_answers
from screener.core.model import Questionnaire
from screener.core.route import route


def test_start_page_explains_the_tool(patient: Patient) -> None:
    html = patient.get("/").get_data(as_text=True)
    assert "It is not a diagnosis" in html
    assert "are not stored on our server. They are forgotten after 24 hours without a visit" in html
    assert "It takes about 3 minutes." in html
    assert 'href="tel:911">Call 911</a>' in html
    assert "Start now" in html


def test_benign_journey_ends_in_self_care(patient: Patient) -> None:
    response = patient.post("/start", {})
    assert (response.status_code, response.location) == (302, "/q/legs")
    # The advice comes straight after the last page; reviewing the answers is offered there.
    assert patient.walk(BENIGN) == "/result"
    check = patient.get("/check").get_data(as_text=True)
    assert "If an answer is wrong, change it. Your advice is worked out again" in check
    result = patient.get("/result")
    html = result.get_data(as_text=True)
    assert result.status_code == 200
    assert h1(html) == "You can most likely care for this at home for now"
    assert "Check again in 2 weeks" in html
    assert "Go to the emergency room (ER) right away, or call 911, if any of these start" in html
    assert "About this result" in html and "does not diagnose any condition" in html
    assert "Questionnaire version 3.1 (June 1, 2026)." in html
    assert "Harbor Test Clinic &amp; Rehab" in html
    assert "Why we suggest this" not in html
    assert '<a class="button button--secondary" href="/check">Review my answers</a>' in html


def test_every_page_has_the_emergency_line(patient: Patient) -> None:
    for path in ("/", "/q/legs", "/nowhere"):
        assert "<strong>Severe symptoms?</strong>" in patient.get(path).get_data(as_text=True)


def _past_the_first_checks(patient: Patient, legs: str = "one_leg") -> None:
    """Answer where the pain is, and "none of these" to the look-alike checklists."""
    patient.answer("legs", legs=legs)
    patient.answer("right_now", right_now="none")
    if legs != "both_legs":
        patient.answer("leg_signs", leg_signs="none")


def test_emergency_answer_interrupts_at_once(patient: Patient) -> None:
    assert patient.answer("legs", legs="both_legs").location == "/q/right_now"
    assert patient.answer("right_now", right_now="none").location == "/q/both_legs_start"
    response = patient.answer("both_legs_start", both_legs_start="new")
    assert response.location == "/result"
    html = patient.get("/result").get_data(as_text=True)
    assert h1(html) == "Go to the emergency room (ER) now, or call 911"
    assert "What you could tell the staff or paramedics" in html
    assert "I&#39;m worried about cauda equina syndrome" in html
    assert "You answered:" in html and "In both legs at the same time" in html
    assert "Book an appointment" not in html  # no clinic offer on an emergency result
    # The safety net's list, under a heading that does not contradict "go now".
    assert "While you wait for help, tell the staff at once" in html
    assert "if any of these start</h2>" not in html
    assert "<li>Numbness around your genitals or bottom</li>" in html
    assert "About this result" in html
    # The printed sheet lists the three questions asked, not the pages never reached.
    sheet = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert sheet.count("<tr>") == 3 and "Not answered" not in sheet
    # No more questions stand between the person and the advice.
    assert patient.get("/q/saddle").location == "/result"
    assert patient.get("/check").location == "/result"


def test_emergency_result_offers_a_way_to_correct_a_slip(patient: Patient) -> None:
    _past_the_first_checks(patient)
    for page, answers in (
        ("saddle", {"saddle": "no"}),
        ("bladder", {"bladder": "none"}),
        ("weakness", {"weakness": "mild"}),
        ("weakness_trend", {"weakness_trend": "same"}),
    ):
        patient.answer(page, **answers)
    assert patient.answer("unwell", fever="yes", unwell="no").location == "/result"
    html = patient.get("/result").get_data(as_text=True)
    # Every answer behind the emergency has its own Change link, the fever one included.
    assert 'href="/q/weakness">Change<span class="visually-hidden"> Do your legs feel weak?' in html
    assert 'href="/q/unwell">Change<span class="visually-hidden"> Do you have a fever' in html
    assert patient.get("/q/unwell").status_code == 200
    assert patient.post("/q/unwell", {"fever": "no", "unwell": "no"}).location == "/q/health"


def test_an_emergency_answer_is_not_held_back_by_another_field(patient: Patient) -> None:
    patient.walk({**BENIGN}, until="/q/health")
    response = patient.answer("health", cancer="yes", weight_loss="", steroids="")
    assert response.location == "/result"
    assert "Past cancer, with leg symptoms" in patient.get("/result").get_data(as_text=True)


def test_an_emergency_answer_is_shown_even_when_the_cookie_was_lost(patient: Patient) -> None:
    _past_the_first_checks(patient)
    token = patient.token("/q/saddle")
    patient.client.delete_cookie("screener")
    response = patient.post("/q/saddle", {"saddle": "yes"}, token=token)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Go to the emergency room (ER) now, or call 911" in html


def test_an_emergency_answer_is_shown_even_when_the_session_expired(patient: Patient) -> None:
    import time

    from support import SECRET

    from screener.web.session import seal

    stale = seal({"answers": {"legs": "one_leg"}, "_t": int(time.time()) - 25 * 3600}, SECRET)
    patient.client.set_cookie("screener", stale)
    response = patient.client.post("/q/saddle", data={"saddle": "yes"})
    assert "Go to the emergency room (ER) now, or call 911" in response.get_data(as_text=True)
    patient.client.set_cookie("screener", stale)
    response = patient.client.post("/q/saddle", data={"saddle": "no"})
    assert "Your answers have expired" in response.get_data(as_text=True)


def test_notes_appear_on_the_result(patient: Patient) -> None:
    patient.walk({**BENIGN, "notes": "Ask about my driving"})
    html = patient.get("/result").get_data(as_text=True)
    assert '<h2 class="heading-m" id="notes-title">Your notes</h2>' in html
    assert "Ask about my driving" in html


def test_urgent_result_has_no_clinic_offer(patient: Patient) -> None:
    patient.walk({**BENIGN, "fever": "yes", "numbness": ["none"]})
    html = patient.get("/result").get_data(as_text=True)
    assert h1(html) == "Get medical advice today"
    assert "Fever or chills" in html
    assert "Book an appointment" not in html


def test_an_urgent_look_alike_says_what_to_tell_the_doctor(patient: Patient) -> None:
    patient.walk({**BENIGN, "leg_signs": ["calf"]})
    html = patient.get("/result").get_data(as_text=True)
    assert h1(html) == "Get medical advice today"
    assert "What you could tell the doctor or nurse" in html
    assert "I am worried about a blood clot." in html
    assert "What you could tell the staff or paramedics" not in html


def test_soon_result_explains_why(patient: Patient) -> None:
    patient.walk({**BENIGN, "sleep": "most_nights", "night_pain": "eases"})
    html = patient.get("/result").get_data(as_text=True)
    assert h1(html) == "Make an appointment with a doctor or physical therapist"
    assert "Pain that keeps you awake" in html
    assert "How often does the pain wake you up? <strong>Most nights</strong>" in html
    assert "Book an appointment" in html


def test_validation_errors_keep_what_was_entered(patient: Patient) -> None:
    patient.walk(BENIGN, until="/q/pain")
    response = patient.answer("pain", leg_pain="7", back_pain="")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: How bad is the pain?" in html
    message = "Select how bad the pain in your back is, from 0 to 10"
    assert f'<a href="#back_pain">{message}</a>' in html
    assert f'<span class="visually-hidden">Error: </span>{message}' in html
    assert 'id="leg_pain-8" name="leg_pain" type="radio" value="7" checked' in html


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        (
            "en",
            [
                ("fever", "Select whether you have a fever or chills"),
                ("unwell", "Select whether you feel very sick overall"),
            ],
        ),
        (
            "es",
            [
                ("fever", "Elija si tiene fiebre o escalofríos"),
                ("unwell", "Elija si se siente muy mal en general"),
            ],
        ),
    ],
)
def test_each_unanswered_question_is_named_in_its_own_words(
    patient: Patient, language: str, summary: list[tuple[str, str]]
) -> None:
    patient.get(f"/language/{language}?next=/")
    patient.walk(BENIGN, until="/q/unwell")
    html = patient.answer("unwell").get_data(as_text=True)
    listed = re.findall(r'<li><a href="#(\w+)">([^<]*)</a></li>', html)
    assert listed == summary


def test_without_its_own_words_an_unanswered_question_is_named_by_its_text(
    tmp_path: Path,
) -> None:
    from support import SECRET

    from screener import create_app

    path = tmp_path / "questions.yaml"
    path.write_text(MINIMAL)
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(path)})
    html = Patient(app.test_client()).answer("legs").get_data(as_text=True)
    assert '<li><a href="#legs">Select an answer: Where is the pain?</a></li>' in html


NUMBER_PAGE = (
    "  - id: course\n    title: Course\n    questions:\n"
    "      - {id: days, type: number, text: How many days?, min: 0, max: 3650, unit: days}\n"
)


def test_number_errors_keep_the_typed_text(tmp_path: Path, app_config: dict[str, object]) -> None:
    from screener import create_app

    path = tmp_path / "q.yaml"
    path.write_text(MINIMAL.replace("red_flags:\n", NUMBER_PAGE + "red_flags:\n", 1))
    patient = Patient(create_app({**app_config, "QUESTIONNAIRE": str(path)}).test_client())
    patient.answer("legs", legs="one")
    patient.answer("saddle", saddle="no")
    html = patient.answer("course", days="ten").get_data(as_text=True)
    assert '<a href="#days">Enter a whole number, like 12</a>' in html
    assert 'value="ten"' in html
    html = patient.answer("course", days="99999").get_data(as_text=True)
    assert "Enter a number from 0 to 3650" in html
    for odd in ("²", "--5", "١٢", "1e3"):
        html = patient.answer("course", days=odd).get_data(as_text=True)
        assert '<a href="#days">Enter a whole number, like 12</a>' in html, odd
    assert patient.answer("course", days="12").location == "/result"
    assert '<dd class="summary-list__value">12 days</dd>' in patient.get("/check").get_data(
        as_text=True
    )


def test_none_of_these_cannot_be_ticked_with_others(patient: Patient) -> None:
    patient.walk(BENIGN, until="/q/bladder")
    html = patient.answer("bladder", bladder=["none", "burning"]).get_data(as_text=True)
    assert "Select “None of these” on its own, or untick it" in html
    assert 'value="burning" checked' in html and 'value="none" checked' in html


@pytest.mark.parametrize(
    ("language", "advice"),
    [
        ("en", "Go to the emergency room (ER) now, or call 911"),
        ("es", "Vaya a la sala de emergencias ahora o llame al 911"),
    ],
)
@pytest.mark.parametrize("sign", ["hard_to_start", "leaking"])
def test_a_warning_sign_ticked_with_none_of_these_still_shows_the_emergency_advice(
    patient: Patient, language: str, advice: str, sign: str
) -> None:
    # Without JavaScript nothing unticks "None of these"; safety wins over the form's rule.
    patient.get(f"/language/{language}?next=/")
    patient.walk(BENIGN, until="/q/bladder")
    response = patient.answer("bladder", bladder=["none", sign])
    assert response.location == "/result"
    html = patient.get("/result").get_data(as_text=True)
    assert advice in html
    assert patient.session()["answers"]["bladder"] == [sign]  # "None of these" dropped


def test_check_answers_lists_every_answer_with_a_change_link(
    patient: Patient, fixture_questionnaire: Questionnaire
) -> None:
    patient.walk(BENIGN)
    html = patient.get("/check").get_data(as_text=True)
    q = fixture_questionnaire
    answers, _ = parse_answers(q, patient.session()["answers"])  # type: ignore[arg-type]
    shown = sum(len(questions) for questions in route(q, answers).questions.values())
    assert shown == 17  # 4 of the 21 questions are hidden by branching
    assert html.count(">Change<") == shown  # every shown question has its Change link
    assert '<dd class="summary-list__value">4 out of 10</dd>' in html
    assert '<dd class="summary-list__value">2 weeks</dd>' in html
    assert '<dd class="summary-list__value">Not answered</dd>' in html  # the optional note
    assert 'href="/q/sleep?change=1"' in html


def test_change_from_check_answers_returns_there(patient: Patient) -> None:
    patient.walk(BENIGN)
    page = patient.get("/q/age?change=1").get_data(as_text=True)
    assert '<a class="back-link" href="/check">' in page
    assert patient.post("/q/age?change=1", {"age": "70_plus"}).location == "/check"


def test_changing_an_answer_that_reveals_a_page_asks_it_next(patient: Patient) -> None:
    patient.walk(BENIGN)
    response = patient.post("/q/sleep?change=1", {"sleep": "some_nights"})
    assert response.location == "/q/night_pain?change=1"
    assert patient.post("/q/night_pain?change=1", {"night_pain": "constant"}).location == "/check"


def test_changing_an_answer_drops_answers_on_hidden_pages(patient: Patient) -> None:
    patient.walk({**BENIGN, "sleep": "most_nights", "night_pain": "constant"})
    assert patient.session()["answers"]["night_pain"] == "constant"  # type: ignore[index]
    assert patient.post("/q/sleep?change=1", {"sleep": "never"}).location == "/check"
    assert "night_pain" not in patient.session()["answers"]  # type: ignore[operator]
    assert "Pain at night" not in patient.get("/check").get_data(as_text=True)


def test_back_and_refresh_lose_nothing(patient: Patient) -> None:
    _past_the_first_checks(patient, legs="alternating")
    patient.answer("saddle", saddle="no")
    back = patient.get("/q/legs").get_data(as_text=True)
    assert 'value="alternating" checked' in back
    assert 'value="no" checked' in patient.get("/q/saddle").get_data(as_text=True)
    assert patient.get("/q/saddle").get_data(as_text=True) == patient.get("/q/saddle").get_data(
        as_text=True
    ).replace("", "")


def test_resubmitting_an_older_page_is_accepted_while_it_is_shown(patient: Patient) -> None:
    token = patient.token("/q/legs")
    _past_the_first_checks(patient)
    patient.answer("saddle", saddle="no")
    again = patient.post("/q/legs", {"legs": "one_leg"}, token=token)
    assert again.location == "/q/right_now"


def test_resubmitting_a_page_no_longer_shown_redirects_with_a_notice(patient: Patient) -> None:
    _past_the_first_checks(patient, legs="both_legs")
    token = patient.token("/q/both_legs_start")
    patient.post("/q/legs?change=1", {"legs": "one_leg"})
    response = patient.post("/q/both_legs_start", {"both_legs_start": "new"}, token=token)
    assert response.location == "/q/leg_signs"
    html = patient.get("/q/leg_signs").get_data(as_text=True)
    assert "That question does not apply to your answers, so we have skipped it." in html
    assert "both_legs_start" not in patient.session()["answers"]  # type: ignore[operator]


def test_jumping_ahead_returns_to_the_first_unanswered_page(patient: Patient) -> None:
    patient.answer("legs", legs="one_leg")
    assert patient.get("/q/sleep").location == "/q/right_now"
    assert patient.get("/result").location == "/q/right_now"
    assert patient.get("/check").location == "/q/right_now"


def test_unknown_page_is_a_friendly_404(patient: Patient) -> None:
    response = patient.get("/q/nope")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_clear_my_answers(patient: Patient) -> None:
    patient.walk(BENIGN)
    response = patient.post("/clear", {}, token=patient.token("/result"))
    assert response.location == "/"
    html = patient.get("/").get_data(as_text=True)
    assert "Your answers have been cleared." in html
    assert "answers" not in patient.session()


def test_start_page_offers_to_continue(patient: Patient) -> None:
    patient.answer("legs", legs="one_leg")
    html = patient.get("/").get_data(as_text=True)
    assert "Continue where you left off" in html
    assert patient.post("/start", {}).location == "/q/legs"
    assert "answers" not in patient.session()


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_page_shows_a_step_count_that_could_change(patient: Patient, language: str) -> None:
    # Branching changes how many pages a person sees, so a "Step 6 of 18" would change its
    # total mid-journey; like the GOV.UK pattern, the pages show no count at all.
    patient.get(f"/language/{language}?next=/")
    visited = []
    path = "/q/legs"
    while path.startswith("/q/"):
        html = patient.get(path).get_data(as_text=True)
        visited.append(path)
        assert not re.search(r"\b(Step|Paso) \d+ (of|de) \d+", html), path
        page = path.removeprefix("/q/")
        response = patient.answer(
            page, **{k: v for k, v in BENIGN.items() if k in patient.fields_on(path)}
        )
        path = response.location or ""
    assert path == "/result" and len(visited) >= 12


def test_dates_are_written_one_way_in_each_language(patient: Patient) -> None:
    patient.walk(BENIGN)
    html = patient.get("/result").get_data(as_text=True)
    assert re.search(r"\(June 1, 2026\)\. Result produced on [A-Z][a-z]+ \d{1,2}, \d{4}\.", html)
    assert "2026-06-01" not in html
    patient.get("/language/es?next=/result")
    html = patient.get("/result").get_data(as_text=True)
    assert re.search(r"\(1 de junio de 2026\)\..*? \d{1,2} de [a-z]+ de \d{4}\.", html)


@pytest.mark.parametrize(
    ("language", "description"),
    [
        ("en", "Answer a few questions about leg pain, numbness or weakness"),
        ("es", "Conteste unas preguntas sobre dolor, adormecimiento o debilidad"),
    ],
)
def test_check_answers_has_a_back_link_and_every_page_a_description(
    patient: Patient, language: str, description: str
) -> None:
    patient.get(f"/language/{language}?next=/")
    patient.walk(BENIGN)
    html = patient.get("/check").get_data(as_text=True)
    assert re.search(r'<a class="back-link" href="/result">[^<]+</a>', html)
    for path in ("/", "/q/legs", "/check", "/result"):
        page = patient.get(path).get_data(as_text=True)
        assert re.search(f'<meta name="description" content="{description}[^"]+">', page), path


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_result_downloads_as_a_questionnaire_response_for_the_clinician(
    patient: Patient, language: str
) -> None:
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    assert patient.get("/result/fhir").location == "/result"  # nothing to download yet
    patient.get(f"/language/{language}")
    patient.walk({**BENIGN, "sleep": "most_nights", "night_pain": "eases"})
    html = patient.get("/result").get_data(as_text=True)
    assert 'href="/result/fhir" download>' in html
    said = {
        "en": "The download is a file of your answers that your clinician's computer system "
        "can read. To show your answers yourself, print this page.",
        "es": "La descarga es un archivo con sus respuestas que puede leer el sistema de "
        "computadora de su médico o terapeuta. Para mostrar usted mismo(a) sus respuestas, "
        "imprima esta página.",
    }[language]
    assert said in html.replace("&#39;", "'") and "FHIR" not in html
    response = patient.get("/result/fhir")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="sciatica-answers-for-your-clinician.json"'
    )
    data = json.loads(response.get_data(as_text=True))
    QuestionnaireResponse.model_validate(data)
    assert data["language"] == language
    tier = {"linkId": "result.tier", "answer": [{"valueString": "soon"}]}
    assert data["item"][-1]["item"][-1] == tier
    night = next(i for i in data["item"] if i["linkId"] == "page.night_pain")["item"][0]
    assert night["answer"][0]["valueCoding"]["code"] == "eases"


def test_no_page_prints_what_a_link_adds_to_its_address(patient: Patient) -> None:
    # A query is printed back only as the journey's own change=1: anything else in a link
    # would sit beside the person's answers in a page nginx compresses.
    for path in ("/q/legs?x=cauda", "/q/legs?change=1&x=cauda", "/?x=cauda", "/result?x=cauda"):
        html = patient.get(path, follow_redirects=True).get_data(as_text=True)
        assert "cauda" not in html, path
    html = patient.get("/q/legs?change=1&x=cauda").get_data(as_text=True)
    assert 'action="/q/legs?change=1"' in html
