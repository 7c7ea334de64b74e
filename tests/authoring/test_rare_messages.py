"""Messages the other tables do not reach, each brought up for real and pinned exactly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURE, MINIMAL, problems_in

from screener.authoring.condition_parser import parse_condition
from screener.core.conditions import ConditionError
from screener.tools.cli import main


def _edit(old: str, new: str) -> str:
    assert old in MINIMAL, f"the test's anchor text must exist: {old!r}"
    return MINIMAL.replace(old, new, 1)


SADDLE_PAGE = "  - id: saddle\n    title: Saddle\n    questions:\n"
NOTES = "".join(
    f"      - id: note{i}\n        type: text\n        text: Notes\n        max_length: 500\n"
    for i in range(3)
)
WHEN_BOTH = "when: 'legs == \"both\"'"
# (code, questionnaire text, the exact problem expected among those reported)
CASES = [
    (
        "F002",
        _edit('  version: "1"', '  version: " "'),
        '3:12: error: "version" is empty; write a text here [F002]',
    ),
    (
        "F003",
        _edit("    source: NICE CKS", "    source: " + "x" * 501),
        '41:13: error: "source" is longer than 500 characters [F003]',
    ),
    (
        "F006",
        _edit("        type: yes_no\n", "        type: scale\n        min: -101\n"),
        '33:14: error: "min" must be at least -100, not -101 [F006]',
    ),
    (
        "F007",
        _edit("        type: yes_no\n", "        type: scale\n        max: 101\n"),
        '33:14: error: "max" must be at most 100, not 101 [F007]',
    ),
    (
        "F009",
        _edit("    tiers: [self_care]", "    tiers: self_care"),
        "47:12: error: \"tiers\" should be a list (lines starting with '- '), not a text [F009]",
    ),
    (
        "F010",
        _edit("          - value: both\n            label: Both legs\n", ""),
        '24:11: error: "options" needs at least 2 items [F010]',
    ),
    (
        "F011",
        _edit("    tiers: [self_care]", "    tiers: [" + ", ".join(["self_care"] * 10_001) + "]"),
        '47:12: error: "tiers" has more than 10000 items [F011]',
    ),
    (
        "F012",
        _edit(SADDLE_PAGE, "  - saddle\n" + SADDLE_PAGE),
        '28:5: error: item 2 of "pages" should be a set of key: value lines describing a page, not a text [F012]',
    ),
    (
        "F017",
        _edit("  id: demo\n", "  id: demo\n  languages: [en, es]\n").replace(
            "  title: Demo", "  title: {en: Demo, es: Demo}"
        ),
        '9:15: error: "headline" has no Spanish (es) translation; give one line per language, like {en: ..., es: ...} [F017]',
    ),
    (
        "F018",
        _edit("    title: Saddle", '    title: ""'),
        '29:12: error: "title" is empty; write the text, or remove the key [F018]',
    ),
    (
        "F019",
        _edit("        text: Any numbness?", "        text: Any <b>numbness</b>?"),
        "33:15: error: raw HTML is not allowed in texts; write plain words [F019]",
    ),
    (
        "F028",
        MINIMAL
        + f"promises:\n  - {{id: p, result_at_least: emergency, {WHEN_BOTH}, never_on: [self_care]}}\n",
        '55:65: error: "never_on" belongs to a "card" promise; remove it [F028]',
    ),
    (
        "F030",
        MINIMAL + f"promises:\n  - {{id: p, asked_of_everyone: legs, {WHEN_BOTH}}}\n",
        '55:38: error: a question asked of everyone is asked whatever the answers; remove "when" [F030]',
    ),
    (
        "R009",
        _edit(SADDLE_PAGE, SADDLE_PAGE + NOTES),
        "16:1: error: with every question answered at its longest, the answers need 6,712 bytes of the browser's session cookie, more than the 3,900 allowed; lower max_length on text questions (note0: 500, note1: 500, note2: 500) or ask fewer questions [R009]",
    ),
    (
        "S001",
        _edit(
            SADDLE_PAGE, SADDLE_PAGE + "      - id: note\n        type: text\n        text: Notes\n"
        )
        + "promises:\n  - {id: p, asked_of_everyone: note}\n",
        '58:32: error: "note" is a free-text question, which is always optional; promise only questions people must answer [S001]',
    ),
    (
        "S013",
        MINIMAL + "promises:\n  - {id: p, when: 'saddle == \"yes\"', result_at_least: emergency}\n",
        '55:19: error: promise "p" (when saddle == "yes", the result is at least "emergency") does not hold: no red flag of tier "emergency" or more urgent reads these answers; these answers give "self_care" [S013]',
    ),
    (
        "Y006",
        "meta: \x07\n",
        '1:1: error: the file cannot be read as YAML (unacceptable character #x0007: control characters are not allowed\n  in "<unicode string>", position 6); remove unusual characters such as tabs or control codes [Y006]',
    ),
    (
        "Y007",
        "[title]: x\n",
        "1:1: error: a key must be a plain word such as 'title:'; lists and mappings cannot be keys [Y007]",
    ),
    (
        "Y015",
        "meta:\n  id: x\n  title\n  other: y\n",
        "4:3: error: YAML syntax error: a line is missing its colon, or a text runs over several lines without quotes; check the line above too [Y015]",
    ),
    (
        "Y016",
        "meta:\n    id: x\n  title: y\n",
        "3:3: error: YAML syntax error: the indentation does not line up with the lines above; items at the same level must start in the same column [Y016]",
    ),
    (
        "Y018",
        "meta: [en, es\n",
        "2:1: error: YAML syntax error: a bracket [ or { is not closed, or a value is missing inside it [Y018]",
    ),
    (
        "Y019",
        'meta: "a \\q b"\n',
        "1:10: error: YAML syntax error: a backslash (\\) in double quotes starts an unknown escape; use single quotes or write \\\\ [Y019]",
    ),
    (
        "Y020",
        "%YAML 1.2\n",
        "2:1: error: YAML syntax error: did not find expected <document start>; check the indentation and quotes on this line [Y020]",
    ),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_message_comes_up_exactly(code: str, text: str, expected: str) -> None:
    problems = [p.split("\n    ")[0] for p in problems_in(text)]  # without pasted scenarios
    assert f"questions.yaml:{expected}" in problems, problems


def test_a_condition_the_parser_cannot_hold_asks_for_plain_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Python's parser gives up with RecursionError or ValueError on some pathological input;
    # that input cannot be written within the length limit today, so the failure is planted.
    def gives_up(*args: object, **kwargs: object) -> ast.AST:
        raise RecursionError

    monkeypatch.setattr(ast, "parse", gives_up)
    with pytest.raises(ConditionError) as raised:
        parse_condition('legs == "both"')
    assert raised.value.message == (
        "this condition cannot be read; remove unusual characters [C004]"
    )


def test_a_disagreement_between_proof_and_app_is_reported_as_a_fault(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from screener.authoring.proof import findings
    from screener.core import triage

    def wrong(q: object, answers: object) -> triage.Assessment:
        outcome = triage.journey_assessment(q, answers)  # type: ignore[arg-type]
        other = next(t for t in q.tiers if t.id != outcome.tier.id)  # type: ignore[attr-defined]
        return triage.Assessment(**{**outcome.__dict__, "tier": other})

    monkeypatch.setattr(findings, "journey_assessment", wrong)
    # A promise that fails makes the proof replay its counterexample through the app.
    text = (
        MINIMAL + "promises:\n  - {id: p, when: 'saddle == \"yes\"', result_at_least: emergency}\n"
    )
    [problem] = problems_in(text)
    assert problem.startswith(
        "questions.yaml:34:1: error: the safety proof disagrees with the app (the proof says "
    )
    assert problem.endswith(
        "); this is a fault in the screener, not in your file: please report it with the file "
        "attached [S004]"
    )


def test_a_file_behind_a_file_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "clinic").write_text("not a folder")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "clinic" / "questions.yaml")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path}/clinic/questions.yaml:1:1: error: cannot read the file (Not a directory); "
        "check its permissions [Y003]"
    )


def test_an_answers_file_that_is_a_list_is_explained(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- legs\n- one\n")
    result = CliRunner().invoke(main, ["assess", "-q", str(FIXTURE), str(answers)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{answers}:1:1: error: the answers file should be key: value lines, one per question "
        "id, for example  legs: one_leg [A016]"
    )


def test_a_folder_without_scenarios_is_explained(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no scenario files found; give a file, or add .yaml files to scenarios/ [A017]\n"
    )
