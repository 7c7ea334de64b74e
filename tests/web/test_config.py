"""Settings and start-up: the secret key rule, the order of settings, a broken questionnaire."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURE, MINIMAL

from screener.authoring.problems import QuestionnaireError
from screener.web.config import ConfigError


def test_refuses_to_start_without_a_secret_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from screener import create_app

    monkeypatch.setenv("SCREENER_INSTANCE_PATH", str(tmp_path))  # no instance/config.py
    monkeypatch.delenv("SCREENER_SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigError) as caught:
        create_app({"QUESTIONNAIRE": str(FIXTURE)})
    assert "SCREENER_SECRET_KEY is not set" in str(caught.value)
    assert "secrets.token_hex(32)" in str(caught.value)


def test_debug_and_tests_get_a_temporary_key() -> None:
    from screener import create_app

    app = create_app({"TESTING": True, "QUESTIONNAIRE": str(FIXTURE)})
    assert len(app.config["SECRET_KEY"]) == 64


def test_instance_config_then_environment_then_test_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from screener import create_app

    (tmp_path / "config.py").write_text(
        "SECRET_KEY = 'from-instance-key-of-32-bytes-or-more'\nHTTPS = True\n"
    )
    monkeypatch.setenv("SCREENER_INSTANCE_PATH", str(tmp_path))
    app = create_app({"QUESTIONNAIRE": str(FIXTURE)})
    assert (app.config["SECRET_KEY"], app.config["HTTPS"]) == (
        "from-instance-key-of-32-bytes-or-more",
        True,
    )

    monkeypatch.setenv("SCREENER_SECRET_KEY", "from-environment-key-of-32-bytes-or-more")
    monkeypatch.setenv("SCREENER_HTTPS", "true")
    monkeypatch.setenv("SCREENER_SECRET_KEY_FALLBACKS", '["old-key-of-at-least-thirty-two-bytes"]')
    app = create_app({"QUESTIONNAIRE": str(FIXTURE)})
    assert app.config["SECRET_KEY"] == "from-environment-key-of-32-bytes-or-more"
    assert app.config["HTTPS"] is True and app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SECRET_KEY_FALLBACKS"] == ["old-key-of-at-least-thirty-two-bytes"]
    app = create_app({"QUESTIONNAIRE": str(FIXTURE), "HTTPS": False})
    assert app.config["HTTPS"] is False


def test_a_broken_questionnaire_stops_start_up_with_every_problem(tmp_path: Path) -> None:
    from screener import create_app

    path = tmp_path / "q.yaml"
    path.write_text(
        MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"').replace(
            "    title: Legs\n", "    titel: Legs\n"
        )
    )
    with pytest.raises(QuestionnaireError) as caught:
        create_app({"TESTING": True, "QUESTIONNAIRE": str(path)})
    assert [p.message for p in caught.value.problems] == [
        'unknown key "titel" in a page; did you mean "title"? [F015]',
        'unknown question "lgs" in condition; did you mean "legs"? [C018]',
    ]


IMPORT_EVERYTHING = """
import gc, importlib, pkgutil, sys
import screener
assert "flask" not in sys.modules, "importing screener loaded Flask"
for info in pkgutil.walk_packages(screener.__path__, "screener."):
    importlib.import_module(info.name)
from flask import Flask
print(sum(isinstance(o, Flask) for o in gc.get_objects()))
"""


def test_nothing_runs_at_import(tmp_path: Path) -> None:
    # Every module imports with the questionnaire missing, and no app exists afterwards:
    # nothing reads questions.yaml or builds an app until create_app() is called.
    env = {**os.environ, "SCREENER_QUESTIONNAIRE": str(tmp_path / "missing.yaml")}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            {"SECRET_KEY": "a"},
            "SCREENER_SECRET_KEY is 1 bytes long; it must be at least 32, so that nobody can "
            "guess it and read patients' answers.",
        ),
        (
            {"SECRET_KEY": "k" * 32, "SESSION_COOKIE_NAME": "screener-" + "x" * 22},
            "SCREENER_SESSION_COOKIE_NAME is 31 characters long; it may be at most 30, so that "
            "the cookie holding the answers stays within the 4,096 bytes browsers keep.",
        ),
        (
            {"SECRET_KEY": "k" * 32, "SECRET_KEY_FALLBACKS": ["old"]},
            "SCREENER_SECRET_KEY_FALLBACKS[0] is 3 bytes long; it must be at least 32",
        ),
        (
            {"SECRET_KEY": "k" * 32, "RATE_LIMIT": "120 per fortnight"},
            "SCREENER_RATE_LIMIT is '120 per fortnight', which cannot be read as a limit. Write "
            "it like '120 per minute'",
        ),
        ({"SECRET_KEY": "k" * 32, "RATE_LIMIT": ""}, "SCREENER_RATE_LIMIT is '', which cannot"),
    ],
)
def test_settings_that_would_weaken_the_app_stop_start_up(
    settings: dict[str, object], expected: str
) -> None:
    from screener import create_app

    with pytest.raises(ConfigError) as caught:
        create_app({"QUESTIONNAIRE": str(FIXTURE), **settings})
    assert expected in str(caught.value)


@pytest.mark.parametrize("limit", ["off", "OFF", "5/second", "120 per minute; 1000 per day"])
def test_readable_limits_start(limit: str) -> None:
    from screener import create_app

    create_app({"QUESTIONNAIRE": str(FIXTURE), "SECRET_KEY": "k" * 32, "RATE_LIMIT": limit})
