"""Checks across the whole questionnaire, each one a function in CHECKS, run in order.

Structure (keys, types, translations) is checked earlier by the format description; these
checks need the built model: references between parts, order, reachability, safety, size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from screener.authoring.assemble import Assembled
from screener.authoring.condition_checks import check_condition
from screener.authoring.proof.findings import ProofMismatch
from screener.authoring.proof.run import ProofReport, prove
from screener.authoring.proof.space import ProofLimit
from screener.authoring.shapes import Context
from screener.authoring.signoff import check_signoff
from screener.authoring.source import NodePath
from screener.catalogue import references, safety
from screener.core.answers import worst_case_answers
from screener.core.conditions import Condition
from screener.core.cookie import SESSION_BUDGET, cookie_bytes
from screener.core.wording import did_you_mean, quoted_list


@dataclass(frozen=True)
class Located:
    """A condition, who owns it, and where it is written."""

    owner: str
    condition: Condition
    path: NodePath
    page_index: int | None  # for show_if: answers must come from pages before this one


def located_conditions(built: Assembled) -> Iterator[Located]:
    """Every condition with its owner and position."""
    q, paths = built.questionnaire, built.paths
    for index, page in enumerate(q.pages):
        if page.show_if is not None:
            yield Located(
                f'page "{page.id}"', page.show_if, (*paths[("page", page.id)], "show_if"), index
            )
        for question in page.questions:
            if question.show_if is not None:
                yield Located(
                    f'question "{question.id}"',
                    question.show_if,
                    (*paths[("question", question.id)], "show_if"),
                    index,
                )
    for flag in q.red_flags:
        yield Located(
            f'red flag "{flag.id}"', flag.when, (*paths[("red flag", flag.id)], "when"), None
        )
    for card in q.guidance:
        if card.when is not None:
            yield Located(
                f'guidance card "{card.id}"',
                card.when,
                (*paths[("guidance card", card.id)], "when"),
                None,
            )
    for promise in q.promises:
        if promise.when is not None:
            yield Located(
                f'promise "{promise.id}"',
                promise.when,
                (*paths[("promise", promise.id)], "when"),
                None,
            )


def check_conditions(built: Assembled, ctx: Context) -> bool:
    """Every name is a question, every value one of its options, every comparison fits."""
    sound = True
    for item in located_conditions(built):
        for error in check_condition(
            item.condition, built.questionnaire.questions, built.broken_questions
        ):
            ctx.problems.error(ctx.source.inside(item.path, error.offset), error.message)
            sound = False
    return sound


def check_order(built: Assembled, ctx: Context) -> bool:
    """A show_if may only read answers given on earlier pages."""
    q = built.questionnaire
    page_index = {page.id: i for i, page in enumerate(q.pages)}
    sound = True
    for item in located_conditions(built):
        if item.page_index is None:
            continue
        for qid in item.condition.questions:
            question = q.questions.get(qid)
            if question is None or page_index[question.page] < item.page_index:
                continue
            where = (
                "on the same page"
                if page_index[question.page] == item.page_index
                else f'later, on page "{question.page}"'
            )
            ctx.error(
                item.path,
                references.SHOW_IF_NOT_EARLIER.say(owner=item.owner, qid=qid, where=where),
            )
            sound = False
    return sound


def check_references(built: Assembled, ctx: Context) -> bool:
    """Tiers named by red flags and guidance exist; safe_when_hidden names read questions."""
    q, paths = built.questionnaire, built.paths
    tier_ids = list(q.tier_by_id)
    for flag in q.red_flags:
        path = paths[("red flag", flag.id)]
        if flag.tier not in q.tier_by_id:
            ctx.error((*path, "tier"), _unknown_tier(flag.tier, tier_ids))
        for index, qid in enumerate(flag.safe_when_hidden):
            if qid not in flag.when.questions:
                ctx.error(
                    (*path, "safe_when_hidden", index),
                    references.NOT_READ_BY_FLAG.say(
                        qid=qid, questions=quoted_list(flag.when.questions)
                    ),
                )
    for card in q.guidance:
        for index, tier in enumerate(card.tiers):
            if tier not in q.tier_by_id:
                ctx.error(
                    (*paths[("guidance card", card.id)], "tiers", index),
                    _unknown_tier(tier, tier_ids),
                )
    return True


def _unknown_tier(tier: str, tier_ids: list[str]) -> str:
    """The message for a tier no tier has, suggesting the closest or listing them all."""
    suggestion = did_you_mean(tier, tier_ids) or f"; the tiers are {quoted_list(tier_ids)}"
    return references.UNKNOWN_NAME.say(what="tier", ident=tier, suggestion=suggestion)


def check_promise_references(built: Assembled, ctx: Context) -> bool:
    """Every tier, question and card a promise names exists."""
    q = built.questionnaire
    known: dict[str, tuple[str, list[str]]] = {
        "result_at_least": ("tier", list(q.tier_by_id)),
        "result_at_most": ("tier", list(q.tier_by_id)),
        "asked_of_everyone": ("question", list(q.questions)),
        "card": ("guidance card", [card.id for card in q.guidance]),
    }
    sound = True
    for promise in q.promises:
        path = built.paths[("promise", promise.id)]
        noun, ids = known[promise.kind]
        named = [((*path, promise.kind), noun, promise.target, ids)]
        named += [
            ((*path, "never_on", i), "tier", tier, list(q.tier_by_id))
            for i, tier in enumerate(promise.tiers)
        ]
        for where, what, ident, choices in named:
            if ident not in choices:
                suggestion = did_you_mean(ident, choices)
                ctx.error(
                    where,
                    references.UNKNOWN_NAME.say(what=what, ident=ident, suggestion=suggestion),
                )
                sound = False
        if promise.kind == "asked_of_everyone" and promise.target in q.questions:
            if q.questions[promise.target].value_kind == "text":
                ctx.error((*path, promise.kind), safety.PROMISE_FREE_TEXT.say(qid=promise.target))
                sound = False
    return sound


def check_tier_order(built: Assembled, ctx: Context) -> bool:
    """Tiers that stop the questionnaire come first: tiers are listed most urgent first."""
    q = built.questionnaire
    for before, tier in zip(q.tiers, q.tiers[1:], strict=False):
        if tier.interrupt and not before.interrupt:
            ctx.error(
                (*built.paths[("tier", tier.id)], "interrupt"),
                references.TIER_ORDER.say(tier=tier.id, before=before.id),
                at_key=True,
            )
    return True


def check_red_flag_inputs(built: Assembled, ctx: Context) -> bool:
    """A red flag may not depend on an answer people are allowed to leave blank."""
    q = built.questionnaire
    for flag in q.red_flags:
        for qid in flag.when.questions:
            question = q.questions.get(qid)
            if question is not None and not question.required and question.value_kind != "text":
                ctx.error(
                    (*built.paths[("red flag", flag.id)], "when"),
                    safety.FLAG_READS_OPTIONAL.say(flag=flag.id, qid=qid),
                )
    return True


def check_session_budget(built: Assembled, ctx: Context) -> bool:
    """The longest possible answers still fit in the session cookie."""
    q = built.questionnaire
    size = cookie_bytes(worst_case_answers(q))
    if size > SESSION_BUDGET:
        free = [qq for qq in q.questions.values() if qq.value_kind == "text"]
        texts = [f"{qq.id}: {qq.max_length}" for qq in free]
        shorter = f"lower max_length on text questions ({', '.join(texts)}) or " if texts else ""
        ctx.error(
            ("pages",),
            references.SESSION_BUDGET.say(
                size=f"{size:,}", budget=f"{SESSION_BUDGET:,}", shorter=shorter
            ),
            at_key=True,
        )
    return True


def check_arrival_advice(built: Assembled, ctx: Context) -> bool:
    """Red flags that send people to the ER should say what to tell staff on arrival."""
    q = built.questionnaire
    for flag in q.red_flags:
        tier = q.tier_by_id.get(flag.tier)
        if tier is not None and tier.interrupt and flag.say_on_arrival is None:
            ctx.problems.warning(
                ctx.source.at(built.paths[("red flag", flag.id)]),
                references.ARRIVAL_ADVICE.say(flag=flag.id, tier=tier.id),
            )
    return True


def check_proof(built: Assembled, ctx: Context) -> ProofReport | None:
    """The safety proof over every combination of answers (safety.py), at the lines to blame.

    It runs once the file has no other error: a proof about a half-built questionnaire would
    only repeat those errors in other words.
    """
    if ctx.problems.errors:
        return None
    try:
        report = prove(built.questionnaire, ctx.time_limit)
    except ProofLimit as exc:
        ctx.error(("red_flags",), safety.PROOF_UNFINISHED.say(reason=exc), at_key=True)
        return None
    except ProofMismatch as exc:  # a bug in the proof, not in the file: say so, refuse it
        ctx.error(("red_flags",), safety.PROOF_FAULT.say(detail=exc), at_key=True)
        return None
    for finding in report.findings:
        where = ctx.source.at((*built.paths[finding.owner], *finding.field))
        fields = dict(finding.fields)
        if finding.related is not None and "promise_line" in finding.message.fields:
            fields["promise_line"] = ctx.source.at(built.paths[finding.related])[0]
        detail = finding.example.scenario() if finding.example is not None else ()
        add = ctx.problems.error if finding.severity == "error" else ctx.problems.warning
        add(where, finding.message.say(**fields), detail)
    return report


Check = Callable[[Assembled, Context], bool]
# Checks before the gate find errors that make later analysis meaningless; after it, every
# condition is known to be well-typed, so evaluating it cannot fail.
FOUNDATION: tuple[Check, ...] = (
    check_conditions,
    check_order,
    check_references,
    check_promise_references,
    check_tier_order,
    check_red_flag_inputs,
)
ANALYSIS: tuple[Check, ...] = (
    check_session_budget,
    check_arrival_advice,
    check_signoff,
)


def run_checks(built: Assembled, ctx: Context, prove: bool = True) -> ProofReport | None:
    """Run every check, the deeper analyses only when the foundations are sound; the safety
    proof's figures when it ran."""
    if not all([check(built, ctx) for check in FOUNDATION]):
        return None
    report = check_proof(built, ctx) if prove else None
    for check in ANALYSIS:
        check(built, ctx)
    return report
