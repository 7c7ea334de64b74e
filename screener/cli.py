"""The `screener` command: check, assess, test, graph and schema for questionnaire authors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from screener.answers import parse_answers, plain_answers
from screener.format import json_schema
from screener.graph import dot, mermaid, svg
from screener.loader import check_file
from screener.model import Questionnaire
from screener.problems import Problem, Problems, plural
from screener.reports import diff_lines, safety_lines
from screener.resources import default_questionnaire
from screener.safety import DEFAULT_LIMIT, analyse, behaviour_diff, outcome_changes
from screener.scenarios import load_scenarios, run_scenario, scenario_files
from screener.source import read_source
from screener.triage import assess as assess_answers

QUESTIONNAIRE_OPTION = click.option(
    "--questionnaire",
    "-q",
    "questionnaire_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="The questionnaire file (default: ./questions.yaml).",
)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem))


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def _load(path: str | None) -> Questionnaire:
    """The questionnaire, or exit 1 after listing its problems."""
    report = check_file(path or default_questionnaire())
    if report.questionnaire is None or not report.ok:
        _print_problems(report.problems)
        _fail(
            f"the questionnaire has {_summary(report.problems)}; fix them first "
            "(screener check shows them all)"
        )
    return report.questionnaire


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Check, test and explore the sciatica screener's questionnaire."""


@main.command()
@click.argument("path", required=False, type=click.Path(dir_okay=True))
@click.option(
    "--exhaustive", is_flag=True, help="Also search answer combinations for unsafe behaviour."
)
@click.option(
    "--samples",
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most combinations to check; beyond this, a fixed-seed sample.",
)
def check(path: str | None, exhaustive: bool, samples: int) -> None:
    """Check a questionnaire file and list every problem with its line.

    Exits 0 when the file is usable (warnings allowed) and 1 when it has errors. With
    --exhaustive it then checks, over every combination of answers (or a sample), that each
    ends in one tier, that turning a red-flag answer on never lowers the tier, and that no
    self-care card shows on an urgent result.
    """
    target = Path(path) if path else default_questionnaire()
    report = check_file(target)
    _print_problems(report.problems)
    if not report.ok:
        _fail(f"{target}: {_summary(report.problems)}")
    q = report.questionnaire
    assert q is not None
    click.echo(
        f"{target}: OK ({plural(len(q.pages), 'page')}, "
        f"{plural(len(q.questions), 'question')}, {plural(len(q.red_flags), 'red flag')}, "
        f"{plural(len(q.guidance), 'guidance card')}; {_summary(report.problems)})"
    )
    if exhaustive:
        safety = analyse(q, samples)
        for line in safety_lines(str(target), safety):
            click.echo(line)
        if safety.findings:
            sys.exit(1)


@main.command()
@click.argument("old_path", metavar="OLD.yaml", type=click.Path(dir_okay=False))
@click.argument("new_path", metavar="NEW.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--scenarios",
    "scenario_dir",
    default="tests/scenarios",
    show_default=True,
    type=click.Path(),
    help="Scenario files whose results to compare.",
)
@click.option(
    "--samples",
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most combinations to compare; beyond this, a fixed-seed sample.",
)
def diff(old_path: str, new_path: str, scenario_dir: str, samples: int) -> None:
    """Show how a new version behaves differently from an old one, for clinical review."""
    old, new = _load(old_path), _load(new_path)
    report = behaviour_diff(old, new, samples)
    for path in scenario_files([scenario_dir]) if Path(scenario_dir).exists() else []:
        scenarios, _problems = load_scenarios(path, old)
        for scenario in scenarios:
            before, after = (
                assess_answers(old, scenario.answers),
                assess_answers(new, parse_answers(new, plain_answers(scenario.answers))[0]),
            )
            changes = outcome_changes(before, after)
            if changes:
                report.scenarios.append(f"{scenario.name}: {'; '.join(changes)}")
    for line in diff_lines(report):
        click.echo(line)


@main.command()
@QUESTIONNAIRE_OPTION
@click.argument("answers_path", metavar="ANSWERS.yaml", type=click.Path(dir_okay=False))
def assess(questionnaire_path: str | None, answers_path: str) -> None:
    """Print the result for a file of answers keyed by question id, as JSON."""
    q = _load(questionnaire_path)
    problems = Problems(answers_path)
    source = read_source(answers_path, problems)
    raw: Any = source.data if source is not None else None
    if source is not None and not isinstance(raw, dict):
        problems.error(
            (1, 1),
            "the answers file should be key: value lines, one per question "
            "id, for example  legs: one_leg",
        )
    if isinstance(raw, dict):
        answers, wrong = parse_answers(q, raw)
        for item in wrong:
            problems.error(source.key_at((item.question,)) if source else (1, 1), item.message)
    if problems.items:
        _print_problems(problems.sorted())
        _fail(f"{answers_path}: {plural(len(problems.items), 'answer problem')}")
    result = assess_answers(q, answers)
    click.echo(
        json.dumps(
            {
                "tier": result.tier.id,
                "red_flags": [f.flag.id for f in result.red_flags],
                "guidance": [g.id for g in result.guidance],
                "pages": [p.id for p in result.pages],
                "because": {
                    f.flag.id: plain_answers({k: answers[k] for k in f.because})
                    for f in result.red_flags
                },
            },
            indent=2,
            ensure_ascii=False,
        )
    )


@main.command(name="test")
@QUESTIONNAIRE_OPTION
@click.argument("files", nargs=-1, type=click.Path())
def test_scenarios(questionnaire_path: str | None, files: tuple[str, ...]) -> None:
    """Run scenario files (default: every file in tests/scenarios/)."""
    q = _load(questionnaire_path)
    paths = scenario_files(files or ["tests/scenarios"])
    if not paths:
        _fail("no scenario files found; give a file, or add .yaml files to tests/scenarios/")
    passed = failed = 0
    for path in paths:
        scenarios, problems = load_scenarios(path, q)
        _print_problems(problems)
        failed += sum(p.severity == "error" for p in problems)
        for scenario in scenarios:
            outcome = run_scenario(q, scenario)
            if outcome.failures:
                failed += 1
                click.echo(f"FAIL {scenario.path}:{scenario.line}: {scenario.name}")
                for failure in outcome.failures:
                    click.echo(f"     {failure}")
            else:
                passed += 1
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@main.command()
@QUESTIONNAIRE_OPTION
@click.option("--language", "-l", default=None, help="Language of the page titles.")
@click.option(
    "--format",
    "-f",
    "kind",
    type=click.Choice(["mermaid", "dot", "svg"]),
    default="mermaid",
    show_default=True,
    help="Mermaid text, Graphviz DOT, or SVG (needs Graphviz).",
)
def graph(questionnaire_path: str | None, language: str | None, kind: str) -> None:
    """Print a flowchart of pages, branches, and red flags to tiers."""
    q = _load(questionnaire_path)
    if kind == "svg":
        picture = svg(q, language)
        if picture is None:
            _fail("Graphviz is not installed; install it with: sudo apt-get install graphviz")
        click.echo(picture, nl=False)
    else:
        click.echo((dot if kind == "dot" else mermaid)(q, language), nl=False)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editor autocompletion)."""
    click.echo(json.dumps(json_schema(), indent=2))
