"""Which questions get variables, and how their slots are laid out in the shared space."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from screener.authoring.proof.encodings import encoding, encoding_of
from screener.authoring.proof.slots import SLOT_WIDTHS, Slot, SlotSpec, add_slots
from screener.authoring.proof.space import Space
from screener.core.conditions import Condition, comparisons, refs
from screener.core.model import Question, Questionnaire

# Numbers this wide or narrower are cheap to compare even when their bits lie apart.
WIDE_BITS = 6
# Which slot holds an answer: (question id, slot kind).
SlotKey = tuple[str, str]


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


def encoded_questions(questionnaire: Questionnaire) -> list[str]:
    """The questions the proof gives variables to: those rules read (never free text)."""
    return [
        qid
        for qid in read_questions(questionnaire)
        if encoding_of(questionnaire.questions[qid]) is not None
    ]


def lay_out(
    space: Space, questionnaires: Sequence[Questionnaire], primed: bool
) -> dict[SlotKey, Slot]:
    """Declare a slot for every question the versions read, in the newest version's order.

    Questions compared with one another are declared together, their bits interleaved
    (slots.add_slots); with `primed`, each bit also gets a twin for 'turning it on'.
    """
    specs = _specs(questionnaires)
    slots: dict[SlotKey, Slot] = {}
    compared = _interleaved(_compared_together(questionnaires), specs)
    for key in specs:
        if key in slots:
            continue
        group = [k for k in specs if compared.get(k[0], k[0]) == compared.get(key[0], key[0])]
        group = [k for k in group if k not in slots] if key[0] in compared else [key]
        for k, slot in zip(group, add_slots(space, [specs[k] for k in group], primed), strict=True):
            slots[k] = slot
    return slots


def _specs(questionnaires: Sequence[Questionnaire]) -> dict[SlotKey, SlotSpec]:
    """What each slot must hold: the union of the options and ranges of the versions using it."""
    order: dict[str, list[Question]] = {}
    for questionnaire in reversed(questionnaires):  # the newest version's order first
        for qid in encoded_questions(questionnaire):
            order.setdefault(qid, []).append(questionnaire.questions[qid])
    specs: dict[SlotKey, SlotSpec] = {}
    for qid in sorted(order, key=lambda i: _position(questionnaires, i)):
        for question in order[qid]:
            kind = encoding(question).slot_kind
            if (qid, kind) in specs:
                continue
            same = [q for q in order[qid] if encoding(q).slot_kind == kind]
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
    return specs


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


def _interleaved(groups: dict[str, str], specs: Mapping[SlotKey, SlotSpec]) -> dict[str, str]:
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
