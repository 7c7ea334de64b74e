"""The `screener` command as a clinician uses it: output, exit codes, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from support import FIXTURE, MINIMAL, ROOT

from screener.authoring.problems import Problems
from screener.authoring.source import parse_source
from screener.tools.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_a_sound_file_passes() -> None:
    result = run("check", str(FIXTURE))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{FIXTURE}: OK (17 pages, 21 questions, 23 red flags, "
        "6 guidance cards, 10 promises; 0 errors, 0 warnings)",
        f"{FIXTURE}: safety proof: every property and 10 promises checked "
        "over all 8,031,548,473,344 combinations of answers to the questions rules read",
        f"{FIXTURE}: safety content signed off by Test Reviewer One and Test Reviewer Two",
    ]


def test_check_lists_problems_and_exits_1(in_tmp: Path) -> None:
    Path("q.yaml").write_text(MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"'))
    result = run("check", "q.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        'q.yaml:37:11: error: unknown question "lgs" in condition; did you mean "legs"? [C018]\n'
    )
    assert result.stderr == "Error: q.yaml: 1 error, 0 warnings\n"


def test_check_defaults_to_questions_yaml_here(in_tmp: Path) -> None:
    Path("questions.yaml").write_text(MINIMAL)
    result = run("check")
    assert (result.exit_code, result.stdout) == (
        0,
        "questions.yaml:3:12: warning: the safety content (tiers, red flags, promises, the "
        "questions they read and the safety net) has not been signed off; before patients see "
        "it, two people must review it and each run: screener signoff --name NAME --role ROLE "
        "[S015]\n"
        "questions.yaml: OK (2 pages, 2 questions, 1 red flag, 1 guidance card, 0 promises; "
        "0 errors, 1 warning)\n"
        "questions.yaml: safety proof: every property and 0 promises checked over all 2 "
        "combinations of answers to the questions rules read\n",
    )


def test_check_can_require_the_signoff_as_a_server_does(in_tmp: Path) -> None:
    Path("questions.yaml").write_text(MINIMAL)
    result = run("check", "--require-signoff", "questions.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "questions.yaml:3:12: error: the safety content (tiers, red flags, promises, the "
        "questions they read and the safety net) has not been signed off; before patients see "
        "it, two people must review it and each run: screener signoff --name NAME --role ROLE "
        "[S015]\n"
    )
    assert result.stderr == "Error: questions.yaml: 1 error, 0 warnings\n"
    assert run("check", "--require-signoff", str(FIXTURE)).exit_code == 0  # signed by two


@pytest.mark.parametrize("content", [b"\x00\xff\xfe binary", b"[", b"- a\n- b\n", b""])
def test_check_never_shows_a_traceback(in_tmp: Path, content: bytes) -> None:
    Path("q.yaml").write_bytes(content)
    result = run("check", "q.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.startswith("q.yaml:")


def test_assess_prints_the_result_as_json(in_tmp: Path) -> None:
    Path("answers.yaml").write_text(
        "legs: both_legs\nboth_legs_start: new\nsaddle: no\nsleep: most_nights\n"
    )
    result = run("assess", "-q", str(FIXTURE), "answers.yaml")
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert output["tier"] == "emergency"
    assert output["red_flags"] == ["ces_both_legs", "sleep_disturbed"]
    assert output["because"] == {
        "ces_both_legs": {"legs": "both_legs", "both_legs_start": "new"},
        "sleep_disturbed": {"sleep": "most_nights"},
    }
    assert output["pages"][:4] == ["legs", "right_now", "both_legs_start", "leg_signs"]
    assert "while_you_wait" in output["guidance"]


def test_assess_reports_answers_that_do_not_fit(in_tmp: Path) -> None:
    Path("answers.yaml").write_text("legs: both\nlegpain: 7\nleg_pain: 12\n")
    result = run("assess", "-q", str(FIXTURE), "answers.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'answers.yaml:1:1: error: "both" is not an option of "legs"; did you mean "both_legs"? [A001]',
        'answers.yaml:2:1: error: unknown question "legpain"; did you mean "leg_pain"? [A008]',
        'answers.yaml:3:1: error: "leg_pain" takes a number from 0 to 10, not 12 [A005]',
    ]
    assert result.stderr == "Error: answers.yaml: 3 answer problems\n"


def test_assess_refuses_a_broken_questionnaire(in_tmp: Path) -> None:
    Path("q.yaml").write_text(MINIMAL.replace("    tier: emergency\n", "    tier: urgent\n"))
    Path("a.yaml").write_text("legs: one\n")
    result = run("assess", "-q", "q.yaml", "a.yaml")
    assert result.exit_code == 1
    assert 'unknown tier "urgent"' in result.stdout
    assert result.stderr == (
        "Error: the questionnaire has 1 error, 0 warnings; fix them first "
        "(screener check shows them all)\n"
    )


def test_test_runs_every_scenario_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("test")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith(" passed, 0 failed")


def test_test_shows_failures_and_exits_1(in_tmp: Path) -> None:
    Path("questions.yaml").write_text(MINIMAL)
    Path("s.yaml").write_text(
        "scenarios:\n  - name: wrong\n    answers: {legs: both}\n"
        "    expect: {tier: self_care}\n  - name: right\n"
        "    answers: {legs: one}\n    expect: {tier: self_care}\n"
    )
    result = run("test", "s.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "FAIL s.yaml:2: wrong",
        '     tier: expected "self_care", got "emergency" (red flags: [both_legs]) [A012]',
        "1 passed, 1 failed",
    ]


def test_schema_is_valid_json_schema_and_accepts_the_shipped_file() -> None:
    schema = json.loads(run("schema").stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    text = (FIXTURE).read_text()
    source = parse_source(text, "questions.yaml", Problems("questions.yaml"))
    assert source is not None
    jsonschema.validate(source.data, schema)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    title: Legs\n", "    titel: Legs\n"),
        ("        type: yes_no\n", "        type: yes_or_no\n"),
        ("  id: demo\n", "  id: Demo Questionnaire\n"),
    ],
)
def test_schema_catches_what_an_editor_should_underline(old: str, new: str) -> None:
    schema = json.loads(run("schema").stdout)
    source = parse_source(MINIMAL.replace(old, new), "q.yaml", Problems("q.yaml"))
    assert source is not None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(source.data, schema)


def test_graph_is_a_mermaid_flowchart() -> None:
    result = run("graph", "-q", str(FIXTURE))
    lines = result.stdout.splitlines()
    assert lines[0] == "flowchart TD"
    assert "  page_legs --> page_right_now" in lines
    assert (
        '  if_both_legs_start{"If the answer to “Where do you<br>feel pain, numbness or<br>'
        'tingling?” is “In both legs at<br>the same time”"}'
    ) in lines
    assert '  if_both_legs_start -->|"yes"| page_both_legs_start' in lines
    assert '  if_both_legs_start -->|"no"| page_leg_signs' in lines
    assert '  if_weakness_trend -->|"no"| page_unwell' in lines
    assert (
        '  flags_saddle>"Red flags:<br>ces_saddle → emergency (stops the<br>  questions)"]' in lines
    )
    assert "  page_saddle -.- flags_saddle" in lines
    assert "  page_notes --> check" in lines


def test_graph_as_dot_and_svg() -> None:
    shipped = str(FIXTURE)
    lines = run("graph", "-q", shipped, "-f", "dot").stdout.splitlines()
    assert lines[:2] == ["digraph questionnaire {", "  rankdir=TB; nodesep=0.25; ranksep=0.3;"]
    assert '  if_both_legs_start -> page_leg_signs [label="no", weight=0];' in lines
    assert "  { rank=same; page_saddle; flags_saddle; }" in lines
    if shutil.which("dot"):
        picture = run("graph", "-q", shipped, "-f", "svg").stdout
        assert picture.startswith("<svg\n viewBox=") and picture.rstrip().endswith("</svg>")
