"""Fixtures for every test; the helpers they use live in support.py."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support import MINIMAL, ROOT, SECRET, Patient, build

from screener.core.model import Questionnaire


@pytest.fixture
def minimal() -> Questionnaire:
    """The minimal questionnaire, built."""
    return build(MINIMAL)


@pytest.fixture(scope="session")
def shipped() -> Questionnaire:
    """The real questions.yaml."""
    from screener.authoring.loader import load_questionnaire

    return load_questionnaire(ROOT / "questions.yaml")


@pytest.fixture
def app_config() -> dict[str, object]:
    """Settings for the app under test; CSRF protection stays on, as in production."""
    return {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(ROOT / "questions.yaml")}


@pytest.fixture
def app(app_config: dict[str, object]) -> Flask:
    from screener import create_app

    return create_app(app_config)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def patient(client: FlaskClient) -> Patient:
    return Patient(client)
