"""The scenario runner: expectations against results, and problems at their lines.

The shipped scenario files themselves run in tests/content."""

from __future__ import annotations

from pathlib import Path

from screener.core.model import Questionnaire
from screener.tools.scenarios import Scenario, load_scenarios, run_scenario


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return path


def test_failures_show_expected_against_actual(minimal: Questionnaire, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
scenarios:
  - name: both legs
    answers: {legs: both, saddle: "no"}
    expect:
      tier: self_care
      tier_at_most: self_care
      tier_at_least: emergency
      red_flags: []
      red_flags_include: [both_legs]
      red_flags_exclude: [both_legs]
      guidance: [keep_moving]
      guidance_include: [keep_moving]
      guidance_exclude: [keep_moving]
      pages_shown: [saddle]
      pages_hidden: [saddle]
""",
    )
    [scenario], problems = load_scenarios(path, minimal)
    assert problems == []
    assert run_scenario(minimal, scenario).failures == (
        'tier: expected "self_care", got "emergency" (red flags: [both_legs]) [A012]',
        'tier: expected no more urgent than "self_care", got "emergency" (red flags: [both_legs]) [A014]',
        "red flags: expected exactly [], got [both_legs] [A009]",
        "red flags: expected not to include [both_legs], got [both_legs] [A011]",
        "guidance: expected exactly [keep_moving], got [] [A009]",
        "guidance: expected to include [keep_moving], got [] [A010]",
        "pages shown: expected not to include [saddle], got [legs, saddle] [A011]",
    )


def test_tier_at_least_and_at_most_accept_the_tier_itself(
    minimal: Questionnaire, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        """\
scenarios:
  - name: both legs
    answers: {legs: both}
    expect: {tier_at_least: emergency, tier_at_most: emergency}
  - name: one leg
    answers: {legs: one}
    expect: {tier_at_least: emergency}
""",
    )
    both, one = load_scenarios(path, minimal)[0]
    assert run_scenario(minimal, both).failures == ()
    assert run_scenario(minimal, one).failures == (
        'tier: expected at least as urgent as "emergency", got "self_care" [A013]',
    )


def test_scenario_problems_point_at_their_lines(minimal: Questionnaire, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
base_answers:
  saddle: maybe
scenarios:
  - name: typos
    answers:
      leg: both
    expect:
      tier: self_caer
      red_flags_exclude: [both_leg]
  - name: missing expect
    answers: {}
""",
    )
    scenarios, problems = load_scenarios(path, minimal)
    assert [str(p).replace(str(path), "s.yaml") for p in problems] == [
        's.yaml:2:3: error: "maybe" is not an option of "saddle"; its options are "yes", "no" [A001]',
        's.yaml:6:7: error: unknown question "leg"; did you mean "legs"? [A008]',
        's.yaml:8:13: error: unknown tier "self_caer"; did you mean "self_care"? [A015]',
        's.yaml:9:27: error: unknown red flag "both_leg"; did you mean "both_legs"? [A015]',
        's.yaml:10:5: error: scenario "missing expect" is missing the required key "expect" [F013]',
    ]
    assert [s.name for s in scenarios] == ["typos"]
    assert isinstance(scenarios[0], Scenario)
