"""Where in the newer version a change of behaviour comes from: the rule, tier or show_if
to point the clinician at, found from one example combination."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from screener.authoring.proof.outcomes import Outcomes
from screener.authoring.proof.space import BDD, Assignment
from screener.core.model import Guidance, Questionnaire, RedFlag

if TYPE_CHECKING:
    from screener.tools.behaviour_diff import _Versions

Owner = tuple[str, str]
Place = tuple[Owner | None, tuple[str, ...]]


def _flag(q: Questionnaire, flag_id: str) -> RedFlag | None:
    return q.red_flag_by_id.get(flag_id)


def _card(q: Questionnaire, card_id: str) -> Guidance | None:
    return next((c for c in q.guidance if c.id == card_id), None)


def fired(outcomes: Outcomes, flag_id: str) -> BDD:
    known = _flag(outcomes.questionnaire, flag_id) is not None
    return outcomes.fired(flag_id) if known else outcomes.space.false


def shown(outcomes: Outcomes, card_id: str) -> BDD:
    known = _card(outcomes.questionnaire, card_id) is not None
    return outcomes.card(card_id) if known else outcomes.space.false


def _text(condition: Any) -> str | None:
    return condition.text if condition is not None else None


def flag_place(old: Questionnaire, new: Questionnaire, flag_id: str) -> Place | None:
    """Where NEW changed a red flag (its tier, its condition), or None when it did not."""
    mine, theirs = _flag(new, flag_id), _flag(old, flag_id)
    if mine is None:
        return None, ("red_flags",)
    if theirs is None or theirs.when.text != mine.when.text:
        return ("red flag", flag_id), ("when",) if theirs else ()
    if theirs.tier != mine.tier:
        return ("red flag", flag_id), ("tier",)
    return None


def card_place(old: Questionnaire, new: Questionnaire, card_id: str) -> Place | None:
    """Where NEW changed a guidance card, or None when it did not."""
    mine, theirs = _card(new, card_id), _card(old, card_id)
    if mine is None:
        return None, ("guidance",)
    if theirs is None:
        return ("guidance card", card_id), ()
    if theirs.tiers != mine.tiers:
        return ("guidance card", card_id), ("tiers",)
    if _text(theirs.when) != _text(mine.when):
        return ("guidance card", card_id), ("when",)
    return None


def _cause(v: _Versions, example: Assignment) -> Place | None:
    """What changed and acts on this combination: a red flag that holds for it, a tier it
    ends on, or a show_if that now shows or hides a question it answers."""
    old, new = v.old.questionnaire, v.new.questionnaire
    for flag_id in dict.fromkeys([*new.red_flag_by_id, *old.red_flag_by_id]):
        place = flag_place(old, new, flag_id)
        if place is not None and any(
            o.evaluate(o.fired_at(flag_id, None), example)
            for o in (v.old, v.new)
            if _flag(o.questionnaire, flag_id) is not None
        ):
            return place
    ends = {o.questionnaire.tiers[_rank(o, example)].id for o in (v.old, v.new)}
    for tier in new.tiers:
        before = old.tier_by_id.get(tier.id)
        if tier.id in ends and before is not None:
            for key in ("interrupt", "clinic"):
                if getattr(before, key) != getattr(tier, key):
                    return ("tier", tier.id), (key,)
            if before.rank != tier.rank:
                return ("tier", tier.id), ()
    for qid in v.new.views:
        if qid in v.old.views and v.new.evaluate(v.new.shown[qid], example) != v.old.evaluate(
            v.old.shown[qid], example
        ):
            question = new.questions[qid]
            page = new.page_by_id[question.page]
            if _text(page.show_if) != _text(old.page_by_id.get(page.id, page).show_if):
                return ("page", page.id), ("show_if",)
            return ("question", qid), ("show_if",)
    return None


def _rank(outcomes: Outcomes, example: Assignment) -> int:
    return next(r for r, t in enumerate(outcomes.tiers) if outcomes.evaluate(t, example))


def _new_answer(v: _Versions, example: Assignment) -> Place:
    """The question whose answer in this combination only the new version offers."""
    for qid, view in v.new.views.items():
        before = v.old.views.get(qid)
        if before is None or not v.old.evaluate(before.allowed, example):
            return ("question", qid), ("options",) if view.question.options else ()
    return None, ("pages",)


def explained(v: _Versions, own: Place | None, fallback: Place) -> Callable[[Assignment], Place]:
    """A changed rule explains itself; anything else is explained by what changed."""
    if own is not None:
        return lambda _example: own
    return lambda example: _cause(v, example) or fallback


def new_answer_place(v: _Versions) -> Callable[[Assignment], Place]:
    return lambda example: _new_answer(v, example)
