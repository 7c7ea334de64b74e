"""What templates can use: the questionnaire, its texts in the page's language, the macros.

`t` and `md` come with each page's context, bound to its questionnaire and language once per
page. The macro file is imported without context, so Jinja caches it (an import "with
context" is rebuilt per render): its macros take the texts they print as arguments, and use
only globals (`link`, `csrf_token`, `_`).
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from markupsafe import Markup

from screener.web.csrf import page_token
from screener.web.i18n import NATIVE_NAMES, current_language, languages
from screener.web.links import link
from screener.web.page_texts import as_html
from screener.web.reloading import pinned_questionnaire


def init_templating(app: Flask) -> None:
    """Register the template helpers for this app's questionnaire."""
    env = app.jinja_env
    env.trim_blocks = True
    env.lstrip_blocks = True

    env.globals.update(
        link=link,
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

        def text(value: Any) -> str:
            """A questionnaire text in the page's language, placeholders filled."""
            return questionnaire.text(value, language) if value else ""

        def markdown(value: Any) -> Markup:
            """A Markdown text in the page's language, as safe HTML (all input is escaped)."""
            return as_html(questionnaire.text(value, language)) if value else Markup("")

        return {
            "q": questionnaire,
            "lang": language,
            "languages": languages(questionnaire),
            "t": text,
            "md": markdown,
        }
