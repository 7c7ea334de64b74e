"""The content tests check one questionnaire and its scenarios: the shipped ones by default,
or any copy (`pytest tests/content --questionnaire PATH --scenarios FOLDER`), which is how
tests/test_clinical_edits.py shows that a clinician's correct edit keeps them green.

Nothing here pins the shipped file's texts, counts or ids, beyond the floors the suite sets
itself (at least 40 scenarios, English and Spanish) and the reading-level exceptions it
names: what they check holds for any correct questionnaire a clinician may write."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT

from screener.authoring.loader import Report, check_file
from screener.core.model import Questionnaire
from screener.tools.scenarios import Scenario, load_scenarios, scenario_files


@pytest.fixture(scope="session")
def questionnaire_path(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.getoption("questionnaire"))


@pytest.fixture(scope="session")
def report(questionnaire_path: Path) -> Report:
    """The questionnaire checked as `screener check` checks it."""
    return check_file(questionnaire_path)


@pytest.fixture(scope="session")
def shipped(report: Report) -> Questionnaire:
    """The questionnaire under test (questions.yaml unless told otherwise)."""
    problems = [str(p) for p in report.problems if p.severity == "error"]
    assert report.questionnaire is not None and problems == [], "\n".join(problems)
    return report.questionnaire


@pytest.fixture(scope="session")
def scenario_paths(request: pytest.FixtureRequest) -> list[Path]:
    return scenario_files([request.config.getoption("scenarios")])


@pytest.fixture(scope="session")
def scenarios(shipped: Questionnaire, scenario_paths: list[Path]) -> list[Scenario]:
    found: list[Scenario] = []
    for path in scenario_paths:
        found.extend(load_scenarios(path, shipped)[0])
    return found


@pytest.fixture(scope="session")
def clinical_notes(questionnaire_path: Path) -> str:
    """docs/clinical.md beside the questionnaire (the repository's own for a lone file)."""
    beside = questionnaire_path.resolve().parent / "docs" / "clinical.md"
    return (beside if beside.exists() else ROOT / "docs" / "clinical.md").read_text()
