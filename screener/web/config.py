"""Settings: defaults, then instance/config.py, then SCREENER_* environment variables, then
test overrides. Every setting is listed in the README with its default."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from importlib.util import find_spec
from typing import Any

from flask import Flask
from limits import parse_many

from screener.core.cookie import LONGEST_NAME
from screener.paths import default_questionnaire

DEFAULTS: dict[str, Any] = {
    # Encrypts and authenticates the session cookie; required outside debug and tests.
    "SECRET_KEY": None,
    # Older keys still accepted while a new key rolls out (a JSON list in the environment).
    "SECRET_KEY_FALLBACKS": [],
    "QUESTIONNAIRE": None,  # path; None means questions.yaml here, else the shipped one
    # Re-read the questionnaire when its file changes (always on in debug mode).
    "RELOAD_QUESTIONNAIRE": False,
    # Serve only a questionnaire whose safety content two people have signed off, exactly
    # as it is (screener signoff); on in the shipped deploy files.
    "REQUIRE_SIGNOFF": False,
    # The author's preview is on in debug mode; elsewhere only with this token (see README).
    "PREVIEW_TOKEN": None,
    "PREVIEW_SCENARIOS": None,  # folder of scenarios the preview starts from; None: the default
    "HTTPS": False,  # Secure cookies and HSTS; turn on behind HTTPS
    "SESSION_IDLE_SECONDS": 24 * 3600,  # answers expire after this long without a visit
    # ...and this long after the journey started, however often it is visited, so a copied
    # cookie cannot be kept alive for ever.
    "SESSION_LIFETIME_SECONDS": 24 * 3600,
    "SESSION_COOKIE_NAME": "screener",
    "MAX_CONTENT_LENGTH": 64 * 1024,  # request body limit (413 page above it)
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "MAX_FORM_PARTS": 200,
    # Form posts allowed per client address; generous, so no real patient meets it.
    "RATE_LIMIT": "120 per minute",
    "RATE_LIMIT_STORAGE": "memory://",  # e.g. redis://host:6379 to share counts across hosts
    # How long to wait for a shared store before counting in this worker instead.
    "RATE_LIMIT_STORAGE_TIMEOUT": 0.25,
    "TRUSTED_PROXIES": 0,  # proxies in front of the app whose X-Forwarded-For to believe
    # CSRF tokens live as long as the session; with no Referer sent (Referrer-Policy:
    # no-referrer) the strict HTTPS referrer check would refuse every form.
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_SSL_STRICT": False,
    # Every form message is ours and already translated; WTForms' own catalogue would be
    # loaded from disk on every request for nothing.
    "WTF_I18N_ENABLED": False,
}


class ConfigError(RuntimeError):
    """The app cannot start with this configuration; the message says how to fix it."""


MISSING_SECRET = (
    "SCREENER_SECRET_KEY is not set. The app needs a secret key to encrypt patients' "
    "answers in their browser. Create one with\n"
    "    python -c 'import secrets; print(secrets.token_hex(32))'\n"
    "and start the app with SCREENER_SECRET_KEY=<that value> in its environment. Every "
    "worker and host must share the same key."
)


MIN_SECRET_BYTES = 32
SHORT_SECRET = (
    "{name} is {length} bytes long; it must be at least {minimum}, so that nobody can guess "
    "it and {then}. Create one with\n"
    "    python -c 'import secrets; print(secrets.token_hex(32))'"
)
BAD_RATE_LIMIT = (
    "SCREENER_RATE_LIMIT is {value!r}, which cannot be read as a limit. Write it like "
    "'120 per minute' (or '120/minute', several joined by ';'), with second, minute, hour, "
    "day, month or year; or 'off' to turn the limit off."
)


def configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    """Apply the settings in order and check the ones the app cannot run without."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("SCREENER")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if app.config["QUESTIONNAIRE"] is None:
        app.config["QUESTIONNAIRE"] = str(default_questionnaire())
    if not app.config["SECRET_KEY"]:
        if not (app.debug or app.testing):
            raise ConfigError(MISSING_SECRET)
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # sessions last until restart
    app.config["SECRET_KEY"] = str(app.config["SECRET_KEY"])
    fallbacks = app.config["SECRET_KEY_FALLBACKS"]
    app.config["SECRET_KEY_FALLBACKS"] = [
        str(k) for k in (fallbacks if isinstance(fallbacks, list) else [fallbacks])
    ]
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["HTTPS"])
    _check_secrets(app.config["SECRET_KEY"], app.config["SECRET_KEY_FALLBACKS"])
    _check_preview_token(app.config["PREVIEW_TOKEN"])
    _check_cookie_name(str(app.config["SESSION_COOKIE_NAME"]))
    _check_rate_limit(str(app.config["RATE_LIMIT"]))
    _check_store(str(app.config["RATE_LIMIT_STORAGE"]))


def _check_secrets(key: str, fallbacks: list[str]) -> None:
    """A short key can be guessed, and with it every patient's cookie read."""
    named = [("SCREENER_SECRET_KEY", key)]
    named += [(f"SCREENER_SECRET_KEY_FALLBACKS[{n}]", k) for n, k in enumerate(fallbacks)]
    for name, value in named:
        _check_length(name, value, "read patients' answers")


def _check_preview_token(token: Any) -> None:
    """The preview's token opens it to anyone who knows it: it must not be guessable."""
    if token not in (None, ""):  # unset or empty: the preview is off outside debug
        _check_length("SCREENER_PREVIEW_TOKEN", str(token), "open the author's preview")


def _check_length(name: str, value: str, then: str) -> None:
    """Refuse a secret shorter than MIN_SECRET_BYTES, naming it and what guessing it allows."""
    length = len(value.encode("utf-8"))
    if length < MIN_SECRET_BYTES:
        raise ConfigError(
            SHORT_SECRET.format(name=name, length=length, minimum=MIN_SECRET_BYTES, then=then)
        )


LONG_COOKIE_NAME = (
    "SCREENER_SESSION_COOKIE_NAME is {length} characters long; it may be at most {most}, so "
    "that the cookie holding the answers stays within the 4,096 bytes browsers keep."
)


def _check_cookie_name(name: str) -> None:
    """A long name would leave the answers less room than the questionnaire check allows."""
    if len(name) > LONGEST_NAME:
        raise ConfigError(LONG_COOKIE_NAME.format(length=len(name), most=LONGEST_NAME))


NO_REDIS_CLIENT = (
    "SCREENER_RATE_LIMIT_STORAGE points at Redis ({url}), but the Redis client is not "
    "installed. Install the app with it: pip install 'sciatica-screener[redis]'"
)


def _check_store(url: str) -> None:
    """Say plainly what a Redis store needs, rather than Flask-Limiter's 'prerequisite'."""
    if url.startswith(("redis://", "rediss://", "redis+unix://")) and not find_spec("redis"):
        raise ConfigError(NO_REDIS_CLIENT.format(url=url.split("@")[-1]))


def _check_rate_limit(value: str) -> None:
    """A limit that cannot be read must stop start-up, not quietly mean no limit."""
    if value.strip().lower() == "off":
        return
    try:
        parse_many(value)
    except ValueError:
        raise ConfigError(BAD_RATE_LIMIT.format(value=value)) from None
