"""Changes the sign-off covers that no rule decision names (a question's options, a card's
words on an emergency result, the words that fill the advice): each said in general words,
with the settings and texts the diff lists after them saying exactly what."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from screener.authoring.signoff import safety_contents, safety_parts
from screener.core.model import Questionnaire
from screener.tools.naming import Decision, text_of, when_of

SECTIONS = {
    "settings": (
        "settings",
        "The names and numbers that fill the advice changed (see the settings below).",
    ),
    "order of the questions": (
        "pages",
        "The order in which the questions rules read are asked changed, or one of them moved "
        "to another page.",
    ),
    "safety net": (
        "safety_net",
        "The safety net on every result has new words (see the texts below).",
    ),
    "disclaimer": (
        "disclaimer",
        "The disclaimer on every result has new words (see the texts below).",
    ),
}


# What each kind of part holds that no rule decision speaks of: its words (a tier's,
# a red flag's, a card's on an emergency result), or how a question is asked.
def _unspoken(kind: str, content: Any) -> Any:
    if kind == "tier":
        return content[1:4]  # headline, action, time frame; not its place or switches
    if kind == "red flag":
        return [content["title"], content["message"], content["say_on_arrival"]]
    if kind == "guidance card":
        return content[3:]  # its words, when they are signed; not its rule
    if kind == "question":
        return {**content, "show_if": None, "page": content["page"][:3]}  # not show_ifs
    return content


def _card(old: Questionnaire, new: Questionnaire, ident: str) -> Decision | None:
    """A card added or removed."""
    if ident not in {c.id for c in new.guidance}:
        card = next(c for c in old.guidance if c.id == ident)
        title = text_of(old, card.title)
        return Decision(("guidance card", ident), f"Card “{title}” ({ident}) is removed.", True)
    if ident not in {c.id for c in old.guidance}:
        card = next(c for c in new.guidance if c.id == ident)
        tiers = ", ".join(card.tiers) or "every tier"
        return Decision(
            ("guidance card", ident),
            f"New card “{text_of(new, card.title)}” ({ident}) shows on {tiers}, "
            f"{when_of(new, card.when)}.",
        )
    return None


def _other_part(old: Questionnaire, new: Questionnaire, part: str) -> Decision | None:
    """A change the sign-off covers that no rule decision names: said in general words,
    with the settings and texts below saying exactly what."""
    if part in SECTIONS:
        section, words = SECTIONS[part]
        return Decision(("section", section), words)
    kind, _, ident = part.rpartition(" ")
    added_or_removed = _card(old, new, ident) if kind == "guidance card" else None
    if added_or_removed is not None:
        return added_or_removed
    before, after = safety_contents(old).get(part), safety_contents(new).get(part)
    if before is None or after is None or _unspoken(kind, before) == _unspoken(kind, after):
        return None  # added or removed (a rule decision says so), or its rule changed
    if kind == "guidance card" and not (_unspoken(kind, before) and _unspoken(kind, after)):
        return None  # its words are signed or not as a tier starts or stops going now
    if kind == "question":
        text = text_of(new, new.questions[ident].text)
        return Decision(
            (kind, ident),
            f"Question “{text}” ({ident}) changed: how it is asked or what its answers mean "
            "(its type, options, range, scale words, page or words; see below).",
        )
    if kind == "guidance card":
        card = next(c for c in new.guidance if c.id == ident)
        return Decision(
            (kind, ident),
            f"Card “{text_of(new, card.title)}” ({ident}), which may show on a result that says "
            "go now, has new words (see the texts below).",
        )
    return Decision((kind, ident), f"The {kind} {ident} has new words (see the texts below).")


def other_changes(
    old: Questionnaire, new: Questionnaire, found: list[Decision]
) -> Iterator[Decision]:
    """Every part the sign-off names as changed that the rule decisions left out."""
    named = {d.owner for d in found}
    before, after = safety_parts(old), safety_parts(new)
    for part in dict.fromkeys([*after, *before]):
        if before.get(part) == after.get(part):
            continue
        if part == "settings" and _placeholders(old) == _placeholders(new):
            continue  # only the emergency number, already a decision of its own
        decision = _other_part(old, new, part)
        if decision is not None and decision.owner not in named:
            named.add(decision.owner)
            yield decision


def _placeholders(q: Questionnaire) -> dict[str, dict[str, str]]:
    fallback = q.meta.default_language
    return {
        lang: {
            k: v
            for k, v in q.settings.placeholders(lang, fallback).items()
            if k != "emergency_number"
        }
        for lang in q.meta.languages
    }
