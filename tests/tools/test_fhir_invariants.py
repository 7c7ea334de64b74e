"""The exported Questionnaire and every QuestionnaireResponse hold each FHIR R4 invariant
that applies to them, not only the structure that fhir.resources checks.

The invariants are R4's own (4.0.1: the StructureDefinitions of Questionnaire,
QuestionnaireResponse, DomainResource, Element and Extension in hl7.fhir.r4.core). Their
FHIRPath expressions are evaluated with fhirpathpy from the resource's root, on every element
they constrain; one holds only where it gives true. Three differ from the letter of the
specification, for what fhirpathpy 2.2 cannot do, with the same meaning:

- que-7 names the FHIR type (`FHIR.boolean`): fhirpathpy types a FHIR boolean as that only,
  so R4's `answer is Boolean` is false for every correct `exists` condition;
- ele-1 uses `hasValue()`, which fhirpathpy does not implement, and ext-1 reads `value[x]`,
  which it does not resolve below `descendants()`: both are checked on the JSON by their
  meaning (every element has a value or children; an extension has a value or extensions,
  not both).

Responses are also held to que-2's rule (distinct linkIds), which R4 states for the
Questionnaire and R5 for responses too (qrs-2): an importer matches answers by linkId.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fhirpathpy import evaluate
from fhirpathpy.models import models
from proof_support import VARIETY, build_lenient, every_combination
from support import FIXTURE, FIXTURE_SCENARIOS, ROOT

from screener.authoring.loader import load_questionnaire
from screener.core.model import Questionnaire
from screener.tools.fhir.questionnaire import fhir_questionnaire
from screener.tools.fhir.response import fhir_response
from screener.tools.scenarios import load_scenarios, scenario_files

Json = dict[str, Any]
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

# (key, the element it constrains, its FHIRPath expression), as R4 4.0.1 states them.
INVARIANTS: tuple[tuple[str, str, str], ...] = (
    ("que-0", "Questionnaire", "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"),
    (
        "que-1",
        "Questionnaire.item",
        "(type='group' implies item.empty().not()) and "
        "(type.trace('type')='display' implies item.trace('item').empty())",
    ),
    ("que-2", "Questionnaire", "descendants().linkId.isDistinct()"),
    ("que-3", "Questionnaire.item", "type!='display' or code.empty()"),
    ("que-4", "Questionnaire.item", "answerOption.empty() or answerValueSet.empty()"),
    (
        "que-5",
        "Questionnaire.item",
        "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or "
        "type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or "
        "type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
    ),
    ("que-6", "Questionnaire.item", "type!='display' or (required.empty() and repeats.empty())"),
    (
        "que-7",
        "Questionnaire.item.enableWhen",
        "operator = 'exists' implies (answer is FHIR.boolean)",
    ),
    ("que-8", "Questionnaire.item", "(type!='group' and type!='display') or initial.empty()"),
    ("que-9", "Questionnaire.item", "type!='display' or readOnly.empty()"),
    (
        "que-10",
        "Questionnaire.item",
        "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | "
        "'open-choice')) or maxLength.empty()",
    ),
    ("que-11", "Questionnaire.item", "answerOption.empty() or initial.empty()"),
    ("que-12", "Questionnaire.item", "enableWhen.count() > 2 implies enableBehavior.exists()"),
    ("que-13", "Questionnaire.item", "repeats=true or initial.count() <= 1"),
    ("qrs-1", "QuestionnaireResponse.item", "(answer.exists() and item.exists()).not()"),
    ("qrs-2", "QuestionnaireResponse", "descendants().linkId.isDistinct()"),
    ("dom-2", "DomainResource", "contained.contained.empty()"),
    (
        "dom-3",
        "DomainResource",
        "contained.where((('#'+id in (%resource.descendants().reference | "
        "%resource.descendants().as(canonical) | %resource.descendants().as(uri) | "
        "%resource.descendants().as(url))) or descendants().where(reference = '#').exists() "
        "or descendants().where(as(canonical) = '#').exists() or "
        "descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id).empty()",
    ),
    (
        "dom-4",
        "DomainResource",
        "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()",
    ),
    ("dom-5", "DomainResource", "contained.meta.security.empty()"),
    ("dom-6", "DomainResource", "text.`div`.exists()"),
)
# Where each element stands, from the root: items nest in items, and in answers too.
ELEMENTS = {
    "Questionnaire.item": "Questionnaire.repeat(item)",
    "Questionnaire.item.enableWhen": "Questionnaire.repeat(item).enableWhen",
    "QuestionnaireResponse.item": "QuestionnaireResponse.repeat(item | answer.item)",
}


def _applies(on: str, kind: str) -> bool:
    return on == "DomainResource" or on == kind or on.startswith(kind + ".")


def _nodes(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every element of a resource's JSON with where it stands."""
    yield path, node
    if isinstance(node, dict | list):
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            yield from _nodes(child, f"{path}.{key}")


