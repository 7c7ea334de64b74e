"""The questionnaire an app serves, re-read on save when asked, with an author error page.

A broken file stops start-up with every problem listed (outside debug mode). With reloading
on, each request first checks the file's modification time and reloads it when it changed.
In debug mode, while the file has errors, every page is the author error page (it goes away
by itself on the next good save). Outside debug mode patients never see that page: a broken
save is logged with every problem and the last good questionnaire goes on being served.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, jsonify, render_template, request

from screener.authoring.loader import check_file
from screener.authoring.problems import Problem, QuestionnaireError
from screener.core.model import Questionnaire

log = logging.getLogger(__name__)


@dataclass
class ServedQuestionnaire:
    """The current questionnaire, or the problems that stop it loading."""

    path: Path
    watch: bool
    keep_last_good: bool = False  # outside debug: a broken save never replaces a good file
    require_signoff: bool = False  # unsigned safety content is an error, not a warning
    questionnaire: Questionnaire | None = None
    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        self.load()

    def load(self) -> None:
        """Read and check the file; keep the model, or every error."""
        self.stamp = self._stamp()
        report = check_file(self.path, signoff="require" if self.require_signoff else "warn")
        problems = [p for p in report.problems if p.severity == "error"]
        if problems and self.keep_last_good and self.questionnaire is not None:
            log.error(
                "%s has %d problem(s); still serving version %s:\n%s",
                self.path,
                len(problems),
                self.questionnaire.meta.version,
                "\n".join(str(p) for p in problems),
            )
            return
        self.problems = problems
        self.questionnaire = report.questionnaire if report.ok else None

    def refresh(self) -> None:
        """Reload when the file changed since it was last read (when reloading is on)."""
        if self.watch and self._stamp() != self.stamp:
            self.load()

    def _stamp(self) -> tuple[int, int]:
        try:
            info = self.path.stat()
        except OSError:
            return (0, 0)
        return (info.st_mtime_ns, info.st_size)


def served(app: Flask | None = None) -> ServedQuestionnaire:
    """The questionnaire the app serves (or the problems that stop it)."""
    found: ServedQuestionnaire = (app or current_app).extensions["served_questionnaire"]
    return found


def pinned_questionnaire() -> Questionnaire | None:
    """The questionnaire this request began with, or None while the file is broken.

    The guard pins it first thing in each request, so a reload by another thread halfway
    through never mixes two versions in one page."""
    pinned: Questionnaire | None = g.get("questionnaire")
    return pinned if pinned is not None else served().questionnaire


def current_questionnaire() -> Questionnaire:
    """The questionnaire this request is served from (it is never None past the guard)."""
    questionnaire = pinned_questionnaire()
    assert questionnaire is not None, "the author error page guards every request"
    return questionnaire


@dataclass(frozen=True)
class Quoted:
    """A problem with the lines around it, for the author error page."""

    problem: Problem
    lines: list[tuple[int, str]]
    caret: int


def quoted(problems: list[Problem], path: Path) -> list[Quoted]:
    """Each problem with its line and the lines either side."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        text = []
    return [
        Quoted(
            p,
            [(n, text[n - 1]) for n in range(max(p.line - 1, 1), min(p.line + 1, len(text)) + 1)],
            p.column,
        )
        for p in problems
    ]


def init_reloading(app: Flask) -> ServedQuestionnaire:
    """Load the questionnaire, watch it when asked, and guard requests while it is broken."""
    source = ServedQuestionnaire(
        Path(app.config["QUESTIONNAIRE"]),
        watch=bool(app.debug or app.config["RELOAD_QUESTIONNAIRE"]),
        keep_last_good=not app.debug,
        require_signoff=bool(app.config["REQUIRE_SIGNOFF"]),
    )
    if source.problems and not app.debug:
        raise QuestionnaireError(source.problems)
    app.extensions["served_questionnaire"] = source

    @app.get("/healthz")
    def healthz() -> tuple[Any, int]:
        """For load balancers: 200 while a questionnaire is being served, else 503."""
        q = source.questionnaire
        if q is None:
            return jsonify(status="questionnaire not loaded"), 503
        return jsonify(status="ok", questionnaire=q.meta.id, version=q.meta.version), 200

    @app.before_request
    def guard() -> tuple[str, int] | None:
        source.refresh()
        g.questionnaire = source.questionnaire
        if not source.problems or request.endpoint in ("static", "healthz"):
            return None
        return render_template(
            "errors/author_error.html",
            path=source.path,
            problems=quoted(source.problems, source.path),
        ), 500

    return source
