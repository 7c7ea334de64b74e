"""What a reviewer reads besides behaviour: every text in every language, and the settings.

Each text and setting has a stable name ("question saddle text [es]") and the node path where
the newer version writes it, so every change can point at its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from screener.model import Questionnaire
from screener.source import NodePath
from screener.text import Text

# Where a part of the questionnaire is written: (kind, id) -> its node path, if the file has it.
PathOf = Callable[[tuple[str, str]], NodePath | None]


@dataclass(frozen=True)
class Entry:
    """One text in one language, or one setting, with where it is written."""

    value: str
    path: NodePath


@dataclass(frozen=True)
class TextChange:
    """A text or setting added, removed or changed, at its place in the newer version."""

    what: str  # "added", "removed", "changed"
    name: str
    before: str | None
    after: str | None
    path: NodePath

    def __str__(self) -> str:
        if self.what == "added":
            return f"added: {self.name}: {self.after!r}"
        if self.what == "removed":
            return f"removed: {self.name}"
        return f"changed: {self.name}: {self.before!r} -> {self.after!r}"


def _languages(text: Text | None, name: str, path: NodePath) -> Iterator[tuple[str, Entry]]:
    for language, value in (text or {}).items():
        yield f"{name} [{language}]", Entry(value, (*path, language))


def texts(q: Questionnaire, path_of: PathOf) -> dict[str, Entry]:
    """Every patient-facing text, by a stable name, in every language."""
    found: dict[str, Entry] = {}

    def add(name: str, text: Text | None, owner: tuple[str, str] | None, *field: str | int) -> None:
        base: NodePath = (path_of(owner) or ()) if owner else ()
        found.update(_languages(text, name, (*base, *field)))

    add("meta title", q.meta.title, None, "meta", "title")
    add("safety net title", q.safety_net.title, None, "safety_net", "title")
    add("safety net", q.safety_net.body, None, "safety_net", "body")
    add("disclaimer title", q.disclaimer.title, None, "disclaimer", "title")
    add("disclaimer", q.disclaimer.body, None, "disclaimer", "body")
    for tier in q.tiers:
        for name in ("headline", "action", "time_frame"):
            add(f"tier {tier.id} {name}", getattr(tier, name), ("tier", tier.id), name)
    for page in q.pages:
        add(f"page {page.id} title", page.title, ("page", page.id), "title")
        add(f"page {page.id} intro", page.intro, ("page", page.id), "intro")
        for question in page.questions:
            owner = ("question", question.id)
            add(f"question {question.id} text", question.text, owner, "text")
            add(f"question {question.id} hint", question.hint, owner, "hint")
            for index, option in enumerate(question.options):
                label = f"option {question.id}.{option.value}"
                add(label, option.label, owner, "options", index, "label")
    for flag in q.red_flags:
        for name in ("title", "message", "say_on_arrival"):
            add(f"red flag {flag.id} {name}", getattr(flag, name), ("red flag", flag.id), name)
    for card in q.guidance:
        add(f"guidance {card.id} title", card.title, ("guidance card", card.id), "title")
        add(f"guidance {card.id} body", card.body, ("guidance card", card.id), "body")
    return found


def settings(q: Questionnaire) -> dict[str, Entry]:
    """The emergency number, the clinic's details and the local names for care."""
    s = q.settings
    found = {"emergency number": Entry(s.emergency_number, ("settings", "emergency_number"))}
    for name, text in s.care_names.items():
        found.update(_languages(text, f"care name {name}", ("settings", name)))
    clinic = s.clinic
    if clinic is not None:
        for key in ("name", "phone", "booking_url"):
            value = getattr(clinic, key)
            if value is not None:
                found[f"clinic {key}"] = Entry(value, ("settings", "clinic", key))
        found.update(_languages(clinic.area, "clinic area", ("settings", "clinic", "area")))
        found.update(_languages(clinic.offer, "clinic offer", ("settings", "clinic", "offer")))
    return found


def changes(before: dict[str, Entry], after: dict[str, Entry]) -> list[TextChange]:
    """Entries added, removed or changed, in the newer version's order."""
    found = [
        TextChange("changed", k, before[k].value, e.value, e.path)
        if k in before and before[k].value != e.value
        else TextChange("added", k, None, e.value, e.path)
        for k, e in after.items()
        if k not in before or before[k].value != e.value
    ]
    # A removed text points where its owner still is in the newer version, if anywhere.
    found += [
        TextChange("removed", k, e.value, None, e.path) for k, e in before.items() if k not in after
    ]
    return found


def text_changes(old: Questionnaire, new: Questionnaire, path_of: PathOf) -> list[TextChange]:
    """Every text that changed, in every language."""
    return changes(texts(old, path_of), texts(new, path_of))


def setting_changes(old: Questionnaire, new: Questionnaire) -> list[TextChange]:
    """Every setting that changed."""
    return changes(settings(old), settings(new))


def promise_changes(old: Questionnaire, new: Questionnaire, path_of: PathOf) -> list[TextChange]:
    """Promises added, removed or reworded, each in plain words."""
    from screener.promises import promise_words

    def entries(q: Questionnaire) -> dict[str, Entry]:
        return {
            f"promise {p.id}": Entry(promise_words(p), path_of(("promise", p.id)) or ("promises",))
            for p in q.promises
        }

    return changes(entries(old), entries(new))
