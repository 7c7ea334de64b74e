"""Every journey through one version of the questionnaire, for all combinations at once.

For each combination of answers (encoding.py) this works out, as BDDs, what the app does:
which questions the route shows, where the emergency interrupt stops the journey, and what
the result page then shows: its tier, its red flags and its guidance cards.

The journey is the app's (views.py): pages in order, each shown when its `show_if` holds for
the answers given on earlier pages; after each page, if a red flag whose tier interrupts holds
for the answers so far, the journey stops and the result is worked out from those answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from screener.authoring.proof.readings import Readings, red_flag_readings
from screener.authoring.proof.space import (
    BDD,
    ENCODINGS,
    SLOT_WIDTHS,
    UNREAD_TYPES,
    Assignment,
    Scope,
    Slot,
    SlotSpec,
    Space,
    View,
    balanced,
    compile_condition,
)
from screener.core.conditions import Condition, comparisons, refs
from screener.core.model import Question, Questionnaire

# Numbers this wide or narrower are cheap to compare even when their bits lie apart.
WIDE_BITS = 6


def read_questions(questionnaire: Questionnaire) -> list[str]:
    """Ids of the questions some condition reads (show_if, red flag, card, promise), in order."""
    read: set[str] = set()
    for condition in conditions_of(questionnaire):
        read.update(condition.questions)
    return [qid for qid in questionnaire.questions if qid in read]


def conditions_of(questionnaire: Questionnaire) -> Iterable[Condition]:
    """Every condition in the questionnaire."""
    for page in questionnaire.pages:
        if page.show_if is not None:
            yield page.show_if
        for question in page.questions:
            if question.show_if is not None:
                yield question.show_if
    yield from (flag.when for flag in questionnaire.red_flags)
    yield from (card.when for card in questionnaire.guidance if card.when is not None)
    yield from (p.when for p in questionnaire.promises if p.when is not None)


@dataclass(frozen=True)
class Stop:
    """Journeys that stop for an emergency after page `index` (-1: before the first page)."""

    index: int
    when: BDD

    def after(self, questionnaire: Questionnaire) -> str:
        """Where the stop comes, in words."""
        if self.index < 0:
            return "before the first page"
        return f'after page "{questionnaire.pages[self.index].id}"'


class Outcomes:
    """The app's behaviour for every combination, over a shared `Space`."""

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

    # -- the route ------------------------------------------------------------------------

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

    # -- the interrupt and the result --------------------------------------------------------

    @cached_property
    def interrupting(self) -> list[str]:
        """Ids of the red flags whose tier stops the questionnaire."""
        tiers = self.questionnaire.tier_by_id
        return [f.id for f in self.questionnaire.red_flags if tiers[f.tier].interrupt]

    @cached_property
    def stops(self) -> list[Stop]:
        """Where journeys stop early: after the first page at which an interrupting flag holds.

        The app looks before the first page too (index -1: no answers yet), so a flag that
        holds while its answers are missing stops the questionnaire at once. Otherwise the
        flags can only change at pages holding a question they read, so only those are
        looked at.
        """
        q = self.questionnaire
        flags = [q.red_flag_by_id[f] for f in self.interrupting]
        last = {f.id: max(self.page_index[qid] for qid in f.when.questions) for f in flags}
        pages = [-1, *sorted({self.page_index[qid] for f in flags for qid in f.when.questions})]
        stops, before, settled = [], self.space.false, self.space.false
        for index in pages:
            # A flag whose questions are all behind us holds as it will for the whole route;
            # only the flags still waiting for answers are worked out afresh at this page.
            now = self.space.false
            for flag in flags:
                if last[flag.id] == index:
                    settled |= self.holds(flag.when, None)
                elif last[flag.id] > index:
                    now |= self.holds(flag.when, index)
            now |= settled
            stops.append(Stop(index, now & ~before))
            before |= now
        return stops

    @cached_property
    def not_stopped(self) -> BDD:
        """Journeys that reach the end of the questionnaire."""
        result = self.space.true
        for stop in self.stops:
            result &= ~stop.when
        return result

    @cached_property
    def stopped_by(self) -> list[BDD]:
        """For each stop in order: the journeys that have stopped there or before."""
        found, so_far = [], self.space.false
        for stop in self.stops:
            so_far |= stop.when
            found.append(so_far)
        return found

    def _over_ends(self, changes_at: Iterable[int], value_at: Callable[[int | None], BDD]) -> BDD:
        """Where the result, wherever the journey ends, has `value_at(answers up to that cut)`.

        `value_at` can only change at the pages in `changes_at`, so the stops between two
        such pages are taken together (a few operations per rule, not one per stop).
        """
        changes = sorted(set(changes_at))
        result, before, key = self.space.false, self.space.false, None
        for index, stop in enumerate(self.stops):
            seen = max((p for p in changes if p <= stop.index), default=-1)
            if index and seen != key:
                result |= (self.stopped_by[index - 1] & ~before) & value_at(key)
                before = self.stopped_by[index - 1]
            key = seen
        if self.stops:
            result |= (self.stopped_by[-1] & ~before) & value_at(key)
        return result | (self.not_stopped & value_at(None))

    def fired_at(self, flag_id: str, cut: int | None) -> BDD:
        """Where a red flag holds for the answers given up to page `cut`."""
        return self.holds(self.questionnaire.red_flag_by_id[flag_id].when, cut)

    def tiers_at(self, cut: int | None) -> list[BDD]:
        """For each tier, most urgent first: where it is the result for answers up to `cut`."""
        q = self.questionnaire
        raised = [
            balanced(
                self.space,
                [self.fired_at(f.id, cut) for f in q.red_flags if f.tier == tier.id],
                self.space.false,
                lambda a, b: a | b,
            )
            for tier in q.tiers
        ]
        result, above = [], self.space.false
        for index, flag_raised in enumerate(raised):
            last = index == len(raised) - 1
            result.append(~above if last else flag_raised & ~above)
            above |= flag_raised
        return result

    @cached_property
    def full_tiers(self) -> list[BDD]:
        """The tier the person's whole route would give, had nothing stopped the journey."""
        return self.tiers_at(None)

    @cached_property
    def tiers(self) -> list[BDD]:
        """For each tier, most urgent first: where the result page shows it."""
        every_page = [stop.index for stop in self.stops]
        return [
            self._over_ends(every_page, self._tier_at(rank))
            for rank in range(len(self.questionnaire.tiers))
        ]

    def _tier_at(self, rank: int) -> Callable[[int | None], BDD]:
        return lambda cut: self._tiers_at_cut(cut)[rank]

    def _tiers_at_cut(self, cut: int | None) -> list[BDD]:
        return self.full_tiers if cut is None else self.tiers_at(cut)

    def fired(self, flag_id: str) -> BDD:
        """Where the result page lists this red flag."""
        flag = self.questionnaire.red_flag_by_id[flag_id]
        pages = [self.page_index[qid] for qid in flag.when.questions]
        return self._over_ends(pages, lambda cut: self.fired_at(flag_id, cut))

    def card(self, card_id: str) -> BDD:
        """Where the result page shows this guidance card."""
        q = self.questionnaire
        card = next(c for c in q.guidance if c.id == card_id)
        tiers = [q.tier_by_id[t].rank for t in card.tiers]
        pages = [self.page_index[qid] for qid in (card.when.questions if card.when else ())]
        if tiers:  # which tier the result has can change at any stop
            pages += [stop.index for stop in self.stops]

        def shown(cut: int | None) -> BDD:
            suits = self.space.true
            if tiers:
                suits = self.space.false
                for rank in tiers:
                    suits |= self._tiers_at_cut(cut)[rank]
            return suits & (self.space.true if card.when is None else self.holds(card.when, cut))

        return self._over_ends(pages, shown)

    @cached_property
    def _more_urgent_than(self) -> list[BDD]:
        """For each rank: where the result is more urgent than that rank."""
        found, above = [], self.space.false
        for tier in self.tiers:
            found.append(above)
            above |= tier
        return found

    def less_urgent(self, after: list[BDD]) -> BDD:
        """Where the tiers in `after` are less urgent than this version's result."""
        result = self.space.false
        for tier, above in zip(after, self._more_urgent_than, strict=True):
            result |= tier & above
        return result

    # -- reading one combination ---------------------------------------------------------------

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


