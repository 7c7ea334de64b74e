"""The questionnaire file format, key by key: the single source for checks and JSON Schema."""

from __future__ import annotations

import re

from screener.authoring.compound_shapes import Field, ListOf, Record
from screener.authoring.format_rules import promise_rules, question_rules
from screener.authoring.shapes import Bool, Enum, Id, Int, JsonSchema, Str
from screener.authoring.signoff_format import DATE, SIGNOFF
from screener.authoring.texts import LocalText
from screener.core.questiontypes import DEFAULT_TEXT_LENGTH, QUESTION_TYPES, TEXT_MAX_LENGTH
from screener.core.text import LANGUAGE_NAMES

SUPPORTED_LANGUAGES = tuple(LANGUAGE_NAMES)
TEXT = LocalText()
MARKDOWN = LocalText(markdown=True)
CONDITION = Str(noun="a condition", max_length=1000)
SOURCE = Str(noun="the name of the guideline or source behind it")
OPTION_VALUE = Str(
    noun="a valid option value",
    pattern=re.compile(r"[a-z0-9][a-z0-9_]{0,39}\Z"),
    example="both_legs",
    max_length=40,
)

OPTION = Record(
    name="option",
    fields={
        "value": Field(
            OPTION_VALUE,
            required=True,
            doc="What rules compare against and what is stored, e.g. both_legs.",
        ),
        "label": Field(TEXT, required=True, doc="What the patient reads."),
        "hint": Field(TEXT, doc="A short explanation under the label."),
        "exclusive": Field(
            Bool(),
            default=False,
            doc="multiple_choice only: choosing this clears the others (None of these).",
        ),
    },
)

# The keys of each family of question settings, as each question type names its family.
TYPE_SETTINGS: dict[str, dict[str, Field]] = {
    "options": {"options": Field(ListOf(item=OPTION, min_items=2), required=True)},
    "none": {},
    "scale": {
        "min": Field(Int(minimum=-100, maximum=100), default=0, doc="Lowest value (default 0)."),
        "max": Field(Int(minimum=-100, maximum=100), default=10, doc="Highest value (default 10)."),
        "min_label": Field(TEXT, doc="What the lowest value means, e.g. No pain."),
        "max_label": Field(TEXT, doc="What the highest value means, e.g. Worst pain imaginable."),
    },
    "number": {
        "min": Field(Int(minimum=-1_000_000, maximum=1_000_000), required=True),
        "max": Field(Int(minimum=-1_000_000, maximum=1_000_000), required=True),
        "unit": Field(TEXT, doc="Shown after the box, e.g. days."),
    },
    "text": {
        "max_length": Field(
            Int(minimum=1, maximum=TEXT_MAX_LENGTH),
            default=DEFAULT_TEXT_LENGTH,
            doc="Most characters a patient may type.",
        ),
    },
}


QUESTION = Record(
    name="question",
    fields={
        "id": Field(Id(), required=True, doc="Unique id used in rules, e.g. saddle_numbness."),
        "type": Field(Enum(values=tuple(QUESTION_TYPES), noun="question type"), required=True),
        "text": Field(TEXT, required=True, doc="The question, as the patient reads it."),
        "hint": Field(TEXT, doc="Extra help shown under the question."),
        "error": Field(
            TEXT,
            doc="What the page says when it is left unanswered, naming the question, e.g. "
            "Select whether you have ever had cancer. Default: the type's words and the question.",
        ),
        "required": Field(Bool(), doc="Must it be answered? Default true (false for text)."),
        "show_if": Field(CONDITION, doc="Ask only when this condition holds."),
    },
    variant_key="type",
    variants={name: TYPE_SETTINGS[t.settings] for name, t in QUESTION_TYPES.items()},
    after=question_rules,
)

PAGE = Record(
    name="page",
    fields={
        "id": Field(Id(), required=True),
        "title": Field(TEXT, required=True, doc="The page heading."),
        "intro": Field(MARKDOWN, doc="A short paragraph under the heading."),
        "show_if": Field(CONDITION, doc="Show the page only when this condition holds."),
        "questions": Field(ListOf(item=QUESTION, min_items=1), required=True),
    },
)

TIER = Record(
    name="tier",
    fields={
        "id": Field(Id(), required=True),
        "headline": Field(TEXT, required=True, doc="The result's first words: the action."),
        "action": Field(TEXT, required=True, doc="What to do, in a sentence or two."),
        "time_frame": Field(TEXT, required=True, doc="How soon, e.g. Now, Today."),
        "interrupt": Field(
            Bool(), default=False, doc="A red flag of this tier stops the questionnaire at once."
        ),
        "clinic": Field(
            Bool(), default=True, doc="Show the clinic's call to action on this result."
        ),
    },
)

RED_FLAG = Record(
    name="red flag",
    fields={
        "id": Field(Id(), required=True),
        "tier": Field(Id(), required=True, doc="The id of the tier this flag sends people to."),
        "when": Field(CONDITION, required=True, doc="The answers that raise this flag."),
        "title": Field(TEXT, required=True),
        "message": Field(TEXT, required=True, doc="Why this matters, in plain words."),
        "say_on_arrival": Field(TEXT, doc="What to tell staff on arrival."),
        "source": Field(SOURCE, required=True, doc="The guideline behind this flag."),
        "safe_when_hidden": Field(
            ListOf(item=Id()),
            doc="Questions this flag reads that a clinician has confirmed "
            "may safely be hidden by branching.",
        ),
    },
)

