"""What the questionnaire's pages say, worked out once per questionnaire and language.

Question pages print many short texts (every option's label and hint, scale ends, the intro
as HTML). They depend only on the questionnaire and the language, never on the person, so
they are kept here as plain data; templates print them and branch on the person's answers
as freely as they like. A reloaded questionnaire is a new object and gets texts of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markupsafe import Markup

from screener.core.kept import Store, kept
from screener.core.markdown import render_markdown
from screener.core.model import Page, Question, Questionnaire
from screener.core.text import Text
from screener.web.forms import field_family
from screener.web.i18n import catalogue

# What the file format allows in ids and option values (letters, digits, _), and the "-2" a
# page adds: text that reads the same escaped or not, so the field macros print it as it is
# (escaping dozens of them per page was a third of a question page's time).
ATTRIBUTE_SAFE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
# Questionnaires (by identity) whose texts are kept: the served one, and a few older ones
# still finishing requests across a reload.
KEPT = 4


def mid_sentence(text: str) -> str:
    """A label as it reads inside a sentence: "No pain" becomes "no pain" ("ER" stays)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def first_sentence(text: str) -> str:
    """A text's first sentence: what a result says first, before its reasons in full."""
    end = re.search(r"[.!?](?=\s)", text)
    return text[: end.end()] if end else text


@lru_cache(maxsize=1024)
def as_html(markdown: str) -> Markup:
    """A Markdown text as safe HTML (all input is escaped)."""
    return Markup(render_markdown(markdown))  # noqa: S704


@dataclass(frozen=True)
class ChoiceText:
    """One option (or scale number) as the page prints it."""

    value: str
    label: str
    input_id: str  # the first option's input takes the question's id, so errors link to it
    hint: str = ""
    exclusive: bool = False
    end: str = ""  # a scale's first and last number: the end's name beside it


@dataclass(frozen=True)
class QuestionText:
    """One question as the page prints it."""

    id: str
    macro: str  # the macro in templates/_macros.html that draws its field
    text: str
    hint: str
    choices: tuple[ChoiceText, ...]
    low: int | None
    high: int | None
    low_label: str  # a scale's ends, as named and as they read mid-sentence
    high_label: str
    scale_words: str  # "From 0 (no pain) to 10 (worst pain)." for a scale
    unit: str
    max_length: int | None


@dataclass(frozen=True)
class PageText:
    """One page as it prints, with every question it may show."""

    id: str
    title: str
    intro: Markup | None
    questions: dict[str, QuestionText]

    def shown(self, questions: tuple[Question, ...]) -> tuple[QuestionText, ...]:
        """The texts of the questions this person is shown, in order."""
        return tuple(self.questions[q.id] for q in questions)


@dataclass(frozen=True)
class CardText:
    """A guidance card as the result page prints it."""

    title: str
    body: Markup


class QuestionnaireTexts:
    """The page texts of one questionnaire in one language, each built on first use."""

    def __init__(self, questionnaire: Questionnaire, language: str) -> None:
        self.questionnaire, self.language = questionnaire, language
        self.pages: dict[str, PageText] = {}

    @cached_property
    def asked_as(self) -> dict[str, str]:
        """Every question's words, by id: the check page, the reasons and the printed sheet
        each list a few dozen."""
        return {qid: self.say(q.text) for qid, q in self.questionnaire.questions.items()}

    @cached_property
    def cards(self) -> dict[str, CardText]:
        """Every guidance card's title and body (as HTML), by id."""
        return {
            card.id: CardText(self.say(card.title), as_html(self.say(card.body)))
            for card in self.questionnaire.guidance
        }

    @cached_property
    def page_titles(self) -> dict[str, str]:
        """Every page's title, by id."""
        return {page.id: self.say(page.title) for page in self.questionnaire.pages}

    def say(self, text: Text | None) -> str:
        """A questionnaire text in this language, placeholders filled ('' for none)."""
        return self.questionnaire.text(text, self.language) if text else ""

    def page(self, page: Page) -> PageText:
        """What `page` says."""
        found = self.pages.get(page.id)
        if found is None:
            found = self.pages[page.id] = PageText(
                page.id,
                self.say(page.title),
                as_html(self.say(page.intro)) if page.intro else None,
                {q.id: self.question(q) for q in page.questions},
            )
        return found

    def question(self, question: Question) -> QuestionText:
        """What one question says, with its options or scale numbers."""
        low_label, high_label = self.say(question.min_label), self.say(question.max_label)
        return QuestionText(
            id=question.id,
            macro=field_family(question).macro,
            text=self.say(question.text),
            hint=self.say(question.hint),
            choices=self._choices(question, low_label, high_label),
            low=question.minimum,
            high=question.maximum,
            low_label=low_label,
            high_label=high_label,
            scale_words=self._scale_words(question, low_label, high_label),
            unit=self.say(question.unit),
            max_length=question.max_length,
        )

    def _scale_words(self, question: Question, low: str, high: str) -> str:
        """A scale's range in a sentence, its ends named as they read mid-sentence."""
        if field_family(question).macro != "scale":
            return ""
        gettext = catalogue(self.language).gettext
        return str(
            gettext("From %(low)s (%(low_label)s) to %(high)s (%(high_label)s).")
            % {
                "low": question.minimum,
                "high": question.maximum,
                "low_label": mid_sentence(low) or gettext("the least"),
                "high_label": mid_sentence(high) or gettext("the most"),
            }
        )

    def _choices(self, question: Question, low: str, high: str) -> tuple[ChoiceText, ...]:
        def input_id(index: int) -> str:
            return question.id if index == 0 else f"{question.id}-{index + 1}"

        values = [question.id, *question.option_values]
        if not all(ATTRIBUTE_SAFE.match(value) for value in values):
            raise ValueError(f"{question.id}: an id or option value the format does not allow")

        if question.options:
            return tuple(
                ChoiceText(o.value, self.say(o.label), input_id(i), self.say(o.hint), o.exclusive)
                for i, o in enumerate(question.options)
            )
        if field_family(question).macro != "scale":
            return ()
        assert question.minimum is not None and question.maximum is not None
        numbers = range(question.minimum, question.maximum + 1)
        last = len(numbers) - 1
        return tuple(
            ChoiceText(
                str(n), str(n), input_id(i), end=low if i == 0 else high if i == last else ""
            )
            for i, n in enumerate(numbers)
        )


_KEPT: Store[QuestionnaireTexts] = {}


def texts(questionnaire: Questionnaire, language: str) -> QuestionnaireTexts:
    """The page texts of `questionnaire` in `language`, made once and kept."""
    return kept(_KEPT, questionnaire, language, lambda q: QuestionnaireTexts(q, language), KEPT)
