"""Words for messages: "did you mean ...?", quoted lists and plurals."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_match(word: str, choices: Iterable[str]) -> str:
    """The choice closest to a misspelt word, or '' when none is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A '; did you mean "x"?' suffix when a close match exists, else ''."""
    match = close_match(word, choices)
    return f'; did you mean "{match}"?' if match else ""


def quoted_list(values: Iterable[str]) -> str:
    """Format values as '"a", "b", "c"' for messages."""
    return ", ".join(f'"{v}"' for v in values)


def plural(count: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{count} {noun}" + ("" if count == 1 else "s")
