"""The exact diff: its counts checked by brute force, its lines, settings and texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from proof_support import SMALL, SMALL_COMBINATIONS, every_combination, planted
from test_proof import HIDDEN, LOWERED, NARROWED, SELF_CARE_CARD, STOP_ON_A_GAP, build_lenient

from screener.behaviour_diff import behaviour_diff
from screener.cli import main
from screener.loader import check_text
from screener.model import Questionnaire
from screener.text_diff import setting_changes, text_changes
from screener.triage import assess, journey_assessment

ADDED_OPTION = planted(
    "          - {value: leak, label: Leaking}\n",
    "          - {value: leak, label: Leaking}\n          - {value: numb, label: Numb}\n",
)


def _brute_force(old: Questionnaire, new: Questionnaire) -> Counter[str]:
    """Every change, counted by walking each combination through both versions' engines."""
    counts: Counter[str] = Counter()
    for person in every_combination(old, new):
        before, after = journey_assessment(old, person), journey_assessment(new, person)
        pair = (before.tier.id, after.tier.id)
        if pair[0] != pair[1]:
            counts[f"tier {pair[0]} -> {pair[1]}"] += 1
        whole = (assess(old, person).tier.id, assess(new, person).tier.id)
        if whole[0] != whole[1] and whole != pair:
            counts[f"tier {whole[0]} -> {whole[1]} after changing an answer (whole route)"] += 1
        for noun, ids in (
            ("red flag", lambda a: {f.flag.id for f in a.red_flags}),
            ("guidance", lambda a: {c.id for c in a.guidance}),
        ):
            was, now = ids(before), ids(after)
            verbs = (
                ("now fires", "no longer fires")
                if noun == "red flag"
                else ("now shown", "no longer shown")
            )
            for item in now - was:
                counts[f"{noun} {item} {verbs[0]}"] += 1
            for item in was - now:
                counts[f"{noun} {item} {verbs[1]}"] += 1
    return counts


@pytest.mark.parametrize(
    "text", [LOWERED, NARROWED, HIDDEN, STOP_ON_A_GAP, SELF_CARE_CARD, ADDED_OPTION, SMALL]
)
def test_the_diff_counts_every_change_exactly(text: str) -> None:
    old, new = build_lenient(SMALL), build_lenient(text)
    report = behaviour_diff(old, new)
    assert report.combinations == len(list(every_combination(old, new)))
    assert {c.label: c.combinations for c in report.changes} == dict(_brute_force(old, new))


@pytest.mark.parametrize("text", [LOWERED, HIDDEN, STOP_ON_A_GAP, SELF_CARE_CARD])
def test_each_example_shows_its_change(text: str) -> None:
    old, new = build_lenient(SMALL), build_lenient(text)
    for change in behaviour_diff(old, new).changes:
        person = {k: v for k, v in change.person.items() if v is not None}
        counted = _brute_force_one(old, new, person)
        assert change.label in counted, (change.label, person)


def _brute_force_one(old: Questionnaire, new: Questionnaire, person: dict[str, object]) -> set[str]:
    before, after = journey_assessment(old, person), journey_assessment(new, person)
    found = set()
    if before.tier.id != after.tier.id:
        found.add(f"tier {before.tier.id} -> {after.tier.id}")
    whole = (assess(old, person).tier.id, assess(new, person).tier.id)
    if whole[0] != whole[1]:
        found.add(f"tier {whole[0]} -> {whole[1]} after changing an answer (whole route)")
    was, now = {f.flag.id for f in before.red_flags}, {f.flag.id for f in after.red_flags}
    found |= {f"red flag {f} now fires" for f in now - was}
    found |= {f"red flag {f} no longer fires" for f in was - now}
    was, now = {c.id for c in before.guidance}, {c.id for c in after.guidance}
    found |= {f"guidance {c} now shown" for c in now - was}
    found |= {f"guidance {c} no longer shown" for c in was - now}
    return found


