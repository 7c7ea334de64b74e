"""Checks across the whole questionnaire, each one a function in CHECKS, run in order.

Structure (keys, types, translations) is checked earlier by the format description; these
checks need the built model: references between parts, order, reachability, safety, size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from screener.authoring.assemble import Built
from screener.authoring.condition_checks import check_condition
from screener.authoring.proof.findings import ProofMismatch
from screener.authoring.proof.run import prove
from screener.authoring.proof.space import ProofLimit
from screener.authoring.shapes import Context
from screener.authoring.source import NodePath
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


def located_conditions(built: Built) -> Iterator[Located]:
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


def check_conditions(built: Built, ctx: Context) -> bool:
    """Every name is a question, every value one of its options, every comparison fits."""
    sound = True
    for item in located_conditions(built):
        for error in check_condition(
            item.condition, built.questionnaire.questions, built.broken_questions
        ):
            ctx.problems.error(ctx.source.inside(item.path, error.offset), error.message)
            sound = False
    return sound


def check_order(built: Built, ctx: Context) -> bool:
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
                f'the show_if of {item.owner} uses "{qid}", which is asked '
                f"{where}; a show_if can only use answers from earlier pages, so move "
                f'"{qid}" to an earlier page',
            )
            sound = False
    return sound


def check_references(built: Built, ctx: Context) -> bool:
    """Tiers named by red flags and guidance exist; safe_when_hidden names read questions."""
    q, paths = built.questionnaire, built.paths
    tier_ids = list(q.tier_by_id)
    for flag in q.red_flags:
        path = paths[("red flag", flag.id)]
        if flag.tier not in q.tier_by_id:
            ctx.error(
                (*path, "tier"),
                f'unknown tier "{flag.tier}"'
                + (did_you_mean(flag.tier, tier_ids) or f"; the tiers are {quoted_list(tier_ids)}"),
            )
        for index, qid in enumerate(flag.safe_when_hidden):
            if qid not in flag.when.questions:
                ctx.error(
                    (*path, "safe_when_hidden", index),
                    f'"{qid}" is not read by this red '
                    f"flag's condition; list only questions it uses "
                    f"({quoted_list(flag.when.questions)})",
                )
    for card in q.guidance:
        for index, tier in enumerate(card.tiers):
            if tier not in q.tier_by_id:
                ctx.error(
                    (*paths[("guidance card", card.id)], "tiers", index),
                    f'unknown tier "{tier}"'
                    + (did_you_mean(tier, tier_ids) or f"; the tiers are {quoted_list(tier_ids)}"),
                )
    return True


def check_promise_references(built: Built, ctx: Context) -> bool:
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
                ctx.error(where, f'unknown {what} "{ident}"' + did_you_mean(ident, choices))
                sound = False
        if promise.kind == "asked_of_everyone" and promise.target in q.questions:
            if q.questions[promise.target].value_kind == "text":
                ctx.error(
                    (*path, promise.kind),
                    f'"{promise.target}" is a free-text question, which is always optional; '
                    "promise only questions people must answer",
                )
                sound = False
    return sound


def check_tier_order(built: Built, ctx: Context) -> bool:
    """Tiers that stop the questionnaire come first: tiers are listed most urgent first."""
    q = built.questionnaire
    for before, tier in zip(q.tiers, q.tiers[1:], strict=False):
        if tier.interrupt and not before.interrupt:
            ctx.error(
                (*built.paths[("tier", tier.id)], "interrupt"),
                f'tier "{tier.id}" stops the questionnaire, so it must come before tier '
                f'"{before.id}", which does not; tiers are listed most urgent first',
                at_key=True,
            )
    return True


def check_red_flag_inputs(built: Built, ctx: Context) -> bool:
    """A red flag may not depend on an answer people are allowed to leave blank."""
    q = built.questionnaire
    for flag in q.red_flags:
        for qid in flag.when.questions:
            question = q.questions.get(qid)
            if question is not None and not question.required and question.value_kind != "text":
                ctx.error(
                    (*built.paths[("red flag", flag.id)], "when"),
                    f'red flag "{flag.id}" reads "{qid}", which people may leave blank '
                    f"(required: false); a blank answer can never raise the flag, so "
                    f'make "{qid}" required',
                )
    return True


def check_session_budget(built: Built, ctx: Context) -> bool:
    """The longest possible answers still fit in the session cookie."""
    q = built.questionnaire
    size = cookie_bytes(worst_case_answers(q))
    if size > SESSION_BUDGET:
        free = [qq for qq in q.questions.values() if qq.value_kind == "text"]
        texts = [f"{qq.id}: {qq.max_length}" for qq in free]
        fix = f"lower max_length on text questions ({', '.join(texts)}) or " if texts else ""
        ctx.error(
            ("pages",),
            f"with every question answered at its longest, the answers need "
            f"{size:,} bytes of the browser's session cookie, more than the "
            f"{SESSION_BUDGET:,} allowed; {fix}ask fewer questions",
            at_key=True,
        )
    return True


def check_arrival_advice(built: Built, ctx: Context) -> bool:
    """Red flags that send people to the ER should say what to tell staff on arrival."""
    q = built.questionnaire
    for flag in q.red_flags:
        tier = q.tier_by_id.get(flag.tier)
        if tier is not None and tier.interrupt and flag.say_on_arrival is None:
            ctx.problems.warning(
                ctx.source.at(built.paths[("red flag", flag.id)]),
                f'red flag "{flag.id}" sends people to the "{tier.id}" tier but '
                "has no say_on_arrival; add what they should tell staff when "
                "they arrive",
            )
    return True


def check_proof(built: Built, ctx: Context) -> bool:
    """The safety proof over every combination of answers (safety.py), at the lines to blame.

    It runs once the file has no other error: a proof about a half-built questionnaire would
    only repeat those errors in other words.
    """
    if ctx.problems.errors:
        return False
    try:
        report = prove(built.questionnaire, ctx.time_limit)
        built.proof = report
    except ProofLimit as exc:
        ctx.error(
            ("red_flags",),
            f"the safety proof could not be finished: {exc}. Split long conditions into "
            "simpler red flags, or give it longer with screener check --time-limit SECONDS",
            at_key=True,
        )
        return False
    except ProofMismatch as exc:  # a bug in the proof, not in the file: say so, refuse it
        ctx.error(
            ("red_flags",),
            f"the safety proof disagrees with the app ({exc}); this is a fault in the "
            "screener, not in your file: please report it with the file attached",
            at_key=True,
        )
        return False
    for finding in report.findings:
        where = ctx.source.at((*built.paths[finding.owner], *finding.field))
        message = finding.message
        if finding.related is not None and finding.related != finding.owner:
            line = ctx.source.at(built.paths[finding.related])[0]
            message += f" (the promise is on line {line})"
        detail = finding.example.scenario() if finding.example is not None else ()
        add = ctx.problems.error if finding.severity == "error" else ctx.problems.warning
        add(where, message, detail)
    return True


Check = Callable[[Built, Context], bool]
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
    check_proof,
    check_session_budget,
    check_arrival_advice,
)


def run_checks(built: Built, ctx: Context, prove: bool = True) -> None:
    """Run every check, the deeper analyses only when the foundations are sound."""
    sound = all([check(built, ctx) for check in FOUNDATION])
    if sound:
        for check in ANALYSIS:
            if prove or check is not check_proof:
                check(built, ctx)
