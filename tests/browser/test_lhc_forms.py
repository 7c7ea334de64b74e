"""The exported Questionnaire in NLM's LHC-Forms, a real SDC form filler nobody here wrote,
in Debian's Chromium: for every fixture scenario's answers, in both languages, the items it
keeps enabled must be the app's route and its calculated tier the app's tier. Its FHIRPath
is evaluated by its own engine (fhirpath.js), not ours. It is given each scenario's own
answers: LHC-Forms 40.1.3 hides an item whose enableWhenExpression is false but still
returns its answer, so the dropping of hidden answers is left to the Smart Forms test."""

from __future__ import annotations

import functools
import http.server
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from sdc_fillers import (
    QUESTIONNAIRE,
    always_self_care,
    disagreement,
    every_answer,
    night_pain_always_shown,
    scenarios,
    soon_scenario,
)

from screener.core.conditions import AnswerValue
from screener.tools.fhir.questionnaire import fhir_questionnaire

pytestmark = pytest.mark.slow

LFORMS = Path(__file__).parent / "vendor" / "lforms-40.1.3" / "dist" / "lforms"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LHC-Forms</title>
<link href="/lforms/webcomponent/styles.css" rel="stylesheet"></head>
<body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/lhc-forms.js"></script>
<script src="/lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>
"""
FILL = """async ([questionnaire, response]) => {
  await LForms.Util.addFormToPage(questionnaire, 'form', {questionnaireResponse: response});
  return LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4');
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Serve without a line per file."""


@pytest.fixture(scope="module")
def filler(browser: Browser) -> Iterator[Page]:
    """A page with LHC-Forms loaded, served from this machine."""
    if not (LFORMS / "webcomponent" / "lhc-forms.js").exists():
        if os.environ.get("SCREENER_REQUIRE_BROWSER"):
            raise RuntimeError("LHC-Forms is missing; .ci/run fetches it")
        pytest.skip("LHC-Forms is missing: python3 tests/browser/fetch_lforms.py")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(PAGE)
        (Path(folder) / "lforms").symlink_to(LFORMS)
        handler = functools.partial(_Quiet, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.wait_for_function("window.LForms && LForms.Util && LForms.FHIR")
        yield page
        page.close()
        server.shutdown()
        server.server_close()


def fill(page: Page, questionnaire: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    """What LHC-Forms makes of a response, on a freshly loaded page (a form added after
    another runs several times slower, whatever is removed first)."""
    page.reload()
    page.wait_for_function("window.LForms && LForms.Util && LForms.FHIR")
    found: dict[str, Any] = page.evaluate(FILL, [questionnaire, response])
    return found


def _compare(
    page: Page, questionnaire: dict[str, Any], name: str, answers: dict[str, AnswerValue]
) -> str | None:
    """How LHC-Forms and the app differ on one scenario's answers, or None."""
    language = questionnaire["language"]
    saved = fill(page, questionnaire, every_answer(QUESTIONNAIRE, answers, language))
    return disagreement(name, answers, saved, "LHC-Forms")


@pytest.mark.parametrize("language", ["en", "es"])
def test_lhc_forms_shows_the_apps_route_and_computes_its_tier(filler: Page, language: str) -> None:
    questionnaire = fhir_questionnaire(QUESTIONNAIRE, language)
    every = scenarios()
    disagreements = [d for name, a in every if (d := _compare(filler, questionnaire, name, a))]
    assert disagreements == []
    assert len(every) > 20


def test_the_comparison_sees_a_wrong_tier_and_a_wrong_route(filler: Page) -> None:
    # A test that could not fail would prove nothing: break each translation once.
    name, answers = soon_scenario()
    wrong = _compare(filler, always_self_care(), name, answers)
    assert "tier self_care (app soon)" in str(wrong)
    # Without its condition, night_pain (asked only of people whose sleep is disturbed) is
    # kept by the form filler for someone who sleeps well; the app drops it.
    sleeps_well = {**answers, "sleep": "never", "night_pain": "eases"}
    kept = _compare(filler, night_pain_always_shown(), name, sleeps_well)
    assert "only LHC-Forms ['night_pain']" in str(kept)
