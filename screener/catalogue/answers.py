"""Messages about answers and scenario files: answers that do not fit, and failed scenarios."""

from __future__ import annotations

from screener.catalogue import message

NOT_AN_OPTION = message(
    "A001",
    '"{answer}" is not an option of "{question}"{suggestion}',
    why="A patient can only pick the options offered, so this answer could never be given.",
    fix="Use one of the question's option values, spelt exactly as in questions.yaml.",
    example="answers:\n  legs: both",
)
TAKES_A_LIST = message(
    "A002",
    '"{question}" takes a list of options, like [{option}]',
    why="This question can take several answers, so its answer is a list.",
    fix="Put the option values in square brackets, separated by commas.",
    example="answers:\n  numbness: 7",
)
EXCLUSIVE_OPTION = message(
    "A003",
    '"{option}" cannot be chosen together with other options of "{question}"',
    why="An option such as “None of these” rules out the others, so no patient can give both.",
    fix="Keep that option on its own, or remove it from the list.",
    example="answers:\n  numbness: [none, foot]",
)
TAKES_A_NUMBER = message(
    "A004",
    '"{question}" takes a whole number',
    why="Scales and numbers are answered with a whole number, not a word.",
    fix="Write the number without quotes or words, for example 7.",
    example="answers:\n  leg_pain: severe",
)
OUT_OF_RANGE = message(
    "A005",
    '"{question}" takes a number from {low} to {high}, not {answer}',
    why="A patient cannot give a number outside the question's range.",
    fix="Choose a number inside the range that questions.yaml sets.",
    example="answers:\n  leg_pain: 11",
)
TAKES_A_TEXT = message(
    "A006",
    '"{question}" takes a text',
    why="A text question's answer is what the patient types.",
    fix="Write the answer as a text, in quotes if it looks like a number.",
    example="answers:\n  notes: [numb]",
)
TEXT_TOO_LONG = message(
    "A007",
    '"{question}" takes at most {limit} characters',
    why="A patient cannot type more than the question allows.",
    fix="Shorten the answer to the question's limit.",
    example="answers:\n  notes: (a text longer than the limit)",
)
UNKNOWN_QUESTION = message(
    "A008",
    'unknown question "{ident}"{suggestion}',
    why="An answer to a question that does not exist is ignored, so it tests nothing.",
    fix="Check the spelling against the question ids in questions.yaml.",
    example="answers:\n  sadle: yes",
)
EXPECTED_EXACTLY = message(
    "A009",
    "{noun}: expected exactly {expected}, got {got}",
    why="The questionnaire no longer gives what a clinician expected for these answers.",
    fix="Decide whether the questionnaire or the scenario is wrong, and correct that one.",
    example="answers: {legs: both_legs}\nexpect:\n  red_flags: []",
)
EXPECTED_TO_INCLUDE = message(
    "A010",
    "{noun}: expected to include {missing}, got {got}",
    why="Something the clinician expected for these answers is missing.",
    fix="Decide whether the questionnaire or the scenario is wrong, and correct that one.",
    example="answers: {legs: one_leg}\nexpect:\n  red_flags_include: [both_legs]",
)
EXPECTED_NOT_TO_INCLUDE = message(
    "A011",
    "{noun}: expected not to include {present}, got {got}",
    why="Something the clinician expected not to happen for these answers happens.",
    fix="Decide whether the questionnaire or the scenario is wrong, and correct that one.",
    example="answers: {legs: both_legs}\nexpect:\n  red_flags_exclude: [both_legs]",
)
EXPECTED_TIER = message(
    "A012",
    'tier: expected "{expected}", got "{got}"{because}',
    why="The result a patient sees for these answers is not the one a clinician expected.",
    fix="Decide whether the questionnaire or the scenario is wrong, and correct that one.",
    example="answers: {legs: both_legs}\nexpect:\n  tier: self_care",
)
EXPECTED_AT_LEAST = message(
    "A013",
    'tier: expected at least as urgent as "{expected}", got "{got}"{because}',
    why="These answers lead to a less urgent result than a clinician expected.",
    fix="Check the red flags these answers should raise, or the scenario's expectation.",
    example="answers: {legs: one_leg}\nexpect:\n  tier_at_least: emergency",
)
EXPECTED_AT_MOST = message(
    "A014",
    'tier: expected no more urgent than "{expected}", got "{got}"{because}',
    why="These answers lead to a more urgent result than a clinician expected.",
    fix="Check which red flag is raised, or the scenario's expectation.",
    example="answers: {legs: both_legs}\nexpect:\n  tier_at_most: self_care",
)
UNKNOWN_ID = message(
    "A015",
    'unknown {what} "{ident}"{suggestion}',
    why="An expectation about something that does not exist could pass without testing anything.",
    fix="Check the spelling against the ids in questions.yaml.",
    example="expect:\n  red_flags_exclude: [both_leg]",
)
ANSWERS_NOT_KEYS = message(
    "A016",
    "the answers file should be key: value lines, one per question id, for example  legs: one_leg",
    why="Each answer is found by its question id, so the file must pair ids with answers.",
    fix="Write one line per question: its id, a colon, and the answer.",
    example="- legs\n- one_leg",
)
NO_SCENARIO_FILES = message(
    "A017",
    "no scenario files found; give a file, or add .yaml files to scenarios/",
    why="Without scenarios nothing checks that the questionnaire gives the expected results.",
    fix="Name a scenario file, or put .yaml scenario files in the scenarios folder.",
    example="screener test empty_folder/",
)
NOT_A_RESPONSE = message(
    "A018",
    'a FHIR answers file must be a QuestionnaireResponse (its "resourceType")',
    why="Only a QuestionnaireResponse holds a person's answers to the questionnaire's items.",
    fix='Export the response from the form filler; its "resourceType" is "QuestionnaireResponse".',
    example='{"resourceType": "Questionnaire"}',
)
UNKNOWN_ITEM = message(
    "A019",
    'item "{item}" is not a question, page or result of this questionnaire',
    why="The answer cannot be given to any question, so the result would be computed without it.",
    fix="Check the response was made from this questionnaire; each linkId is a question id.",
    example='{"linkId": "leggs", "answer": [{"valueCoding": {"code": "one_leg"}}]}',
)
WRONG_ITEM_VALUE = message(
    "A020",
    'an answer to "{item}" must be a {field}',
    why="Each type of question is answered with one kind of FHIR value; any other cannot be read.",
    fix="Choices are valueCoding (the option's code), numbers valueInteger, words valueString.",
    example='{"linkId": "legs", "answer": [{"valueString": "one_leg"}]}',
)
ONE_ANSWER_ONLY = message(
    "A021",
    '"{item}" takes one answer, but the response gives {count}',
    why="The question allows one answer, so a person could not have given several.",
    fix="Keep the one answer the person gave.",
    example='{"linkId": "legs", "answer": [{"valueCoding": {"code": "one_leg"}},\n'
    '                                  {"valueCoding": {"code": "both_legs"}}]}',
)
NOT_A_LIST = message(
    "A022",
    '"{field}" must be a list',
    why="A QuestionnaireResponse holds its items, and each item its answers, in lists (FHIR R4).",
    fix='Put the entries in square brackets, for example "item": [{"linkId": "legs", ...}].',
    example='{"resourceType": "QuestionnaireResponse", "item": "not a list"}',
)
ITEM_NEEDS_LINK_ID = message(
    "A023",
    'each item must be an object with a "linkId"',
    why="The linkId says which question an item answers; without it, the answer belongs to none.",
    fix='Give each item its question id as "linkId", for example {"linkId": "legs", ...}.',
    example='{"resourceType": "QuestionnaireResponse", "item": ["legs"]}',
)
UNANSWERED = message(
    "A024",
    "the answers stop before the advice: {count} unanswered ({ids})",
    why="Advice from some of the answers could be calmer than the whole set would give, so "
    "there is none until every question on the way is answered or an emergency answer stops "
    "the questions.",
    fix="Add the answers listed (each is asked for the answers before it), or end where an "
    "emergency answer stops the questionnaire.",
    example="answers:\n  legs: one_leg",
)
