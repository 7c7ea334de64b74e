"""What templates can use: the questionnaire, its texts in the page's language, the macros.

Helpers are Jinja globals that look the language up when called, so imported macro files
need no context and Jinja can cache them (an import "with context" is rebuilt per render).
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from markupsafe import Markup

from screener.web.csrf import page_token
from screener.web.i18n import NATIVE_NAMES, current_language, languages
from screener.web.links import link
from screener.web.page_texts import as_html
from screener.web.reloading import current_questionnaire, pinned_questionnaire


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
        return as_html(text(value))

    env.globals.update(
        link=link,
        t=text,
        md=markdown,
        # Made only when a page prints it: a saved answer redirects and never needs one.
        csrf_token=page_token,
        native_names=NATIVE_NAMES,
    )

    @app.context_processor
    def page_context() -> dict[str, Any]:
        questionnaire = pinned_questionnaire()
        if questionnaire is None:  # the author error page
            return {"lang": "en"}
        language = current_language()

        def text_here(value: Any) -> str:
            """`t`, for this page's questionnaire and language, looked up once per page."""
            return questionnaire.text(value, language) if value else ""

        def markdown_here(value: Any) -> Markup:
            """`md`, likewise."""
            return as_html(questionnaire.text(value, language)) if value else Markup("")

        return {
            "q": questionnaire,
            "lang": language,
            "languages": languages(questionnaire),
            "t": text_here,
            "md": markdown_here,
        }
