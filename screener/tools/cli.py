"""The `screener` command: check, assess, test, graph and schema for questionnaire authors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from screener.authoring.file_format import json_schema
from screener.authoring.loader import Report, check_file
from screener.authoring.problems import Problem, Problems
from screener.authoring.proof.findings import TIME_LIMIT
from screener.authoring.proof.space import ProofLimit
from screener.authoring.source import read_source
from screener.catalogue import answers as messages
from screener.core.answers import parse_answers, plain_answers
from screener.core.model import Questionnaire
from screener.core.triage import Assessment
from screener.core.triage import assess as assess_answers
from screener.core.wording import plural
from screener.paths import default_questionnaire, default_scenarios
from screener.tools.behaviour_diff import behaviour_diff
from screener.tools.explain import explain_command, messages_command
from screener.tools.flowchart import dot, mermaid, svg
from screener.tools.reports import diff_lines, proof_line
from screener.tools.scenarios import load_scenarios, run_scenario, scenario_files
from screener.tools.text_diff import promise_changes, setting_changes, text_changes

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


TIME_LIMIT_OPTION = click.option(
    "--time-limit",
    default=TIME_LIMIT,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds the safety proof may take before it gives up with a message.",
)


def _load(path: str | None, prove: bool = True) -> Report:
    """The checked file, or exit 1 after listing its problems (`prove=False`: no proof)."""
    report = check_file(path or default_questionnaire(), prove=prove)
    if report.questionnaire is None or not report.ok:
        _print_problems(report.problems)
        _fail(
            f"the questionnaire has {_summary(report.problems)}; fix them first "
            "(screener check shows them all)"
        )
    return report


def _questionnaire(path: str | None) -> Questionnaire:
    """The checked questionnaire, or exit 1 after listing its problems."""
    questionnaire = _load(path).questionnaire
    assert questionnaire is not None
    return questionnaire


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Check, test and explore the sciatica screener's questionnaire."""


@main.command()
@click.argument("path", required=False, type=click.Path(dir_okay=True))
@click.option(
    "--exhaustive",
    is_flag=True,
    help="Accepted for older scripts: the safety proof always covers every combination.",
)
@TIME_LIMIT_OPTION
def check(path: str | None, exhaustive: bool, time_limit: float) -> None:
    """Check a questionnaire file and list every problem with its line.

    The check includes the safety proof over every combination of answers: every page and
    rule can be reached, turning on a red-flag answer never lowers the result, an emergency
    stop shows the most urgent result, no self-care card shows on an urgent result, and
    every promise holds. Each failure comes with a scenario to paste.

    Exits 0 when the file is usable (warnings allowed) and 1 when it has errors.
    """
    target = Path(path) if path else default_questionnaire()
    report = check_file(target, time_limit=time_limit)
    _print_problems(report.problems)
    if not report.ok:
        _fail(f"{target}: {_summary(report.problems)}")
    q = report.questionnaire
    assert q is not None
    click.echo(
        f"{target}: OK ({plural(len(q.pages), 'page')}, "
        f"{plural(len(q.questions), 'question')}, {plural(len(q.red_flags), 'red flag')}, "
        f"{plural(len(q.guidance), 'guidance card')}, {plural(len(q.promises), 'promise')}; "
        f"{_summary(report.problems)})"
    )
    if report.proof is not None:
        click.echo(proof_line(str(target), report.proof, len(q.promises)))


@main.command()
@click.argument("old_path", metavar="OLD.yaml", type=click.Path(dir_okay=False))
@click.argument("new_path", metavar="NEW.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--scenarios",
    "scenario_dir",
    default=None,
    type=click.Path(),
    help="Scenario files whose results to compare [default: ./scenarios, else the shipped ones].",
)
@TIME_LIMIT_OPTION
def diff(old_path: str, new_path: str, scenario_dir: str | None, time_limit: float) -> None:
    """Show exactly how a new version behaves differently from an old one, for sign-off.

    Changed promises first, then the new version's safety proof, then each change of tier,
    red flag and guidance card with the exact number of combinations of answers it affects,
    then scenarios, settings and every text in every language; each at its line in NEW.
    """
    old_report, new_report = _load(old_path, prove=False), _load(new_path, prove=False)
    old, new = old_report.questionnaire, new_report.questionnaire
    locate = new_report.locator
    assert old is not None and new is not None and locate is not None
    proven = check_file(new_path, time_limit=time_limit)
    findings = [p for p in proven.problems if p.severity == "error"]
    try:
        behaviour = behaviour_diff(old, new, time_limit)
    except ProofLimit as exc:
        # Leave the except block before exiting: an exception kept alive by the exit
        # would hold diagrams in a reference cycle, which dd cannot free in order.
        stopped: str | None = str(exc)
    else:
        stopped = None
    if stopped is not None:
        _fail(
            f"the two versions could not be compared: {stopped}. Give it longer with "
            "screener diff --time-limit SECONDS"
        )
    changed_scenarios = []
    folder = Path(scenario_dir) if scenario_dir else default_scenarios()
    for path in scenario_files([folder]) if folder.exists() else []:
        scenarios, _problems = load_scenarios(path, old)
        for scenario in scenarios:
            before = assess_answers(old, scenario.answers)
            after = assess_answers(new, parse_answers(new, plain_answers(scenario.answers))[0])
            changes = outcome_changes(before, after)
            if changes:
                changed_scenarios.append(f"{scenario.name}: {'; '.join(changes)}")
    path_of = locate.path_of
    for line in diff_lines(
        new_path,
        locate,
        promise_changes(old, new, path_of),
        findings,
        behaviour,
        changed_scenarios,
        setting_changes(old, new, path_of),
        text_changes(old, new, path_of),
    ):
        click.echo(line)


def outcome_changes(old: Assessment, new: Assessment) -> list[str]:
    """Each difference between two results, in words."""
    found = []
    if old.tier.id != new.tier.id:
        found.append(f"tier {old.tier.id} -> {new.tier.id}")
    old_flags = {f.flag.id for f in old.red_flags}
    new_flags = {f.flag.id for f in new.red_flags}
    found += [f"red flag {f} no longer fires" for f in sorted(old_flags - new_flags)]
    found += [f"red flag {f} now fires" for f in sorted(new_flags - old_flags)]
    old_cards, new_cards = {c.id for c in old.guidance}, {c.id for c in new.guidance}
    found += [f"guidance {c} no longer shown" for c in sorted(old_cards - new_cards)]
    found += [f"guidance {c} now shown" for c in sorted(new_cards - old_cards)]
    return found


@main.command()
@QUESTIONNAIRE_OPTION
@click.argument("answers_path", metavar="ANSWERS.yaml", type=click.Path(dir_okay=False))
def assess(questionnaire_path: str | None, answers_path: str) -> None:
    """Print the result for a file of answers keyed by question id, as JSON."""
    q = _questionnaire(questionnaire_path)
    problems = Problems(answers_path)
    source = read_source(answers_path, problems)
    raw: Any = source.data if source is not None else None
    if source is not None and not isinstance(raw, dict):
        problems.error((1, 1), messages.ANSWERS_NOT_KEYS.say())
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
    """Run scenario files (default: every file in ./scenarios/, else the shipped ones)."""
    q = _questionnaire(questionnaire_path)
    paths = scenario_files(files or [str(default_scenarios())])
    if not paths:
        _fail(messages.NO_SCENARIO_FILES.say())
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
    q = _questionnaire(questionnaire_path)
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


main.add_command(explain_command)
main.add_command(messages_command)
