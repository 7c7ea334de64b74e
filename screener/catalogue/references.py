"""Messages about the file's sections, ids, the names that point between parts, and order."""

from __future__ import annotations

from screener.catalogue import message

EMPTY_FILE = message(
    "R001",
    "the file is empty; a questionnaire starts with a meta: section "
    "(see docs/authoring.md for a complete example)",
    why="An empty file has no questions, so there is nothing to check or to show patients.",
    fix="Start the file with a meta: section, copying the example in docs/authoring.md.",
    example="# questions.yaml with only this comment in it",
)
NOT_SECTIONS = message(
    "R002",
    "the file should be a set of sections (meta:, tiers:, pages:, "
    "...), each starting at the beginning of a line, not a list or a text",
    why="Each part of the questionnaire is found by its section name, so the file must name them.",
    fix="Write each section name at the start of a line, followed by a colon.",
    example="- meta\n- tiers\n- pages",
)
DUPLICATE_ID = message(
    "R003",
    'duplicate {kind} id "{ident}"; it is already used on line {line}; give each {kind} its own id',
    why="Rules and results find each part by its id, so two parts with one id would be confused.",
    fix="Rename one of the two, and update any condition or promise that names it.",
    example="questions:\n  - id: legs\n    type: yes_no\n  - id: legs\n    type: yes_no",
)
RESERVED_ID = message(
    "R004",
    '"{ident}" is a reserved word (the app uses it); choose another id',
    why="The app already uses this word for itself, so a question with it could not be told apart.",
    fix="Choose another id for the question, such as one that says what it asks.",
    example="questions:\n  - id: count\n    type: yes_no",
)
SHOW_IF_NOT_EARLIER = message(
    "R005",
    'the show_if of {owner} uses "{qid}", which is asked {where}; a show_if can only use '
    'answers from earlier pages, so move "{qid}" to an earlier page',
    why="When a page or question is about to be shown, only answers from earlier pages exist.",
    fix="Move the question the show_if reads to an earlier page, or base the show_if on another.",
    example='pages:\n  - id: legs\n    show_if: saddle == "yes"\n    ...\n  - id: saddle\n'
    "    questions:\n      - id: saddle",
)
UNKNOWN_NAME = message(
    "R006",
    'unknown {what} "{ident}"{suggestion}',
    why="A name that matches nothing points nowhere: a red flag would send people to no result, "
    "and a promise would check nothing.",
    fix="Check the spelling against the ids in the file, or add the part that is missing.",
    example="red_flags:\n  - id: both_legs\n    tier: emergncy",
)
NOT_READ_BY_FLAG = message(
    "R007",
    '"{qid}" is not read by this red flag\'s condition; list only questions it uses ({questions})',
    why="safe_when_hidden records a clinician's judgement about this flag's own questions; "
    "any other name is a slip.",
    fix="Remove the name, or correct it to one of the questions the flag's condition uses.",
    example='red_flags:\n  - id: both_legs\n    when: legs == "both"\n'
    "    safe_when_hidden: [saddle]",
)
TIER_ORDER = message(
    "R008",
    'tier "{tier}" stops the questionnaire, so it must come before tier "{before}", which '
    "does not; tiers are listed most urgent first",
    why="The order of the tiers is their urgency, and a tier that stops the questionnaire for "
    "an emergency must outrank every tier that does not.",
    fix="Move the tier up the list, above every tier with interrupt: false.",
    example="tiers:\n  - id: self_care\n    interrupt: false\n  - id: emergency\n"
    "    interrupt: true",
)
SESSION_BUDGET = message(
    "R009",
    "with every question answered at its longest, the answers need {size} bytes of the "
    "browser's session cookie, more than the {budget} allowed; {shorter}ask fewer questions",
    why="Answers are kept in the browser between pages; too many would be lost before the "
    "result is shown.",
    fix="Lower max_length on free-text questions, or remove questions that are not needed.",
    example="questions:\n  - id: notes\n    type: text\n    max_length: 100000",
)
ARRIVAL_ADVICE = message(
    "R010",
    'red flag "{flag}" sends people to the "{tier}" tier but has no say_on_arrival; add what '
    "they should tell staff when they arrive",
    why="Telling staff the warning sign on arrival helps people who are sent to the ER be "
    "seen quickly.",
    fix="Add a say_on_arrival text to the red flag, in every language of the questionnaire.",
    example='red_flags:\n  - id: both_legs\n    tier: emergency\n    when: legs == "both"\n'
    "    # no say_on_arrival:",
    severity="warning",
)
