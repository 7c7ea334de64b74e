"""The message catalogue: every message pinned by a test, written nowhere else, documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT

from screener.catalogue import FAMILIES, catalogue, lookup, message
from screener.tools.cli import main
from screener.tools.explain import DOCS_END, DOCS_START, catalogue_markdown

MESSAGES = list(catalogue())
TESTS = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("*.py"))
# Calls that report an author problem; their message must come from the catalogue.
REPORTERS = {"error", "warning", "ConditionError", "AnswerError"}


def test_codes_are_a_family_letter_and_three_digits_numbered_without_gaps() -> None:
    for family in FAMILIES:
        numbers = [int(m.code[1:]) for m in MESSAGES if m.code[0] == family]
        assert numbers == list(range(1, len(numbers) + 1)), family


@pytest.mark.parametrize("entry", MESSAGES, ids=[m.code for m in MESSAGES])
def test_every_message_is_explained_and_pinned_by_an_exact_test(entry: object) -> None:
    assert entry.why.endswith(".") and entry.fix.endswith(".")  # type: ignore[attr-defined]
    assert entry.example.strip()  # type: ignore[attr-defined]
    assert f"[{entry.code}]" in TESTS, f"no test expects {entry.code}"  # type: ignore[attr-defined]


def test_a_code_cannot_be_used_twice() -> None:
    with pytest.raises(ValueError, match="message code Y001 is used twice"):
        message("Y001", "again", why="", fix="", example="")


def _inline_messages(source: str) -> list[int]:
    """Lines that pass a written-out text straight to a reporter."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in {"log", "logging"}:
            continue  # the operator's log, not a message for authors
        if name in REPORTERS and any(
            isinstance(arg, ast.JoinedStr)
            or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
            for arg in node.args
        ):
            found.append(node.lineno)
    return found


def test_the_inline_message_check_can_fail() -> None:
    assert _inline_messages('ctx.error(path, f"bad {x}")\nraise AnswerError("no")\n') == [1, 2]
    assert _inline_messages("ctx.error(path, messages.BAD.say(x=x))\n") == []


def test_no_author_message_is_written_outside_the_catalogue() -> None:
    package = ROOT / "screener"
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in package.rglob("*.py")
        if "catalogue" not in path.parts and (lines := _inline_messages(path.read_text()))
    }
    assert offenders == {}


def test_the_guide_lists_every_message_as_the_catalogue_has_it() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text()
    listed = guide[guide.index(DOCS_START) : guide.index(DOCS_END) + len(DOCS_END)] + "\n"
    assert listed == catalogue_markdown(), "run: screener messages --markdown, and paste it in"
    assert len(re.findall(r"^\*\*[A-Z]\d{3}\*\*", listed, re.M)) == len(MESSAGES)


def test_explain_prints_why_fix_and_example() -> None:
    result = CliRunner().invoke(main, ["explain", "y008"])
    assert result.exit_code == 0
    assert result.output == (
        'Y008 (error): duplicate key "<key>"; it is already set on line <line>; keep one of '
        "the two\n\n"
        "Why: YAML would silently keep only the last one, so an edit could vanish unseen.\n"
        "Fix: Delete one of the two lines, keeping the value you mean.\n"
        "Example:\n    title: Check your back\n    title: Check your sciatica\n"
    )


def test_explain_suggests_a_close_code() -> None:
    result = CliRunner().invoke(main, ["explain", "Y0008"])
    assert result.exit_code == 1
    assert result.output == (
        'Error: no message has the code "Y0008"; did you mean "Y008"? '
        "(`screener messages` lists them all)\n"
    )


def test_messages_lists_every_code_once() -> None:
    result = CliRunner().invoke(main, ["messages"])
    codes = [line.split()[0] for line in result.output.splitlines()]
    assert codes == [m.code for m in MESSAGES]
    assert lookup("r004") is not None and lookup("Z999") is None


def test_printed_problems_end_with_their_code(tmp_path: Path) -> None:
    broken = tmp_path / "questions.yaml"
    broken.write_text("meta: {id: x}\nmeta: {id: y}\n")
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 1
    assert (
        f'{broken}:2:1: error: duplicate key "meta"; it is already set on line 1; keep one of '
        "the two [Y008]"
    ) in result.output.splitlines()
