"""The question-type registry of the proof: how each type's answers are encoded and moved."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from screener.authoring.proof.bits import Number, any_of, compare, constant
from screener.authoring.proof.readings import Readings
from screener.authoring.proof.space import BDD
from screener.core.model import Question
from screener.core.questiontypes import QUESTION_TYPES

if TYPE_CHECKING:  # a view looks its encoding up here, so only the type goes the other way
    from screener.authoring.proof.views import View


@dataclass(frozen=True)
class Encoding:
    """Everything the proof knows about one question type.

    `turn_on` relates an answer (the view's bits) to a raised answer (the primed twin): the
    move that "turns on a red-flag answer" for this type; None when the type has none.
    """

    slot_kind: str
    domain: Callable[[View, Sequence[BDD]], BDD]
    answered: Callable[[View, Sequence[BDD]], BDD]
    quiet: Callable[[View], list[Callable[[BDD], BDD]]]
    turn_on: Callable[[View, Readings], BDD | None]
    describe_move: Callable[[View, Any, Any], str]


def _choice_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q = view.slot, view.question
    allowed = [slot.code_is(slot.values.index(v), bits) for v in q.option_values]
    if not q.required:
        allowed.append(slot.code_is(slot.skip_code, bits))
    return any_of(view.space, allowed)


def _choice_answered(view: View, bits: Sequence[BDD]) -> BDD:
    slot = view.slot
    return ~slot.code_is(slot.skip_code, bits) if slot.skip else view.space.true


def _choices_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q, space = view.slot, view.question, view.space
    result = space.true
    offered = set(q.option_values)
    for value, bit in zip(slot.values, bits, strict=True):
        if value not in offered:
            result &= ~bit
    for option in q.options:
        if option.exclusive:
            mine = bits[slot.values.index(option.value)]
            others = [b for v, b in zip(slot.values, bits, strict=True) if v != option.value]
            result &= ~mine | ~any_of(space, others)
    if q.required:
        result &= any_of(space, list(bits))
    return result


def _choices_answered(view: View, bits: Sequence[BDD]) -> BDD:
    return any_of(view.space, list(bits))


def _number_domain(view: View, bits: Sequence[BDD]) -> BDD:
    slot, q = view.slot, view.question
    assert q.minimum is not None and q.maximum is not None  # the format gives every number both
    low, high = q.minimum, q.maximum
    code = Number(tuple(bits), 0)
    inside = compare(view.space, code, ">=", constant(low - slot.low)) & compare(
        view.space, code, "<=", constant(high - slot.low)
    )
    if not q.required:
        inside |= slot.code_is(slot.skip_code, bits)
    return inside


def _number_answered(view: View, bits: Sequence[BDD]) -> BDD:
    slot = view.slot
    return ~slot.code_is(slot.skip_code, bits) if slot.skip else view.space.true


def _quiet_choice(view: View) -> list[Callable[[BDD], BDD]]:
    """Options no red flag names first, in file order; then the rest; "yes" last."""
    named = view.readings.options | {"yes"}
    values = view.question.option_values
    order = [v for v in values if v not in named] + [v for v in values if v in named]
    order = [v for v in order if v != "yes"] + [v for v in order if v == "yes"]
    codes = [view.slot.values.index(v) for v in order if v in view.slot.values]

    def prefer(u: BDD) -> BDD:
        for code in codes:
            narrowed = u & view.slot.code_is(code)
            if narrowed != view.space.false:
                return narrowed
        return u

    return [prefer]


def _quiet_choices(view: View) -> list[Callable[[BDD], BDD]]:
    slot, q = view.slot, view.question
    exclusive = [slot.bits[slot.values.index(o.value)] for o in q.options if o.exclusive]
    return [*(_requiring(bit) for bit in exclusive), *(_requiring(~bit) for bit in slot.bits)]


def _requiring(literal: BDD) -> Callable[[BDD], BDD]:
    """A preference for combinations where `literal` holds."""
    return lambda u: u & literal


def _quiet_number(view: View) -> list[Callable[[BDD], BDD]]:
    # Most significant bit first, each cleared where it can be: the lowest possible number.
    return [_requiring(~bit) for bit in reversed(view.slot.bits)]


def _raise_to(view: View, targets: Iterable[str]) -> BDD | None:
    """From any answer that is not a target (or a skip) to a target."""
    slot, space = view.slot, view.space
    codes = [slot.values.index(v) for v in targets if v in view.question.option_values]
    if not codes:
        return None
    before = ~any_of(space, [slot.code_is(c) for c in codes])
    after = any_of(space, [slot.code_is(c, slot.twin) for c in codes])
    return before & after


def _yes_no_on(view: View, readings: Readings) -> BDD | None:
    """To "yes": questions are asked so that yes is the warning sign (docs/authoring.md)."""
    return _raise_to(view, ["yes"])


def _single_choice_on(view: View, readings: Readings) -> BDD | None:
    return _raise_to(view, sorted(readings.options))


def _multiple_choice_on(view: View, readings: Readings) -> BDD | None:
    """Tick one more box that is not exclusive; ticking it clears an exclusive one."""
    slot, q, space = view.slot, view.question, view.space
    exclusive = {o.value for o in q.options if o.exclusive}
    moves = []
    for option in q.options:
        if option.value in exclusive:
            continue
        i = slot.values.index(option.value)
        move = ~slot.bits[i] & slot.twin[i]
        for j, value in enumerate(slot.values):
            if j == i:
                continue
            if value in exclusive:
                move &= ~slot.twin[j]
            else:
                move &= slot.bits[j].equiv(slot.twin[j])
        moves.append(move)
    return any_of(space, moves) if moves else None


def _number_on(view: View, readings: Readings) -> BDD | None:
    """Move the number the way red flags count as worse (readings.red_flag_readings)."""
    if len(readings.directions) != 1:
        return None
    slot, space = view.slot, view.space
    worse = ">" if 1 in readings.directions else "<"
    moved = compare(space, Number(slot.twin, 0), worse, Number(slot.bits, 0))
    if slot.skip:  # from a number to a number; skipping is not a number
        moved &= ~slot.code_is(slot.skip_code) & ~slot.code_is(slot.skip_code, slot.twin)
    return moved


def _describe_choice(view: View, before: Any, after: Any) -> str:
    return f'{view.question.id} "{before or "skipped"}" -> "{after}"'


def _describe_choices(view: View, before: Any, after: Any) -> str:
    added = sorted(set(after or ()) - set(before or ()))
    return f'{view.question.id}: ticking "{added[0]}"' if added else view.question.id


def _describe_number(view: View, before: Any, after: Any) -> str:
    return f"{view.question.id} {before} -> {after}"


# By encoding family, as each question type names it (screener/core/questiontypes.py).
ENCODINGS: Mapping[str, Encoding] = {
    "yes_no": Encoding(
        "choice", _choice_domain, _choice_answered, _quiet_choice, _yes_no_on, _describe_choice
    ),
    "single_choice": Encoding(
        "choice",
        _choice_domain,
        _choice_answered,
        _quiet_choice,
        _single_choice_on,
        _describe_choice,
    ),
    "multiple_choice": Encoding(
        "choices",
        _choices_domain,
        _choices_answered,
        _quiet_choices,
        _multiple_choice_on,
        _describe_choices,
    ),
    "scale": Encoding(
        "int", _number_domain, _number_answered, _quiet_number, _number_on, _describe_number
    ),
    "number": Encoding(
        "int", _number_domain, _number_answered, _quiet_number, _number_on, _describe_number
    ),
}


def encoding_of(question: Question) -> Encoding | None:
    """The encoding its question type names; None for free text, which rules never read."""
    name = QUESTION_TYPES[question.type].encoding
    return ENCODINGS[name] if name is not None else None


def encoding(question: Question) -> Encoding:
    """The encoding of a question that rules read."""
    found = encoding_of(question)
    assert found is not None, f"{question.id}: free text has no encoding"
    return found
