"""Nobody watching the traffic can tell the advice from a response's size: every result
page, and every download, of every scenario of the questionnaire under test is the same
length once compressed (and once padded plain, for clients without gzip), in each language.
The padding is screener/web/padding.py; this shows the content fits one bucket."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from support import SECRET, Patient, posted_journey

from screener.core.model import Questionnaire
from screener.tools.scenarios import Scenario

pytestmark = pytest.mark.slow
GZIP = {"Accept-Encoding": "gzip"}


def test_every_result_and_download_is_one_size_on_the_wire(
    shipped: Questionnaire, scenarios: list[Scenario], questionnaire_path: Path
) -> None:
    from screener import create_app

    config = {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    app = create_app({**config, "RATE_LIMIT": "off"})
    sizes: dict[str, set[int]] = {"result": set(), "download": set(), "plain": set()}
    for scenario in scenarios:
        answers = posted_journey(shipped, scenario.answers)
        for language in shipped.meta.languages:
            patient = Patient(app.test_client())
            patient.get(f"/language/{language}?next=/")
            assert patient.walk(answers) == "/result", scenario.name
            page = patient.get("/result", headers=GZIP)
            assert page.headers["Content-Encoding"] == "gzip"
            html = gzip.decompress(page.get_data()).decode()
            assert "</html>" in html and html.rstrip().endswith("</html>")
            sizes["result"].add(len(page.get_data()))
            sizes["download"].add(len(patient.get("/result/fhir", headers=GZIP).get_data()))
            sizes["plain"].add(len(patient.get("/result").get_data()))
    assert {kind: len(found) for kind, found in sizes.items()} == {
        "result": 1,
        "download": 1,
        "plain": 1,
    }, sizes
