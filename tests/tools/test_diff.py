"""The exact diff: its counts checked by brute force, its lines, settings and texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from proof_support import (
    HIDDEN,
    LOWERED,
    NARROWED,
    SELF_CARE_CARD,
    SMALL,
    SMALL_COMBINATIONS,
    STOP_ON_A_GAP,
    allows,
    build_lenient,
    chained,
    every_combination,
    planted,
)

from screener.authoring.loader import check_text
from screener.core.model import Questionnaire
from screener.core.triage import assess, journey_assessment
from screener.tools.behaviour_diff import behaviour_diff
from screener.tools.cli import main
from screener.tools.text_diff import setting_changes, text_changes

# Each case encodes two versions and counts every change.
pytestmark = pytest.mark.slow

ADDED_OPTION = planted(
    "          - {value: leak, label: Leaking}\n",
    "          - {value: leak, label: Leaking}\n          - {value: numb, label: Numb}\n",
)


def _brute_force(old: Questionnaire, new: Questionnaire) -> Counter[str]:
    """Every change, counted by walking each combination through both versions' engines."""
    counts: Counter[str] = Counter()
    for person in every_combination(new, old, shared=False):
        if allows(old, person):
            continue
        after = journey_assessment(new, person)
        counts[f"answers only the new version allows: tier {after.tier.id}"] += 1
        for fired in after.red_flags:
            counts[f"answers only the new version allows: red flag {fired.flag.id} fires"] += 1
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


