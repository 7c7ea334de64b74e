"""Every author-facing check, table-driven: a small edit to a valid file, the exact message."""

from __future__ import annotations

import re

import pytest
from support import MINIMAL, problems_in

# (name, text to replace in MINIMAL, replacement, every problem expected[, more edits])
# A rule that also reads "saddle", so tests can retype that question and see what rules make of it.
READS_SADDLE = {'when: legs == "both"': 'when: legs == "both" or saddle == "yes"'}
CASES: list[tuple] = [  # type: ignore[type-arg]
    (
        "a promise that says nothing must hold",
        "  body: This is not a diagnosis.\n",
        "  body: This is not a diagnosis.\npromises:\n  - {id: p1, when: 'legs == \"both\"'}\n",
        [
            'questions.yaml:55:5: error: promise "p1" should say exactly one of "result_at_least", '
            '"result_at_most", "asked_of_everyone", "card" (it has none of them); write one '
            "promise per thing that must hold [F027]"
        ],
    ),
    (
        "misspelt question id in a condition",
        'when: legs == "both"',
        'when: lgs == "both"',
        [
            'questions.yaml:37:11: error: unknown question "lgs" in condition; did you mean "legs"? [C018]'
        ],
    ),
    (
        "unknown option value",
        'when: legs == "both"',
        'when: legs == "bothh"',
        [
            'questions.yaml:37:19: error: "bothh" is not an option of "legs"; did you mean "both"? [C026]'
        ],
    ),
    (
        "unknown option value with nothing close",
        'when: legs == "both"',
        'when: legs == "arm"',
        [
            'questions.yaml:37:19: error: "arm" is not an option of "legs"; its options are '
            '"one", "both" [C026]'
        ],
    ),
    (
        "option value written without quotes",
        'when: legs == "both"',
        "when: legs == both",
        [
            'questions.yaml:37:19: error: "both" looks like an option value; put it in quotes: "both" [C017]'
        ],
    ),
    (
        "duplicate question id",
        "      - id: saddle\n",
        "      - id: legs\n",
        [
            'questions.yaml:31:13: error: duplicate question id "legs"; it is already used on '
            "line 20; give each question its own id [R003]"
        ],
    ),
    (
        "duplicate option value",
        "          - value: both\n",
        "          - value: one\n",
        [
            'questions.yaml:26:20: error: duplicate option value "one"; option 1 already uses '
            "it; give each option its own value [F024]",
            'questions.yaml:37:19: error: "both" is not an option of "legs"; its options are '
            '"one", "one" [C026]',
        ],
    ),
    (
        "YAML syntax slip: a colon inside a text",
        "    title: Saddle\n",
        "    title: Saddle: numb\n",
        [
            "questions.yaml:29:18: error: YAML syntax error: a colon followed by a space (': ') "
            "appears inside a value; put the whole text in double quotes, or check the "
            "indentation of this line [Y014]"
        ],
    ),
    (
        "YAML syntax slip: a tab",
        "    title: Legs\n",
        "\ttitle: Legs\n",
        [
            "questions.yaml:18:1: error: YAML syntax error: a tab character is used for "
            "indentation; YAML needs spaces (set your editor to insert spaces) [Y013]"
        ],
    ),
    (
        "duplicate key",
        "    title: Legs\n",
        "    title: Legs\n    title: Leg\n",
        [
            'questions.yaml:19:5: error: duplicate key "title"; it is already set on line 18; '
            "keep one of the two [Y008]"
        ],
    ),
    (
        "misspelt key",
        "    title: Legs\n",
        "    titel: Legs\n",
        ['questions.yaml:18:5: error: unknown key "titel" in a page; did you mean "title"? [F015]'],
    ),
    (
        "unknown key with nothing close",
        "    title: Legs\n",
        "    title: Legs\n    colour: red\n",
        [
            'questions.yaml:19:5: error: unknown key "colour" in a page; the keys it can have are '
            '"id", "title", "intro", "show_if", "questions" [F015]'
        ],
    ),
    (
        "missing required key",
        "    source: NICE CKS\n",
        "",
        [
            'questions.yaml:35:5: error: red flag "both_legs" is missing the required key "source" [F013]'
        ],
    ),
    (
        "key that belongs to another question type",
        "        type: yes_no\n",
        "        type: yes_no\n        options: []\n",
        [
            'questions.yaml:33:9: error: "options" is not used by yes_no questions (only by '
            "single_choice, multiple_choice); remove it [F014]"
        ],
    ),
    (
        "wrong value type",
        "    interrupt: true\n",
        "    interrupt: sometimes\n",
        ['questions.yaml:11:16: error: "interrupt" should be true or false, not a text [F001]'],
    ),
    (
        "a list where a text belongs",
        "    title: Legs\n",
        "    title: [Legs]\n",
        ['questions.yaml:18:12: error: "title" should be a text, not a list [F001]'],
    ),
    (
        "malformed id",
        "  - id: keep_moving\n",
        "  - id: Keep Moving\n",
        [
            'questions.yaml:43:9: error: "Keep Moving" is not a valid id; use up to 40 lowercase '
            'letters, digits and underscores, starting with a letter (for example "keep_moving") [F005]'
        ],
    ),
    (
        "reserved word as a question id",
        "      - id: saddle\n",
        "      - id: count\n",
        [
            'questions.yaml:31:13: error: "count" is a reserved word (the app uses it); choose another id [R004]'
        ],
    ),
    (
        "misspelt question type",
        "        type: yes_no\n",
        "        type: yes_or_no\n",
        [
            'questions.yaml:32:15: error: "yes_or_no" is not a known question type; did you mean '
            '"yes_no"? [F008]'
        ],
    ),
    (
        "unknown tier",
        "    tier: emergency\n",
        "    tier: emergncy\n",
        ['questions.yaml:36:11: error: unknown tier "emergncy"; did you mean "emergency"? [R006]'],
    ),
    (
        "unknown tier in guidance",
        "    tiers: [self_care]\n",
        "    tiers: [self_cares]\n",
        [
            'questions.yaml:47:13: error: unknown tier "self_cares"; did you mean "self_care"? [R006]'
        ],
    ),
    (
        "show_if that depends on a later question",
        "  - id: legs\n    title: Legs\n",
        '  - id: legs\n    title: Legs\n    show_if: saddle == "yes"\n',
        [
            'questions.yaml:19:14: error: the show_if of page "legs" uses "saddle", which is '
            'asked later, on page "saddle"; a show_if can only use answers from earlier pages, '
            'so move "saddle" to an earlier page [R005]'
        ],
    ),
    (
        "show_if that depends on a question on the same page",
        "        text: Where is the pain?\n",
        '        text: Where is the pain?\n        show_if: legs == "one"\n',
        [
            'questions.yaml:23:18: error: the show_if of question "legs" uses "legs", which is '
            "asked on the same page; a show_if can only use answers from earlier pages, so "
            'move "legs" to an earlier page [R005]'
        ],
    ),
    (
        "page no answers can reach",
        "    title: Saddle\n",
        '    title: Saddle\n    show_if: legs == "one" and legs == "both"\n',
        [
            'questions.yaml:30:14: error: no answers can show page "saddle": its show_if can '
            "never be true given the answers on earlier pages; check the condition [S005]"
        ],
    ),
    (
        "raw HTML in Markdown",
        "    body: Walk a little each day.\n",
        "    body: Walk <b>a little</b> each day.\n",
        [
            "questions.yaml:45:16: error: raw HTML is not allowed here; use Markdown instead: "
            "**bold**, lines starting with '- ' for a list, [words](https://...) for a link [F021]"
        ],
    ),
    (
        "unsafe link in Markdown",
        "    body: Walk a little each day.\n",
        "    body: Read [this](javascript:alert).\n",
        [
            'questions.yaml:45:23: error: the link "javascript:alert" must start with https://, '
            "http://, tel: or mailto: [F022]"
        ],
    ),
    (
        "unknown placeholder",
        "Call {emergency_number} if",
        "Call {emergency_numbr} if",
        [
            'questions.yaml:50:14: error: unknown placeholder "{emergency_numbr}"; did you mean '
            '"emergency_number"? [F020]'
        ],
    ),
    (
        "missing translation",
        "  body: This is not a diagnosis.\n",
        "  body: {en: This is not a diagnosis.}\n",
        [],
    ),
    (
        "language not declared",
        "  body: This is not a diagnosis.\n",
        "  body: {en: This is not a diagnosis., sp: No es un diagnóstico.}\n",
        [
            'questions.yaml:53:40: error: "sp" is not one of the languages in meta.languages (en) [F016]'
        ],
    ),
    (
        "single equals sign",
        'when: legs == "both"',
        'when: legs = "both"',
        ['questions.yaml:37:16: error: to compare, write "==" (two equals signs), not "=" [C007]'],
    ),
    (
        "== on a multiple-choice question",
        "        type: single_choice\n",
        "        type: multiple_choice\n",
        [
            'questions.yaml:37:11: error: "legs" can hold several answers; write "both" in legs '
            "instead [C023]"
        ],
    ),
    (
        "text question used in a rule",
        "        type: yes_no\n",
        "        type: text\n",
        [
            'questions.yaml:37:29: error: "saddle" is a text question; free-text answers cannot be '
            "used in rules [C021]"
        ],
        READS_SADDLE,
    ),
    (
        "number compared with a quoted text",
        "        type: yes_no\n",
        "        type: scale\n",
        [
            "questions.yaml:37:29: error: cannot compare a number with a quoted text; option values "
            'go in quotes ("yes") and numbers do not (7) [C024]'
        ],
        READS_SADDLE,
    ),
    (
        "scale threshold out of range",
        "        type: yes_no\n",
        "        type: scale\n",
        ['questions.yaml:37:39: error: "saddle" goes from 0 to 10, so 11 can never match [C027]'],
        {'when: legs == "both"': 'when: legs == "both" or saddle >= 11'},
    ),
    (
        "min not below max",
        "        type: yes_no\n        text: Any numbness?\n",
        "        type: scale\n        text: How bad?\n        min: 5\n        max: 5\n",
        ['questions.yaml:35:14: error: "max" (5) must be greater than "min" (5) [F023]'],
    ),
    (
        "text question marked required",
        "        type: yes_no\n        text: Any numbness?\n",
        "        type: text\n        text: Notes\n        required: true\n",
        [
            "questions.yaml:34:9: error: text questions are always optional, so patients are "
            'never forced to type; remove "required: true" [F026]'
        ],
    ),
    (
        "exclusive option on a single-choice question",
        "            label: Both legs\n",
        "            label: Both legs\n            exclusive: true\n",
        [
            'questions.yaml:28:13: error: "exclusive" only applies to multiple_choice questions; '
            "remove it [F025]"
        ],
    ),
    (
        "red flag for the interrupting tier without arrival advice",
        "    say_on_arrival: My legs both hurt.\n",
        "",
        [
            'questions.yaml:35:5: warning: red flag "both_legs" sends people to the "emergency" '
            "tier but has no say_on_arrival; add what they should tell staff when they arrive [R010]"
        ],
    ),
    (
        "safe_when_hidden naming a question the flag does not read",
        "    source: NICE CKS\n",
        "    source: NICE CKS\n    safe_when_hidden: [saddle]\n",
        [
            'questions.yaml:42:24: error: "saddle" is not read by this red flag\'s condition; '
            'list only questions it uses ("legs") [R007]'
        ],
    ),
    (
        "red flag reading a question that some answers hide",
        "    title: Saddle\n",
        '    title: Saddle\n    show_if: legs == "one"\n',
        [
            'questions.yaml:38:11: warning: red flag "both_legs" reads "saddle", which is not '
            'asked when legs is "both"; with those answers this flag cannot fire. Ask "saddle" of '
            'everyone, or, once a clinician confirms the hiding is safe, add "saddle" to this '
            "flag's safe_when_hidden [S008]"
        ],
        READS_SADDLE,
    ),
    (
        "hidden question confirmed safe",
        "    title: Saddle\n",
        '    title: Saddle\n    show_if: legs == "one"\n',
        [],
        {
            **READS_SADDLE,
            "    source: NICE CKS\n": "    source: NICE CKS\n    safe_when_hidden: [saddle]\n",
        },
    ),
    (
        "question id the page already uses",
        "      - id: saddle\n",
        "      - id: csrf_token\n",
        [
            'questions.yaml:31:13: error: "csrf_token" is a reserved word (the app uses it); choose another id [R004]'
        ],
    ),
    (
        "a hash sign inside a condition",
        'when: legs == "both"',
        'when: >-\n      legs == "both"  # CES\n      or saddle == "yes"',
        [
            'questions.yaml:38:23: error: "#" would hide the rest of the condition; put comments on their own line, above the rule [C005]'
        ],
    ),
    (
        "comparison of two fixed values",
        'when: legs == "both"',
        'when: legs == "both" or 0 == 1',
        [
            "questions.yaml:37:29: error: this compares two fixed values, so it never changes; compare a question's answer, for example pain >= 7 [C020]"
        ],
    ),
    (
        "red flag that no answers can raise",
        'when: legs == "both"',
        'when: legs == "both" and legs == "one"',
        [
            'questions.yaml:37:11: error: no answers can raise red flag "both_legs": its condition can never be true for answers people can give; check the condition [S006]'
        ],
    ),
    (
        "guidance card that no answers can show",
        "    source: NICE NG59\n",
        '    source: NICE NG59\n    when: saddle == "yes" and saddle == "no"\n',
        [
            'questions.yaml:47:11: error: no answers can show guidance card "keep_moving": its condition can never be true for answers people can give; check the condition [S006]'
        ],
    ),
    (
        "red flag reading an optional question",
        "        text: Where is the pain?\n",
        "        text: Where is the pain?\n        required: false\n",
        [
            'questions.yaml:38:11: error: red flag "both_legs" reads "legs", which people may leave blank (required: false); a blank answer can never raise the flag, so make "legs" required [S002]'
        ],
    ),
    (
        "interrupting tier listed after a less urgent one",
        "    interrupt: true\n",
        "",
        [
            'questions.yaml:15:5: error: tier "self_care" stops the questionnaire, so it must come before tier "emergency", which does not; tiers are listed most urgent first [R008]'
        ],
        {"    time_frame: Weeks\n": "    time_frame: Weeks\n    interrupt: true\n"},
    ),
    (
        "option with a malformed value",
        "          - value: both\n",
        "          - value: Both Legs\n",
        [
            'questions.yaml:26:20: error: "Both Legs" is not a valid option value (for example "both_legs") [F004]'
        ],
    ),
    (
        "aliases",
        "    title: Legs\n",
        "    title: &t Legs\n    intro: *t\n",
        [
            'questions.yaml:19:12: error: aliases such as "*t" are not supported; write the value out '
            "in full [Y010]"
        ],
    ),
    (
        "several documents",
        "  body: This is not a diagnosis.\n",
        "  body: This is not a diagnosis.\n---\nmeta: {}\n",
        [
            "questions.yaml:54:1: error: the file holds more than one YAML document; remove the "
            "'---' line and everything after it [Y009]"
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_check_reports_exact_problem(case: tuple) -> None:  # type: ignore[type-arg]
    _name, old, new, expected, *more = case
    text = MINIMAL
    for before, after in {old: new, **(more[0] if more else {})}.items():
        assert before in text, f"the test's anchor text must exist: {before!r}"
        text = text.replace(before, after, 1)
    assert problems_in(text) == expected


def test_minimal_questionnaire_is_valid() -> None:
    assert problems_in(MINIMAL) == []


def test_every_problem_is_reported_at_once() -> None:
    text = (
        MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"')
        .replace("    title: Legs\n", "    titel: Legs\n")
        .replace("    tier: emergency\n", "    tier: emergncy\n")
    )
    assert [p.split(": error: ")[0] for p in problems_in(text)] == [
        "questions.yaml:18:5",
        "questions.yaml:36:11",
        "questions.yaml:37:11",
    ]


def test_answers_too_big_for_the_session_cookie() -> None:
    notes = (
        "  - id: notes\n    title: Notes\n    questions:\n      - id: notes\n"
        "        type: text\n        text: Notes\n        max_length: 500\n  - id: saddle\n"
    )
    text = MINIMAL.replace("  - id: saddle\n", notes, 1).replace(
        "        type: yes_no\n", "        type: text\n        max_length: 500\n", 1
    )
    [problem] = problems_in(text)
    # The exact size depends on zlib's output, so only the words around it are pinned.
    assert re.fullmatch(
        r"questions.yaml:16:1: error: with every question answered at its longest, the answers "
        r"need 4,\d{3} bytes of the browser's session cookie, more than the 3,900 allowed; lower "
        r"max_length on text questions \(notes: 500, saddle: 500\) or ask fewer questions \[R009\]",
        problem,
    )


def test_count_thresholds_are_searched_on_questions_with_many_options() -> None:
    many = "".join(f"              - {{value: s{i}, label: S{i}}}\n" for i in range(9))
    question = (
        "      - id: sym\n        type: multiple_choice\n        text: Which?\n"
        "        options:\n" + many.replace("              ", "          ")
    )
    text = MINIMAL.replace(
        "      - id: saddle\n        type: yes_no\n        text: Any numbness?\n", question
    )
    extra_page = (
        "  - id: more\n    title: More\n    show_if: count(sym) >= 2\n    questions:\n"
        "      - {id: more, type: yes_no, text: More?}\n"
    )
    text = text.replace("red_flags:\n", extra_page + "red_flags:\n", 1)
    assert problems_in(text) == []
