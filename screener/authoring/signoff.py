"""The safety content's fingerprint, and who has signed it off.

The safety content is what decides which result a person gets and what it tells them to
do: the settings that fill the advice, the tiers, the red flags, the promises, what decides
where guidance cards show, the safety net and disclaimer, and every question a rule reads
(its words, page and scale too, since a reworded question is answered differently), and the
words of cards that may show on a result that says go now. The fingerprint a reviewer signs
is a digest of every part's whole content. A questionnaire's `signoff` section lists who
reviewed which fingerprint, and a short digest of each part as it was when two people last
signed, so that a check can name what changed since.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from screener.authoring.assemble import Assembled
from screener.authoring.shapes import Context
from screener.authoring.source import NodePath, Position
from screener.catalogue import signoff as messages
from screener.core.model import Question, Questionnaire, Review
from screener.core.wording import quoted_list

REVIEWERS_NEEDED = 2


def _digest(content: Any, length: int) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _words(condition: Any) -> str | None:
    """A condition's text, whatever its line breaks."""
    return " ".join(condition.text.split()) if condition is not None else None


def read_questions(q: Questionnaire) -> tuple[str, ...]:
    """The questions any rule reads, in journey order: red flags, promises, show_ifs, cards."""
    read: set[str] = set()
    conditions = [f.when for f in q.red_flags] + [p.when for p in q.promises]
    conditions += [c.when for c in q.guidance]
    conditions += [page.show_if for page in q.pages]
    conditions += [question.show_if for question in q.questions.values()]
    for condition in conditions:
        if condition is not None:
            read.update(condition.questions)
    read.update(p.target for p in q.promises if p.kind == "asked_of_everyone")
    return tuple(qid for qid in q.questions if qid in read)


def _question(q: Questionnaire, question: Question) -> dict[str, Any]:
    """Everything about a question that decides how people answer it and what it means."""
    page = q.page_by_id[question.page]
    return {
        "page": [page.id, page.title, page.intro, _words(page.show_if)],
        "type": question.type,
        "required": question.required,
        "show_if": _words(question.show_if),
        "words": [question.text, question.hint, question.unit],
        "scale": [question.min_label, question.max_label, question.minimum, question.maximum],
        "options": [[o.value, o.label, o.hint, o.exclusive] for o in question.options],
    }


def _on_an_emergency(q: Questionnaire, tiers: tuple[str, ...], safe_on_urgent: bool) -> bool:
    """Whether a card may show on a result that says go now: its words are then advice for
    an emergency, and signed with it."""
    stopping = {tier.id for tier in q.tiers if tier.interrupt}
    return safe_on_urgent or not tiers or bool(stopping & set(tiers))


def _contents(q: Questionnaire) -> Iterator[tuple[str, Any]]:
    # Every placeholder a tier's or red flag's words may use, in every language.
    fallback = q.meta.default_language
    yield "settings", {lang: q.settings.placeholders(lang, fallback) for lang in q.meta.languages}
    for tier in q.tiers:
        yield (
            f"tier {tier.id}",
            [tier.rank, tier.headline, tier.action, tier.time_frame, tier.interrupt, tier.clinic],
        )
    for flag in q.red_flags:
        yield (
            f"red flag {flag.id}",
            {
                "tier": flag.tier,
                "when": _words(flag.when),
                "safe_when_hidden": flag.safe_when_hidden,
                "title": flag.title,
                "message": flag.message,
                "say_on_arrival": flag.say_on_arrival,
            },
        )
    for promise in q.promises:
        yield (
            f"promise {promise.id}",
            [promise.kind, promise.target, _words(promise.when), promise.tiers, promise.on_its_own],
        )
    for card in q.guidance:
        rule = [_words(card.when), card.tiers, card.safe_on_urgent]
        urgent = _on_an_emergency(q, card.tiers, card.safe_on_urgent)
        yield f"guidance card {card.id}", [*rule, *([card.title, card.body] if urgent else [])]
    read = read_questions(q)
    for qid in read:
        yield f"question {qid}", _question(q, q.questions[qid])
    # No id has a space, so this name can never be a question's part.
    yield "order of the questions", [[q.questions[qid].page, qid] for qid in read]
    safety_net = q.safety_net
    yield "safety net", [safety_net.title, safety_net.title_when_interrupted, safety_net.body]
    yield "disclaimer", [q.disclaimer.title, q.disclaimer.body]


def safety_contents(q: Questionnaire) -> dict[str, Any]:
    """Each safety-relevant part's content, by the part's name."""
    return dict(_contents(q))


def safety_parts(q: Questionnaire) -> dict[str, str]:
    """A short digest of each safety-relevant part, by the part's name, for naming what
    changed; a red flag's also names its tier, so a lowered flag is said plainly."""
    parts = {name: _digest(content, 8) for name, content in _contents(q)}
    for flag in q.red_flags:
        parts[f"red flag {flag.id}"] += f" {flag.tier}"
    return parts


def safety_fingerprint(q: Questionnaire) -> str:
    """What a reviewer signs: one digest of every part's whole content."""
    return _digest(sorted((name, _digest(content, 64)) for name, content in _contents(q)), 16)


