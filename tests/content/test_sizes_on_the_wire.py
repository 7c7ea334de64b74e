"""Nobody watching the traffic can tell the answers from a response's size: for every
scenario of the questionnaire under test, in each language, every question page, the check
page and the result are one length once compressed (and once padded plain, for clients
without gzip), every download another, every redirect another, and every cookie another.
The padding is screener/web/padding.py; this shows the content fits one bucket."""

from __future__ import annotations

import gzip
from collections import defaultdict

import pytest
from support import SECRET, Patient, form_fields, form_token, posted_journey
from werkzeug.test import TestResponse

from screener.core.model import Questionnaire
from screener.tools.scenarios import Scenario

pytestmark = pytest.mark.slow
GZIP = {"Accept-Encoding": "gzip"}


def _page(patient: Patient, path: str, sizes: dict[str, set[int]]) -> str:
    """Fetch a page compressed, note its size on the wire, and return its HTML."""
    response = patient.get(path, headers=GZIP)
    if response.status_code == 302:  # the check page of a journey an emergency stopped
        _sent(response, sizes)
        return ""
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip", path
    sizes["page"].add(len(response.get_data()))
    html = gzip.decompress(response.get_data()).decode()
    assert html.rstrip().endswith("</html>"), path
    return html


def _sent(response: TestResponse, sizes: dict[str, set[int]]) -> None:
    """Note a redirect's address and body, and the cookie it sets."""
    assert response.status_code == 302
    sizes["redirect"].add(len(response.headers["Location"]) + len(response.get_data()))
    for cookie in response.headers.getlist("Set-Cookie"):
        sizes["cookie"].add(len(cookie.split(";")[0]))


def _walk(patient: Patient, answers: dict[str, str | list[str]], sizes: dict[str, set[int]]) -> str:
    """Answer page after page, as Patient.walk does, noting every size on the way."""
    start = patient.post("/start", {})
    _sent(start, sizes)
    path = start.location
    while path.startswith("/q/"):
        html = _page(patient, path, sizes)
        form = {n: answers.get(n, "") for n in form_fields(html)}
        assert form_token(html), path
        response = patient.client.post(path, data={"csrf_token": form_token(html), **form})
        _sent(response, sizes)
        path = response.location
    return path


def test_every_page_redirect_cookie_and_download_is_one_size_on_the_wire(
    shipped: Questionnaire, scenarios: list[Scenario], questionnaire_path: object
) -> None:
    from screener import create_app

    config = {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    app = create_app({**config, "RATE_LIMIT": "off"})
    sizes: dict[str, set[int]] = defaultdict(set)
    for scenario in scenarios:
        answers = posted_journey(shipped, scenario.answers)
        for language in shipped.meta.languages:
            patient = Patient(app.test_client())
            patient.get(f"/language/{language}?next=/")
            assert _walk(patient, answers, sizes) == "/result", scenario.name
            for path in ("/result", "/check"):
                _page(patient, path, sizes)
            sizes["download"].add(len(patient.get("/result/fhir", headers=GZIP).get_data()))
            for path in ("/result", "/check", f"/q/{shipped.pages[0].id}"):
                plain = patient.get(path)
                if plain.status_code == 200:
                    sizes["plain"].add(len(plain.get_data()))
    assert {kind: len(found) for kind, found in sizes.items()} == {
        "redirect": 1,
        "cookie": 1,
        "page": 1,
        "download": 1,
        "plain": 1,
    }, dict(sizes)
