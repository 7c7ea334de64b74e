"""Each question type is one registry entry; every family it names exists in its layer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from support import ROOT

from screener.authoring.assemble import default_texts
from screener.authoring.file_format import TYPE_SETTINGS, json_schema
from screener.authoring.proof.encodings import ENCODINGS
from screener.core.questiontypes import QUESTION_TYPES, QuestionType
from screener.web.forms import FIELD_FAMILIES
from screener.web.presenters import SHOWN_AS

MACROS = set(re.findall(r"{%-? macro (\w+)\(", (ROOT / "templates" / "_macros.html").read_text()))
# Each facet a type names, and the registry of the layer that must hold it.
FACETS: dict[str, tuple[Mapping[str, Any], str]] = {
    "settings": (TYPE_SETTINGS, "authoring/file_format.py TYPE_SETTINGS"),
    "field": (FIELD_FAMILIES, "web/forms.py FIELD_FAMILIES"),
    "shown_as": (SHOWN_AS, "web/presenters.py SHOWN_AS"),
    "encoding": (ENCODINGS, "authoring/proof/encodings.py ENCODINGS"),
}


@pytest.mark.parametrize("name", sorted(QUESTION_TYPES))
def test_every_family_a_type_names_exists(name: str) -> None:
    kind = QUESTION_TYPES[name]
    for facet, (registry, where) in FACETS.items():
        family = getattr(kind, facet)
        if facet == "encoding" and kind.value_kind == "text":
            assert family is None  # rules never read free text, so the proof has nothing
            continue
        assert family in registry, f"{name}: {facet} {family!r} is missing from {where}"
    assert FIELD_FAMILIES[kind.field].macro in MACROS
    for value in kind.fixed_options:
        assert set(default_texts()[name][value]) == {"en", "es"}


@pytest.mark.parametrize("facet", sorted(FACETS))
def test_every_family_in_a_layer_is_used_by_some_type(facet: str) -> None:
    registry, where = FACETS[facet]
    used = {getattr(kind, facet) for kind in QUESTION_TYPES.values()}
    assert set(registry) - used == set(), f"unused families in {where}"


def test_the_schema_offers_every_type() -> None:
    schema = json_schema()
    assert set(QUESTION_TYPES) <= set(re.findall(r'"(\w+)"', str(schema).replace("'", '"')))


def test_a_missing_family_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = QuestionType(
        "int",
        QUESTION_TYPES["number"].parse,
        QUESTION_TYPES["number"].worst_case,
        QUESTION_TYPES["number"].describe,
        settings="number",
        field="slider",
        shown_as="with_unit",
        encoding="number",
    )
    monkeypatch.setitem(QUESTION_TYPES, "slider", broken)  # type: ignore[index]
    with pytest.raises(AssertionError, match="field 'slider' is missing from web/forms.py"):
        test_every_family_a_type_names_exists("slider")
