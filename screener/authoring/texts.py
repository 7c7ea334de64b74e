"""The shape of a text people read in `questions.yaml`: one string, or one per language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screener.authoring.shapes import INVALID, Context, JsonSchema, Shape
from screener.authoring.source import NodePath
from screener.catalogue import format as messages
from screener.core.markdown import markdown_problems
from screener.core.text import PLACEHOLDER, PLACEHOLDERS, language_name
from screener.core.wording import did_you_mean, quoted_list


@dataclass
class LocalText(Shape):
    """A text shown to people: a plain string, or one string per declared language."""

    noun: str = "a text"
    markdown: bool = False

    def clean(self, value: Any, path: NodePath, ctx: Context) -> Any:
        if isinstance(value, str):
            texts = {ctx.languages[0]: value}
        elif isinstance(value, dict):
            texts = {}
            for language, text in value.items():
                if language not in ctx.languages:
                    unknown = messages.NOT_A_LANGUAGE.say(
                        language=language,
                        languages=", ".join(ctx.languages),
                        suggestion=did_you_mean(language, ctx.languages),
                    )
                    ctx.error((*path, language), unknown, at_key=True)
                elif not isinstance(text, str):
                    self.wrong_type(text, (*path, language), ctx)
                else:
                    texts[language] = text
        else:
            return self.wrong_type(value, path, ctx)
        ok = all(
            [
                self._check_one(text, (*path, lang) if isinstance(value, dict) else path, ctx)
                for lang, text in texts.items()
            ]
        )
        missing = [lang for lang in ctx.languages if lang not in texts]
        if missing and (texts or isinstance(value, dict)):
            names = ", ".join(language_name(lang) for lang in missing)
            example = ", ".join(f"{lang}: ..." for lang in ctx.languages)
            missing_text = messages.MISSING_TRANSLATION.say(
                key=_key(path), missing=names, example=example
            )
            ctx.error(path, missing_text)
            return INVALID
        return texts if ok else INVALID

    def _check_one(self, text: str, path: NodePath, ctx: Context) -> bool:
        if not text.strip():
            ctx.error(path, messages.EMPTY_TEXT.say(key=_key(path)))
            return False
        ok = True
        if self.markdown:
            for offset, message in markdown_problems(text):
                ctx.problems.error(ctx.source.inside(path, offset), message)
                ok = False
        elif "<" in text and markdown_problems(text):
            ctx.problems.error(ctx.source.at(path), messages.HTML_IN_TEXT.say())
            ok = False
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1)
            if name not in PLACEHOLDERS:
                hint = (
                    did_you_mean(name, PLACEHOLDERS)
                    or f"; the names you can use are {quoted_list(PLACEHOLDERS)}"
                )
                ctx.problems.error(
                    ctx.source.inside(path, match.start()),
                    messages.UNKNOWN_PLACEHOLDER.say(name=name, suggestion=hint),
                )
                ok = False
        return ok

    def schema(self) -> JsonSchema:
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "propertyNames": {"pattern": "^[a-z]{2}$"},
                },
            ]
        }


def _key(path: NodePath) -> str:
    named = [part for part in path if isinstance(part, str) and len(part) > 2]
    return f'"{named[-1]}"' if named else "this text"
