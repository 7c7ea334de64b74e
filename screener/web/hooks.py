"""What other parts of the app add to the patient's pages, through hooks the journey declares.

The journey never imports the author's preview (an import contract holds it): the preview
fills a hook here when the app is built, and the journey calls whatever is there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import Flask, current_app

from screener.core.model import Questionnaire
from screener.core.triage import Assessment


@dataclass(frozen=True)
class RuleRow:
    """One rule on the result page's preview panel: how it evaluated for these answers."""

    kind: str
    ident: str
    fired: bool
    condition: str
    because: tuple[str, ...]


# The rows of the result page's preview panel, or None when this request may not see it.
RuleEvaluation = Callable[[Questionnaire, Assessment], Sequence[RuleRow] | None]


def _no_panel(questionnaire: Questionnaire, outcome: Assessment) -> Sequence[RuleRow] | None:
    return None


@dataclass
class JourneyHooks:
    """The hooks the journey calls; each does nothing until another part fills it."""

    rule_evaluation: RuleEvaluation = _no_panel


def journey_hooks(app: Flask | None = None) -> JourneyHooks:
    """This app's hooks (made on first use, so an app without a preview has the defaults)."""
    extensions = (app or current_app).extensions
    found: JourneyHooks = extensions.setdefault("journey_hooks", JourneyHooks())
    return found
