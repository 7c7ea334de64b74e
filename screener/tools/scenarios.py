"""Scenario files: answers and the result a clinician expects, run against the questionnaire."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.authoring.compound_shapes import Field, ListOf, MapOf, Record
from screener.authoring.problems import Problem, Problems
from screener.authoring.shapes import Context, Id, Str
from screener.authoring.source import NodePath, read_source
from screener.catalogue import answers as messages
from screener.core.answers import parse_answers
from screener.core.conditions import AnswerValue
from screener.core.model import Questionnaire
from screener.core.triage import Assessment, assess
from screener.core.wording import did_you_mean


@dataclass(frozen=True)
class ScenarioResult:
    """What the questionnaire gave for a scenario's answers, as ids."""

    tier: str
    red_flags: tuple[str, ...]
    guidance: tuple[str, ...]
    pages: tuple[str, ...]
    tier_order: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: Assessment, questionnaire: Questionnaire) -> ScenarioResult:
        """The ids of an assessment."""
        return cls(
            result.tier.id,
            tuple(f.flag.id for f in result.red_flags),
            tuple(g.id for g in result.guidance),
            tuple(p.id for p in result.pages),
            tuple(questionnaire.tier_by_id),
        )


def _ids(values: Iterable[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _exactly(
    noun: str, pick: Callable[[ScenarioResult], tuple[str, ...]]
) -> Callable[[Any, ScenarioResult], str | None]:
    def check(expected: list[str], actual: ScenarioResult) -> str | None:
        got = pick(actual)
        if sorted(expected) == sorted(got):
            return None
        return messages.EXPECTED_EXACTLY.say(noun=noun, expected=_ids(expected), got=_ids(got))

    return check


def _include(
    noun: str, pick: Callable[[ScenarioResult], tuple[str, ...]]
) -> Callable[[Any, ScenarioResult], str | None]:
    def check(expected: list[str], actual: ScenarioResult) -> str | None:
        missing = [i for i in expected if i not in pick(actual)]
        if not missing:
            return None
        return messages.EXPECTED_TO_INCLUDE.say(
            noun=noun, missing=_ids(missing), got=_ids(pick(actual))
        )

    return check


def _exclude(
    noun: str, pick: Callable[[ScenarioResult], tuple[str, ...]]
) -> Callable[[Any, ScenarioResult], str | None]:
    def check(expected: list[str], actual: ScenarioResult) -> str | None:
        present = [i for i in expected if i in pick(actual)]
        if not present:
            return None
        return messages.EXPECTED_NOT_TO_INCLUDE.say(
            noun=noun, present=_ids(present), got=_ids(pick(actual))
        )

    return check


def _because(actual: ScenarioResult) -> str:
    """The red flags behind a result, as a suffix for a failed tier expectation."""
    return f" (red flags: {_ids(actual.red_flags)})" if actual.red_flags else ""


def _tier(expected: str, actual: ScenarioResult) -> str | None:
    if expected == actual.tier:
        return None
    return messages.EXPECTED_TIER.say(expected=expected, got=actual.tier, because=_because(actual))


def _ranked(at_least: bool) -> Callable[[Any, ScenarioResult], str | None]:
    def check(expected: str, actual: ScenarioResult) -> str | None:
        order = actual.tier_order
        ok = (order.index(actual.tier) <= order.index(expected)) == at_least or (
            actual.tier == expected
        )
        if ok:
            return None
        said = messages.EXPECTED_AT_LEAST if at_least else messages.EXPECTED_AT_MOST
        return said.say(expected=expected, got=actual.tier, because=_because(actual))

    return check


@dataclass(frozen=True)
class Expectation:
    """One kind of expectation: which ids it names, and how it is checked."""

    ids: Callable[[Questionnaire], Collection[str]]
    noun: str
    check: Callable[[Any, ScenarioResult], str | None]


def _flags(q: Questionnaire) -> Collection[str]:
    return q.red_flag_by_id


def _cards(q: Questionnaire) -> Collection[str]:
    return [card.id for card in q.guidance]


def _pages(q: Questionnaire) -> Collection[str]:
    return q.page_by_id


def _tiers(q: Questionnaire) -> Collection[str]:
    return q.tier_by_id


def _fired(a: ScenarioResult) -> tuple[str, ...]:
    return a.red_flags


def _shown_cards(a: ScenarioResult) -> tuple[str, ...]:
    return a.guidance


def _shown_pages(a: ScenarioResult) -> tuple[str, ...]:
    return a.pages


EXPECTATIONS: dict[str, Expectation] = {
    "tier": Expectation(_tiers, "tier", _tier),
    "tier_at_least": Expectation(_tiers, "tier", _ranked(at_least=True)),
    "tier_at_most": Expectation(_tiers, "tier", _ranked(at_least=False)),
    "red_flags": Expectation(_flags, "red flag", _exactly("red flags", _fired)),
    "red_flags_include": Expectation(_flags, "red flag", _include("red flags", _fired)),
    "red_flags_exclude": Expectation(_flags, "red flag", _exclude("red flags", _fired)),
    "guidance": Expectation(_cards, "guidance card", _exactly("guidance", _shown_cards)),
    "guidance_include": Expectation(_cards, "guidance card", _include("guidance", _shown_cards)),
    "guidance_exclude": Expectation(_cards, "guidance card", _exclude("guidance", _shown_cards)),
    "pages_shown": Expectation(_pages, "page", _include("pages shown", _shown_pages)),
    "pages_hidden": Expectation(_pages, "page", _exclude("pages shown", _shown_pages)),
}

EXPECT = Record(
    name="expect section",
    fields={
        key: Field(Id() if key.startswith("tier") else ListOf(item=Id())) for key in EXPECTATIONS
    },
)
SCENARIO = Record(
    name="scenario",
    fields={
        "name": Field(Str(noun="a short name"), required=True),
        "description": Field(Str(max_length=2000)),
        "answers": Field(MapOf(), required=True, doc="Answers keyed by question id."),
        "expect": Field(EXPECT, required=True),
    },
)
SCENARIO_FILE = Record(
    name="scenario file",
    fields={
        "base_answers": Field(
            MapOf(),
            doc="Answers every scenario in the file starts from; a scenario's own answers "
            "replace them, and ~ (empty) removes one.",
        ),
        "scenarios": Field(ListOf(item=SCENARIO, min_items=1), required=True),
    },
)


@dataclass(frozen=True)
class Scenario:
    """A named set of answers and what they should lead to."""

    name: str
    path: str
    line: int
    answers: dict[str, AnswerValue]
    expect: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """A scenario's result: no failures means it passed."""

    scenario: Scenario
    failures: tuple[str, ...]


def load_scenarios(
    path: str | Path, questionnaire: Questionnaire
) -> tuple[list[Scenario], list[Problem]]:
    """Read a scenario file, checking every answer and id against the questionnaire."""
    problems = Problems(str(path))
    source = read_source(path, problems)
    if source is None:
        return [], problems.sorted()
    ctx = Context(source, problems, questionnaire.meta.languages)
    data = SCENARIO_FILE.clean(source.data if source.data is not None else {}, (), ctx)
    base = data.get("base_answers", {})
    scenarios = []
    for index, raw in enumerate(data.get("scenarios", [])):
        if raw.get("__broken__"):
            continue
        where: NodePath = ("scenarios", index)
        answers = _answers(questionnaire, base, raw["answers"], where, ctx)
        _check_expected_ids(questionnaire, raw["expect"], (*where, "expect"), ctx)
        line = source.at(where)[0]
        scenarios.append(Scenario(raw["name"], str(path), line, answers, raw["expect"]))
    return scenarios, problems.sorted()


def _answers(
    questionnaire: Questionnaire,
    base: dict[str, Any],
    own: dict[str, Any],
    where: NodePath,
    ctx: Context,
) -> dict[str, AnswerValue]:
    """The file's base answers overlaid with the scenario's own, each checked."""
    answers, wrong = parse_answers(questionnaire, {**base, **own})
    for problem in wrong:
        at: NodePath = (
            (*where, "answers", problem.question)
            if problem.question in own
            else ("base_answers", problem.question)
        )
        ctx.problems.error(ctx.source.key_at(at), problem.message)
    return answers


def _check_expected_ids(
    questionnaire: Questionnaire, expect: dict[str, Any], where: NodePath, ctx: Context
) -> None:
    """Every id an expectation names exists, so a typo cannot make a check pass vacuously."""
    for key, expected in expect.items():
        expectation = EXPECTATIONS[key]
        known = expectation.ids(questionnaire)
        listed = isinstance(expected, list)
        for i, ident in enumerate(expected if listed else [expected]):
            if ident not in known:
                at: NodePath = (*where, key, i) if listed else (*where, key)
                suggestion = did_you_mean(ident, known)
                said = messages.UNKNOWN_ID.say(
                    what=expectation.noun, ident=ident, suggestion=suggestion
                )
                ctx.error(at, said)


def run_scenario(questionnaire: Questionnaire, scenario: Scenario) -> Outcome:
    """Assess the scenario's answers and compare with every expectation."""
    actual = ScenarioResult.of(assess(questionnaire, scenario.answers), questionnaire)
    failures = [
        EXPECTATIONS[key].check(expected, actual) for key, expected in scenario.expect.items()
    ]
    return Outcome(scenario, tuple(f for f in failures if f is not None))


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .yaml files named, with folders expanded to the files they hold."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]))
        else:
            found.append(path)
    return found
