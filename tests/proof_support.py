"""A small questionnaire whose every combination of answers a test can walk by brute force.

The brute force here uses only the model and the engine (triage.journey_assessment), never
the diagrams, so it is an independent check of what the proof and the diff claim.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterator
from typing import Any

from screener.authoring.loader import check_text
from screener.authoring.proof.layout import encoded_questions
from screener.core.conditions import AnswerValue
from screener.core.model import Question, Questionnaire

# Line numbers matter: tests assert exact positions in this text.
SMALL = textwrap.dedent(
    """\
    meta: {id: small, version: "1", date: 2026-01-01, title: Small}
    tiers:
      - {id: emergency, headline: Go now, action: Go., time_frame: Now, interrupt: true}
      - {id: urgent, headline: Today, action: Call., time_frame: Today}
      - {id: soon, headline: Soon, action: Book., time_frame: Weeks}
      - {id: self_care, headline: Home, action: Rest., time_frame: Later}
    pages:
      - id: legs
        title: Legs
        questions:
          - id: legs
            type: single_choice
            text: Where?
            options:
              - {value: one, label: One leg}
              - {value: both, label: Both legs}
              - {value: back, label: Back only}
      - id: new
        title: New
        show_if: legs == "both"
        questions:
          - {id: new, type: yes_no, text: Is it new?}
      - id: bladder
        title: Bladder
        questions:
          - id: bladder
            type: multiple_choice
            text: Any of these?
            options:
              - {value: weak, label: Weak stream}
              - {value: leak, label: Leaking}
              - {value: none, label: None of these, exclusive: true}
      - id: pain
        title: Pain
        questions:
          - {id: pain, type: scale, text: How bad?}
          - {id: fever, type: yes_no, text: Fever?}
      - id: sleep
        title: Sleep
        questions:
          - id: sleep
            type: single_choice
            required: false
            text: Does pain wake you?
            options:
              - {value: never, label: Never}
              - {value: often, label: Often}
    red_flags:
      - id: ces_both
        tier: emergency
        when: legs == "both" and new == "yes"
        safe_when_hidden: [new]
        title: Both legs
        message: M
        say_on_arrival: S
        source: X
      - id: ces_bladder
        tier: emergency
        when: '"none" not in bladder'
        title: Bladder
        message: M
        say_on_arrival: S
        source: X
      - {id: fever_pain, tier: urgent, when: fever == "yes" and pain >= 7, title: F, message: M, source: X}
      - {id: pain, tier: soon, when: pain >= 5, title: P, message: M, source: X}
    guidance:
      - {id: rest, title: Rest, body: B, source: X, tiers: [soon, self_care]}
      - {id: night, title: Night, body: B, source: X, when: sleep == "often", tiers: [soon, self_care]}
      - {id: go, title: Go, body: B, source: X, tiers: [emergency, urgent]}
    promises:
      - {id: bladder_emergency, when: '"leak" in bladder', result_at_least: emergency}
      - {id: bladder_asked, asked_of_everyone: bladder}
      - {id: fever_urgent, when: fever == "yes" and pain >= 7, result_at_least: urgent}
      - {id: no_rest_on_go, card: rest, never_on: [emergency, urgent]}
      - id: back_not_emergency
        when: legs == "back" and "none" in bladder
        result_at_most: urgent
    safety_net: {title: Safety, body: Call 911.}
    disclaimer: {title: About, body: Not a diagnosis.}
    """
)
SMALL_COMBINATIONS = 3 * 2 * 4 * 11 * 2 * 3  # legs, new, bladder sets, pain, fever, sleep


def planted(old: str, new: str, text: str = SMALL) -> str:
    """SMALL (or `text`) with one exact piece replaced; the piece must be there once."""
    assert text.count(old) == 1, f"the anchor must appear once: {old!r}"
    return text.replace(old, new)


def _values(question: Question) -> list[AnswerValue | None]:
    """Every answer a person could give, written from the model alone."""
    if question.type == "multiple_choice":
        options = question.option_values
        exclusive = {o.value for o in question.options if o.exclusive}
        sets: list[AnswerValue | None] = []
        for size in range(len(options) + 1):
            for chosen in itertools.combinations(options, size):
                if len(chosen) > 1 and exclusive & set(chosen):
                    continue
                sets.append(frozenset(chosen) if chosen else None)
        return [s for s in sets if s is not None or not question.required]
    if question.type in ("scale", "number"):
        low, high = question.minimum or 0, question.maximum or 0
        numbers: list[AnswerValue | None] = list(range(low, high + 1))
    else:
        numbers = list(question.option_values)
    return numbers if question.required else [*numbers, None]


def every_combination(
    *questionnaires: Questionnaire, shared: bool = True
) -> Iterator[dict[str, Any]]:
    """Every combination of answers to the questions rules read in any of these versions.

    Each answer is one every version asking the question allows; with `shared=False`, one
    the first version asking it allows.
    """
    ids = list(dict.fromkeys(qid for q in questionnaires for qid in encoded_questions(q)))
    domains = []
    for qid in ids:
        asked = [q.questions[qid] for q in questionnaires if qid in q.questions]
        values = _values(asked[0])
        if shared:
            values = [v for v in values if all(v in _values(other) for other in asked)]
        domains.append(values)
    for values in itertools.product(*domains):
        yield {qid: v for qid, v in zip(ids, values, strict=True) if v is not None}


def allows(questionnaire: Questionnaire, person: dict[str, Any]) -> bool:
    """Whether every answer the version reads is one it offers (a missing one: skipped)."""
    return all(
        person.get(qid) in _values(questionnaire.questions[qid])
        for qid in encoded_questions(questionnaire)
    )


# Every feature the encoding must get exactly right, in one small file: an optional choice,
# a page behind a show_if, a negative range, two numbers compared, count(), a list of
# numbers, `not`, answered(), and a stopping flag that holds while an answer is missing.
VARIETY = textwrap.dedent(
    """\
    meta: {id: variety, version: "1", date: 2026-01-01, title: Variety}
    tiers:
      - {id: emergency, headline: Go now, action: Go., time_frame: Now, interrupt: true}
      - {id: urgent, headline: Today, action: Call., time_frame: Today}
      - {id: soon, headline: Soon, action: Book., time_frame: Weeks}
      - {id: self_care, headline: Home, action: Rest., time_frame: Later}
    pages:
      - id: p1
        title: P1
        questions:
          - id: a
            type: single_choice
            required: false
            text: A?
            options: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]
      - id: p2
        title: P2
        show_if: a != "z"
        questions:
          - {id: n, type: number, text: N?, min: -2, max: 2}
          - {id: m, type: scale, text: M?, min: 0, max: 3}
      - id: p3
        title: P3
        questions:
          - id: s
            type: multiple_choice
            text: S?
            options: [{value: p, label: P}, {value: q, label: Q}, {value: r, label: R, exclusive: true}]
      - id: p4
        title: P4
        questions:
          - {id: t, type: yes_no, text: T?}
          - id: o
            type: multiple_choice
            required: false
            text: O?
            options: [{value: g, label: G}, {value: h, label: H}]
    red_flags:
      - {id: e1, tier: emergency, when: 'not (t == "no") and m >= 2', title: E, message: M, source: X, say_on_arrival: S}
      - {id: e2, tier: emergency, when: n > m and count(s) >= 2, title: E, message: M, source: X, say_on_arrival: S}
      - {id: u1, tier: urgent, when: 'n in [-2, 2] or "q" in s', title: U, message: M, source: X}
      - {id: s1, tier: soon, when: n < -1 or t == "yes", title: S, message: M, source: X}
    guidance:
      - {id: c1, title: C, body: B, source: X, when: a == "x", tiers: [soon, self_care]}
      - {id: c2, title: C, body: B, source: X, when: count(o) == 1 or not answered(a)}
    safety_net: {title: Safety, body: Call 911.}
    disclaimer: {title: About, body: Not a diagnosis.}
    """
)


def chained(size: int) -> str:
    """A questionnaire of `size` scales, each emergency flag comparing two neighbours."""
    pages = "".join(
        f"  - id: p{i}\n    title: P\n    questions:\n"
        f"      - {{id: q{i}, type: scale, text: How much?}}\n"
        for i in range(size)
    )
    flags = "".join(
        f"  - {{id: f{i}, tier: emergency, when: q{i} > q{i + 1}, title: T, message: M,"
        " source: S, say_on_arrival: S}\n"
        for i in range(size - 1)
    )
    return (
        'meta: {id: big, version: "1", date: 2026-01-01, title: Big}\n'
        "tiers:\n"
        "  - {id: emergency, headline: Go, action: Go., time_frame: Now, interrupt: true}\n"
        "  - {id: self_care, headline: Home, action: Rest., time_frame: Later}\n"
        "safety_net: {title: Safety, body: Call 911.}\n"
        "disclaimer: {title: About, body: Not a diagnosis.}\n"
        "pages:\n" + pages + "red_flags:\n" + flags
    )


def build_lenient(text: str) -> Questionnaire:
    """A questionnaire whose only errors are the proof's: built without the proof."""
    report = check_text(text, prove=False)
    assert report.questionnaire is not None, report.problems
    return report.questionnaire


# Planted edits of SMALL that the proof and the diff each must catch.
NARROWED = planted(
    """when: '"none" not in bladder'""", """when: '"none" not in bladder and legs != "one"'"""
)
LOWERED = planted("  - id: ces_bladder\n    tier: emergency", "  - id: ces_bladder\n    tier: soon")
HIDDEN = planted(
    "  - id: bladder\n    title: Bladder\n",
    '  - id: bladder\n    title: Bladder\n    show_if: legs != "back"\n',
)
STOP_ON_A_GAP = planted(
    """when: '"none" not in bladder'""",
    """when: '"none" not in bladder and not (fever == "yes" and pain == 10)'""",
)
SELF_CARE_CARD = planted(
    "{id: rest, title: Rest, body: B, source: X, tiers: [soon, self_care]}",
    "{id: rest, title: Rest, body: B, source: X}",
)
