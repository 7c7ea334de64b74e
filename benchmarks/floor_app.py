"""The floor: a bare Flask app serving the same page bytes through a Jinja template.

bench_http.py measures the screener against this, on the same gunicorn settings, so the
ratio shows what the screener's own work costs on top of Flask, Jinja and gunicorn.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, redirect
from werkzeug.wrappers import Response


def create_app() -> Flask:
    """Serve each captured page from a template compiled once, like the real app's."""
    app = Flask(__name__)
    app.config["HTTPS"] = False
    folder = Path(os.environ["FLOOR_PAGES"])
    templates = {p.stem: app.jinja_env.from_string(p.read_text()) for p in folder.glob("*.html")}

    @app.get("/<name>")
    def page(name: str) -> str:
        return templates[name].render()

    @app.post("/<name>")
    def answer(name: str) -> Response:
        return redirect(f"/{name}")

    if os.environ.get("FLOOR_HEADERS"):
        # The app's security headers and Vary: Cookie, to see what they cost gunicorn.
        from screener.web.headers import add_headers

        @app.after_request
        def headers(response: Response) -> Response:
            response.vary.add("Cookie")
            return add_headers(response)

    return app
