"""The questionnaire as frozen, indexed objects: built once at load, read on every request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from screener.core.conditions import Condition, ValueKind
from screener.core.text import Text, fill, pick


@dataclass(frozen=True)
class Option:
    """One answer a patient can pick."""

    value: str
    label: Text
    hint: Text | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    """One question; type-specific attributes are None or empty when they do not apply."""

    id: str
    type: str
    value_kind: ValueKind
    text: Text
    page: str
    hint: Text | None = None
    error: Text | None = None  # what it says when left unanswered
    required: bool = True
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    min_label: Text | None = None
    max_label: Text | None = None
    unit: Text | None = None
    max_length: int | None = None

    @cached_property
    def option_values(self) -> tuple[str, ...]:
        """The stored values of the options, in order."""
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        """The option with this value, if any."""
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Page:
    """One screen of the journey."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    intro: Text | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Tier:
    """An urgency level; `rank` 0 is the most urgent."""

    id: str
    rank: int
    headline: Text
    action: Text
    time_frame: Text
    interrupt: bool = False
    clinic: bool = True


@dataclass(frozen=True)
class RedFlag:
    """A rule that sends people to a tier when its condition holds."""

    id: str
    tier: str
    when: Condition
    title: Text
    message: Text
    source: str
    say_on_arrival: Text | None = None
    safe_when_hidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guidance:
    """An educational card shown when its condition holds (always when it has none)."""

    id: str
    title: Text
    body: Text
    source: str
    when: Condition | None = None
    tiers: tuple[str, ...] = ()
    safe_on_urgent: bool = False


@dataclass(frozen=True)
class Promise:
    """Something a senior clinician states must always hold; `screener check` proves it.

    `kind` names an entry of promises.PROMISE_KINDS; `target` is the tier, question or card
    it is about, and `tiers` the tiers a card promise names.
    """

    id: str
    kind: str
    target: str
    when: Condition | None = None
    tiers: tuple[str, ...] = ()
    note: str | None = None
    on_its_own: bool = False  # every answer `when` does not read is the calmest one


@dataclass(frozen=True)
class Meta:
    """Who the questionnaire is and which languages it speaks."""

    id: str
    version: str
    date: str
    title: Text
    languages: tuple[str, ...]
    default_language: str


@dataclass(frozen=True)
class Clinic:
    """The practice behind the tool, for its call to action."""

    name: str
    phone: str | None = None
    booking_url: str | None = None
    area: Text | None = None
    offer: Text | None = None

    @cached_property
    def dial(self) -> str:
        """The phone number as a tel: link wants it: no spaces, brackets or dashes."""
        return "".join(c for c in self.phone or "" if c not in " ()-")


@dataclass(frozen=True)
class Settings:
    """Local words for care and the emergency number, filled into {placeholders}."""

    emergency_number: str
    care_names: Mapping[str, Text]
    clinic: Clinic | None = None
    minutes_to_answer: int | None = None  # what the start page promises

    def placeholders(self, language: str, fallback: str) -> dict[str, str]:
        """The values of every {placeholder} in one language."""
        values = {name: pick(text, language, fallback) for name, text in self.care_names.items()}
        values["emergency_number"] = self.emergency_number
        if self.clinic is not None:
            values["clinic_name"] = self.clinic.name
            values["clinic_phone"] = self.clinic.phone or ""
            values["clinic_area"] = (
                pick(self.clinic.area, language, fallback) if self.clinic.area else ""
            )
        return values


@dataclass(frozen=True)
class Notice:
    """A titled block of text every result carries (safety net, disclaimer)."""

    title: Text
    body: Text
    # On a result that already says "go now", "go if any of these start" would mix two
    # messages; the same list gets a heading of its own there.
    title_when_interrupted: Text | None = None


@dataclass(frozen=True)
class Review:
    """One person's sign-off of the safety content, as it stood in one version."""

    name: str
    role: str
    date: str
    version: str
    fingerprint: str  # of the safety content they reviewed (authoring/signoff.py)


@dataclass(frozen=True)
class Signoff:
    """Who signed off which safety content, and its parts as two people last signed them."""

    reviews: tuple[Review, ...] = ()
    parts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Questionnaire:
    """The whole questionnaire, with lookups by id."""

    meta: Meta
    settings: Settings
    tiers: tuple[Tier, ...]
    pages: tuple[Page, ...]
    red_flags: tuple[RedFlag, ...]
    guidance: tuple[Guidance, ...]
    safety_net: Notice
    disclaimer: Notice
    promises: tuple[Promise, ...] = ()
    signoff: Signoff = field(default_factory=Signoff)
    path: str = ""
    _fills: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)
    _filled: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def questions(self) -> Mapping[str, Question]:
        """Every question by id, in journey order."""
        return {q.id: q for page in self.pages for q in page.questions}

    @cached_property
    def question_order(self) -> Mapping[str, int]:
        """Each question's place in the journey, for listing answers in the order asked."""
        return {qid: index for index, qid in enumerate(self.questions)}

    @cached_property
    def page_order(self) -> Mapping[str, int]:
        """Each page's place in the questionnaire."""
        return {page.id: index for index, page in enumerate(self.pages)}

    @cached_property
    def page_by_id(self) -> Mapping[str, Page]:
        """Every page by id."""
        return {page.id: page for page in self.pages}

    @cached_property
    def tier_by_id(self) -> Mapping[str, Tier]:
        """Every tier by id."""
        return {tier.id: tier for tier in self.tiers}

    @cached_property
    def red_flag_by_id(self) -> Mapping[str, RedFlag]:
        """Every red flag by id."""
        return {flag.id: flag for flag in self.red_flags}

    @cached_property
    def stopping_order(self) -> tuple[tuple[RedFlag, bool], ...]:
        """Red flags most urgent tier first, each with whether its tier interrupts, up to the
        last flag of an interrupting tier: the only ones that can decide whether a result
        stops the questionnaire."""
        ranked = sorted(self.red_flags, key=lambda f: self.tier_by_id[f.tier].rank)
        marked = [(flag, self.tier_by_id[flag.tier].interrupt) for flag in ranked]
        last = max((i for i, (_flag, stop) in enumerate(marked) if stop), default=-1)
        return tuple(marked[: last + 1])

    def text(self, text: Text, language: str) -> str:
        """A text in `language` (or the default one) with its placeholders filled."""
        fallback = self.meta.default_language
        raw = pick(text, language, fallback)
        # Filled once per language and text: pages put dozens of texts into words.
        found = self._filled.get((language, raw))
        if found is None:
            if language not in self._fills:
                self._fills[language] = self.settings.placeholders(language, fallback)
            found = self._filled[(language, raw)] = fill(raw, self._fills[language])
        return found
