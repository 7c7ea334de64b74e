"""The questionnaire as a FHIR R4 Questionnaire with the SDC extensions (docs/fhir.md).

One group per page (`linkId` page.<id>), one item per question (`linkId` = question id),
`enableWhen` where FHIR
can say a `show_if` and `enableWhenExpression` (FHIRPath) where it cannot, Spanish through
the translation extension, and a hidden group of calculated items: one boolean per red flag
and the tier, so an SDC form filler computes the same result on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from screener.core.conditions import BoolOp, Call, Compare, Condition, Const, Node, Ref
from screener.core.model import Question, Questionnaire
from screener.tools.fhir.fhirpath import (
    ANSWER,
    Translation,
    answer_variable,
    flag_variable,
)
from screener.tools.fhir.narrative import narrative

Json = dict[str, Any]

SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
EXT = "http://hl7.org/fhir/StructureDefinition/"
TRANSLATION = EXT + "translation"
HIDDEN = EXT + "questionnaire-hidden"
EXCLUSIVE = EXT + "questionnaire-optionExclusive"
MIN_VALUE, MAX_VALUE = EXT + "minValue", EXT + "maxValue"
UNIT = EXT + "questionnaire-unit"
ENABLE_WHEN_EXPRESSION = SDC + "sdc-questionnaire-enableWhenExpression"
CALCULATED_EXPRESSION = SDC + "sdc-questionnaire-calculatedExpression"
VARIABLE = EXT + "variable"
# A question's linkId is its id ([a-z][a-z0-9_]*); every other linkId holds a dot, so no
# group or calculated item can take a question's (FHIR R4 que-2). Clinics map these: they
# stay the same from version to version.
PAGE_PREFIX = "page."
RESULT_GROUP, TIER_ITEM, FLAG_PREFIX = "result.calculated", "result.tier", "red_flag."


def canonical_url(q: Questionnaire) -> str:
    """The Questionnaire's canonical URL; responses name it with its version."""
    return f"urn:sciatica-screener:{q.meta.id}"


def code_system(q: Questionnaire, question: str) -> str:
    """The code system of one question's options."""
    return f"{canonical_url(q)}:{question}"