GUIDANCE = Record(
    name="guidance card",
    fields={
        "id": Field(Id(), required=True),
        "when": Field(CONDITION, doc="Show the card when this holds; always when left out."),
        "title": Field(TEXT, required=True),
        "body": Field(MARKDOWN, required=True),
        "source": Field(SOURCE, required=True),
        "tiers": Field(ListOf(item=Id()), doc="Show only on results of these tiers."),
        "safe_on_urgent": Field(
            Bool(),
            default=False,
            doc="A clinician agrees this self-care card may show on the most urgent results.",
        ),
    },
)

PROMISE = Record(
    name="promise",
    fields={
        "id": Field(Id(), required=True),
        "when": Field(
            CONDITION,
            doc="For people whose answers are these, whether or not the questionnaire asks "
            "them; left out: for everyone.",
        ),
        "result_at_least": Field(Id(), doc="The result is this tier or a more urgent one."),
        "result_at_most": Field(Id(), doc="The result is this tier or a less urgent one."),
        "asked_of_everyone": Field(
            Id(),
            doc="This question is on every route, unless an emergency has already stopped "
            "the questionnaire.",
        ),
        "card": Field(Id(), doc="This guidance card never shows on the tiers in never_on."),
        "never_on": Field(
            ListOf(item=Id()), doc="With card: the tiers it never shows on; left out: any tier."
        ),
        "on_its_own": Field(
            Bool(),
            default=False,
            doc="With when: only for people whose every other answer is the calmest one "
            "(no, none of these, the first option, the lowest number), as for what must "
            "not escalate on its own.",
        ),
        "note": Field(Str(max_length=1000), doc="Why this must hold, for the next reviewer."),
    },
    after=promise_rules,
)

META = Record(
    name="meta section",
    fields={
        "id": Field(Id(), required=True),
        "version": Field(Str(), required=True, doc="Shown on every result, e.g. 1.4."),
        "date": Field(DATE, required=True),
        "title": Field(TEXT, required=True),
        "languages": Field(
            ListOf(item=Enum(values=SUPPORTED_LANGUAGES, noun="language"), min_items=1),
            default=["en"],
        ),
        "default_language": Field(Enum(values=SUPPORTED_LANGUAGES, noun="language"), default="en"),
    },
)

CLINIC = Record(
    name="clinic",
    fields={
        "name": Field(Str(), required=True, doc="The clinic's name; not translated."),
        "phone": Field(
            Str(
                noun="a phone number",
                pattern=re.compile(r"[0-9+()\- .]{3,30}\Z"),
                example="(619) 555-0100",
            )
        ),
        "booking_url": Field(
            Str(
                noun="a web address starting with https://",
                pattern=re.compile(r"https://\S+\Z"),
                example="https://example.com/book",
            )
        ),
        "area": Field(TEXT, doc="Where the clinic is, e.g. San Diego."),
        "offer": Field(TEXT, doc="The call to action, e.g. a free first session."),
    },
)

SETTINGS = Record(
    name="settings section",
    fields={
        "emergency_number": Field(
            Str(noun="a phone number", pattern=re.compile(r"[0-9]{2,6}\Z"), example="911")
        ),
        "er": Field(TEXT, doc="Local name for the emergency room."),
        "urgent_care": Field(TEXT),
        "doctor": Field(TEXT),
        "physical_therapist": Field(TEXT),
        "clinic": Field(CLINIC),
        "minutes_to_answer": Field(
            Int(minimum=1, maximum=60),
            doc="How long the questions take, as the start page promises it. A content test "
            "measures the usual reassuring route and fails when this is more than a minute off.",
        ),
    },
)

NOTICE = Record(
    name="notice",
    fields={
        "title": Field(TEXT, required=True),
        "body": Field(MARKDOWN, required=True),
    },
)

SAFETY_NET = Record(
    name="safety net",
    fields={
        **NOTICE.fields,
        "title_when_interrupted": Field(
            TEXT,
            doc="The heading over the same list on results that already say go now.",
        ),
    },
)

QUESTIONNAIRE = Record(
    name="questionnaire",
    fields={
        "meta": Field(META, required=True),
        "settings": Field(SETTINGS, default={}),
        "tiers": Field(
            ListOf(item=TIER, min_items=1), required=True, doc="Urgency levels, most urgent first."
        ),
        "pages": Field(ListOf(item=PAGE, min_items=1), required=True),
        "red_flags": Field(ListOf(item=RED_FLAG), required=True),
        "guidance": Field(ListOf(item=GUIDANCE), default=[]),
        "safety_net": Field(SAFETY_NET, required=True, doc="Shown on every result."),
        "disclaimer": Field(NOTICE, required=True, doc="Shown on every result and printout."),
        "promises": Field(
            ListOf(item=PROMISE),
            default=[],
            doc="What must always hold, proven by screener check over every answer.",
        ),
        "signoff": Field(
            SIGNOFF,
            default={},
            doc="Who signed off the safety content; written by screener signoff.",
        ),
    },
)


def json_schema() -> JsonSchema:
    """The questionnaire format as a JSON Schema, for editors' YAML language servers."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://example.org/screener/questionnaire.schema.json",
        "title": "Sciatica screener questionnaire",
        **QUESTIONNAIRE.schema(),
    }
