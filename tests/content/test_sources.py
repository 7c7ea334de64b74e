"""Every rule rests on a source the repository itself cites (docs/clinical.md, Sources)."""

from __future__ import annotations

import re

from screener.core.model import Questionnaire


def _sources_section(notes: str) -> str:
    found = re.search(r"^## Sources\n(.*?)(?=^## |\Z)", notes, re.M | re.S)
    assert found, 'docs/clinical.md has no "## Sources" section'
    return " ".join(found.group(1).split())


def test_every_source_a_rule_names_is_cited_in_the_clinical_notes(
    shipped: Questionnaire, clinical_notes: str
) -> None:
    cited = _sources_section(clinical_notes)
    named = {
        f"{kind} {item.id}": [s.strip() for s in item.source.split(";") if s.strip()]
        for kind, items in (("red flag", shipped.red_flags), ("card", shipped.guidance))
        for item in items
    }
    missing = {
        owner: [s for s in sources if " ".join(s.split()) not in cited]
        for owner, sources in named.items()
    }
    assert {owner: s for owner, s in missing.items() if s} == {}, (
        "add each source to the Sources section of docs/clinical.md"
    )


def test_the_clinical_notes_cite_nothing_outside_the_repository(clinical_notes: str) -> None:
    # No path that leaves the repository, and no briefs kept beside it.
    assert not re.search(r"(?<![\w.])\.\./|\bshared/", clinical_notes)
