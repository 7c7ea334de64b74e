"""The web app: `create_app()` wires the patient's journey, the preview and their guards."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from screener.paths import shipped
from screener.web import journey
from screener.web.config import configure
from screener.web.download import init_download
from screener.web.errors import init_errors
from screener.web.headers import init_headers
from screener.web.i18n import init_i18n
from screener.web.limits import init_limits
from screener.web.padding import init_padding
from screener.web.preview import init_preview
from screener.web.reloading import init_reloading
from screener.web.safety import session_problems
from screener.web.session import EncryptedSessionInterface
from screener.web.templating import init_templating


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; nothing runs at import time."""
    app = Flask(
        "screener",
        template_folder=str(shipped("templates")),
        static_folder=str(shipped("static")),
        instance_path=os.environ.get("SCREENER_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    configure(app, test_config)
    app.session_interface = EncryptedSessionInterface()
    # The hooks that run before every view, in this order; each may answer the request alone:
    # 1. pin the questionnaire for the whole request (while the file is broken, its error
    #    page is all there is);
    # 2. an expired or unreadable session: the emergency advice its post calls for first,
    #    then the expired page (screener/web/safety.py);
    # 3. the rate limit on posts, which also shows the emergency advice first.
    # Nothing else registers one (a test holds the app to this list).
    init_reloading(app)
    app.before_request(session_problems)
    init_limits(app)
    init_i18n(app)
    init_headers(app)
    init_padding(app)
    init_errors(app)
    init_templating(app)
    app.register_blueprint(journey.bp)
    init_preview(app)
    init_download(app)
    return app
