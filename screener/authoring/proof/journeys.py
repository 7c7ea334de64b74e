"""Every version of a questionnaire encoded over one shared space, each with its outcomes."""

from __future__ import annotations

from collections.abc import Sequence

from screener.authoring.proof.encodings import encoding
from screener.authoring.proof.layout import encoded_questions, lay_out
from screener.authoring.proof.outcomes import Outcomes
from screener.authoring.proof.readings import red_flag_readings
from screener.authoring.proof.space import Space
from screener.authoring.proof.views import View
from screener.core.model import Questionnaire


def encode(
    space: Space, questionnaires: Sequence[Questionnaire], primed: bool = False
) -> list[Outcomes]:
    """Give every question the versions read one slot of variables, then each its outcomes.

    A question both versions ask the same way shares a slot holding the union of their
    options and ranges, so each combination means the same person to both; each version's
    own domain then rules out answers it does not offer. With `primed`, each slot also gets
    a twin for 'turning an answer on'.
    """
    slots = lay_out(space, questionnaires, primed)
    found = []
    for questionnaire in questionnaires:
        readings = red_flag_readings(questionnaire)
        views = {
            qid: View(
                questionnaire.questions[qid],
                slots[(qid, encoding(questionnaire.questions[qid]).slot_kind)],
                readings[qid],
            )
            for qid in encoded_questions(questionnaire)
        }
        found.append(Outcomes(space, questionnaire, views))
    return found