def encoded_questions(questionnaire: Questionnaire) -> list[str]:
    """The questions the proof gives variables to: those rules read (never free text)."""
    return [
        qid
        for qid in read_questions(questionnaire)
        if questionnaire.questions[qid].type not in UNREAD_TYPES
    ]


def encode(
    space: Space, questionnaires: Sequence[Questionnaire], primed: bool = False
) -> list[Outcomes]:
    """Give every question the versions read one slot of variables, then each its outcomes.

    A question both versions ask the same way shares a slot holding the union of their
    options and ranges, so each combination means the same person to both; each version's
    own domain then rules out answers it does not offer. With `primed`, each slot also gets
    a twin for 'turning an answer on'.
    """
    order: dict[str, list[Question]] = {}
    for questionnaire in reversed(questionnaires):  # the newest version's order first
        for qid in encoded_questions(questionnaire):
            order.setdefault(qid, []).append(questionnaire.questions[qid])
    specs: dict[tuple[str, str], SlotSpec] = {}
    for qid in sorted(order, key=lambda i: _position(questionnaires, i)):
        for question in order[qid]:
            kind = ENCODINGS[question.type].slot_kind
            if (qid, kind) in specs:
                continue
            same = [q for q in order[qid] if ENCODINGS[q.type].slot_kind == kind]
            lows = [q.minimum for q in same if q.minimum is not None]
            highs = [q.maximum for q in same if q.maximum is not None]
            # A question whose type changed between versions gets a slot per kind of answer.
            taken = any(other == qid for other, _kind in specs)
            specs[(qid, kind)] = SlotSpec(
                f"{qid}~{kind}" if taken else qid,
                kind,
                tuple(dict.fromkeys(v for q in same for v in q.option_values)),
                min(lows, default=0),
                max(highs, default=0),
                any(not q.required for q in same),
            )
    slots: dict[tuple[str, str], Slot] = {}
    compared = _interleaved(_compared_together(questionnaires), specs)
    for key in specs:
        if key in slots:
            continue
        group = [k for k in specs if compared.get(k[0], k[0]) == compared.get(key[0], key[0])]
        group = [k for k in group if k not in slots] if key[0] in compared else [key]
        for k, slot in zip(group, space.add_slots([specs[k] for k in group], primed), strict=True):
            slots[k] = slot
    found = []
    for questionnaire in questionnaires:
        readings = red_flag_readings(questionnaire)
        views = {
            qid: View(
                questionnaire.questions[qid],
                slots[(qid, ENCODINGS[questionnaire.questions[qid].type].slot_kind)],
                readings[qid],
            )
            for qid in encoded_questions(questionnaire)
        }
        found.append(Outcomes(space, questionnaire, views))
    return found


