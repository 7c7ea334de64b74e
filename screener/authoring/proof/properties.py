"""Properties every questionnaire must have, each proven over every combination of answers.

Each property is a generator of findings over a `Proof`; PROPERTIES lists them in the order
`screener check` reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from screener.authoring.proof.counterexamples import Example, answers_text
from screener.authoring.proof.findings import Finding, Proof, twin_assignment
from screener.authoring.proof.space import BDD, Scope, compile_condition
from screener.core.conditions import Condition
from screener.core.model import Guidance

Property = Callable[[Proof], Iterator[Finding]]


def pages_can_show(proof: Proof) -> Iterator[Finding]:
    """Every page, and every question with a show_if, is shown by some answers."""
    q, outcomes = proof.questionnaire, proof.outcomes
    for page in q.pages:
        if not proof.possible(outcomes.page_shown[page.id]):
            yield Finding(
                ("page", page.id),
                ("show_if",) if page.show_if else (),
                f'no answers can show page "{page.id}": its show_if can never be true given '
                "the answers on earlier pages; check the condition",
            )
            continue
        for question in page.questions:
            if question.show_if is not None and not proof.possible(outcomes.shown[question.id]):
                yield Finding(
                    ("question", question.id),
                    ("show_if",),
                    f'no answers can show question "{question.id}": its show_if can never be '
                    "true given the answers on earlier pages; check the condition",
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
        if not proof.possible(as_asked):
            why = "its condition can never be true for answers people can give"
        else:
            why = (
                "its condition only holds for answers that are never shown together on one "
                "route, or only after an emergency has already stopped the questionnaire"
                + (
                    ", or only on results of tiers it does not show on"
                    if kind != "red flag"
                    else ""
                )
            )
        yield Finding(
            (kind, ident),
            ("when",),
            f'no answers can {verb} {kind} "{ident}": {why}; check the condition',
        )


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
                    f'red flag "{flag.id}" reads "{qid}", which is not asked when '
                    f"{'; or '.join(reasons)}; with those answers this flag cannot fire. Ask "
                    f'"{qid}" of everyone, or, once a clinician confirms the hiding is safe, add '
                    f'"{qid}" to this flag\'s safe_when_hidden',
                    severity="warning",
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


def monotonic(proof: Proof) -> Iterator[Finding]:
    """Turning on a red-flag answer never makes the result less urgent."""
    outcomes, bdd = proof.outcomes, proof.space.bdd
    for qid, view in outcomes.views.items():
        relation = view.encoding.turn_on(view, proof.readings[qid])
        if relation is None:
            continue
        renaming = view.slot.renaming
        after = [bdd.let(renaming, tier) for tier in outcomes.tiers]
        worse = relation & view.domain(view.slot.twin) & outcomes.less_urgent(after)
        if not proof.possible(worse):
            continue
        example = proof.example(worse)
        moved = twin_assignment(example, renaming)
        before_tier, after_tier = proof.tier(example), proof.tier(moved)
        before, now = proof.confirm(example), proof.confirm(moved)
        move = view.encoding.describe_move(view, before.get(qid), now.get(qid))
        owner, field, blame = _blame_lowering(proof, example, moved, before_tier.rank)
        if view.question.type == "yes_no" and proof.readings[qid].options == {"no"}:
            blame += (
                f'; if "no" is the warning sign, ask "{qid}" the other way round, so that "yes" is'
            )
        yield Finding(
            owner,
            field,
            f"turning on {move} lowers the result from "
            f'"{before_tier.id}" to "{after_tier.id}"{blame}; a red-flag answer must never '
            "make the result less urgent",
            Example(
                f"turning on {qid} keeps the result at {before_tier.id}",
                now,
                {"tier_at_least": before_tier.id},
                comments=(f"before turning it on: {answers_text(before)}",),
            ),
        )


def _blame_lowering(
    proof: Proof, before: dict[str, bool], after: dict[str, bool], rank: int
) -> tuple[tuple[str, str], tuple[str | int, ...], str]:
    """The rule or show_if that makes a raised answer lower the result."""
    q, outcomes = proof.questionnaire, proof.outcomes
    lost = [
        flag
        for flag in proof.fired(before)
        if flag not in proof.fired(after) and q.tier_by_id[q.red_flag_by_id[flag].tier].rank <= rank
    ]
    for flag_id in lost:
        flag = q.red_flag_by_id[flag_id]
        for qid in flag.when.questions:
            if outcomes.evaluate(outcomes.present[qid], before) and not outcomes.evaluate(
                outcomes.present[qid], after
            ):
                owner, because = proof.hiding(after, qid)
                return (
                    owner,
                    ("show_if",),
                    f': red flag "{flag_id}" no longer fires because "{qid}" is then not asked '
                    f"({because})",
                )
        return ("red flag", flag_id), ("when",), f': red flag "{flag_id}" no longer fires'
    gained = [f for f in proof.fired(after) if f not in proof.fired(before)]
    if gained:
        return ("red flag", gained[0]), ("when",), f': red flag "{gained[0]}" stops it sooner'
    return ("red flag", q.red_flags[0].id), ("when",), ""


def early_stops_keep_the_result(proof: Proof) -> Iterator[Finding]:
    """A journey that stops for an emergency never hides a more urgent result.

    With more than one tier that stops the questionnaire, a stop for the less urgent one must
    not come before the questions that would raise the more urgent one. (That a stop never
    rests on an answer still missing is stops_rest_on_answers_given.)
    """
    q, outcomes = proof.questionnaire, proof.outcomes
    for stop in outcomes.stops:
        at_stop = outcomes.tiers_at(stop.index)
        for rank, tier in enumerate(q.tiers):
            above = proof.space.false
            for better in q.tiers[:rank]:
                above |= outcomes.full_tiers[better.rank]
            hidden = stop.when & at_stop[rank] & above
            if not proof.possible(hidden):
                continue
            example = proof.example(hidden)
            whole = proof.tier(example, outcomes.full_tiers)
            culprit = next(
                f.id
                for f in q.red_flags
                if f.tier == whole.id and outcomes.evaluate(outcomes.fired_at(f.id, None), example)
            )
            yield Finding(
                ("red flag", culprit),
                ("when",),
                f'red flag "{culprit}" (tier "{whole.id}") reads answers asked after the '
                f'questionnaire can already stop for "{tier.id}", {stop.after(q)}; ask its '
                "questions earlier, so that the most urgent result is the one shown",
                Example(
                    f"{culprit} before the stop {stop.after(q)}".replace('"', ""),
                    proof.answers(example),
                    {"tier": whole.id},
                ),
            )


def stops_rest_on_answers_given(proof: Proof) -> Iterator[Finding]:
    """A red flag that stops the questionnaire never holds only because an answer is missing.

    The app looks for an emergency before the first page, after every page, after every
    changed answer, and on a page sent with a required answer still blank. The answers
    missing then are those on later pages, any on the page being answered, and those on
    pages a changed answer has just opened (pages and questions with a show_if). For each
    page where the flag could stop the questionnaire, each such question gets a free
    'answered yet' variable, so every such set of answers is covered at once.
    """
    q, outcomes, space = proof.questionnaire, proof.outcomes, proof.space
    views = outcomes.views
    answered = dict(zip(views, space.declare([f"{qid}?" for qid in views]), strict=True))
    for flag_id in outcomes.interrupting:
        flag = q.red_flag_by_id[flag_id]
        read = list(dict.fromkeys(flag.when.questions))
        whole = outcomes.fired_at(flag_id, None)
        for cut in [-1, *sorted({outcomes.page_index[qid] for qid in read})]:
            so_far = {
                qid: outcomes.present[qid] & _maybe_missing(proof, qid, cut, answered[qid])
                if outcomes.page_index[qid] <= cut
                else space.false
                for qid in read
            }
            early = compile_condition(space, flag.when, Scope(views, so_far))
            wrong = early & ~whole
            if not proof.possible(wrong):
                continue
            example = proof.example(wrong)
            missing = [
                qid
                for qid in read
                if outcomes.evaluate(outcomes.present[qid], example)
                and not outcomes.evaluate(so_far[qid], example)
            ]
            yield Finding(
                ("red flag", flag_id),
                ("when",),
                f'red flag "{flag_id}" stops the questionnaire while {_listing(missing)} '
                + ("is" if len(missing) == 1 else "are")
                + " not yet answered, but answering can take the flag back; a flag that stops "
                "the questionnaire must still hold once every question is answered",
                Example(
                    f"{flag_id} holds once every question is answered",
                    proof.confirm(example),
                    {"red_flags_include": [flag_id]},
                ),
            )
            break


def _maybe_missing(proof: Proof, qid: str, cut: int, answered: BDD) -> BDD:
    """Whether a question on a page already reached can still be unanswered: on the page
    being answered, or on one a changed answer can just have opened (it has a show_if)."""
    question = proof.questionnaire.questions[qid]
    page = proof.questionnaire.page_by_id[question.page]
    opened = page.show_if is not None or question.show_if is not None
    on_this_page = proof.outcomes.page_index[qid] == cut
    return answered if opened or on_this_page else proof.space.true


def _listing(names: list[str]) -> str:
    """'"a"', '"a" and "b"', '"a", "b" and "c"'."""
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def self_care_cards(proof: Proof) -> Iterator[Finding]:
    """No self-care card on an urgent result unless a clinician marked it safe there.

    The urgent results are the tiers that stop the questionnaire and the first one after
    them (with the shipped tiers: emergency and urgent), never the least urgent tier.
    """
    q, outcomes = proof.questionnaire, proof.outcomes
    stopping = sum(tier.interrupt for tier in q.tiers)
    urgent = q.tiers[: min(stopping + 1, len(q.tiers) - 1)]
    for card in q.guidance:
        if not _self_care(proof, card):
            continue
        for tier in urgent:
            if card.tiers and tier.id not in card.tiers:
                continue  # a card shows only on its own tiers
            shown = outcomes.card(card.id) & outcomes.tiers[tier.rank]
            if not proof.possible(shown):
                continue
            answers = proof.confirm(proof.example(shown))
            yield Finding(
                ("guidance card", card.id),
                ("tiers",) if card.tiers else ("when",),
                f'guidance card "{card.id}" suits self care but shows on a "{tier.id}" result; '
                "restrict its tiers, or mark it safe_on_urgent: true once a clinician agrees",
                Example(
                    f"no self-care card {card.id} on {tier.id}",
                    answers,
                    {"guidance_exclude": [card.id]},
                ),
            )
            break


def _self_care(proof: Proof, card: Guidance) -> bool:
    least = proof.questionnaire.tiers[-1].id
    return not card.safe_on_urgent and (not card.tiers or least in card.tiers)


PROPERTIES: tuple[Property, ...] = (
    pages_can_show,
    rules_can_fire,
    hidden_red_flag_questions,
    monotonic,
    early_stops_keep_the_result,
    stops_rest_on_answers_given,
    self_care_cards,
)
