"""What templates can use: the questionnaire, its texts in the page's language, the macros.

Helpers are Jinja globals that look the language up when called, so imported macro files
need no context and Jinja can cache them (an import "with context" is rebuilt per render).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import Flask
from markupsafe import Markup

from screener.core.markdown import render_markdown
from screener.web.forms import field_family, field_for
from screener.web.i18n import NATIVE_NAMES, current_language, languages
from screener.web.pages import default_person
from screener.web.reloading import current_questionnaire, pinned_questionnaire
from screener.web.stencils import Stencils


@lru_cache(maxsize=1024)
def _rendered(text: str) -> str:
    return render_markdown(text)


def mid_sentence(text: str) -> str:
    """A label as it reads inside a sentence: "No pain" becomes "no pain" ("ER" stays)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def init_templating(app: Flask) -> None:
    """Register the template helpers for this app's questionnaire."""
    env = app.jinja_env
    env.trim_blocks = True
    env.lstrip_blocks = True

    def text(value: Any) -> str:
        """A questionnaire text in the page's language, placeholders filled."""
        return current_questionnaire().text(value, current_language()) if value else ""

    def markdown(value: Any) -> Markup:
        """A Markdown text in the page's language, as safe HTML (all input is escaped)."""
        return Markup(_rendered(text(value)))  # noqa: S704

    env.globals.update(
        t=text,
        md=markdown,
        field_family=field_family,
        field_for=field_for,
        native_names=NATIVE_NAMES,
    )
    env.filters["mid_sentence"] = mid_sentence
    app.extensions["stencils"] = Stencils()

    @app.context_processor
    def page_context() -> dict[str, Any]:
        questionnaire = pinned_questionnaire()
        # Pages that are not stencils still show the person's notices through `you`.
        if questionnaire is None:
            return {"lang": "en", "you": default_person()}
        return {
            "q": questionnaire,
            "lang": current_language(),
            "languages": languages(questionnaire),
            "you": default_person(),
        }