def _compared_together(questionnaires: Sequence[Questionnaire]) -> dict[str, str]:
    """Questions that some condition compares with each other, each mapped to its group's
    first member (questions compared with nothing are left out)."""
    group: dict[str, str] = {}

    def root(qid: str) -> str:
        while group.get(qid, qid) != qid:
            qid = group[qid]
        return qid

    for questionnaire in questionnaires:
        for condition in conditions_of(questionnaire):
            for compare in comparisons(condition.root):
                ids = [r.question for r in refs(compare)]
                if len(ids) == 2 and ids[0] != ids[1]:
                    a, b = root(ids[0]), root(ids[1])
                    group.setdefault(a, a)
                    group[b] = a
    return {qid: root(qid) for qid in group}


def _interleaved(
    groups: dict[str, str], specs: Mapping[tuple[str, str], SlotSpec]
) -> dict[str, str]:
    """The groups worth interleaving: a few wide numbers compared with one another.

    Narrow answers cost little in separate blocks, and interleaving a long chain of
    comparisons (a > b, b > c, ...) would pull apart the neighbours each one compares.
    """
    members: dict[str, list[str]] = {}
    for qid, root in groups.items():
        members.setdefault(root, []).append(qid)
    wide = {
        key[0] for key, spec in specs.items() if SLOT_WIDTHS[spec.kind](*spec.sizes) > WIDE_BITS
    }
    keep = {r for r, m in members.items() if len(m) <= 4 and wide & set(m)}
    return {qid: root for qid, root in groups.items() if root in keep}


def _position(questionnaires: Sequence[Questionnaire], qid: str) -> tuple[int, int]:
    """Where a question stands: in the newest version that asks it, by page order."""
    for age, questionnaire in enumerate(reversed(questionnaires)):
        if qid in questionnaire.question_order:
            return questionnaire.question_order[qid], age
    return 0, 0
