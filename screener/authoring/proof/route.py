"""The route for every combination at once: which questions it shows, and what holds on it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from screener.authoring.proof.bits import balanced
from screener.authoring.proof.comparisons import Scope, compile_condition
from screener.authoring.proof.readings import Readings
from screener.authoring.proof.space import BDD, Assignment, Space
from screener.authoring.proof.views import View
from screener.core.conditions import Condition
from screener.core.model import Questionnaire


# The route is the app's (web/journey.py): pages in order, each shown when its `show_if`
# holds for the answers given on earlier pages.
class Route:
    """Which questions one version shows, and which answers it has, for every combination."""

    def __init__(self, space: Space, questionnaire: Questionnaire, views: Mapping[str, View]):
        self.space = space
        self.questionnaire = questionnaire
        self.views = dict(views)
        self.readings: dict[str, Readings] = {
            qid: view.readings for qid, view in self.views.items()
        }
        self.page_index = {
            qid: questionnaire.page_order[q.page] for qid, q in questionnaire.questions.items()
        }
        self._memo: dict[tuple[str, frozenset[str]], BDD] = {}
        self.shown: dict[str, BDD] = {}
        self.page_shown: dict[str, BDD] = {}
        self.present: dict[str, BDD] = {}
        self._walk()

    @cached_property
    def domain(self) -> BDD:
        """The combinations this version allows."""
        allowed = [view.allowed for view in self.views.values()]
        return balanced(self.space, allowed, self.space.true, lambda a, b: a & b)

    @cached_property
    def _owner(self) -> dict[str, View]:
        return {name: view for view in self.views.values() for name in view.slot.names}

    def within(self, u: BDD) -> BDD:
        """u, limited to the answers this version allows for the questions u depends on.

        The domain is one constraint per question, each on its own variables, so only the
        questions u reads need theirs: what u leaves free is satisfiable on its own. This
        keeps each question about a few questions as small as those questions.
        """
        views = {id(v): v for n in u.support if (v := self._owner.get(n))}.values()
        if len(views) > 8:  # one conjunction with the whole domain is cheaper than many
            return u & self.domain
        for view in views:
            u &= view.allowed
        return u

    def _walk(self) -> None:
        """Which questions are shown, page by page (a show_if reads only earlier pages)."""
        space = self.space
        for page in self.questionnaire.pages:
            visible = self._truth(page.show_if, self.present)
            shown_any = space.false
            for question in page.questions:
                shown = visible & self._truth(question.show_if, self.present)
                self.shown[question.id] = shown
                shown_any |= shown
            self.page_shown[page.id] = shown_any
            # Answers on this page become known only once every show_if on it is worked out.
            for question in page.questions:
                if question.id in self.views:
                    self.present[question.id] = (
                        self.shown[question.id] & self.views[question.id].answered()
                    )

    def _truth(self, condition: Condition | None, present: Mapping[str, BDD]) -> BDD:
        if condition is None:
            return self.space.true
        return compile_condition(self.space, condition, Scope(self.views, present))

    def holds(self, condition: Condition, cut: int | None = None) -> BDD:
        """Where `condition` holds for the answers given up to page `cut` (None: all of them)."""
        seen = frozenset(
            qid for qid in condition.questions if cut is None or self.page_index[qid] <= cut
        )
        key = (condition.text, seen)
        if key not in self._memo:
            present = {
                qid: self.present[qid] if qid in seen else self.space.false
                for qid in condition.questions
            }
            self._memo[key] = compile_condition(self.space, condition, Scope(self.views, present))
        return self._memo[key]

    def as_asked(self, condition: Condition) -> BDD:
        """Where `condition` holds for the person's answers, whether or not they are asked."""
        present = {qid: self.views[qid].answered() for qid in condition.questions}
        return compile_condition(self.space, condition, Scope(self.views, present))

    def route_answers(self, assignment: Assignment) -> dict[str, object]:
        """The answers a person with this combination gives on their route, in order."""
        found: dict[str, object] = {}
        for qid, view in self.views.items():
            if self.evaluate(self.present[qid], assignment):
                found[qid] = view.slot.decode(assignment)
        return found

    def evaluate(self, u: BDD, assignment: Assignment) -> bool:
        """The value of `u` for one combination."""
        values = {name: assignment.get(name, False) for name in u.support}
        if values:
            u = self.space.bdd.let(values, u)
        return bool(u == self.space.true)
