"""An emergency stop never hides a more urgent result, nor rests on an answer still missing."""

from __future__ import annotations

from collections.abc import Iterator

from screener.authoring.proof.comparisons import Scope, compile_condition
from screener.authoring.proof.counterexamples import Example
from screener.authoring.proof.findings import Finding, Proof
from screener.authoring.proof.space import BDD
from screener.catalogue import safety


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
                safety.STOP_HIDES_URGENT,
                {"flag": culprit, "tier": whole.id, "stop_tier": tier.id, "after": stop.after(q)},
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
                safety.STOP_ON_MISSING,
                {"flag": flag_id, "missing": _listing(missing), "are": _are(missing)},
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


def _are(names: list[str]) -> str:
    """'is' for one name, 'are' for several."""
    return "is" if len(names) == 1 else "are"


def _listing(names: list[str]) -> str:
    """'"a"', '"a" and "b"', '"a", "b" and "c"'."""
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
