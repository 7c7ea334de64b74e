"""The pipeline from a questionnaire file to a checked model: read, check, build, check again.

Every stage records problems instead of stopping, so the author sees them all at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from screener.authoring.assemble import Assembled, build
from screener.authoring.checks import run_checks
from screener.authoring.file_format import QUESTIONNAIRE, SUPPORTED_LANGUAGES
from screener.authoring.problems import Problem, Problems, QuestionnaireError
from screener.authoring.proof.findings import TIME_LIMIT
from screener.authoring.proof.run import ProofReport
from screener.authoring.shapes import Context
from screener.authoring.source import (
    MAX_BYTES,
    NodePath,
    Position,
    Source,
    parse_source,
    read_source,
)
from screener.catalogue import references
from screener.core.model import Questionnaire


@dataclass(frozen=True)
class Locator:
    """Where the parts of a checked file are written, for tools that point at lines."""

    built: Assembled
    source: Source

    def at(self, owner: tuple[str, str] | None, *field: str | int) -> Position:
        """The position of a part (a red flag, a page...) or of one of its keys."""
        base: NodePath = self.built.paths.get(owner, ()) if owner else ()
        return self.source.at((*base, *field))

    def path_of(self, owner: tuple[str, str]) -> NodePath | None:
        """The node path of a part, when the file has it."""
        return self.built.paths.get(owner)


@dataclass(frozen=True)
class Report:
    """The outcome of checking a file: the model when usable, and every problem."""

    questionnaire: Questionnaire | None
    problems: list[Problem]
    locator: Locator | None = None
    proof: ProofReport | None = None  # the safety proof's figures, when it ran

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return self.questionnaire is not None and not any(
            p.severity == "error" for p in self.problems
        )


def check_file(
    path: str | Path,
    max_bytes: int = MAX_BYTES,
    *,
    prove: bool = True,
    time_limit: float | None = TIME_LIMIT,
    signoff: Signoff = "warn",
) -> Report:
    """Read and check a questionnaire file; `prove=False` skips the safety proof, and
    `signoff` says what unsigned safety content is: a warning, an error ("require", for
    servers) or nothing ("skip")."""
    problems = Problems(str(path))
    with _collector_paused():
        source = read_source(path, problems, max_bytes)
        return _finish(source, problems, Options(prove, time_limit, signoff))


def check_text(
    text: str,
    path: str = "questions.yaml",
    *,
    prove: bool = True,
    time_limit: float | None = TIME_LIMIT,
    signoff: Signoff = "skip",
) -> Report:
    """Check questionnaire YAML given as text (tests, previews): by default without sign-off,
    since a text on its own is not a file anyone serves."""
    problems = Problems(path)
    options = Options(prove, time_limit, signoff)
    with _collector_paused():
        return _finish(parse_source(text, path, problems), problems, options)


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


Signoff = Literal["skip", "warn", "require"]


@dataclass(frozen=True)
class Options:
    """How far to check: the proof and its time limit, and what sign-off demands."""

    prove: bool = True
    time_limit: float | None = TIME_LIMIT
    signoff: Signoff = "warn"


def _finish(source: Source | None, problems: Problems, options: Options) -> Report:
    if source is None:
        return Report(None, problems.sorted())
    if source.data is None:
        problems.error((1, 1), references.EMPTY_FILE.say())
        return Report(None, problems.sorted())
    if not isinstance(source.data, dict):
        problems.error((1, 1), references.NOT_SECTIONS.say())
        return Report(None, problems.sorted())
    languages = _languages(source.data.get("meta"))
    limit = options.time_limit if options.prove else None
    ctx = Context(source, problems, languages, limit, options.signoff)
    cleaned = QUESTIONNAIRE.clean(source.data, (), ctx)
    built = build(cleaned, ctx, source.path)
    if built is None:
        return Report(None, problems.sorted())
    proof = run_checks(built, ctx, prove=options.prove)
    questionnaire = built.questionnaire if not problems.errors else None
    return Report(questionnaire, problems.sorted(), Locator(built, source), proof)


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
