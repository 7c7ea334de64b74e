"""A small declarative description of YAML structure: it checks a file and emits JSON Schema.

One description serves both the author-facing checker and `screener schema`, so the editor's
autocompletion and the command-line checker can never disagree about which keys exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screener.authoring.problems import Problems
from screener.authoring.source import NodePath, Source
from screener.core.wording import close_match, did_you_mean, quoted_list

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


def _label(path: NodePath) -> str:
    """The key a value sits under, for messages ('title', 'item 3 of options')."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {_label(path[:-1])}"
    return f'"{last}"'


class Kind:
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
        return ctx.error(path, f"{_label(path)} should be {self.noun}, not {describe_value(value)}")


@dataclass
class Str(Kind):
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
        if not value.strip():
            return ctx.error(path, f"{_label(path)} is empty; write {self.noun} here")
        if len(value) > self.max_length:
            return ctx.error(path, f"{_label(path)} is longer than {self.max_length} characters")
        if self.pattern is not None and not self.pattern.match(value):
            hint = f' (for example "{self.example}")' if self.example else ""
            return ctx.error(path, f'"{value}" is not {self.noun}{hint}')
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
class Id(Kind):
    """An identifier authors choose: lowercase letters, digits, underscores."""

    noun: str = "a valid id"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_type(value, path, ctx)
        if not ID_PATTERN.match(value):
            return ctx.error(
                path,
                f'"{value}" is not a valid id; use up to 40 lowercase letters, '
                "digits and underscores, starting with a letter (for example "
                f'"{slug(value)}")',
            )
        return value

    def schema(self) -> JsonSchema:
        return {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"}


@dataclass
class Int(Kind):
    """A whole number, optionally bounded."""

    noun: str = "a whole number"
    minimum: int | None = None
    maximum: int | None = None

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value, path, ctx)
        if self.minimum is not None and value < self.minimum:
            return ctx.error(path, f"{_label(path)} must be at least {self.minimum}, not {value}")
        if self.maximum is not None and value > self.maximum:
            return ctx.error(path, f"{_label(path)} must be at most {self.maximum}, not {value}")
        return value

    def schema(self) -> JsonSchema:
        out: JsonSchema = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass
class Bool(Kind):
    """true or false."""

    noun: str = "true or false"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, bool):
            return self.wrong_type(value, path, ctx)
        return value

    def schema(self) -> JsonSchema:
        return {"type": "boolean"}


@dataclass
class Enum(Kind):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()
    noun: str = "one of the listed words"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_type(value, path, ctx)
        if value not in self.values:
            return ctx.error(
                path,
                f'"{value}" is not a known {self.noun}'
                + (did_you_mean(value, self.values) or f"; use one of {quoted_list(self.values)}"),
            )
        return value

    def schema(self) -> JsonSchema:
        return {"enum": list(self.values)}


@dataclass
class ListOf(Kind):
    """A list whose every item is of one kind."""

    item: Kind = field(default_factory=Kind)
    min_items: int = 0
    max_items: int = 10_000
    noun: str = "a list"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, list):
            return ctx.error(
                path,
                f"{_label(path)} should be a list (lines starting with '- '), "
                f"not {describe_value(value)}",
            )
        if len(value) < self.min_items:
            return ctx.error(
                path,
                f"{_label(path)} needs at least {self.min_items} "
                f"item{'s' if self.min_items > 1 else ''}",
            )
        if len(value) > self.max_items:
            return ctx.error(path, f"{_label(path)} has more than {self.max_items} items")
        cleaned = [self.item.clean(item, (*path, i), ctx) for i, item in enumerate(value)]
        return [item for item in cleaned if item is not INVALID]

    def schema(self) -> JsonSchema:
        out: JsonSchema = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


@dataclass(frozen=True)
class Field:
    """One key of an object."""

    kind: Kind
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass
class Obj(Kind):
    """A mapping with known keys, and optional extra keys chosen by a discriminator key."""

    name: str = "object"
    fields: Mapping[str, Field] = field(default_factory=dict)
    variant_key: str = ""
    variants: Mapping[str, Mapping[str, Field]] = field(default_factory=dict)
    after: Callable[[dict[str, Any], NodePath, Context], None] | None = None

    @property
    def noun(self) -> str:  # type: ignore[override]
        return "a set of key: value lines"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return ctx.error(
                path,
                f"{_label(path)} should be {self.noun} describing a "
                f"{self.name}, not {describe_value(value)}",
            )
        allowed = dict(self.fields)
        variant = value.get(self.variant_key) if self.variant_key else None
        if isinstance(variant, str) and variant in self.variants:
            allowed.update(self.variants[variant])
        out: dict[str, Any] = {}
        broken = False
        suggested: set[str] = set()
        for key, raw in value.items():
            if key in allowed:
                cleaned = allowed[key].kind.clean(raw, (*path, key), ctx)
                if cleaned is INVALID:
                    broken = broken or allowed[key].required
                else:
                    out[key] = cleaned
            else:
                suggested.add(self._unknown_key(key, variant, (*path, key), allowed, ctx))
        who = _who(self.name, value)
        for key, spec in allowed.items():
            if key in out:
                continue
            if spec.default is not None:
                out[key] = spec.default  # also stands in for an invalid value
            elif key in value:
                continue
            elif spec.required:
                if key not in suggested:  # "did you mean" on the misspelt key says it all
                    ctx.error(path, f'{who} is missing the required key "{key}"')
                broken = True
        if broken:
            out["__broken__"] = True
        elif self.after is not None:
            self.after(out, path, ctx)
        return out

    def _unknown_key(
        self, key: str, variant: Any, path: NodePath, allowed: Mapping[str, Field], ctx: Context
    ) -> str:
        """Report a key this object cannot have; return the key it was probably meant to be."""
        owners = [v for v, extra in self.variants.items() if key in extra]
        if owners and isinstance(variant, str):
            ctx.error(
                path,
                f'"{key}" is not used by {variant} questions (only by '
                f"{', '.join(owners)}); remove it",
                at_key=True,
            )
            return ""
        guess = close_match(key, allowed)
        hint = (
            f'; did you mean "{guess}"?'
            if guess
            else (f"; the keys it can have are {quoted_list(allowed)}")
        )
        ctx.error(path, f'unknown key "{key}" in a {self.name}{hint}', at_key=True)
        return guess

    def schema(self) -> JsonSchema:
        properties: dict[str, JsonSchema] = {}
        for fields in (self.fields, *self.variants.values()):
            for key, spec in fields.items():
                properties[key] = {
                    **spec.kind.schema(),
                    **({"description": spec.doc} if spec.doc else {}),
                }
        out: JsonSchema = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
            "required": [k for k, spec in self.fields.items() if spec.required],
        }
        conditional = [
            {
                "if": {"properties": {self.variant_key: {"const": name}}},
                "then": {"required": [k for k, spec in extra.items() if spec.required]},
            }
            for name, extra in self.variants.items()
            if any(spec.required for spec in extra.values())
        ]
        if conditional:
            out["allOf"] = conditional
        return out


def _who(name: str, value: dict[str, Any]) -> str:
    """'page "pain"' when the object has a usable id (or name), else 'a page'."""
    ident = value.get("id", value.get("name"))
    return f'{name} "{ident}"' if isinstance(ident, str) else f"a {name}"


@dataclass
class AnyMapping(Kind):
    """A mapping whose keys are checked later, against the questionnaire (e.g. answers)."""

    noun: str = "a set of key: value lines"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if value is None:
            return {}
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ctx)
        return value

    def schema(self) -> JsonSchema:
        return {"type": "object"}
