"""Values worked out once per questionnaire and kept while it may still be served."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from screener.core.model import Questionnaire

V = TypeVar("V")
# A store: (the questionnaire's identity, a key) -> (that questionnaire, its value).
Store = dict[tuple[int, Hashable], tuple[Questionnaire, V]]


def kept(
    store: Store[V],
    questionnaire: Questionnaire,
    key: Hashable,
    make: Callable[[Questionnaire], V],
    most: int,
) -> V:
    """`make(questionnaire)` for this questionnaire and key, made once and kept.

    Questionnaires are told apart by identity (a reload is a new object); each entry holds
    its questionnaire, so the identity stays unique while it is kept. Values of at most
    `most` questionnaires are kept: the served one, and older ones still finishing requests
    across a reload."""
    found = store.get((id(questionnaire), key))
    if found is None:
        if len({k[0] for k in store} | {id(questionnaire)}) > most:
            store.clear()
        found = store[(id(questionnaire), key)] = (questionnaire, make(questionnaire))
    return found[1]
