"""Sciatica self-screening: a questionnaire engine and the web app that serves it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; nothing runs at import time."""
    from markupsafe import Markup

    from screener import views
    from screener.config import configure
    from screener.forms import FIELD_KINDS
    from screener.i18n import NATIVE_NAMES, init_i18n, languages
    from screener.limits import init_limits
    from screener.loader import load_questionnaire
    from screener.markdown import render_markdown
    from screener.resources import shipped
    from screener.security import init_security
    from screener.session import EncryptedSessionInterface

    app = Flask(
        __name__,
        template_folder=str(shipped("templates")),
        static_folder=str(shipped("static")),
        instance_path=os.environ.get("SCREENER_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    configure(app, test_config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    questionnaire = load_questionnaire(app.config["QUESTIONNAIRE"])
    app.extensions["questionnaire"] = questionnaire
    app.session_interface = EncryptedSessionInterface()
    init_i18n(app)
    init_security(app)
    init_limits(app)
    app.register_blueprint(views.bp)

    @app.context_processor
    def helpers() -> dict[str, Any]:
        from flask_babel import get_locale

        language = str(get_locale())

        def text(value: Any) -> str:
            return questionnaire.text(value, language) if value else ""

        def markdown(value: Any) -> Markup:
            return Markup(render_markdown(text(value)))  # noqa: S704 - escapes all input

        return {
            "q": questionnaire,
            "t": text,
            "md": markdown,
            "lang": language,
            "languages": languages(questionnaire),
            "FIELD_KINDS": FIELD_KINDS,
            "native_names": NATIVE_NAMES,
        }

    return app
