"""The route through the questionnaire, recomputed from the answers every time.

A page or question is shown when its `show_if` holds for the answers given on earlier shown
pages. Answers to anything not shown do not count and are dropped (`stale_answers`).
Compute a `Route` once per request and ask it; the module functions are shorthands.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.core.conditions import Answers, AnswerValue
from screener.core.model import Page, Question, Questionnaire


@dataclass(frozen=True)
class Route:
    """The pages shown for some answers, their shown questions, and the answers that count."""

    questionnaire: Questionnaire
    pages: tuple[Page, ...]
    questions: dict[str, tuple[Question, ...]]
    answers: dict[str, AnswerValue]

    def index(self, page_id: str) -> int | None:
        """Where a page stands in the route, or None when it is not shown."""
        return next((i for i, page in enumerate(self.pages) if page.id == page_id), None)

    def _order(self, page_id: str) -> int:
        return self.questionnaire.page_order.get(page_id, -1)

    def next_page(self, current: str) -> Page | None:
        """The shown page after `current`; None when the next step is checking answers."""
        after = self._order(current)
        return next((p for p in self.pages if self._order(p.id) > after), None)

    def previous_page(self, current: str) -> Page | None:
        """The shown page before `current`; None on the first page."""
        before = self._order(current)
        before = len(self.questionnaire.pages) if before < 0 else before
        earlier = [p for p in self.pages if self._order(p.id) < before]
        return earlier[-1] if earlier else None

    def unanswered(self) -> tuple[Question, ...]:
        """Every shown required question still unanswered, in order."""
        return tuple(
            q
            for page in self.pages
            for q in self.questions[page.id]
            if q.required and q.id not in self.answers
        )

    def first_unanswered_page(self) -> Page | None:
        """The first shown page with a required question still unanswered."""
        for page in self.pages:
            if any(q.required and q.id not in self.answers for q in self.questions[page.id]):
                return page
        return None


def route(questionnaire: Questionnaire, answers: Answers) -> Route:
    """Walk the pages in order, keeping what is shown for these answers."""
    known: dict[str, AnswerValue] = {}
    pages: list[Page] = []
    shown: dict[str, tuple[Question, ...]] = {}
    for page in questionnaire.pages:
        if page.show_if is not None and not page.show_if.test(known):
            continue
        questions = tuple(q for q in page.questions if q.show_if is None or q.show_if.test(known))
        if not questions:
            continue
        pages.append(page)
        shown[page.id] = questions
        for question in questions:
            if question.id in answers:
                known[question.id] = answers[question.id]
    return Route(questionnaire, tuple(pages), shown, known)


def visible_pages(questionnaire: Questionnaire, answers: Answers) -> tuple[Page, ...]:
    """The pages a person with these answers is shown, in order."""
    return route(questionnaire, answers).pages


def effective_answers(questionnaire: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    """Only the answers to questions that are shown; the rest must not count."""
    return route(questionnaire, answers).answers


def stale_answers(questionnaire: Questionnaire, answers: Answers) -> frozenset[str]:
    """Ids of answers to drop because their question or page is no longer shown."""
    return frozenset(answers) - frozenset(route(questionnaire, answers).answers)


def next_page(questionnaire: Questionnaire, answers: Answers, current: str) -> Page | None:
    """The shown page after `current`; None when the next step is checking answers."""
    return route(questionnaire, answers).next_page(current)


def previous_page(questionnaire: Questionnaire, answers: Answers, current: str) -> Page | None:
    """The shown page before `current`; None on the first page."""
    return route(questionnaire, answers).previous_page(current)


def first_unanswered_page(questionnaire: Questionnaire, answers: Answers) -> Page | None:
    """The first shown page with a required question still unanswered."""
    return route(questionnaire, answers).first_unanswered_page()
