"""Searching answer combinations: can a page be reached, which answers hide a question.

Only the questions a target depends on are varied, and each only over the values that can
change a condition's outcome (see each question type's `domain`), so the search stays small.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from screener.conditions import AnswerValue, Call, Condition, Const, Ref, comparisons
from screener.model import Page, Question, Questionnaire
from screener.questiontypes import QUESTION_TYPES

Assignment = dict[str, AnswerValue]
SEARCH_LIMIT = 20_000
SEED = 2026


def conditions_of(questionnaire: Questionnaire) -> Iterator[Condition]:
    """Every condition in the questionnaire."""
    for page in questionnaire.pages:
        if page.show_if is not None:
            yield page.show_if
        for question in page.questions:
            if question.show_if is not None:
                yield question.show_if
    yield from (flag.when for flag in questionnaire.red_flags)
    yield from (card.when for card in questionnaire.guidance if card.when is not None)


def literals(conditions: Iterable[Condition]) -> dict[str, list[AnswerValue]]:
    """For each question, the values that conditions compare it with."""
    found: dict[str, list[AnswerValue]] = defaultdict(list)
    for condition in conditions:
        for compare in comparisons(condition.root):
            for a, b in ((compare.left, compare.right), (compare.right, compare.left)):
                name = (
                    a.question
                    if isinstance(a, Ref)
                    else a.arg.question
                    if isinstance(a, Call)
                    else None
                )
                if name is not None and isinstance(b, Const):
                    values = b.value if isinstance(b.value, tuple) else (b.value,)
                    found[name].extend(values)
    return found


def domain(
    question: Question, values: Iterable[AnswerValue], unanswered: bool
) -> list[AnswerValue | None]:
    """The values worth trying for a question, with None for 'not answered' when asked."""
    tried: list[AnswerValue | None] = list(QUESTION_TYPES[question.type].domain(question, values))
    return [*tried, None] if unanswered else tried


@dataclass
class Search:
    """Combinations of answers to a few questions: all of them, or a fixed-seed sample."""

    questions: Sequence[Question]
    domains: Sequence[list[AnswerValue | None]]
    limit: int = SEARCH_LIMIT
    _pages: list[Page] | None = field(default=None, repr=False)

    @property
    def size(self) -> int:
        """How many combinations exist."""
        total = 1
        for values in self.domains:
            total *= max(len(values), 1)
        return total

    @property
    def exhaustive(self) -> bool:
        """Whether every combination is tried."""
        return self.size <= self.limit

    def pages(self, questionnaire: Questionnaire) -> list[Page]:
        """The pages holding the searched questions, in order."""
        if self._pages is None:
            ids = dict.fromkeys(q.page for q in self.questions)
            self._pages = [questionnaire.page_by_id[pid] for pid in ids]
        return self._pages

    def __iter__(self) -> Iterator[Assignment]:
        ids = [q.id for q in self.questions]
        if self.exhaustive:
            combos: Iterable[tuple[Any, ...]] = itertools.product(*self.domains)
        else:
            rng = random.Random(SEED)
            combos = (tuple(rng.choice(d) for d in self.domains) for _ in range(self.limit))
        for combo in combos:
            yield {q: v for q, v in zip(ids, combo, strict=True) if v is not None}


class AnswerSpace:
    """Searches over one questionnaire's answers; what every search shares is worked out once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.values = literals(conditions_of(questionnaire))

    def dependencies(self, question_ids: Iterable[str]) -> list[Question]:
        """The questions whose answers decide whether these are shown, in journey order."""
        q = self.questionnaire
        pending = list(question_ids)
        seen: set[str] = set()
        while pending:
            qid = pending.pop()
            question = q.questions.get(qid)
            if question is None or qid in seen:
                continue
            seen.add(qid)
            page = q.page_by_id[question.page]
            for condition in (page.show_if, question.show_if):
                if condition is not None:
                    pending.extend(condition.questions)
        return [q.questions[qid] for qid in sorted(seen, key=q.question_order.__getitem__)]

    def search(self, targets: Iterable[str], extra: Iterable[Condition] = ()) -> Search:
        """A search over everything that decides whether `targets` are shown (and `extra`)."""
        extra = list(extra)
        involved = self.dependencies([*targets, *(q for c in extra for q in c.questions)])
        values = self.values
        if extra:
            values = {**values}
            for qid, found in literals(extra).items():
                values[qid] = [*values.get(qid, []), *found]
        domains = [domain(q, values.get(q.id, ()), not q.required) for q in involved]
        return Search(involved, domains)

    def shown(self, answers: Assignment, search: Search) -> set[str]:
        """Which questions on the search's pages are shown for these answers (a partial route)."""
        known: Assignment = {}
        shown: set[str] = set()
        for page in search.pages(self.questionnaire):
            if page.show_if is not None and not page.show_if.test(known):
                continue
            for question in page.questions:
                if question.show_if is None or question.show_if.test(known):
                    shown.add(question.id)
                    if question.id in answers:
                        known[question.id] = answers[question.id]
        return shown