class Exporter:
    """Builds the Questionnaire resource of one questionnaire."""

    def __init__(self, q: Questionnaire, language: str | None = None) -> None:
        self.q = q
        self.fhirpath = Translation({qid: x.value_kind for qid, x in q.questions.items()})
        # The texts are in `language`; the others go in translation extensions (form fillers
        # that ignore those, such as LHC-Forms, are given one export per language).
        self.language = language or q.meta.default_language
        self.languages = [lang for lang in q.meta.languages if lang != self.language]
        self.page_of = {x.id: page for page in q.pages for x in page.questions}

    def resource(self) -> Json:
        """The whole Questionnaire, as JSON-ready data."""
        q = self.q
        title = self.texts(q.meta.title)
        return {
            "resourceType": "Questionnaire",
            "id": q.meta.id.replace("_", "-"),
            "url": canonical_url(q),
            "version": q.meta.version,
            "name": "".join(part.title() for part in q.meta.id.replace("-", "_").split("_")),
            "title": title["text"],
            **({"_title": title["_text"]} if "_text" in title else {}),
            "status": "active",
            "date": q.meta.date,
            "language": self.language,
            "text": narrative(
                [f"{title['text']}, version {q.meta.version}"],
                [(q.text(x.text, self.language), "") for x in q.questions.values()],
            ),
            "extension": self.variables(),
            "item": [self.page(page.id) for page in q.pages] + [self.result_group()],
        }

    def variables(self) -> list[Json]:
        """The answers rules read, then each red flag, as variables of the whole form."""
        read = {qid for flag in self.q.red_flags for qid in flag.when.questions}
        shows = [p.show_if for p in self.q.pages] + [x.show_if for x in self.q.questions.values()]
        read |= {qid for show_if in shows if show_if is not None for qid in show_if.questions}
        found = [
            _expression(VARIABLE, self.shown_answer(qid), answer_variable(qid))
            for qid in self.q.questions
            if qid in read
        ]
        found += [
            _expression(VARIABLE, self.fhirpath.expression(f.when.root), flag_variable(f.id))
            for f in self.q.red_flags
        ]
        return found

    def shown_answer(self, qid: str) -> str:
        """A question's answer, only while the question is shown: a form filler may keep an
        answer to an item it hides (Smart Forms does, until the form is saved), and no rule
        may read it, as the app drops it."""
        conditions = (self.page_of[qid].show_if, self.q.questions[qid].show_if)
        shows = [c for c in conditions if c is not None]
        if not shows:
            return ANSWER.format(id=qid)
        shown = " and ".join(self.fhirpath.expression(c.root) for c in shows)
        return f"iif({shown}, {ANSWER.format(id=qid)}, {{}})"

    def texts(self, text: Any) -> Json:
        """`text` in the default language, and `_text` with the others as translations."""
        out: Json = {"text": self.q.text(text, self.language)}
        translations = [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": lang},
                    {"url": "content", "valueString": self.q.text(text, lang)},
                ],
            }
            for lang in self.languages
            if lang in text
        ]
        if translations:
            out["_text"] = {"extension": translations}
        return out

    def page(self, page_id: str) -> Json:
        """A page as a group item."""
        page = self.q.page_by_id[page_id]
        item: Json = {"linkId": PAGE_PREFIX + page.id, "type": "group", **self.texts(page.title)}
        item.update(self.enable_when(page.show_if))
        item["item"] = [self.question(question) for question in page.questions]
        return item

    def question(self, question: Question) -> Json:
        """A question as an item of its FHIR type."""
        item: Json = {"linkId": question.id, **self.texts(question.text)}
        item.update(ITEM_TYPES[question.type](self, question))
        if question.required:
            item["required"] = True
        item.update(self.enable_when(question.show_if))
        return item

    def options(self, question: Question) -> list[Json]:
        """The question's options as codings, with the exclusive one marked."""
        system = code_system(self.q, question.id)
        found = []
        for option in question.options:
            label = self.texts(option.label)
            coding: Json = {"system": system, "code": option.value, "display": label["text"]}
            if "_text" in label:
                coding["_display"] = label["_text"]
            entry: Json = {"valueCoding": coding}
            if option.exclusive:
                entry["extension"] = [{"url": EXCLUSIVE, "valueBoolean": True}]
            found.append(entry)
        return found

    def enable_when(self, condition: Condition | None) -> Json:
        """enableWhen for a show_if FHIR can say; enableWhenExpression for the rest."""
        if condition is None:
            return {}
        parts = condition.root.parts if isinstance(condition.root, BoolOp) else (condition.root,)
        plain = [self.plain_enable_when(part) for part in parts]
        if all(p is not None for p in plain):
            found: Json = {"enableWhen": plain}
            if len(plain) > 1:
                assert isinstance(condition.root, BoolOp)
                found["enableBehavior"] = "all" if condition.root.op == "and" else "any"
            return found
        return {"extension": [self.expression(ENABLE_WHEN_EXPRESSION, condition.root)]}

    def plain_enable_when(self, node: Node) -> Json | None:
        """One enableWhen entry, when FHIR's own rules mean exactly what the app's do."""
        if isinstance(node, Call) and node.function == "answered":
            return {"question": node.arg.question, "operator": "exists", "answerBoolean": True}
        if not isinstance(node, Compare):
            return None
        left, right = node.left, node.right
        if isinstance(left, Const) and isinstance(right, Ref) and node.op == "in":
            left, right = right, left  # "a" in x: FHIR's "=" holds when any answer is "a"
        elif node.op == "in":
            return None
        if not (isinstance(left, Ref) and isinstance(right, Const)):
            return None
        kind = self.q.questions[left.question].value_kind
        value = right.value
        # "!=" differs: FHIR holds it for an unanswered question, the app does not.
        if kind in ("choice", "choices") and node.op in ("==", "in") and isinstance(value, str):
            system = code_system(self.q, left.question)
            answer: Json = {"answerCoding": {"system": system, "code": value}}
            return {"question": left.question, "operator": "=", **answer}
        if kind == "int" and node.op in ("==", "<", "<=", ">", ">=") and isinstance(value, int):
            operator = "=" if node.op == "==" else node.op
            return {"question": left.question, "operator": operator, "answerInteger": value}
        return None

    def expression(self, url: str, node: Node) -> Json:
        """An SDC expression extension holding a condition in FHIRPath."""
        return _expression(url, self.fhirpath.expression(node))

    def result_group(self) -> Json:
        """Hidden calculated items: each red flag, and the tier they lead to."""
        flags = [
            {
                "linkId": FLAG_PREFIX + flag.id,
                "type": "boolean",
                "text": flag.id,
                "readOnly": True,
                "extension": [_expression(CALCULATED_EXPRESSION, "%" + flag_variable(flag.id))],
            }
            for flag in self.q.red_flags
        ]
        tier = {
            "linkId": TIER_ITEM,
            "type": "string",
            "text": "tier",
            "readOnly": True,
            "extension": [_expression(CALCULATED_EXPRESSION, self.tier())],
        }
        return {
            "linkId": RESULT_GROUP,
            "type": "group",
            "text": "Result (calculated)",
            "extension": [{"url": HIDDEN, "valueBoolean": True}],
            "item": [*flags, tier],
        }

    def tier(self) -> str:
        """The most urgent tier whose flags hold; the least urgent when none does."""
        expression = "'" + self.q.tiers[-1].id + "'"
        for tier in reversed(self.q.tiers[:-1]):
            flags = [f for f in self.q.red_flags if f.tier == tier.id]
            if flags:
                fired = " or ".join("%" + flag_variable(f.id) for f in flags)
                expression = f"iif({fired}, '{tier.id}', {expression})"
        return expression


