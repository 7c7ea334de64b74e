"""The exhaustive safety analysis and the behavioural diff, on planted problems."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from support import MINIMAL, ROOT, build

from screener.cli import main
from screener.safety import analyse, behaviour_diff, text_changes

# An emergency flag that an extra "yes" turns off: switching saddle on lowers the tier.
NON_MONOTONIC = MINIMAL.replace(
    'when: legs == "both"', 'when: legs == "both" and saddle == "no"'
).replace("    source: NICE NG59\n", "    source: NICE NG59\n    tiers: [self_care]\n")


def test_a_planted_non_monotonic_rule_is_found() -> None:
    report = analyse(build(NON_MONOTONIC))
    assert report.exhaustive and report.combinations == 4
    assert [(f.kind, f.message, dict(f.answers)) for f in report.findings] == [
        (
            "not monotonic",
            'turning on saddle -> yes lowers the result from "emergency" to "self_care"',
            {"legs": "both", "saddle": "no"},
        ),
    ]


def test_the_shipped_questionnaire_has_no_findings(shipped: object) -> None:
    report = analyse(shipped, limit=500)  # type: ignore[arg-type]
    assert report.findings == []
    assert report.checked == 500 and not report.exhaustive


def test_a_self_care_card_on_an_urgent_result_is_found() -> None:
    shows_with_both_legs = '    source: NICE NG59\n    when: legs == "both"\n'
    text = MINIMAL.replace("    source: NICE NG59\n", shows_with_both_legs)
    [finding] = analyse(build(text)).findings
    assert finding.kind == "self-care card on an urgent result"
    assert finding.message.startswith(
        'guidance card "keep_moving" suits self care but shows on a "emergency" result'
    )
    marked = text.replace(shows_with_both_legs, shows_with_both_legs + "    safe_on_urgent: true\n")
    assert analyse(build(marked)).findings == []


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_check_exhaustive_reports_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(NON_MONOTONIC)
    code, out = _run("check", "--exhaustive", str(tmp_path / "q.yaml"))
    assert code == 1
    assert out.splitlines()[-2:] == [
        f"{tmp_path / 'q.yaml'}: error: not monotonic: turning on saddle -> yes lowers the "
        'result from "emergency" to "self_care" (for example: legs=both, saddle=no)',
        f"{tmp_path / 'q.yaml'}: safety analysis checked all 4 combinations of answers to the "
        "questions rules read: 1 problem",
    ]


def test_check_exhaustive_on_the_shipped_file() -> None:
    code, out = _run("check", "--exhaustive", "--samples", "300", str(ROOT / "questions.yaml"))
    assert code == 0
    assert out.splitlines()[-1].endswith(
        "safety analysis checked 300 of 1,019,215,872,000 combinations of answers to the "
        "questions rules read, sampled with seed 2026: no problems"
    )


PLANTED_CHANGE = MINIMAL.replace("    tier: emergency\n", "    tier: self_care\n").replace(
    "        label: Both legs\n", "        label: Both of my legs\n"
)


def test_diff_shows_a_planted_change(tmp_path: Path) -> None:
    old, new = build(MINIMAL), build(PLANTED_CHANGE)
    report = behaviour_diff(old, new)
    assert dict(report.changes) == {"tier emergency -> self_care": 2}
    assert report.examples["tier emergency -> self_care"] == {"legs": "both"}
    assert text_changes(old, new) == [
        "changed: option legs.both [en]: 'Both legs' -> 'Both of my legs'"
    ]


def test_diff_command_lists_behaviour_scenarios_and_texts(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(MINIMAL)
    (tmp_path / "new.yaml").write_text(PLANTED_CHANGE)
    (tmp_path / "s.yaml").write_text(
        "scenarios:\n  - name: both legs\n    answers: {legs: both}\n"
        "    expect: {tier: emergency}\n"
    )
    code, out = _run(
        "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--scenarios", str(tmp_path)
    )
    assert code == 0
    assert out.splitlines() == [
        "Behaviour over all 4 combinations of answers to the questions rules read of both "
        "versions:",
        "  tier emergency -> self_care: 2 combinations (for example: legs=both)",
        "Scenarios with a different result: 1",
        "  both legs: tier emergency -> self_care",
        "Texts changed: 1",
        "  changed: option legs.both [en]: 'Both legs' -> 'Both of my legs'",
    ]


def test_check_exhaustive_refuses_a_planted_unreachable_red_flag(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(
        MINIMAL.replace('when: legs == "both"', 'when: legs == "both" and legs == "one"')
    )
    code, out = _run("check", "--exhaustive", str(tmp_path / "q.yaml"))
    assert code == 1
    assert out == (
        f"{tmp_path / 'q.yaml'}:37:11: error: no answers can raise red flag "
        '"both_legs": its condition can never be true for answers people can give; '
        "check the condition\n"
    )
