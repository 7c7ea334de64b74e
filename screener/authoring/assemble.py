"""Checked YAML values to the frozen model, noting where each rule came from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from screener.authoring.condition_parser import parse_condition
from screener.authoring.format_rules import PROMISE_KINDS
from screener.authoring.shapes import Context
from screener.authoring.signoff_format import build_signoff
from screener.authoring.source import NodePath
from screener.catalogue import references
from screener.core.conditions import RESERVED_WORDS, Condition, ConditionError
from screener.core.model import (
    Clinic,
    Guidance,
    Meta,
    Notice,
    Option,
    Page,
    Promise,
    Question,
    Questionnaire,
    RedFlag,
    Settings,
    Tier,
)
from screener.core.questiontypes import QUESTION_TYPES
from screener.core.text import Text

T = TypeVar("T")
# Ids a question cannot have: words of the condition language, and the two names every page
# already gives an element (the form's CSRF field, and "main", the skip link's target).
PAGE_NAMES = frozenset({"csrf_token", "main"})
RESERVED_IDS = RESERVED_WORDS | PAGE_NAMES
DEFAULT_TEXTS = Path(__file__).with_name("default_texts.yaml")


@lru_cache(maxsize=1)
def default_texts() -> dict[str, dict[str, Text]]:
    """The yes/no labels and names of places of care that files need not give."""
    loaded: dict[str, dict[str, Text]] = yaml.safe_load(DEFAULT_TEXTS.read_text("utf-8"))
    return loaded


@dataclass
class Assembled:
    """The model plus what the checks need: where each rule is, and which ids broke."""

    questionnaire: Questionnaire
    paths: dict[tuple[str, str], NodePath] = field(default_factory=dict)
    broken_questions: frozenset[str] = frozenset()


class _Builder:
    """Builds model objects, skipping broken ones and reporting duplicate ids."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.paths: dict[tuple[str, str], NodePath] = {}

    def condition(self, text: Any, path: NodePath) -> Condition | None:
        if not isinstance(text, str):
            return None
        try:
            return parse_condition(text)
        except ConditionError as exc:
            self.ctx.problems.error(self.ctx.source.inside(path, exc.offset), exc.message)
            return None

    def unique(
        self,
        kind: str,
        items: Iterable[tuple[dict[str, Any], NodePath]],
        make: Callable[[dict[str, Any], NodePath], T | None],
    ) -> list[T]:
        """Build each valid item once per id; later duplicates are reported and dropped."""
        built: list[T] = []
        for raw, path in items:
            ident = raw.get("id")
            if not isinstance(ident, str):
                continue
            if (kind, ident) in self.paths:
                first = self.ctx.source.at((*self.paths[(kind, ident)], "id"))
                self.ctx.error(
                    (*path, "id"),
                    references.DUPLICATE_ID.say(kind=kind, ident=ident, line=first[0]),
                )
                continue
            self.paths[(kind, ident)] = path
            if raw.get("__broken__"):
                continue
            item = make(raw, path)
            if item is not None:
                built.append(item)
        return built

    def question(
        self, raw: dict[str, Any], path: NodePath, page: str, languages: tuple[str, ...]
    ) -> Question | None:
        kind = QUESTION_TYPES[raw["type"]]
        if raw["id"] in RESERVED_IDS:
            self.ctx.error((*path, "id"), references.RESERVED_ID.say(ident=raw["id"]))
            return None
        if any(o.get("__broken__") for o in raw.get("options", ())):
            return None  # the broken option is already reported
        options = tuple(
            Option(o["value"], o["label"], o.get("hint"), o.get("exclusive", False))
            for o in raw.get("options", ())
        )
        if kind.fixed_options:  # yes_no: the options and their labels come with the type
            labels = default_texts()[raw["type"]]
            options = tuple(
                Option(value, {k: v for k, v in labels[value].items() if k in languages})
                for value in kind.fixed_options
            )
        return Question(
            id=raw["id"],
            type=raw["type"],
            value_kind=kind.value_kind,
            text=raw["text"],
            page=page,
            hint=raw.get("hint"),
            error=raw.get("error"),
            required=raw.get("required", kind.required_by_default),
            show_if=self.condition(raw.get("show_if"), (*path, "show_if")),
            options=options,
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            min_label=raw.get("min_label"),
            max_label=raw.get("max_label"),
            unit=raw.get("unit"),
            max_length=raw.get("max_length"),
        )

    def page(self, raw: dict[str, Any], path: NodePath, languages: tuple[str, ...]) -> Page:
        questions = self.unique(
            "question",
            ((q, (*path, "questions", i)) for i, q in enumerate(raw["questions"])),
            lambda q, qpath: self.question(q, qpath, raw["id"], languages),
        )
        return Page(
            id=raw["id"],
            title=raw["title"],
            questions=tuple(questions),
            intro=raw.get("intro"),
            show_if=self.condition(raw.get("show_if"), (*path, "show_if")),
        )

    def red_flag(self, raw: dict[str, Any], path: NodePath) -> RedFlag | None:
        when = self.condition(raw["when"], (*path, "when"))
        if when is None:
            return None
        return RedFlag(
            id=raw["id"],
            tier=raw["tier"],
            when=when,
            title=raw["title"],
            message=raw["message"],
            source=raw["source"],
            say_on_arrival=raw.get("say_on_arrival"),
            safe_when_hidden=tuple(raw.get("safe_when_hidden", ())),
        )

    def guidance(self, raw: dict[str, Any], path: NodePath) -> Guidance | None:
        when = self.condition(raw.get("when"), (*path, "when"))
        if "when" in raw and when is None:
            return None
        return Guidance(
            id=raw["id"],
            title=raw["title"],
            body=raw["body"],
            source=raw["source"],
            when=when,
            tiers=tuple(raw.get("tiers", ())),
            safe_on_urgent=raw["safe_on_urgent"],
        )

    def promise(self, raw: dict[str, Any], path: NodePath) -> Promise | None:
        when = self.condition(raw.get("when"), (*path, "when"))
        if "when" in raw and when is None:
            return None
        kinds = [k for k in PROMISE_KINDS if k in raw]
        if len(kinds) != 1:
            return None  # the format rules already said it must say exactly one thing
        kind = kinds[0]
        return Promise(
            id=raw["id"],
            kind=kind,
            target=raw[kind],
            when=when,
            tiers=tuple(raw.get("never_on", ())),
            note=raw.get("note"),
            on_its_own=raw["on_its_own"],
        )


