"""What a reviewer reads besides behaviour: every text in every language, and the settings.

Each text and setting has a stable name ("question saddle text [es]") and the node path where
the newer version writes it, so every change can point at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from screener.authoring.source import NodePath
from screener.core.model import Questionnaire
from screener.core.text import Text

Owner = tuple[str, str]
# Where a part of the questionnaire is written: (kind, id) -> its node path, if the file has it.
PathOf = Callable[[Owner], NodePath | None]
# The section each kind of part is listed in, for a part the newer version no longer has.
SECTIONS: dict[str, NodePath] = {
    "tier": ("tiers",),
    "page": ("pages",),
    "question": ("pages",),
    "red flag": ("red_flags",),
    "guidance card": ("guidance",),
    "promise": ("promises",),
}


@dataclass(frozen=True)
class Entry:
    """One text in one language, or one setting, with where it is written."""

    value: str
    path: NodePath
    owner: NodePath = ()  # where the part it belongs to is, for pointing at a removed entry


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


class _Collector:
    """Entries by name, each at its path in the newer version."""

    def __init__(self, path_of: PathOf) -> None:
        self.path_of = path_of
        self.found: dict[str, Entry] = {}

    def base(self, owner: Owner | None) -> NodePath:
        if owner is None:
            return ()
        return self.path_of(owner) or SECTIONS.get(owner[0], ())

    def text(self, name: str, text: Text | None, owner: Owner | None, *field: str | int) -> None:
        base = self.base(owner)
        for language, value in (text or {}).items():
            self.found[f"{name} [{language}]"] = Entry(value, (*base, *field, language), base)

    def value(self, name: str, value: object, owner: Owner | None, *field: str | int) -> None:
        if value is None:
            return
        shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if isinstance(value, tuple):
            shown = "[" + ", ".join(map(str, value)) + "]"
        base = self.base(owner)
        self.found[name] = Entry(shown, (*base, *field), base)


def texts(q: Questionnaire, path_of: PathOf) -> dict[str, Entry]:
    """Every text a patient or a reviewer reads, by a stable name, in every language."""
    add = _Collector(path_of)
    add.text("meta title", q.meta.title, None, "meta", "title")
    add.text("safety net title", q.safety_net.title, None, "safety_net", "title")
    add.text("safety net", q.safety_net.body, None, "safety_net", "body")
    interrupted = q.safety_net.title_when_interrupted
    add.text(
        "safety net title when interrupted",
        interrupted,
        None,
        "safety_net",
        "title_when_interrupted",
    )
    add.text("disclaimer title", q.disclaimer.title, None, "disclaimer", "title")
    add.text("disclaimer", q.disclaimer.body, None, "disclaimer", "body")
    for tier in q.tiers:
        for name in ("headline", "action", "time_frame"):
            add.text(f"tier {tier.id} {name}", getattr(tier, name), ("tier", tier.id), name)
    for page in q.pages:
        add.text(f"page {page.id} title", page.title, ("page", page.id), "title")
        add.text(f"page {page.id} intro", page.intro, ("page", page.id), "intro")
        for question in page.questions:
            owner = ("question", question.id)
            for name in ("text", "hint", "min_label", "max_label", "unit"):
                add.text(f"question {question.id} {name}", getattr(question, name), owner, name)
            for index, option in enumerate(question.options):
                label = f"option {question.id}.{option.value}"
                add.text(label, option.label, owner, "options", index, "label")
                add.text(f"{label} hint", option.hint, owner, "options", index, "hint")
    for flag in q.red_flags:
        owner = ("red flag", flag.id)
        for name in ("title", "message", "say_on_arrival"):
            add.text(f"red flag {flag.id} {name}", getattr(flag, name), owner, name)
        add.value(f"red flag {flag.id} source", flag.source, owner, "source")
    for card in q.guidance:
        owner = ("guidance card", card.id)
        add.text(f"guidance {card.id} title", card.title, owner, "title")
        add.text(f"guidance {card.id} body", card.body, owner, "body")
        add.value(f"guidance {card.id} source", card.source, owner, "source")
    return add.found


def settings(q: Questionnaire, path_of: PathOf) -> dict[str, Entry]:
    """The emergency number, the clinic, local names for care, and the rules' switches."""
    add = _Collector(path_of)
    s = q.settings
    add.value("emergency number", s.emergency_number, None, "settings", "emergency_number")
    for name, text in s.care_names.items():
        add.text(f"care name {name}", text, None, "settings", name)
    if s.clinic is not None:
        for key in ("name", "phone", "booking_url"):
            add.value(f"clinic {key}", getattr(s.clinic, key), None, "settings", "clinic", key)
        add.text("clinic area", s.clinic.area, None, "settings", "clinic", "area")
        add.text("clinic offer", s.clinic.offer, None, "settings", "clinic", "offer")
    for tier in q.tiers:
        for key in ("interrupt", "clinic"):
            add.value(f"tier {tier.id} {key}", getattr(tier, key), ("tier", tier.id), key)
    for question in q.questions.values():
        owner = ("question", question.id)
        add.value(f"question {question.id} type", question.type, owner, "type")
        add.value(f"question {question.id} required", question.required, owner, "required")
    for flag in q.red_flags:
        owner = ("red flag", flag.id)
        hidden = flag.safe_when_hidden
        add.value(f"red flag {flag.id} safe_when_hidden", hidden or None, owner, "safe_when_hidden")
    for card in q.guidance:
        owner = ("guidance card", card.id)
        add.value(
            f"guidance {card.id} safe_on_urgent", card.safe_on_urgent, owner, "safe_on_urgent"
        )
    return add.found


def changes(before: dict[str, Entry], after: dict[str, Entry]) -> list[TextChange]:
    """Entries added, removed or changed, in the newer version's order."""
    found = [
        TextChange("changed", k, before[k].value, e.value, e.path)
        if k in before
        else TextChange("added", k, None, e.value, e.path)
        for k, e in after.items()
        if k not in before or before[k].value != e.value
    ]
    # A removed entry points at its part in the newer version, or at the part's section.
    found += [
        TextChange("removed", k, e.value, None, e.owner)
        for k, e in before.items()
        if k not in after
    ]
    return found


def text_changes(old: Questionnaire, new: Questionnaire, path_of: PathOf) -> list[TextChange]:
    """Every text that changed, in every language."""
    return changes(texts(old, path_of), texts(new, path_of))


def setting_changes(old: Questionnaire, new: Questionnaire, path_of: PathOf) -> list[TextChange]:
    """Every setting that changed."""
    return changes(settings(old, path_of), settings(new, path_of))
