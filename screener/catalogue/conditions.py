"""Messages about conditions: how a rule is written, and whether it fits its questions."""

from __future__ import annotations

from screener.catalogue import message

EMPTY = message(
    "C001",
    "the condition is empty",
    why="A rule with no condition would never say when it applies.",
    fix="Write the condition after the key, or remove the key.",
    example="- id: saddle_numbness\n  when: ''",
)
TOO_LONG = message(
    "C002",
    "the condition is longer than {limit} characters; split the rule in two",
    why="A very long condition is hard for anyone reviewing it to read and check.",
    fix="Split it into two or more red flags or pages, each with a shorter condition.",
    example="when: pain >= 7 or pain >= 7 or ... (more than 1000 characters)",
)
UNREADABLE = message(
    "C003",
    "this condition cannot be read; check the quotes, brackets "
    'and operators (for example: pain >= 7 and legs == "both")',
    why="A condition that cannot be read cannot decide anything for a patient.",
    fix="Look for a missing quote, an unclosed bracket, or two values with no operator between.",
    example='when: (legs == "both_legs"',
)
UNUSUAL_CHARACTERS = message(
    "C004",
    "this condition cannot be read; remove unusual characters",
    why="A hidden or unusual character stops the condition from being read.",
    fix="Type the condition again by hand instead of pasting it.",
    example="A condition pasted from a word processor, with a hidden character in it.",
)
HASH = message(
    "C005",
    '"#" would hide the rest of the condition; put comments on their own line, above the rule',
    why="Everything after # would be silently dropped, so the rule would not mean what it says.",
    fix="Move the comment to its own line above the rule.",
    example="when: 'saddle == \"yes\"  # numbness'",
)
FOREIGN_OPERATOR = message(
    "C006",
    '"{slip}" is not understood here; use "{instead}"',
    why="Conditions are written in words, and these signs from other languages mean nothing here.",
    fix='Write "and" for &&, "or" for ||, and "==" for ===.',
    example='when: saddle == "yes" && bowel == "yes"',
)
SINGLE_EQUALS = message(
    "C007",
    'to compare, write "==" (two equals signs), not "="',
    why="One equals sign does not compare anything, so the rule could not be read.",
    fix='Write two equals signs: legs == "both_legs".',
    example='when: legs = "both_legs"',
)
BARE_NAME = message(
    "C008",
    '"{ident}" on its own is not a condition; compare it, for example {ident} == "yes"',
    why="A question's id alone does not say which answer the rule is about.",
    fix="Compare the question with the answer you mean.",
    example="when: saddle",
)
IS = message(
    "C009",
    '"is" is not used in conditions; write "==" or "!="',
    why='"is" does not compare answers the way a reader would expect.',
    fix='Write "==" for "is the same as", or "!=" for "is not".',
    example='when: saddle is "yes"',
)
UNKNOWN_FUNCTION = message(
    "C010",
    'unknown function "{name}"{suggestion}',
    why="Only a few functions are known, and an unknown one cannot be worked out.",
    fix="Check the spelling, or use one of the functions listed.",
    example="when: anwsered(pain)",
)
FUNCTION_ARGUMENT = message(
    "C011",
    "{name}() takes one question id, for example {name}(legs)",
    why="A function looks at one question's answer, so it needs exactly one question id.",
    fix="Put a single question id, without quotes, inside the brackets.",
    example='when: answered("legs")',
)
EMPTY_LIST = message(
    "C012",
    "the list is empty; put the values to match inside [ ]",
    why="An empty list matches no answer, so the rule could never apply.",
    fix="List the option values the rule is about inside the brackets.",
    example="when: legs in []",
)
MIXED_LIST = message(
    "C013",
    "a list must hold only texts or only numbers",
    why="One answer is either a text or a number, so a mixed list cannot all match it.",
    fix="Keep quoted option values and plain numbers in separate lists.",
    example='when: pain in [7, "8"]',
)
TRUE_FALSE = message(
    "C014",
    "true, false and None are not used in conditions; compare the answer, "
    'for example saddle_numbness == "yes"',
    why='Yes/no questions have the answers "yes" and "no", never true or false.',
    fix='Compare with the quoted answer: saddle == "yes".',
    example="when: saddle == true",
)
WHOLE_NUMBERS = message(
    "C015",
    "use whole numbers only (for example 7, not 7.5)",
    why="Scales and numbers are answered in whole numbers, so a fraction would mislead.",
    fix="Round to the whole number you mean, and choose >= or > to match.",
    example="when: pain >= 7.5",
)
UNSUPPORTED = message(
    "C016",
    "only comparisons (== != < <= > >= in, not in), and, or, not, brackets, "
    "quoted texts, whole numbers, [lists] and the functions {functions} can be used here",
    why="Conditions are kept to a few simple parts so that every rule can be checked.",
    fix="Rewrite the condition with the parts listed.",
    example="when: pain + 1 >= 8",
)
LOOKS_LIKE_OPTION = message(
    "C017",
    '"{value}" looks like an option value; put it in quotes: "{value}"',
    why="Without quotes the word is read as a question id, and no question has that id.",
    fix="Put the option value in double quotes.",
    example="when: legs == both_legs",
)
UNKNOWN_QUESTION = message(
    "C018",
    'unknown question "{ident}" in condition{suggestion}',
    why="A rule that reads a question that does not exist could never apply.",
    fix="Check the spelling against the question ids, or add the missing question.",
    example='when: sadle == "yes"',
)
FUNCTION_GIVES_NUMBER = message(
    "C019",
    "{function}() gives a number; compare it, for example {function}({question}) >= 2",
    why="A number on its own is not true or false, so the rule would not say when it applies.",
    fix="Compare the number, for example count(numbness) >= 2.",
    example="when: count(numbness)",
)
FIXED_COMPARISON = message(
    "C020",
    "this compares two fixed values, so it never "
    "changes; compare a question's answer, for example pain >= 7",
    why="A rule that ignores every answer is always on or always off, whoever answers.",
    fix="Put a question id on one side of the comparison.",
    example='when: \'"yes" == "yes"\'',
)
TEXT_QUESTION = message(
    "C021",
    '"{question}" is a text question; free-text answers cannot be used in rules',
    why="Typed answers vary too much to be matched safely, and are never read by rules.",
    fix="Ask a choice, yes/no or number question for what the rule needs.",
    example='when: notes == "numb"',
)
FUNCTION_WRONG_KIND = message(
    "C022",
    '{function}() cannot be used with "{question}", {kind}',
    why="Each function only makes sense for some kinds of question.",
    fix="Use count() with questions that take several answers, and answered() with any other.",
    example="when: count(legs) >= 2",
)
SEVERAL_ANSWERS = message(
    "C023",
    '"{question}" can hold several answers; write "{value}" {word} {question} instead',
    why="A question with several answers never equals one value, so == would never match.",
    fix='Ask whether the value is among the answers: "cold" in leg_signs.',
    example='when: leg_signs == "cold"',
)
QUOTES_OR_NUMBERS = message(
    "C024",
    'cannot compare {left} with {right}; option values go in quotes ("yes") and numbers do not (7)',
    why="A choice is never equal to a number, nor a number to a text, so the rule never applies.",
    fix="Quote option values and leave numbers unquoted.",
    example='when: pain >= "7"',
)
CANNOT_COMPARE = message(
    "C025",
    '"{op}" cannot compare {left} with {right}',
    why="This comparison does not make sense for these kinds of value, so it would never apply.",
    fix="Use < <= > >= only with numbers, and == != in with option values.",
    example='when: legs >= "one_leg"',
)
NOT_AN_OPTION = message(
    "C026",
    '"{value}" is not an option of "{question}"{suggestion}',
    why="No patient can give an answer that is not offered, so the rule would never apply.",
    fix="Check the spelling against the question's option values.",
    example='when: legs == "both"',
)
NEVER_MATCHES = message(
    "C027",
    '"{question}" goes from {low} to {high}, so {value} can never match',
    why="A number outside the question's range can never be answered, so the rule never applies.",
    fix="Choose a number inside the range, or widen the range of the question.",
    example="when: pain >= 11",
)
