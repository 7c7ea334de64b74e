"""Sciatica self-screening: a questionnaire engine and the web app that serves it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; nothing runs at import time."""
    from screener import preview, views
    from screener.config import configure
    from screener.i18n import init_i18n
    from screener.limits import init_limits
    from screener.live import init_live
    from screener.resources import shipped
    from screener.security import init_security
    from screener.session import EncryptedSessionInterface
    from screener.templating import init_templating

    app = Flask(
        __name__,
        template_folder=str(shipped("templates")),
        static_folder=str(shipped("static")),
        instance_path=os.environ.get("SCREENER_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    configure(app, test_config)
    init_live(app)  # first: while the file is broken, its error page is all there is
    app.session_interface = EncryptedSessionInterface()
    init_i18n(app)
    init_security(app)
    init_limits(app)
    init_templating(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(preview.bp)

    return app
