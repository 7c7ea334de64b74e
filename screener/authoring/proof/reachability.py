"""Every page, red flag and card can show, and no red flag reads a question some answers hide."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from screener.authoring.proof.findings import Finding, Proof
from screener.authoring.proof.space import BDD
from screener.catalogue import safety
from screener.core.conditions import Condition


def pages_can_show(proof: Proof) -> Iterator[Finding]:
    """Every page, and every question with a show_if, is shown by some answers."""
    q, outcomes = proof.questionnaire, proof.outcomes
    for page in q.pages:
        if not proof.possible(outcomes.page_shown[page.id]):
            yield Finding(
                ("page", page.id),
                ("show_if",) if page.show_if else (),
                safety.NEVER_SHOWN,
                {"what": "page", "ident": page.id},
            )
            continue
        for question in page.questions:
            if question.show_if is not None and not proof.possible(outcomes.shown[question.id]):
                yield Finding(
                    ("question", question.id),
                    ("show_if",),
                    safety.NEVER_SHOWN,
                    {"what": "question", "ident": question.id},
                )


def rules_can_fire(proof: Proof) -> Iterator[Finding]:
    """Every red flag and every guidance card shows on some result."""
    q, outcomes = proof.questionnaire, proof.outcomes
    rules: list[tuple[str, str, Condition | None, Callable[[], BDD]]] = [
        ("red flag", f.id, f.when, partial(outcomes.fired, f.id)) for f in q.red_flags
    ]
    rules += [("guidance card", c.id, c.when, partial(outcomes.card, c.id)) for c in q.guidance]
    for kind, ident, condition, on_result in rules:
        # Most red flags hold on some journey that goes to the end: a cheap first look.
        if (
            kind == "red flag"
            and condition is not None
            and proof.possible(outcomes.holds(condition) & outcomes.not_stopped)
        ):
            continue
        if proof.possible(on_result()):
            continue
        as_asked = proof.space.true if condition is None else outcomes.as_asked(condition)
        verb = "raise" if kind == "red flag" else "show"
        fields = {"verb": verb, "kind": kind, "ident": ident}
        if not proof.possible(as_asked):
            yield Finding((kind, ident), ("when",), safety.RULE_IMPOSSIBLE, fields)
            continue
        tiers = ", or only on results of tiers it does not show on" if kind != "red flag" else ""
        yield Finding((kind, ident), ("when",), safety.RULE_UNREACHABLE, {**fields, "tiers": tiers})


def hidden_red_flag_questions(proof: Proof) -> Iterator[Finding]:
    """Warn when a red flag reads a question that some answers hide."""
    q, outcomes = proof.questionnaire, proof.outcomes
    for flag in q.red_flags:
        for qid in dict.fromkeys(flag.when.questions):
            if qid in flag.safe_when_hidden or qid not in outcomes.views:
                continue
            hidden = ~outcomes.shown[qid]
            reasons: list[str] = []
            for _ in range(6):  # up to three different reasons, in as few tries
                if len(reasons) == 3 or not proof.possible(hidden):
                    break
                example = proof.example(hidden)
                owner, because = proof.hiding(example, qid)
                reasons = list(dict.fromkeys([*reasons, because]))
                hidden &= ~_same_answers(proof, owner, example)
            if reasons:
                yield Finding(
                    ("red flag", flag.id),
                    ("when",),
                    safety.HIDDEN_FLAG_QUESTION,
                    {"flag": flag.id, "qid": qid, "reasons": "; or ".join(reasons)},
                )


def _same_answers(proof: Proof, owner: tuple[str, str], example: dict[str, bool]) -> BDD:
    """Combinations that answer the hiding show_if's questions exactly as `example` does."""
    q = proof.questionnaire
    if owner[0] == "page":
        condition = q.page_by_id[owner[1]].show_if
    else:
        condition = q.questions[owner[1]].show_if
    same = proof.space.true
    for qid in condition.questions if condition is not None else ():
        for name, bit in zip(
            proof.outcomes.views[qid].slot.names, proof.outcomes.views[qid].slot.bits, strict=True
        ):
            same &= bit if example.get(name, False) else ~bit
    return same
