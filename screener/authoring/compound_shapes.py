"""Lists and mappings: shapes made of other shapes, down to the keys of each part."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screener.authoring.shapes import INVALID, Context, JsonSchema, Shape, describe_value, key_label
from screener.authoring.source import NodePath
from screener.catalogue import format as messages
from screener.core.wording import close_match, plural, quoted_list


@dataclass
class ListOf(Shape):
    """A list whose every item is of one kind."""

    item: Shape = field(default_factory=Shape)
    min_items: int = 0
    max_items: int = 10_000
    noun: str = "a list"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if not isinstance(value, list):
            wrong = messages.NOT_A_LIST.say(label=key_label(path), found=describe_value(value))
            return ctx.error(path, wrong)
        if len(value) < self.min_items:
            items = plural(self.min_items, "item")
            return ctx.error(path, messages.TOO_FEW_ITEMS.say(label=key_label(path), items=items))
        if len(value) > self.max_items:
            many = messages.TOO_MANY_ITEMS.say(label=key_label(path), limit=self.max_items)
            return ctx.error(path, many)
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

    shape: Shape
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass
class Record(Shape):
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
            found = describe_value(value)
            wrong = messages.NOT_A_MAPPING.say(label=key_label(path), name=self.name, found=found)
            return ctx.error(path, wrong)
        allowed = dict(self.fields)
        variant = value.get(self.variant_key) if self.variant_key else None
        if isinstance(variant, str) and variant in self.variants:
            allowed.update(self.variants[variant])
        out: dict[str, Any] = {}
        broken = False
        suggested: set[str] = set()
        for key, raw in value.items():
            if key in allowed:
                cleaned = allowed[key].shape.clean(raw, (*path, key), ctx)
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
                    ctx.error(path, messages.MISSING_KEY.say(who=who, key=key))
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
            other = messages.KEY_OF_ANOTHER_TYPE.say(
                key=key, kind=variant, owners=", ".join(owners)
            )
            ctx.error(path, other, at_key=True)
            return ""
        guess = close_match(key, allowed)
        hint = (
            f'; did you mean "{guess}"?'
            if guess
            else (f"; the keys it can have are {quoted_list(allowed)}")
        )
        unknown = messages.UNKNOWN_KEY.say(key=key, name=self.name, suggestion=hint)
        ctx.error(path, unknown, at_key=True)
        return guess

    def schema(self) -> JsonSchema:
        properties: dict[str, JsonSchema] = {}
        for fields in (self.fields, *self.variants.values()):
            for key, spec in fields.items():
                properties[key] = {
                    **spec.shape.schema(),
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
class MapOf(Shape):
    """A mapping from names to values: of one kind (the sign-off's digest of each part), or
    of any kind when their keys are checked later, against the questionnaire (answers)."""

    value: Shape | None = None
    noun: str = "a set of key: value lines"

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if value is None:
            return {}
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ctx)
        if self.value is None:
            return value
        cleaned = {str(k): self.value.clean(v, (*path, k), ctx) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not INVALID}

    def schema(self) -> JsonSchema:
        if self.value is None:
            return {"type": "object"}
        return {"type": "object", "additionalProperties": self.value.schema()}
