"""Checks that search answer combinations: pages and rules that no answers can reach, and
red flags that read questions some answers hide. They evaluate conditions, so they run only
once every condition is known to be well typed (see checks.run_checks).
"""

from __future__ import annotations

from itertools import islice

from screener.analysis import Assignment, Search
from screener.build import Built
from screener.questiontypes import describe_answer
from screener.spec import Context


def check_reachable(built: Built, ctx: Context) -> bool:
    """Every page and question can be shown by some answers."""
    q = built.questionnaire
    for page in q.pages:
        conditional = [qq for qq in page.questions if qq.show_if is not None]
        if not page.questions:
            continue  # its questions are broken and already reported
        if page.show_if is None and len(conditional) < len(page.questions):
            continue  # shown to everyone
        targets = [qq.id for qq in page.questions]
        search = built.space.search(targets)
        wanted, ever = set(targets), set[str]()
        for answers in search:
            ever |= built.space.shown(answers, search) & wanted
            if ever == wanted:
                break
        path = built.paths[("page", page.id)]
        if not ever:
            ctx.error(
                (*path, "show_if") if page.show_if else path, _never(f'page "{page.id}"', search)
            )
            continue
        for question in conditional:
            if question.id not in ever:
                ctx.error(
                    (*built.paths[("question", question.id)], "show_if"),
                    _never(f'question "{question.id}"', search),
                )
    return True


def _never(what: str, search: Search) -> str:
    how = "" if search.exhaustive else f" in {search.limit:,} sampled combinations"
    return (
        f"no answers can show {what}{how}: its show_if can never be true given the "
        "answers on earlier pages; check the condition"
    )


def check_rules_can_fire(built: Built, ctx: Context) -> bool:
    """Every red flag and guidance card can be raised by some answers people can give."""
    q = built.questionnaire
    rules = [("red flag", flag.id, flag.when) for flag in q.red_flags] + [
        ("guidance card", card.id, card.when) for card in q.guidance if card.when is not None
    ]
    for kind, ident, condition in rules:
        if set(condition.questions) & built.broken_questions:
            continue  # it reads a question that is broken and already reported
        search = built.space.search([], extra=[condition])
        if not any(
            condition.test(
                {k: v for k, v in answers.items() if k in built.space.shown(answers, search)}
            )
            for answers in search
        ):
            how = "" if search.exhaustive else f" in {search.limit:,} sampled combinations"
            ctx.error(
                (*built.paths[(kind, ident)], "when"),
                f'no answers can raise {kind} "{ident}"{how}: its condition can never be '
                "true for answers people can give; check the condition",
            )
    return True


def check_hidden_red_flags(built: Built, ctx: Context) -> bool:
    """Warn when a red flag reads a question that some answers hide."""
    q = built.questionnaire
    for flag in q.red_flags:
        for qid in flag.when.questions:
            question = q.questions.get(qid)
            if question is None or qid in flag.safe_when_hidden:
                continue
            page = q.page_by_id[question.page]
            if page.show_if is None and question.show_if is None:
                continue
            search = built.space.search([qid])
            hiding = list(
                islice((a for a in search if qid not in built.space.shown(a, search)), 50)
            )
            if not hiding:
                continue
            examples = "; or ".join(
                list(dict.fromkeys(_describe(built, a, qid) for a in hiding))[:3]
            )
            ctx.problems.warning(
                ctx.source.at((*built.paths[("red flag", flag.id)], "when")),
                f'red flag "{flag.id}" reads "{qid}", which is not asked when '
                f"{examples}; with those answers this flag cannot fire. Ask "
                f'"{qid}" of everyone, or, once a clinician confirms the hiding '
                f'is safe, add "{qid}" to this flag\'s safe_when_hidden',
            )
    return True


def _describe(built: Built, answers: Assignment, hidden: str) -> str:
    """'legs is "none"' for the answers that decide whether `hidden` is shown."""
    q = built.questionnaire
    question = q.questions[hidden]
    page = q.page_by_id[question.page]
    deciding = dict.fromkeys(
        [
            *(page.show_if.questions if page.show_if else ()),
            *(question.show_if.questions if question.show_if else ()),
        ]
    )
    parts = []
    for qid in deciding:
        value = answers.get(qid)
        parts.append(
            f"{qid} is unanswered"
            if value is None
            else f'{qid} is "{describe_answer(q.questions[qid], value)}"'
        )
    return " and ".join(parts)
