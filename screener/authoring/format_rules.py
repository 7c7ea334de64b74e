"""Rules between the keys of one part: a question's range and options, a promise's one thing."""

from __future__ import annotations

from typing import Any

from screener.authoring.shapes import Context
from screener.authoring.source import NodePath
from screener.catalogue import format as messages
from screener.core.questiontypes import QUESTION_TYPES

PROMISE_KINDS = ("result_at_least", "result_at_most", "asked_of_everyone", "card")


def question_rules(question: dict[str, Any], path: NodePath, ctx: Context) -> None:
    """Rules inside one question: ranges, unique option values, exclusive options."""
    kind = str(question.get("type"))
    kind_of = {name: t.value_kind for name, t in QUESTION_TYPES.items()}
    low, high = question.get("min"), question.get("max")
    if isinstance(low, int) and isinstance(high, int) and low >= high:
        ctx.error((*path, "max"), messages.MAX_NOT_ABOVE_MIN.say(high=high, low=low))
    seen: dict[str, int] = {}
    for index, option in enumerate(question.get("options", [])):
        value = option.get("value")
        if isinstance(value, str) and value in seen:
            ctx.error(
                (*path, "options", index, "value"),
                messages.DUPLICATE_OPTION_VALUE.say(value=value, first=seen[value] + 1),
            )
        elif isinstance(value, str):
            seen[value] = index
        if option.get("exclusive") and kind_of.get(kind) != "choices":
            ctx.error(
                (*path, "options", index, "exclusive"),
                messages.EXCLUSIVE_NOT_MULTIPLE.say(),
                at_key=True,
            )
    if kind_of.get(kind) == "text" and question.get("required") is True:
        ctx.error((*path, "required"), messages.TEXT_REQUIRED.say(), at_key=True)


def promise_rules(promise: dict[str, Any], path: NodePath, ctx: Context) -> None:
    """A promise says exactly one thing, and only the keys that thing uses."""
    kinds = [key for key in PROMISE_KINDS if key in promise]
    if len(kinds) != 1:
        found = "none of them" if not kinds else " and ".join(f'"{k}"' for k in kinds)
        every = ", ".join(f'"{k}"' for k in PROMISE_KINDS)
        ctx.error(
            path,
            messages.PROMISE_NOT_ONE_THING.say(ident=promise.get("id"), kinds=every, found=found),
        )
        return
    if "never_on" in promise and kinds != ["card"]:
        ctx.error((*path, "never_on"), messages.NEVER_ON_WITHOUT_CARD.say(), at_key=True)
    if promise.get("on_its_own") and "when" not in promise:
        ctx.error((*path, "on_its_own"), messages.ON_ITS_OWN_WITHOUT_WHEN.say(), at_key=True)
    if "when" in promise and kinds == ["asked_of_everyone"]:
        ctx.error((*path, "when"), messages.WHEN_ON_ASKED_OF_EVERYONE.say(), at_key=True)