def _by_meaning(resource: Json) -> list[str]:
    """ele-1 and ext-1, on the JSON."""
    found = []
    elements = list(_nodes(resource, resource["resourceType"]))
    if any(value in ("", [], {}, None) for _, value in elements):
        found.append("ele-1")
    extensions = [
        value
        for path, value in elements
        if isinstance(value, dict) and "url" in value and ".extension." in path + "."
    ]
    if any(("extension" in e) == any(k.startswith("value") for k in e) for e in extensions):
        found.append("ext-1")
    return found


def broken_invariants(resource: Json) -> list[str]:
    """The keys of the invariants this resource breaks."""
    kind = resource["resourceType"]
    found = []
    for key, on, expression in INVARIANTS:
        if not _applies(on, kind):
            continue
        where = ELEMENTS.get(on)
        whole = f"{where}.all({expression})" if where else expression
        if evaluate(resource, whole, {"resource": resource}, models["r4"]) != [True]:
            found.append(key)
    return found + _by_meaning(resource)


def _shipped() -> Questionnaire:
    return load_questionnaire(ROOT / "questions.yaml")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("which", ["shipped", "fixture", "variety"])
def test_every_export_holds_every_r4_invariant(which: str, language: str) -> None:
    q = {
        "shipped": _shipped,
        "fixture": lambda: load_questionnaire(FIXTURE),
        "variety": lambda: build_lenient(VARIETY),
    }[which]()
    if language not in q.meta.languages:
        language = q.meta.default_language
    assert broken_invariants(fhir_questionnaire(q, language)) == []


def _scenario_answers(q: Questionnaire, folder: Any) -> Iterator[Any]:
    for path in scenario_files([folder]):
        for scenario in load_scenarios(path, q)[0]:
            yield scenario.answers


@pytest.mark.slow
@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_every_scenarios_response_holds_every_r4_invariant(which: str) -> None:
    if which == "shipped":
        q, folder = _shipped(), ROOT / "scenarios"
    else:
        q, folder = load_questionnaire(FIXTURE), FIXTURE_SCENARIOS
    checked = 0
    for answers in _scenario_answers(q, folder):
        for language in q.meta.languages:
            response = fhir_response(q, answers, NOON, language)
            assert broken_invariants(response) == [], answers
            checked += 1
    assert checked > 40  # every scenario, in each language


def test_responses_to_every_combination_of_a_small_questionnaire_hold_them() -> None:
    q = build_lenient(VARIETY)
    for n, answers in enumerate(every_combination(q)):
        if n % 97 == 0:  # a spread of the 2,560; all of them take minutes
            assert broken_invariants(fhir_response(q, answers, NOON, "en")) == [], answers


def _questionnaire() -> Json:
    return fhir_questionnaire(load_questionnaire(FIXTURE))


def _response() -> Json:
    q = load_questionnaire(FIXTURE)
    return fhir_response(q, {"legs": "one_leg"}, NOON, "en")  # type: ignore[dict-item]


def _first_question(resource: Json) -> Json:
    item: Json = resource["item"][0]["item"][0]
    return item


def _plant(make: Any, change: Any) -> Json:
    resource = copy.deepcopy(make())
    change(resource)
    return resource


# One planted breach per invariant the exports could break: each check can fail.
BREACHES = [
    ("que-0", _questionnaire, lambda r: r.update(name="sciatica screener")),
    ("que-1", _questionnaire, lambda r: r["item"][0].update(item=[])),
    ("que-2", _questionnaire, lambda r: r["item"][0].update(linkId=_first_question(r)["linkId"])),
    (
        "que-3",
        _questionnaire,
        lambda r: _first_question(r).update(type="display", code=[{"code": "x"}]),
    ),
    ("que-5", _questionnaire, lambda r: _first_question(r).update(type="boolean")),
    (
        "que-7",
        _questionnaire,
        lambda r: _first_question(r).update(
            enableWhen=[{"question": "x", "operator": "exists", "answerString": "yes"}]
        ),
    ),
    ("que-8", _questionnaire, lambda r: r["item"][0].update(initial=[{"valueString": "x"}])),
    ("que-10", _questionnaire, lambda r: _first_question(r).update(maxLength=5)),
    ("que-11", _questionnaire, lambda r: _first_question(r).update(initial=[{"valueString": "x"}])),
    (
        "que-12",
        _questionnaire,
        lambda r: _first_question(r).update(
            enableWhen=[{"question": "x", "operator": "exists", "answerBoolean": True}] * 3
        ),
    ),
    ("qrs-1", _response, lambda r: r["item"][0]["item"][0].update(item=[{"linkId": "y"}])),
    ("qrs-2", _response, lambda r: r["item"][0].update(linkId=r["item"][0]["item"][0]["linkId"])),
    ("dom-6", _response, lambda r: r.pop("text")),
    ("ele-1", _response, lambda r: r.update(language="")),
    (
        "ext-1",
        _questionnaire,
        lambda r: r["extension"][0].update(extension=[{"url": "x", "valueString": "y"}]),
    ),
]


@pytest.mark.parametrize(("key", "make", "change"), BREACHES, ids=[b[0] for b in BREACHES])
def test_each_check_finds_its_planted_breach(key: str, make: Any, change: Any) -> None:
    assert broken_invariants(make()) == []
    assert key in broken_invariants(_plant(make, change))