@dataclass(frozen=True)
class PartChange:
    """One part that differs from the last content two people signed."""

    part: str  # e.g. "red flag ces_saddle"
    how: str  # "added", "removed" or "changed"
    tiers: tuple[str, str] | None = None  # a red flag's tier when signed, and now

    def words(self) -> str:
        """What happened to the part, e.g. 'now gives "soon" (it gave "emergency")'."""
        if self.tiers is not None:
            return f'now gives "{self.tiers[1]}" (it gave "{self.tiers[0]}")'
        return {"added": "was added", "removed": "was removed"}.get(self.how, "changed")


@dataclass(frozen=True)
class SignoffStatus:
    """Whether the safety content is signed, by whom, and what changed since it last was."""

    fingerprint: str
    signers: tuple[Review, ...]  # one review per person who signed exactly this content
    last_signed: tuple[Review, ...]  # the reviews of the last content two people signed
    changes: tuple[PartChange, ...]

    @property
    def signed(self) -> bool:
        """True when enough different people signed exactly this content."""
        return len(self.signers) >= REVIEWERS_NEEDED


def same_person(name: str) -> str:
    """A name as compared between reviews: case and spacing do not make another person."""
    return " ".join(name.casefold().split())


def signed_by(reviews: tuple[Review, ...], fingerprint: str) -> tuple[Review, ...]:
    """The first review of each different person who signed this fingerprint."""
    seen: dict[str, Review] = {}
    for review in reviews:
        if review.fingerprint == fingerprint:
            seen.setdefault(same_person(review.name), review)
    return tuple(seen.values())


def _change(name: str, before: str | None, after: str) -> PartChange:
    if before is None:
        return PartChange(name, "added")
    tiers = (before.partition(" ")[2], after.partition(" ")[2])
    return PartChange(name, "changed", tiers if tiers[0] != tiers[1] else None)


def last_signed(reviews: tuple[Review, ...]) -> tuple[Review, ...]:
    """The reviews of the last content two different people signed: the content the
    signoff section's parts were taken from."""
    for review in reversed(reviews):
        people = signed_by(reviews, review.fingerprint)
        if len(people) >= REVIEWERS_NEEDED:
            return people
    return ()


def signoff_status(q: Questionnaire) -> SignoffStatus:
    """The sign-off of this questionnaire's safety content as it now stands."""
    current = safety_fingerprint(q)
    signed = q.signoff.parts
    changes: tuple[PartChange, ...] = ()
    if signed:
        parts = safety_parts(q)
        changes = tuple(
            _change(name, signed.get(name), parts[name])
            for name in parts
            if signed.get(name) != parts[name]
        ) + tuple(PartChange(name, "removed") for name in signed if name not in parts)
    reviews = q.signoff.reviews
    return SignoffStatus(current, signed_by(reviews, current), last_signed(reviews), changes)


def _names(reviews: tuple[Review, ...]) -> str:
    return " and ".join(review.name for review in reviews)


def _signed(status: SignoffStatus) -> str:
    """'version 1.0, by Ana Ruiz and Ben Okafor' (or, were those reviews deleted, says so)."""
    if not status.last_signed:
        return "the reviews of that content are gone"
    return f"version {status.last_signed[0].version}, by {_names(status.last_signed)}"


# The section each part is written in: where a removed part is named.
SECTIONS: dict[str, NodePath] = {
    "settings": ("settings",),
    "tier": ("tiers",),
    "red flag": ("red_flags",),
    "promise": ("promises",),
    "guidance card": ("guidance",),
    "question": ("pages",),
    "question order": ("pages",),
    "safety net": ("safety_net",),
    "disclaimer": ("disclaimer",),
}


def _where(built: Assembled, ctx: Context, change: PartChange) -> Position:
    """Where a part is written: its rule (a lowered flag's tier), tier or question; a
    removed part, at the key of its section."""
    kind, _, ident = change.part.rpartition(" ")
    if (kind, ident) in built.paths:
        return ctx.source.at((*built.paths[(kind, ident)], *(("tier",) if change.tiers else ())))
    section = SECTIONS.get(kind) or SECTIONS.get(change.part, ("signoff",))
    return ctx.source.key_at(section if section[0] in ctx.source.data else ("signoff",))


def check_signoff(built: Assembled, ctx: Context) -> bool:
    """Unsigned or changed safety content: a warning while editing, an error in production."""
    if ctx.signoff == "skip":
        return True
    q = built.questionnaire
    status = signoff_status(q)
    if status.signed:
        return True
    add = ctx.problems.error if ctx.signoff == "require" else ctx.problems.warning
    at = ctx.source.at
    for change in status.changes:
        how = change.words()
        add(
            _where(built, ctx, change),
            messages.CHANGED_SINCE_SIGNOFF.say(part=change.part, how=how, signed=_signed(status)),
        )
    if status.changes and q.meta.version in {r.version for r in status.last_signed}:
        add(at(("meta", "version")), messages.VERSION_NOT_RAISED.say(version=q.meta.version))
    if status.signers:
        names = quoted_list([r.name for r in status.signers])
        add(
            ctx.source.key_at(("signoff",)),
            messages.SIGNOFF_INCOMPLETE.say(
                version=q.meta.version,
                count=len(status.signers),
                needed=REVIEWERS_NEEDED,
                names=names,
            ),
        )
    elif not status.changes:
        add(at(("meta", "version")), messages.NOT_SIGNED_OFF.say())
    return True
