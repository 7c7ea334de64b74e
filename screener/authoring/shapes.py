"""A small declarative description of YAML structure: it checks a file and emits JSON Schema.

One description serves both the author-facing checker and `screener schema`, so the editor's
autocompletion and the command-line checker can never disagree about which keys exist. Here
are the base and the single values; lists and mappings are in compound_shapes.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from screener.authoring.problems import Problems
from screener.authoring.source import NodePath, Source
from screener.catalogue import format as messages
from screener.core.wording import did_you_mean, quoted_list

JsonSchema = dict[str, Any]


class _Invalid:
    """Marker for a value that failed its check (the problem is already recorded)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")


@dataclass
class Context:
    """What a check needs besides the value: where things are, and where to report."""

    source: Source
    problems: Problems
    languages: tuple[str, ...] = ("en",)
    # Seconds the safety proof may take (None: no limit); see safety.py.
    time_limit: float | None = 30.0
    # Sign-off: "skip" (text checked on its own), "warn" (a file an author is editing) or
    # "require" (a server that must not serve unsigned content); authoring/signoff.py.
    signoff: str = "skip"

    def error(self, path: NodePath, message: str, *, at_key: bool = False) -> Any:
        """Record an error at a node and return INVALID."""
        where = self.source.key_at(path) if at_key else self.source.at(path)
        self.problems.error(where, message)
        return INVALID


def describe_value(value: Any) -> str:
    """Name a YAML value's type in words an author knows."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a text"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    return "a set of key: value lines"


def key_label(path: NodePath) -> str:
    """The key a value sits under, for messages ('title', 'item 3 of options')."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {key_label(path[:-1])}"
    return f'"{last}"'


class Shape:
    """A kind of value: checks it, and describes it as JSON Schema."""

    noun = "a value"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        """Return the value to keep, or INVALID after recording a problem."""
        raise NotImplementedError

    def schema(self) -> JsonSchema:
        """This kind as a JSON Schema fragment."""
        raise NotImplementedError

    def wrong_type(self, value: Any, path: NodePath, ctx: Context) -> Any:
        """Report a value of the wrong type."""
        wrong = messages.WRONG_TYPE.say(
            label=key_label(path), expected=self.noun, found=describe_value(value)
        )
        return ctx.error(path, wrong)


@dataclass
class Str(Shape):
    """A single-line piece of text that is not shown to patients (ids, versions, sources)."""

    noun: str = "a text"
    pattern: re.Pattern[str] | None = None
    example: str = ""
    max_length: int = 500

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and self.pattern is None:
            value = str(value)  # `version: 1.2` is meant as text
        if not isinstance(value, str):
            return self.wrong_type(value, path, ctx)
        label = key_label(path)
        if not value.strip():
            return ctx.error(path, messages.EMPTY_VALUE.say(label=label, expected=self.noun))
        if len(value) > self.max_length:
            return ctx.error(path, messages.TOO_LONG.say(label=label, limit=self.max_length))
        if self.pattern is not None and not self.pattern.match(value):
            hint = f' (for example "{self.example}")' if self.example else ""
            wrong = messages.NOT_LIKE_EXAMPLE.say(value=value, expected=self.noun, for_example=hint)
            return ctx.error(path, wrong)
        return value

    def schema(self) -> JsonSchema:
        out: JsonSchema = {"type": "string", "minLength": 1}
        if self.pattern is not None:
            out["pattern"] = "^" + self.pattern.pattern.removesuffix("\\Z") + "$"
        return out


def slug(text: str) -> str:
    """Suggest an id made from some text ("Leg pain" -> "leg_pain")."""
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if not words or not words[0].isalpha():
        words = "q_" + words
    return words[:40]


@dataclass
class Id(Shape):
    """An identifier authors choose: lowercase letters, digits, underscores."""

    noun: str = "a valid id"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_type(value, path, ctx)
        if not ID_PATTERN.match(value):
            return ctx.error(path, messages.BAD_ID.say(value=value, suggestion=slug(value)))
        return value

    def schema(self) -> JsonSchema:
        return {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"}


@dataclass
class Int(Shape):
    """A whole number, optionally bounded."""

    noun: str = "a whole number"
    minimum: int | None = None
    maximum: int | None = None

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value, path, ctx)
        label = key_label(path)
        if self.minimum is not None and value < self.minimum:
            low = messages.BELOW_MINIMUM.say(label=label, minimum=self.minimum, value=value)
            return ctx.error(path, low)
        if self.maximum is not None and value > self.maximum:
            high = messages.ABOVE_MAXIMUM.say(label=label, maximum=self.maximum, value=value)
            return ctx.error(path, high)
        return value

    def schema(self) -> JsonSchema:
        out: JsonSchema = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass
class Bool(Shape):
    """true or false."""

    noun: str = "true or false"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, bool):
            return self.wrong_type(value, path, ctx)
        return value

    def schema(self) -> JsonSchema:
        return {"type": "boolean"}


@dataclass
class Enum(Shape):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()
    noun: str = "one of the listed words"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_type(value, path, ctx)
        if value not in self.values:
            hint = did_you_mean(value, self.values) or f"; use one of {quoted_list(self.values)}"
            unknown = messages.UNKNOWN_WORD.say(value=value, expected=self.noun, suggestion=hint)
            return ctx.error(path, unknown)
        return value

    def schema(self) -> JsonSchema:
        return {"enum": list(self.values)}
