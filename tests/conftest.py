"""Fixtures for every test; the helpers they use live in support.py."""

from __future__ import annotations

import itertools
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support import FIXTURE, FIXTURE_SCENARIOS, MINIMAL, ROOT, SECRET, Patient, build

from screener.authoring.loader import Report
from screener.core.model import Questionnaire
from screener.web import reloading


def pytest_addoption(parser: pytest.Parser) -> None:
    """Which questionnaire and scenarios the content tests (tests/content) check."""
    group = parser.getgroup("screener content")
    group.addoption(
        "--questionnaire",
        default=str(ROOT / "questions.yaml"),
        help="the questionnaire tests/content checks [default: questions.yaml]",
    )
    group.addoption(
        "--scenarios",
        default=str(ROOT / "scenarios"),
        help="its scenario files [default: scenarios/]",
    )


@pytest.fixture(autouse=True, scope="session")
def _each_file_checked_once() -> Iterator[None]:
    """Apps under test share the check of a file whose bytes they have seen before.

    Each app would otherwise run the whole check and safety proof of questions.yaml again;
    keyed by the file's bytes, an edited or broken file is still checked for real.
    """
    real = reloading.check_file
    seen: dict[tuple[str, bytes], Report] = {}

    def check_once(path: str | Path, **options: Any) -> Report:
        try:
            key = (f"{Path(path).resolve()} {sorted(options.items())}", Path(path).read_bytes())
        except OSError:
            return real(path, **options)
        if key not in seen:
            seen[key] = real(path, **options)
        return seen[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reloading, "check_file", check_once)
        yield


@pytest.fixture
def racing_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof's clock moves a whole second each time it is read, so any time limit runs
    out during the proof, however fast or busy the machine: no test times the machine."""
    from screener.authoring.proof import space

    ticks = itertools.count()
    clock = types.SimpleNamespace(monotonic=lambda: float(next(ticks)))
    monkeypatch.setattr(space, "time", clock)


@pytest.fixture
def minimal() -> Questionnaire:
    """The minimal questionnaire, built."""
    return build(MINIMAL)


@pytest.fixture(scope="session")
def fixture_questionnaire() -> Questionnaire:
    """The questionnaire the engineering tests run on (tests/fixtures)."""
    from screener.authoring.loader import load_questionnaire

    return load_questionnaire(FIXTURE)


@pytest.fixture
def app_config() -> dict[str, object]:
    """Settings for the app under test; CSRF protection stays on, as in production."""
    return {
        "TESTING": True,
        "SECRET_KEY": SECRET,
        "QUESTIONNAIRE": str(FIXTURE),
        "PREVIEW_SCENARIOS": str(FIXTURE_SCENARIOS),
    }


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
