"""The pipeline from a questionnaire file to a checked model: read, check, build, check again.

Every stage records problems instead of stopping, so the author sees them all at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.build import build
from screener.checks import run_checks
from screener.format import QUESTIONNAIRE, SUPPORTED_LANGUAGES
from screener.model import Questionnaire
from screener.problems import Problem, Problems, QuestionnaireError
from screener.source import MAX_BYTES, Source, parse_source, read_source
from screener.spec import Context


@dataclass(frozen=True)
class Report:
    """The outcome of checking a file: the model when usable, and every problem."""

    questionnaire: Questionnaire | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return self.questionnaire is not None and not any(
            p.severity == "error" for p in self.problems
        )


def check_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Report:
    """Read and check a questionnaire file."""
    problems = Problems(str(path))
    with _collector_paused():
        return _finish(read_source(path, problems, max_bytes), problems)


def check_text(text: str, path: str = "questions.yaml") -> Report:
    """Check questionnaire YAML given as text (tests, previews)."""
    problems = Problems(path)
    with _collector_paused():
        return _finish(parse_source(text, path, problems), problems)


def load_questionnaire(path: str | Path) -> Questionnaire:
    """The checked questionnaire; raises QuestionnaireError listing every error."""
    report = check_file(path)
    if not report.ok or report.questionnaire is None:
        raise QuestionnaireError([p for p in report.problems if p.severity == "error"])
    return report.questionnaire


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the model.

    Loading allocates many small objects and no reference cycles; without this pause the
    collector's full passes make load time grow faster than the file (measured in
    benchmarks/bench_engine.py: 1.23x linear from 500 to 8,000 questions, 1.09x with it).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _finish(source: Source | None, problems: Problems) -> Report:
    if source is None:
        return Report(None, problems.sorted())
    if source.data is None:
        problems.error(
            (1, 1),
            "the file is empty; a questionnaire starts with a meta: section "
            "(see docs/authoring.md for a complete example)",
        )
        return Report(None, problems.sorted())
    if not isinstance(source.data, dict):
        problems.error(
            (1, 1),
            "the file should be a set of sections (meta:, tiers:, pages:, "
            "...), each starting at the beginning of a line, not a list or a text",
        )
        return Report(None, problems.sorted())
    ctx = Context(source, problems, _languages(source.data.get("meta")))
    cleaned = QUESTIONNAIRE.clean(source.data, (), ctx)
    built = build(cleaned, ctx, source.path)
    if built is not None:
        run_checks(built, ctx)
    questionnaire = built.questionnaire if built is not None and not problems.errors else None
    return Report(questionnaire, problems.sorted())


def _languages(meta: Any) -> tuple[str, ...]:
    """The declared languages, default first, read leniently (meta's own check reports errors)."""
    meta = meta if isinstance(meta, dict) else {}
    declared = meta.get("languages")
    languages = (
        [lang for lang in declared if lang in SUPPORTED_LANGUAGES]
        if isinstance(declared, list)
        else []
    )
    languages = languages or ["en"]
    default = meta.get("default_language")
    first = default if default in languages else languages[0]
    return (first, *[lang for lang in languages if lang != first])
