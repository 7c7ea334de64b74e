"""The questionnaire passes `screener check`: no errors, and the safety proof ran."""

from __future__ import annotations

from screener.authoring.loader import Report


def test_the_questionnaire_has_no_errors_and_is_proven(report: Report) -> None:
    errors = [str(p) for p in report.problems if p.severity == "error"]
    assert errors == []
    assert report.proof is not None and report.proof.combinations > 0
