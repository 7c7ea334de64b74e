"""The safety proof that `screener check` runs: every property, then every promise."""

from __future__ import annotations

import time
from dataclasses import dataclass

from screener.authoring.proof.findings import TIME_LIMIT, Finding, Proof
from screener.authoring.proof.promises import prove_promises
from screener.authoring.proof.properties import PROPERTIES
from screener.authoring.proof.space import out_of_memory
from screener.core.model import Questionnaire


@dataclass(frozen=True)
class ProofReport:
    """What the proof found, over how many combinations of answers, in how long."""

    findings: list[Finding]
    combinations: int
    seconds: float


def prove(questionnaire: Questionnaire, time_limit: float | None = TIME_LIMIT) -> ProofReport:
    """Every finding over every combination of answers (none when the questionnaire is safe).

    Raises space.ProofLimit when the proof cannot finish within the limits.
    """
    started = time.monotonic()
    try:
        proof = Proof(questionnaire, time_limit)
        findings = [f for prove_property in PROPERTIES for f in prove_property(proof)]
        findings += prove_promises(proof)
        slots = [view.slot for view in proof.outcomes.views.values()]
        combinations = proof.space.count(proof.domain, slots)
    except ValueError as error:
        limit = out_of_memory(error)
        if limit is None:
            raise
    else:
        return ProofReport(findings, combinations, time.monotonic() - started)
    raise limit
