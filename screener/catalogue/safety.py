"""Messages about safety: red flags, the safety proof over every answer, and promises."""

from __future__ import annotations

from screener.catalogue import message

PROMISE_FREE_TEXT = message(
    "S001",
    '"{qid}" is a free-text question, which is always optional; promise only questions '
    "people must answer",
    why="People may always leave a free-text question blank, so no one can promise it is asked "
    "and answered.",
    fix="Promise a question people must answer, or remove the promise.",
    example="promises:\n  - id: notes_asked\n    asked_of_everyone: notes  # a text question",
)
FLAG_READS_OPTIONAL = message(
    "S002",
    'red flag "{flag}" reads "{qid}", which people may leave blank (required: false); a blank '
    'answer can never raise the flag, so make "{qid}" required',
    why="Someone with the warning sign who skips the question would never be warned.",
    fix="Make the question required, so that everyone who sees it answers it.",
    example="questions:\n  - id: legs\n    required: false\nred_flags:\n  - id: both_legs\n"
    '    when: legs == "both"',
)
PROOF_UNFINISHED = message(
    "S003",
    "the safety proof could not be finished: {reason}. Split long conditions into simpler "
    "red flags, or give it longer with screener check --time-limit SECONDS",
    why="Until the proof finishes, no one knows that every combination of answers is safe.",
    fix="Split long conditions into simpler red flags, or allow more time with --time-limit.",
    example="screener check --time-limit 0.1 questions.yaml",
)
PROOF_FAULT = message(
    "S004",
    "the safety proof disagrees with the app ({detail}); this is a fault in the screener, not "
    "in your file: please report it with the file attached",
    why="The proof and the app must agree on every result; when they do not, neither can be "
    "trusted.",
    fix="Report it to the screener's maintainers with the file attached, and do not publish it.",
    example="Any questionnaire, if the screener itself has a fault.",
)
NEVER_SHOWN = message(
    "S005",
    'no answers can show {what} "{ident}": its show_if can never be true given the answers on '
    "earlier pages; check the condition",
    why="A page or question no one can see never asks what it was written to ask.",
    fix="Correct the show_if so that some answers on earlier pages make it true, or remove it.",
    example='pages:\n  - id: saddle\n    show_if: legs == "both" and legs == "one"',
)
RULE_IMPOSSIBLE = message(
    "S006",
    'no answers can {verb} {kind} "{ident}": its condition can never be true for answers '
    "people can give; check the condition",
    why="A red flag that can never be raised never warns anyone, whatever their symptoms.",
    fix="Correct the condition so that the answers it is meant for make it true.",
    example='red_flags:\n  - id: both_legs\n    when: legs == "both" and legs == "one"',
)
RULE_UNREACHABLE = message(
    "S007",
    'no answers can {verb} {kind} "{ident}": its condition only holds for answers that are '
    "never shown together on one route, or only after an emergency has already stopped the "
    "questionnaire{tiers}; check the condition",
    why="The condition could be true, but no one taking the questionnaire ever meets it, so "
    "the rule never applies.",
    fix="Check the show_if of the questions it reads, and the red flags that stop earlier.",
    example='red_flags:\n  - id: saddle_both\n    when: saddle == "yes" and legs == "both"\n'
    '# where legs is only asked when saddle == "no"',
)
HIDDEN_FLAG_QUESTION = message(
    "S008",
    'red flag "{flag}" reads "{qid}", which is not asked when {reasons}; with those answers '
    'this flag cannot fire. Ask "{qid}" of everyone, or, once a clinician confirms the hiding '
    'is safe, add "{qid}" to this flag\'s safe_when_hidden',
    why="Someone with the warning sign whose other answers hide the question would not be warned.",
    fix="Ask the question of everyone, or have a clinician confirm the hiding is safe and list "
    "it in safe_when_hidden.",
    example='questions:\n  - id: saddle\n    show_if: legs == "both"\nred_flags:\n'
    '  - id: saddle_numbness\n    when: saddle == "yes"',
    severity="warning",
)
LOWERS_RESULT = message(
    "S009",
    'turning on {move} lowers the result from "{before}" to "{after}"{blame}; a red-flag '
    "answer must never make the result less urgent",
    why="Someone who reports one more warning sign must never be told their case is less urgent.",
    fix="Correct the red flag or show_if the message names, so that the extra answer keeps "
    "the result as urgent.",
    example='red_flags:\n  - id: one_leg\n    tier: urgent\n    when: legs == "one" and '
    'saddle == "no"',
)
STOP_HIDES_URGENT = message(
    "S010",
    'red flag "{flag}" (tier "{tier}") reads answers asked after the questionnaire can already '
    'stop for "{stop_tier}", {after}; ask its questions earlier, so that the most urgent '
    "result is the one shown",
    why="Someone stopped early for an emergency would never be told they need the more "
    "urgent help.",
    fix="Move the questions this red flag reads to a page before the earlier stop.",
    example="tiers: [call_911 (interrupt), emergency (interrupt), ...]\nred_flags:\n"
    "  - id: stroke\n    tier: call_911\n    when: (reads a question on the last page)",
)
STOP_ON_MISSING = message(
    "S011",
    'red flag "{flag}" stops the questionnaire while {missing} {are} not yet answered, but '
    "answering can take the flag back; a flag that stops the questionnaire must still hold "
    "once every question is answered",
    why="The questionnaire could stop someone for an emergency that their remaining answers "
    "would have ruled out.",
    fix="Write the condition so that it holds on the answers given, whatever the rest will be.",
    example='red_flags:\n  - id: both_legs\n    tier: emergency\n    when: not (legs == "one")',
)
SELF_CARE_ON_URGENT = message(
    "S012",
    'guidance card "{card}" suits self care but shows on a "{tier}" result; restrict its '
    "tiers, or mark it safe_on_urgent: true once a clinician agrees",
    why="Self-care advice next to an urgent result could lead someone to wait at home.",
    fix="List the tiers the card belongs on, or have a clinician agree and set safe_on_urgent.",
    example="guidance:\n  - id: keep_moving\n    safe_on_urgent: false\n    # no tiers:",
)
PROMISE_BROKEN = message(
    "S013",
    'promise "{promise}" ({words}) does not hold{why}; these answers give "{result}"',
    why="A promise is what a senior clinician says must always be true; these answers break it.",
    fix="Add or correct the red flag the promise needs, or, if the promise is wrong, ask the "
    "clinician who wrote it.",
    example='promises:\n  - id: saddle_is_emergency\n    when: saddle == "yes"\n'
    "    result_at_least: emergency\n# and no red flag reads saddle",
)
PROMISE_BROKEN_BY = message(
    "S014",
    'promise "{promise}" ({words}) does not hold{why}; these answers give "{result}" '
    "(the promise is on line {promise_line})",
    why="A promise is what a senior clinician says must always be true; the rule or show_if "
    "on this line breaks it.",
    fix="Correct the rule or show_if on this line, or, if the promise is wrong, ask the "
    "clinician who wrote it.",
    example='red_flags:\n  - id: saddle_numbness\n    tier: soon\n    when: saddle == "yes"\n'
    'promises:\n  - id: saddle_is_emergency\n    when: saddle == "yes"\n'
    "    result_at_least: emergency",
)
