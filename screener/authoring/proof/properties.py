"""The properties every questionnaire must have, in the order `screener check` reports them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from screener.authoring.proof.early_stops import (
    early_stops_keep_the_result,
    stops_rest_on_answers_given,
)
from screener.authoring.proof.findings import Finding, Proof
from screener.authoring.proof.monotonicity import monotonic
from screener.authoring.proof.reachability import (
    hidden_red_flag_questions,
    pages_can_show,
    rules_can_fire,
)
from screener.authoring.proof.self_care import self_care_cards

# Each property yields its findings over a Proof, proven over every combination of answers.
Property = Callable[[Proof], Iterator[Finding]]

PROPERTIES: tuple[Property, ...] = (
    pages_can_show,
    rules_can_fire,
    hidden_red_flag_questions,
    monotonic,
    early_stops_keep_the_result,
    stops_rest_on_answers_given,
    self_care_cards,
)
