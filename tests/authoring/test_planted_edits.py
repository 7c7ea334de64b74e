"""Unsafe edits planted in a copy of a questionnaire: check refuses each, diff shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURE

from screener.tools.cli import main

# Plants edits in the fixture questionnaire and proves and diffs each version.
pytestmark = pytest.mark.slow

ORIGINAL = FIXTURE.read_text()


def _plant(old: str, new: str) -> str:
    assert ORIGINAL.count(old) == 1, f"the anchor must appear once: {old!r}"
    return ORIGINAL.replace(old, new)


def _where(text: str, fragment: str) -> tuple[int, int]:
    """Line and column where `fragment` starts in `text`."""
    before = text[: text.index(fragment)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


SADDLE = '  - id: ces_saddle\n    tier: emergency\n    when: saddle == "yes"\n'
# (planted text, where the error must point, what the diff must say there)
PLANTS: dict[str, tuple[str, str, str]] = {
    "saddle numbness now also needing both legs": (
        _plant(SADDLE, SADDLE.replace('"yes"\n', '"yes" and legs == "both_legs"\n')),
        'saddle == "yes" and legs',
        "tier emergency -> self_care",
    ),
    "a cauda equina page behind a show_if": (
        _plant(
            "  - id: bladder\n    title:\n",
            '  - id: bladder\n    show_if: legs != "back_only"\n    title:\n',
        ),
        'legs != "back_only"\n    title',
        "tier emergency -> self_care",
    ),
    "the bladder flag lowered to soon": (
        _plant(
            "  - id: ces_bladder\n    tier: emergency\n", "  - id: ces_bladder\n    tier: soon\n"
        ),
        'soon\n    when: \'"hard_to_start"',
        "tier emergency -> soon",
    ),
    "a flag off for one exact combination of four earlier answers": (
        _plant(
            '    tier: emergency\n    when: weakness == "both_legs"\n',
            '    tier: emergency\n    when: weakness == "both_legs" and not (legs == "alternating"'
            ' and saddle == "no" and "none" in leg_signs and "none" in bladder)\n',
        ),
        'weakness == "both_legs" and not',
        "tier emergency -> self_care",
    ),
    "a flag off for one exact combination of four later answers": (
        _plant(
            SADDLE,
            SADDLE.replace(
                '"yes"\n',
                '"yes" and not (cancer == "yes" and fever == "yes" and age == "70_plus"'
                ' and sleep == "most_nights")\n',
            ),
        ),
        'saddle == "yes" and not',
        "tier emergency -> urgent after changing an answer (whole route)",
    ),
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", PLANTS)
def test_check_refuses_the_planted_edit_at_its_line_with_a_scenario(
    name: str, tmp_path: Path
) -> None:
    text, fragment, _diff = PLANTS[name]
    path = tmp_path / "questions.yaml"
    path.write_text(text)
    code, out = _run("check", str(path))
    line, column = _where(text, fragment)
    lines = out.splitlines()
    first = next(i for i, line_ in enumerate(lines) if ": error: " in line_)
    assert code == 1
    assert lines[first].startswith(f"{path}:{line}:{column}: error: "), lines[first]
    assert lines[first + 1].lstrip().startswith("- name: ")
    assert lines[first + 2].lstrip().startswith("answers: {")


@pytest.mark.parametrize("name", PLANTS)
def test_the_diff_shows_the_planted_edit_at_its_line(name: str, tmp_path: Path) -> None:
    text, fragment, change = PLANTS[name]
    path = tmp_path / "questions.yaml"
    path.write_text(text)
    code, out = _run("diff", str(FIXTURE), str(path), "--detail")
    line, column = _where(text, fragment)
    assert code == 0
    assert any(
        row.startswith(f"  {path}:{line}:{column}: {change}: ") for row in out.splitlines()
    ), out


def test_the_diff_shows_a_changed_emergency_number(tmp_path: Path) -> None:
    text = _plant('emergency_number: "911"', 'emergency_number: "912"')
    path = tmp_path / "questions.yaml"
    path.write_text(text)
    code, out = _run("diff", str(FIXTURE), str(path))
    line, column = _where(text, '"912"')
    assert code == 0
    assert out.splitlines()[-3:] == [
        "Settings changed: 1",
        f"  {path}:{line}:{column}: changed: emergency number: '911' -> '912'",
        "Texts changed: 0",
    ]
