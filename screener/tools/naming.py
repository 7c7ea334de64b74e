"""How the diff names the parts of a questionnaire for a reviewer: the decision itself,
tiers by the words patients read, and conditions in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screener.authoring.plain_words import describe
from screener.core.conditions import Condition
from screener.core.model import Questionnaire

Owner = tuple[str, str]


@dataclass(frozen=True)
class Decision:
    """One change a reviewer signs: what it is, where it is written, and who it affects."""

    owner: Owner
    words: str
    removed: bool = False  # written in the old version only
    key: tuple[str, ...] = ()  # the key within the part that changed, e.g. ("tier",)


def text_of(q: Questionnaire, text: Any) -> str:
    return q.text(text, q.meta.default_language) if text else ""


def when_of(q: Questionnaire, condition: Condition | None) -> str:
    return describe(condition, q, q.meta.default_language) if condition else "always"


def tier_name(q: Questionnaire, tier_id: str) -> str:
    """A tier as the patient reads it, with its id: 'Go to the ER now (emergency)'."""
    tier = q.tier_by_id.get(tier_id)
    return f"“{text_of(q, tier.headline)}” ({tier_id})" if tier else f"“{tier_id}”"


def plain(condition: Condition | None) -> str | None:
    return " ".join(condition.text.split()) if condition is not None else None


def shown_when(q: Questionnaire, condition: Condition | None) -> str:
    return f"only if {when_of(q, condition)}" if condition is not None else "to everyone"
