"""Sciatica self-screening: a questionnaire engine and the web app that serves it.

Layers, each a subpackage (docs/architecture.md): `core` (the pure engine), `authoring`
(reading and proving `questions.yaml`), `tools` (the command line) and `web` (the Flask app).
Importing this package loads none of them, so the core stays usable without Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app (for `flask --app screener` and `gunicorn 'screener:create_app()'`)."""
    from screener.web.app import create_app as build

    return build(test_config)