def test_the_diff_command_leads_with_decisions_then_results_and_side_effects(
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
        "diff",
        str(tmp_path / "old.yaml"),
        str(tmp_path / "new.yaml"),
        "--scenarios",
        str(tmp_path),
        "--detail",
    )
    new = str(tmp_path / "new.yaml")
    assert code == 0
    assert out.splitlines() == [
        "Version 1 (2026-01-01) -> 1 (2026-01-01)",
        "  The content changed but its version and date did not: raise meta version and set meta date, so that each version names one content.",
        "Decisions to sign off: 4",
        "  (Shares are of every combination of answers the questions allow, not of patients: they say how wide a change reaches, not how many people it touches.)",
        f"  1. {new}:79:30: The emergency number every result gives is now 912 (it was 911).",
        f"  2. {new}:58:11: Red flag “Bladder” (ces_bladder) now gives “Soon” (soon) instead of “Go now” (emergency): less urgent.",
        "     Results it changes: “Soon” (soon) instead of “Go now” (emergency) for about 51 in 100; “Today” (urgent) instead of “Go now” (emergency) for about 11 in 100.",
        "     For example, someone who answers “Leaking” to “Any of these?” now gets “Soon” (soon) instead of “Go now” (emergency).",
        "     Its words did not change; do they still fit the new result? “M”",
        f'  3. {new}:72:5: Promise bladder_asked now says: question "legs" is asked of everyone. Before: question "bladder" is asked of everyone.',
        f"  4. {new}:78:1: The safety net on every result has new words (see the texts below).",
        "Results that change, over all 1,584 possible answer sets: 2",
        "  “Today” (urgent) instead of “Go now” (emergency): about 11 in 100 answer sets (180); for example, someone who answers “Leaking” to “Any of these?”; 7 to “How bad?”; “Yes” to “Fever?”.",
        "  “Soon” (soon) instead of “Go now” (emergency): about 51 in 100 answer sets (810); for example, someone who answers “Leaking” to “Any of these?”.",
        "Side effects of the changes above (no rule of their own changed): 5",
        "  Some people who were stopped at once and sent for help now answer the rest of the questionnaire first, so later red flags and cards now show for them too.",
        "  Red flags that now also fire: fever_pain, pain",
        "  Cards now shown: rest (about 51 in 100), night (about 17 in 100)",
        "  Cards no longer shown: go (about 51 in 100)",
        "Safety proof of the new version: 1 problem",
        f'  {new}:58:11: error: promise "bladder_emergency" (when "leak" in bladder, the result is at least "emergency") does not hold: red flag "ces_bladder" reads these answers but sends people to "soon"; these answers give "soon" (the promise is on line 71) [S014]',
        "      - name: promise bladder_emergency",
        '        answers: {legs: one, bladder: [leak], pain: 0, fever: "no", sleep: never}',
        "        expect: {tier_at_least: emergency}",
        "Sign-off: the new version's safety content is not signed off by two people; a server that requires sign-off refuses it.",
        "  Its safety content differs from the old version's.",
        "Scenarios with a different result: 0",
        "Settings changed: 1",
        f"  {new}:79:30: changed: emergency number: '911' -> '912'",
        "Texts changed: 1",
        f"  {new}:78:35: changed: safety net [en]: 'Call 911.' -> 'Call 912.'",
        f"Behaviour over all {SMALL_COMBINATIONS:,} combinations of answers both versions allow (examples list only the answers that are not the calmest):",
        f'  {new}:58:11: tier emergency -> urgent: 180 combinations (for example: bladder: [leak], pain: 7, fever: "yes")',
        f"  {new}:58:11: tier emergency -> soon: 810 combinations (for example: bladder: [leak])",
        f'  {new}:58:11: red flag fever_pain now fires: 180 combinations (for example: bladder: [leak], pain: 7, fever: "yes")',
        f"  {new}:58:11: red flag pain now fires: 540 combinations (for example: bladder: [leak], pain: 5)",
        f"  {new}:58:11: guidance rest now shown: 810 combinations (for example: bladder: [leak])",
        f"  {new}:58:11: guidance night now shown: 270 combinations (for example: bladder: [leak], sleep: often)",
        f"  {new}:58:11: guidance go no longer shown: 810 combinations (for example: bladder: [leak])",
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
    settings = [(where.source.at(c.path), str(c)) for c in setting_changes(old, new, where.path_of)]
    texts = [(where.source.at(c.path), str(c)) for c in text_changes(old, new, where.path_of)]
    assert settings == [
        ((81, 7), "changed: care name er [en]: 'ER' -> 'emergency room'"),
        ((80, 33), "changed: clinic phone: '(619) 555-0100' -> '(619) 555-0199'"),
        ((80, 62), "changed: clinic booking_url: 'https://a.example/b' -> 'https://a.example/c'"),
    ]
    assert texts == [((31, 34), "changed: option bladder.leak [en]: 'Leaking' -> 'Leaking pee'")]


ASKED_ONLY_BY_NEW = planted(
    "red_flags:\n",
    "  - id: walk\n    title: Walk\n    questions:\n"
    "      - id: walk\n        type: single_choice\n        text: How do you walk?\n"
    "        options: [{value: well, label: Well}, {value: slow, label: Slowly},"
    " {value: cannot, label: I cannot}]\n"
    "red_flags:\n"
    '  - {id: cannot_walk, tier: soon, when: walk == "cannot", title: W, message: M, source: X}\n',
)


@pytest.mark.parametrize(
    ("old_text", "new_text"), [(SMALL, ASKED_ONLY_BY_NEW), (ASKED_ONLY_BY_NEW, SMALL)]
)
def test_a_question_only_one_version_asks_adds_no_answers_of_its_own(
    old_text: str, new_text: str
) -> None:
    old, new = build_lenient(old_text), build_lenient(new_text)
    report = behaviour_diff(old, new)
    # The 2-bit answer to "walk" has a fourth, unused code; neither version may count it.
    assert (report.combinations, report.only_new, report.only_old) == (SMALL_COMBINATIONS * 3, 0, 0)
    assert {c.label: c.combinations for c in report.changes} == dict(_brute_force(old, new))


NUMB_FLAG = planted(
    "red_flags:\n",
    "red_flags:\n"
    "  - {id: numb, tier: urgent, when: '\"numb\" in bladder', title: N, message: M, source: X}\n",
    ADDED_OPTION,
)


def test_a_rule_that_only_new_answers_raise_is_counted_on_those_answers() -> None:
    old, new = build_lenient(SMALL), build_lenient(NUMB_FLAG)
    changes = {c.label: c.combinations for c in behaviour_diff(old, new).changes}
    numb = [p for p in every_combination(new) if "numb" in (p.get("bladder") or ())]
    fired = sum("numb" in {f.flag.id for f in journey_assessment(new, p).red_flags} for p in numb)
    tiers = Counter(journey_assessment(new, p).tier.id for p in numb)
    # Where both legs are new the questionnaire stops before the bladder page is reached.
    assert changes["answers only the new version allows: red flag numb fires"] == fired
    assert 0 < fired < len(numb)
    assert {
        label.split("tier ")[1]: n
        for label, n in changes.items()
        if label.startswith("answers only the new version allows: tier")
    } == dict(tiers)


def test_a_question_whose_kind_of_answer_changed_is_named() -> None:
    new_text = SMALL.replace(
        "{id: fever, type: yes_no, text: Fever?}",
        "{id: fever, type: multiple_choice, text: Fever?, options: [{value: 'yes', label: Y},"
        " {value: chills, label: C}]}",
    ).replace('fever == "yes" and pain >= 7', "'\"yes\" in fever and pain >= 7'")
    report = behaviour_diff(build_lenient(SMALL), build_lenient(new_text))
    assert report.kinds_changed == [("fever", "yes_no", "multiple_choice")]


def test_a_change_is_blamed_on_what_changed_for_its_example(tmp_path: Path) -> None:
    # A cosmetic show_if edit and a tier that no longer stops the questionnaire: the
    # behaviour comes from the tier, so that is the line given.
    new_text = SMALL.replace('show_if: legs == "both"', 'show_if: legs == "both" or legs == "both"')
    new_text = new_text.replace(
        "time_frame: Now, interrupt: true}", "time_frame: Now, interrupt: false}"
    )
    (tmp_path / "old.yaml").write_text(SMALL)
    (tmp_path / "new.yaml").write_text(new_text)
    code, out = _run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--detail")
    behaviour = [line for line in out.splitlines() if "combinations (for example" in line]
    assert code == 0 and behaviour
    assert all(line.startswith(f"  {tmp_path / 'new.yaml'}:3:80: ") for line in behaviour), out


def test_every_text_and_rule_switch_a_reviewer_signs_is_compared() -> None:
    base = planted(
        "{id: pain, type: scale, text: How bad?}",
        "{id: pain, type: scale, text: How bad?, min_label: None, max_label: Worst}",
    )
    changed = (
        base.replace("min_label: None", "min_label: No pain")
        .replace(
            "{value: weak, label: Weak stream}", "{value: weak, label: Weak stream, hint: Or slow}"
        )
        .replace("interrupt: true}", "interrupt: true, clinic: false}")
        .replace("title: F, message: M, source: X}", "title: F, message: M, source: Y}")
        .replace("        required: false\n", "")
    )
    old, report = build_lenient(base), check_text(changed, prove=False)
    new, where = report.questionnaire, report.locator
    assert new is not None and where is not None
    assert [str(c) for c in text_changes(old, new, where.path_of)] == [
        "added: option bladder.weak hint [en]: 'Or slow'",
        "changed: question pain min_label [en]: 'None' -> 'No pain'",
        "changed: red flag fever_pain source: 'X' -> 'Y'",
    ]
    assert [str(c) for c in setting_changes(old, new, where.path_of)] == [
        "changed: tier emergency clinic: 'true' -> 'false'",
        "changed: question sleep required: 'false' -> 'true'",
    ]


@pytest.mark.usefixtures("racing_clock")
def test_a_diff_that_runs_out_of_time_says_so(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text(chained(60))
    result = CliRunner().invoke(
        main,
        ["diff", str(tmp_path / "big.yaml"), str(tmp_path / "big.yaml"), "--time-limit", "5"],
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: the two versions could not be compared: it did not finish within 5 s. Give it "
        "longer with screener diff --time-limit SECONDS\n"
    )
