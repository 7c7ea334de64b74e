"""The `screener` command: check, assess, test, graph and schema for questionnaire authors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from screener.authoring.file_format import json_schema
from screener.authoring.loader import check_file
from screener.authoring.proof.space import ProofLimit
from screener.authoring.signoff import signoff_status
from screener.catalogue import answers as messages
from screener.core.answers import parse_answers, plain_answers
from screener.core.model import Questionnaire
from screener.core.triage import Assessment
from screener.core.triage import assess as assess_answers
from screener.core.wording import plural
from screener.paths import default_questionnaire, default_scenarios
from screener.tools.behaviour_diff import behaviour_diff
from screener.tools.effects import dropped_promises_broken
from screener.tools.explain import explain_command, messages_command
from screener.tools.fhir.commands import fhir
from screener.tools.flowchart import dot, mermaid, svg
from screener.tools.loading import (
    QUESTIONNAIRE_OPTION,
    TIME_LIMIT_OPTION,
    answers_file,
    checked_questionnaire,
    fail,
    load_checked,
    print_problems,
    summary,
)
from screener.tools.reports import Compared, diff_lines, proof_line
from screener.tools.scenarios import load_scenarios, run_scenario, scenario_files
from screener.tools.signing import signoff_command
from screener.tools.text_diff import setting_changes, text_changes


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
@click.option(
    "--require-signoff",
    is_flag=True,
    help="Treat safety content two people have not signed off as an error, as a server "
    "with SCREENER_REQUIRE_SIGNOFF does (check a file this way before publishing it).",
)
@TIME_LIMIT_OPTION
def check(path: str | None, exhaustive: bool, require_signoff: bool, time_limit: float) -> None:
    """Check a questionnaire file and list every problem with its line.

    The check includes the safety proof over every combination of answers: every page and
    rule can be reached, turning on a red-flag answer never lowers the result, an emergency
    stop shows the most urgent result, no self-care card shows on an urgent result, and
    every promise holds. Each failure comes with a scenario to paste.

    Exits 0 when the file is usable (warnings allowed) and 1 when it has errors.
    """
    target = Path(path) if path else default_questionnaire()
    report = check_file(
        target, time_limit=time_limit, signoff="require" if require_signoff else "warn"
    )
    print_problems(report.problems)
    if not report.ok:
        fail(f"{target}: {summary(report.problems)}")
    q = report.questionnaire
    assert q is not None
    click.echo(
        f"{target}: OK ({plural(len(q.pages), 'page')}, "
        f"{plural(len(q.questions), 'question')}, {plural(len(q.red_flags), 'red flag')}, "
        f"{plural(len(q.guidance), 'guidance card')}, {plural(len(q.promises), 'promise')}; "
        f"{summary(report.problems)})"
    )
    if report.proof is not None:
        click.echo(proof_line(str(target), report.proof, len(q.promises)))
    status = signoff_status(q)
    if status.signed:
        names = " and ".join(r.name for r in status.signers)
        click.echo(f"{target}: safety content signed off by {names}")


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
@click.option(
    "--detail", is_flag=True, help="Also list every change of result, flag and card, counted."
)
@TIME_LIMIT_OPTION
def diff(
    old_path: str, new_path: str, scenario_dir: str | None, detail: bool, time_limit: float
) -> None:
    """Show what a new version changes, for the clinicians who sign it off.

    First each decision to sign (a red flag, promise, tier or show_if that changed) in
    words, with one person whose result it changes; then every change of result as a share
    of all possible answer sets; then side effects; then the new version's safety proof, its
    sign-off, scenarios, settings and every text in every language, each at its line.
    """
    old_report, new_report = load_checked(old_path, False), load_checked(new_path, False)
    old, new = old_report.questionnaire, new_report.questionnaire
    assert old is not None and new is not None
    assert old_report.locator is not None and new_report.locator is not None
    proven = check_file(new_path, time_limit=time_limit, signoff="skip")
    findings = [p for p in proven.problems if p.severity == "error"]
    try:
        behaviour = behaviour_diff(old, new, time_limit)
        broken = dropped_promises_broken(old, new, time_limit)
    except ProofLimit as exc:
        # Leave the except block before exiting: an exception kept alive by the exit
        # would hold diagrams in a reference cycle, which dd cannot free in order.
        stopped: str | None = str(exc)
    else:
        stopped = None
    if stopped is not None:
        fail(
            f"the two versions could not be compared: {stopped}. Give it longer with "
            "screener diff --time-limit SECONDS"
        )
    compared = Compared(old, new, old_path, new_path, old_report.locator, new_report.locator)
    path_of = new_report.locator.path_of
    for line in diff_lines(
        compared,
        findings,
        behaviour,
        _changed_scenarios(old, new, scenario_dir),
        setting_changes(old, new, path_of),
        text_changes(old, new, path_of),
        broken,
        detail,
    ):
        click.echo(line)


def _changed_scenarios(old: Questionnaire, new: Questionnaire, folder: str | None) -> list[str]:
    """Each scenario whose result differs between the versions, in words."""
    found = []
    where = Path(folder) if folder else default_scenarios()
    for path in scenario_files([where]) if where.exists() else []:
        scenarios, _problems = load_scenarios(path, old)
        for scenario in scenarios:
            before = assess_answers(old, scenario.answers)
            after = assess_answers(new, parse_answers(new, plain_answers(scenario.answers))[0])
            changes = outcome_changes(before, after)
            if changes:
                fails = (
                    " [its expectation now fails]" if run_scenario(new, scenario).failures else ""
                )
                found.append(f"{scenario.name}: {'; '.join(changes)}{fails}")
    return found


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
@click.argument("answers_path", metavar="ANSWERS", type=click.Path(dir_okay=False))
def assess(questionnaire_path: str | None, answers_path: str) -> None:
    """Print the result for a file of answers as JSON: YAML keyed by question id, or a FHIR
    QuestionnaireResponse."""
    q = checked_questionnaire(questionnaire_path)
    answers = answers_file(q, answers_path)
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


main.add_command(fhir)


@main.command(name="test")
@QUESTIONNAIRE_OPTION
@click.argument("files", nargs=-1, type=click.Path())
def test_scenarios(questionnaire_path: str | None, files: tuple[str, ...]) -> None:
    """Run scenario files (default: every file in ./scenarios/, else the shipped ones)."""
    q = checked_questionnaire(questionnaire_path)
    paths = scenario_files(files or [str(default_scenarios())])
    if not paths:
        fail(messages.NO_SCENARIO_FILES.say())
    passed = failed = 0
    for path in paths:
        scenarios, problems = load_scenarios(path, q)
        print_problems(problems)
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
    q = checked_questionnaire(questionnaire_path)
    if kind == "svg":
        picture = svg(q, language)
        if picture is None:
            fail("Graphviz is not installed; install it with: sudo apt-get install graphviz")
        click.echo(picture, nl=False)
    else:
        click.echo((dot if kind == "dot" else mermaid)(q, language), nl=False)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editor autocompletion)."""
    click.echo(json.dumps(json_schema(), indent=2))


main.add_command(explain_command)
main.add_command(signoff_command)
main.add_command(messages_command)