def test_answers_only_one_version_allows_are_counted_apart() -> None:
    old, new = build_lenient(SMALL), build_lenient(ADDED_OPTION)
    report = behaviour_diff(old, new)
    with_numb = sum("numb" in (p.get("bladder") or ()) for p in every_combination(new))
    assert (report.combinations, report.only_new, report.only_old) == (
        SMALL_COMBINATIONS,
        with_numb,
        0,
    )
    assert with_numb == 3 * 2 * 4 * 11 * 2 * 3  # numb with any of {}, weak, leak, weak+leak


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_the_diff_command_lists_promises_proof_behaviour_settings_and_texts(
    tmp_path: Path,
) -> None:
    new_text = (
        LOWERED.replace("body: Call 911.", "body: Call 912.")
        .replace(
            "{id: bladder_asked, asked_of_everyone: bladder}",
            "{id: bladder_asked, asked_of_everyone: legs}",
        )
        .replace("disclaimer: {", 'settings: {emergency_number: "912"}\ndisclaimer: {')
    )
    (tmp_path / "old.yaml").write_text(SMALL)
    (tmp_path / "new.yaml").write_text(new_text)
    code, out = _run(
        "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--scenarios", str(tmp_path)
    )
    new = str(tmp_path / "new.yaml")
    assert code == 0
    assert out.splitlines() == [
        "Promises changed: 1",
        f"  {new}:72:5: changed: promise bladder_asked: 'question \"bladder\" is asked of everyone' -> 'question \"legs\" is asked of everyone'",
        "Safety proof of the new version: 1 problem",
        f'  {new}:58:11: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" reads these answers but sends people to "soon"; these answers give "soon" (the promise is on line 71)',
        "      - name: promise bladder_emergency",
        '        answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}',
        "        expect: {tier_at_least: emergency}",
        f"Behaviour over all {SMALL_COMBINATIONS:,} combinations of answers both versions allow (examples list only the answers that are not the calmest):",
        f'  {new}:58:11: tier emergency -> urgent: 180 combinations (for example: bladder: [leak], pain: 7, fever: "yes")',
        f"  {new}:58:11: tier emergency -> soon: 810 combinations (for example: bladder: [leak])",
        f'  {new}:58:11: red flag fever_pain now fires: 180 combinations (for example: bladder: [leak], pain: 7, fever: "yes")',
        f"  {new}:58:11: red flag pain now fires: 540 combinations (for example: bladder: [leak], pain: 5)",
        f"  {new}:58:11: guidance rest now shown: 810 combinations (for example: bladder: [leak])",
        f"  {new}:58:11: guidance night now shown: 270 combinations (for example: bladder: [leak], sleep: often)",
        f"  {new}:58:11: guidance go no longer shown: 810 combinations (for example: bladder: [leak])",
        "Scenarios with a different result: 0",
        "Settings changed: 1",
        f"  {new}:79:30: changed: emergency number: '911' -> '912'",
        "Texts changed: 1",
        f"  {new}:78:35: changed: safety net [en]: 'Call 911.' -> 'Call 912.'",
    ]


def test_settings_and_texts_are_compared_in_every_language() -> None:
    base = planted(
        "disclaimer: {",
        "settings:\n  clinic: {name: Clinic, phone: (619) 555-0100, booking_url: https://a.example/b}\n"
        "  er: ER\ndisclaimer: {",
    )
    changed = (
        base.replace("(619) 555-0100", "(619) 555-0199")
        .replace("https://a.example/b", "https://a.example/c")
        .replace("  er: ER\n", "  er: emergency room\n")
        .replace("{value: leak, label: Leaking}", "{value: leak, label: Leaking pee}")
    )
    old, new_report = build_lenient(base), check_text(changed, prove=False)
    new = new_report.questionnaire
    assert new is not None and new_report.locator is not None
    where = new_report.locator
    settings = [(where.source.at(c.path), str(c)) for c in setting_changes(old, new)]
    texts = [(where.source.at(c.path), str(c)) for c in text_changes(old, new, where.path_of)]
    assert settings == [
        ((81, 7), "changed: care name er [en]: 'ER' -> 'emergency room'"),
        ((80, 33), "changed: clinic phone: '(619) 555-0100' -> '(619) 555-0199'"),
        ((80, 62), "changed: clinic booking_url: 'https://a.example/b' -> 'https://a.example/c'"),
    ]
    assert texts == [((31, 34), "changed: option bladder.leak [en]: 'Leaking' -> 'Leaking pee'")]