def _expression(url: str, expression: str, name: str | None = None) -> Json:
    """An extension holding a FHIRPath expression (a variable when it has a name)."""
    named = {"name": name} if name else {}
    value = {**named, "language": "text/fhirpath", "expression": expression}
    return {"url": url, "valueExpression": value}


def _choice(exporter: Exporter, question: Question) -> Json:
    return {"type": "choice", "answerOption": exporter.options(question)}


def _choices(exporter: Exporter, question: Question) -> Json:
    return {**_choice(exporter, question), "repeats": True}


def _integer(exporter: Exporter, question: Question) -> Json:
    found: Json = {"type": "integer", "extension": []}
    if question.minimum is not None:
        found["extension"].append({"url": MIN_VALUE, "valueInteger": question.minimum})
    if question.maximum is not None:
        found["extension"].append({"url": MAX_VALUE, "valueInteger": question.maximum})
    if question.unit is not None:
        unit = exporter.q.text(question.unit, exporter.language)
        found["extension"].append({"url": UNIT, "valueCoding": {"display": unit}})
    return found


def _text(exporter: Exporter, question: Question) -> Json:
    found: Json = {"type": "text" if (question.max_length or 0) > 200 else "string"}
    if question.max_length:
        found["maxLength"] = question.max_length
    return found


# How each question type becomes an item; tests check every type has an entry.
ITEM_TYPES: dict[str, Callable[[Exporter, Question], Json]] = {
    "single_choice": _choice,
    "yes_no": _choice,
    "multiple_choice": _choices,
    "scale": _integer,
    "number": _integer,
    "text": _text,
}


def fhir_questionnaire(q: Questionnaire, language: str | None = None) -> Json:
    """The questionnaire as a FHIR R4 Questionnaire resource, its texts in `language`."""
    return Exporter(q, language).resource()