def _listed(data: dict[str, Any], key: str) -> list[tuple[dict[str, Any], NodePath]]:
    return [(item, (key, i)) for i, item in enumerate(data.get(key, []))]


def _settings(raw: dict[str, Any], languages: tuple[str, ...]) -> Settings:
    names = {
        name: raw.get(name) or {k: v for k, v in default.items() if k in languages}
        for name, default in default_texts()["care_names"].items()
    }
    clinic = raw.get("clinic")
    return Settings(
        emergency_number=raw.get("emergency_number", "911"),
        care_names=names,
        minutes_to_answer=raw.get("minutes_to_answer"),
        clinic=None
        if not clinic or clinic.get("__broken__")
        else Clinic(
            name=clinic["name"],
            phone=clinic.get("phone"),
            booking_url=clinic.get("booking_url"),
            area=clinic.get("area"),
            offer=clinic.get("offer"),
        ),
    )


def _ranked_tiers(tiers: list[dict[str, Any]]) -> tuple[Tier, ...]:
    """The tiers as written, most urgent first, each ranked by its place in the list."""
    return tuple(
        Tier(
            id=t["id"],
            rank=rank,
            headline=t["headline"],
            action=t["action"],
            time_frame=t["time_frame"],
            interrupt=t["interrupt"],
            clinic=t["clinic"],
        )
        for rank, t in enumerate(tiers)
    )


def build(data: dict[str, Any], ctx: Context, path: str) -> Assembled | None:
    """Build the model from checked values; None when a required section is unusable."""
    sections = ("meta", "tiers", "pages", "red_flags", "safety_net", "disclaimer")
    if any(
        key not in data or (isinstance(data[key], dict) and data[key].get("__broken__"))
        for key in sections
    ):
        return None
    builder = _Builder(ctx)
    meta = data["meta"]
    languages = ctx.languages
    tiers = builder.unique("tier", _listed(data, "tiers"), lambda raw, _: raw)
    pages = builder.unique(
        "page", _listed(data, "pages"), lambda raw, p: builder.page(raw, p, languages)
    )
    red_flags = builder.unique("red flag", _listed(data, "red_flags"), builder.red_flag)
    guidance = builder.unique("guidance card", _listed(data, "guidance"), builder.guidance)
    promises = builder.unique("promise", _listed(data, "promises"), builder.promise)
    broken = frozenset(
        q["id"]
        for page in data["pages"]
        for q in page.get("questions", [])
        if isinstance(q.get("id"), str)
    ) - {q.id for page in pages for q in page.questions}
    questionnaire = Questionnaire(
        meta=Meta(
            id=meta["id"],
            version=meta["version"],
            date=meta["date"],
            title=meta["title"],
            languages=tuple(meta["languages"]),
            default_language=meta["default_language"],
        ),
        settings=_settings(data.get("settings", {}), languages),
        tiers=_ranked_tiers(tiers),
        pages=tuple(pages),
        red_flags=tuple(red_flags),
        guidance=tuple(guidance),
        safety_net=Notice(
            data["safety_net"]["title"],
            data["safety_net"]["body"],
            data["safety_net"].get("title_when_interrupted"),
        ),
        disclaimer=Notice(data["disclaimer"]["title"], data["disclaimer"]["body"]),
        promises=tuple(promises),
        signoff=build_signoff(data.get("signoff") or {}),
        path=path,
    )
    return Assembled(questionnaire, builder.paths, broken)
