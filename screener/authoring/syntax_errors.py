"""PyYAML's syntax errors in words an author can act on, pointing at what to put right."""

from __future__ import annotations

import re

import yaml

from screener.catalogue import reading
from screener.core.wording import plural

Position = tuple[int, int]

# A line that starts with a key: its indentation and any list dashes, then the key and colon.
# Only lowercase words, as every key of the format is: a capitalised "Note: ..." one line
# further in is more likely a text running on with a colon in it, which Y014 explains.
_KEY_LINE = re.compile(r"(?P<lead> *(?:- +)*)(?P<key>[a-z][a-z0-9_]*):(?: |\Z)")

# PyYAML's wording, and the catalogued message that explains it to an author. (An unclosed
# quote at the end of the file is "while scanning a quoted scalar"; aliases never reach here.)
_SYNTAX_HINTS = (
    ("tab character", reading.TAB),
    ("mapping values are not allowed", reading.COLON_IN_VALUE),
    ("could not find expected ':'", reading.MISSING_COLON),
    ("expected <block end>, but found", reading.INDENTATION),  # PyYAML's own parser
    ("did not find expected key", reading.INDENTATION),  # the same slip, as libyaml says it
    ("did not find expected '-' indicator", reading.INDENTATION),
    ("while scanning a quoted scalar", reading.UNCLOSED_QUOTE),
    ("while parsing a flow", reading.UNCLOSED_BRACKET),
    ("found unknown escape character", reading.UNKNOWN_ESCAPE),
)
# A key found where the mapping above wanted its next key or its end, as each parser says it.
_UNEXPECTED_KEY = ("did not find expected key", "but found '<block mapping start>'")


def explain_syntax_error(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str]:
    """Where a syntax error is and what to do about it, in an author's words."""
    mark = exc.problem_mark or exc.context_mark
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    raw = " ".join(filter(None, [exc.context, exc.problem])).replace("'\\t'", "tab character")
    too_far = _indented_too_far(exc, raw, lines)
    if too_far is not None:
        return too_far
    for needle, hint in _SYNTAX_HINTS:
        if needle in raw:
            return where, hint.say()
    return where, reading.OTHER_SYNTAX.say(reason=raw)


def _indented_too_far(
    exc: yaml.MarkedYAMLError, raw: str, lines: list[str]
) -> tuple[Position, str] | None:
    """The error, if it is a key line that starts further in than the key above it."""
    mark = exc.problem_mark
    found = _KEY_LINE.match(lines[mark.line]) if mark and mark.line < len(lines) else None
    if mark is None or found is None or "-" in found["lead"]:
        return None
    column = len(found["lead"])
    if "mapping values are not allowed" in raw:
        # The line ran on as more of the text above, until its own colon; a colon further
        # along is one inside a value (Y014), not this slip.
        if mark.column != found.end("key"):
            return None
        mapping_column = None
    elif any(needle in raw for needle in _UNEXPECTED_KEY) and exc.context_mark is not None:
        # After a quoted or commented value: the parser names the mapping it was in, whose
        # keys must be those of the line above, or the slip is another one.
        if mark.column != column:
            return None
        mapping_column = exc.context_mark.column
    else:
        return None
    number, key, key_column = _key_above(lines, mark.line) or (0, "", column)
    # Only a key line directly above, nearer the margin and of the parser's mapping, shows
    # which column was meant; a line less far in than it might belong to either level.
    if key_column >= column or mapping_column not in (None, key_column):
        return None
    spaces = plural(column - key_column, "space")
    told = reading.INDENTED_TOO_FAR.say(spaces=spaces, key=key, line=number)
    return (mark.line + 1, column + 1), told


def _key_above(lines: list[str], index: int) -> tuple[int, str, int] | None:
    """The nearest line above with something on it: its number, key and key's column."""
    for number in range(index - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            found = _KEY_LINE.match(lines[number])
            return (number + 1, found["key"], found.end("lead")) if found else None
    return None
