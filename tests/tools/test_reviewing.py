"""The diff as a reviewer reads it: every kind of decision in words, shares, people."""

from __future__ import annotations

import pytest
from proof_support import SMALL, build_lenient, planted

from screener.tools.behaviour_diff import behaviour_diff
from screener.tools.decisions import decisions
from screener.tools.effects import explained, is_side_effect
from screener.tools.reviewing import person, share

PAIN = "{id: pain, tier: soon, when: pain >= 5, title: P, message: M, source: X}"
# (what changed, the new version, the decision a reviewer reads)
EDITS = [
    (
        "a question's options",
        planted(
            "{value: none, label: None of these, exclusive: true}",
            "{value: none, label: None of these}",
        ),
        "Question “Any of these?” (bladder) changed: how it is asked or what its answers mean (its type, options, range, scale words, page or words; see below).",
    ),
    (
        "a card added",
        planted("guidance:\n", "guidance:\n  - {id: calm, title: Calm, body: B, source: X}\n"),
        "New card “Calm” (calm) shows on every tier, always.",
    ),
    (
        "a red flag's words",
        planted("    title: Bladder\n    message: M", "    title: Bladder trouble\n    message: M"),
        "The red flag ces_bladder has new words (see the texts below).",
    ),
    (
        "a red flag added",
        planted(
            f"  - {PAIN}\n",
            f"  - {PAIN}\n  - {{id: leak, tier: urgent, when: '\"leak\" in bladder', title: Leak, message: M, source: X}}\n",
        ),
        "New red flag “Leak” (leak) sends people to “Today” (urgent) when the answer to “Any of these?” includes “Leaking”.",
    ),
    (
        "a red flag removed",
        planted(f"  - {PAIN}\n", ""),
        "Red flag “P” (pain) is removed; it sent people to “Soon” (soon) when the answer to “How bad?” is at least 5.",
    ),
    (
        "a red flag's tier raised",
        planted("{id: pain, tier: soon,", "{id: pain, tier: urgent,"),
        "Red flag “P” (pain) now gives “Today” (urgent) instead of “Soon” (soon): more urgent.",
    ),
    (
        "a red flag's rule",
        planted("when: pain >= 5, title: P", "when: pain >= 6, title: P"),
        "Red flag “P” (pain) now fires when the answer to “How bad?” is at least 6; before, when the answer to “How bad?” is at least 5.",
    ),
    (
        "a tier that no longer stops",
        planted("time_frame: Now, interrupt: true}", "time_frame: Now}"),
        "Tier “Go now” (emergency) no longer stops the questionnaire at once.",
    ),
    (
        "a page's show_if",
        planted('    show_if: legs == "both"\n', ""),
        "Page “New” (new) is now shown to everyone; before, only if the answer to “Where?” is “Both legs”.",
    ),
    (
        "a card's tiers",
        planted(
            "source: X, tiers: [emergency, urgent]}", "source: X, tiers: [emergency, urgent, soon]}"
        ),
        "Card “Go” (go) now shows on emergency, urgent, soon, always.",
    ),
    (
        "a promise removed",
        planted("  - {id: bladder_asked, asked_of_everyone: bladder}\n", ""),
        'Promise bladder_asked is removed. It said: question "bladder" is asked of everyone.',
    ),
    (
        "a promise added",
        planted(
            "promises:\n",
            "promises:\n  - {id: pain_soon, when: pain >= 5, result_at_least: soon, note: Severe pain is seen.}\n",
        ),
        "New promise pain_soon: when the answer to “How bad?” is at least 5, the result is at least “Soon” (soon). Its note: Severe pain is seen.",
    ),
]


@pytest.mark.parametrize(("what", "text", "words"), EDITS, ids=[e[0] for e in EDITS])
def test_each_kind_of_change_is_one_decision_in_words(what: str, text: str, words: str) -> None:
    found = decisions(build_lenient(SMALL), build_lenient(text))
    assert [d.words for d in found] == [words], what


def test_words_no_result_depends_on_are_no_decision() -> None:
    text = planted("{id: rest, title: Rest, body: B,", "{id: rest, title: Rest, body: Walk a bit,")
    assert decisions(build_lenient(SMALL), build_lenient(text)) == []


def test_a_tier_added_above_moves_no_other_and_urgency_is_judged_in_one_order() -> None:
    top = "  - {id: call_911, headline: Call, action: Call., time_frame: Now, interrupt: true}\n"
    text = planted("tiers:\n", "tiers:\n" + top).replace(
        "{id: pain, tier: soon,", "{id: pain, tier: urgent,"
    )
    assert [d.words for d in decisions(build_lenient(SMALL), build_lenient(text))] == [
        "New tier “Call” (call_911), at place 1.",
        "Red flag “P” (pain) now gives “Today” (urgent) instead of “Soon” (soon): more urgent.",
    ]


def test_a_removed_flag_is_its_own_decision_not_a_side_effect() -> None:
    old, new = build_lenient(SMALL), build_lenient(planted(f"  - {PAIN}\n", ""))
    behaviour = behaviour_diff(old, new)
    [decision] = decisions(old, new)
    assert [c.label for c in explained(decision, behaviour)] == ["red flag pain no longer fires"]
    assert not any(is_side_effect(c, old, new) for c in behaviour.changes)


@pytest.mark.parametrize(
    ("count", "total", "words"),
    [
        (3, 100_000, "about 3 in 100,000"),
        (1, 3, "about 33 in 100"),
        (10_724_799_533_285_376, 837_966_134_947_621_109_760, "about 1 in 100,000"),
        (3_910_764_146_688, 837_966_134_947_621_109_760, "about 5 in 1,000,000,000"),
        (99, 100, "about 99 in 100"),
        (996, 1000, "almost every one"),
        (25, 1000, "about 3 in 100"),
        (5, 5, "every one"),
        (0, 5, "none"),
    ],
)
def test_shares_are_said_as_a_reader_says_them(count: int, total: int, words: str) -> None:
    assert share(count, total) == words


def test_a_person_is_described_by_the_questions_they_answered() -> None:
    q = build_lenient(SMALL)
    answers = {"bladder": frozenset({"leak", "weak"}), "pain": 7, "legs": "both"}
    assert person(q, q, answers) == (
        "“Weak stream” and “Leaking” to “Any of these?”; 7 to “How bad?”; “Both legs” to “Where?”"
    )
