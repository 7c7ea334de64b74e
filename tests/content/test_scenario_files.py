"""The scenario files: each valid, each passing, and together they cover every rule."""

from __future__ import annotations

from pathlib import Path

from screener.core.model import Questionnaire
from screener.core.triage import assess
from screener.tools.scenarios import Scenario, load_scenarios, run_scenario


def test_every_scenario_file_is_valid(shipped: Questionnaire, scenario_paths: list[Path]) -> None:
    assert scenario_paths
    for path in scenario_paths:
        loaded, problems = load_scenarios(path, shipped)
        assert [str(p) for p in problems] == []
        assert loaded, path


def test_every_scenario_passes(shipped: Questionnaire, scenarios: list[Scenario]) -> None:
    failing = {f"{s.path}:{s.line}: {s.name}": run_scenario(shipped, s).failures for s in scenarios}
    assert {name: found for name, found in failing.items() if found} == {}


def test_the_suite_has_at_least_40_scenarios(scenarios: list[Scenario]) -> None:
    assert len(scenarios) >= 40


def test_every_red_flag_and_guidance_card_shows_in_some_scenario(
    shipped: Questionnaire, scenarios: list[Scenario]
) -> None:
    fired: set[str] = set()
    shown: set[str] = set()
    for scenario in scenarios:
        result = assess(shipped, scenario.answers)
        fired |= {f.flag.id for f in result.red_flags}
        shown |= {card.id for card in result.guidance}
    assert set(shipped.red_flag_by_id) - fired == set(), "red flags no scenario raises"
    assert {card.id for card in shipped.guidance} - shown == set(), "cards no scenario shows"
